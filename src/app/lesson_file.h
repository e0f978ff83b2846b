/* lesson_file.h: a lesson script's file (--lesson FILE), read with inih
 * (app/inifile.h) into a Script (session/script.h).
 *
 *     # The Training Loop
 *     title = The Training Loop
 *     order = file            ; the data as the file has it (step 1: "emma")
 *
 *     [stop]                  ; one section per stop, in order
 *     name = sample           ; a short name (the exported screen's)
 *     step = 1                ; 1-based; by default the stop before's (1 first)
 *     phase = sample          ; sample, forward, loss, backward, update, log;
 *                             ; step (the default): the whole step
 *     position = 0            ; the position: its forward phase, or its row
 *                             ; (by default the forward phase's, else 0)
 *     zoom = phase            ; a panel to zoom (name, positions, probabilities,
 *                             ; phase, loss, lr, live, explain, attention,
 *                             ; probe, update), or none
 *     guess = yes             ; guess mode (yes or no, on or off ...; revealed:
 *                             ; on, the answer shown, as after r)
 *     arc = yes               ; the second line says the arc's stage (as 1-6 do)
 *     samples = no            ; the final samples at the last step (yes)
 *     live = no               ; the live samples
 *     explain = yes           ; the explanation panel (on when there is a note)
 *     inside = attention      ; a panel inside the model in the left column:
 *                             ; attention, probe, update, or none
 *     probe = zoe, emma       ; the names probed (the first in detail), made of
 *                             ; the data's characters; by default the stop
 *                             ; before's (none given yet: the session's stay)
 *     follow = 1              ; Adam followed (the Update phase): the update's
 *                             ; 1st ... 24th biggest move, a parameter
 *                             ; (lm_head[4][0]), or trace (--trace's: the default)
 *     logits = yes            ; the raw scores beside the probabilities
 *     note = Ask the class:   ; for the class, in the explanation panel;
 *     note = what comes next? ; one line each
 *
 * Every error names the file and the line: a malformed line, an unknown
 * name or value, a step past the run's last, a position past the block
 * size (and, by lesson_check_docs once the run has ordered its data, past
 * its step's name), a name probed with a character outside the data's, a parameter the
 * model does not have, a zoom on another inside panel than the one shown, a
 * value given twice in a stop, a note too long. */
#ifndef MICROGPT_LESSON_FILE_H
#define MICROGPT_LESSON_FILE_H

#include <stddef.h>

#include "core/dataset.h"
#include "core/model.h"
#include "session/script.h"

/* The run a lesson is checked against. */
typedef struct {
    int num_steps;
    const Dataset *ds;      /* its names (the characters a name probed may have) */
    const Model *model;     /* its parameters (the one followed) and block size */
} LessonRun;

/* Reads the script at path for the run.  Returns 0, or -1 with a one-line
 * message in err (the script then empty). */
int lesson_load(Script *out, const char *path, const LessonRun *run, char *err, size_t len);

/* Checks each stop's position against the name its step trains on, in the
 * run's data order (ds as the trainer ordered it): a position from 0 to
 * n - 1.  Returns 0, or -1 with a message naming the line. */
int lesson_check_docs(const Script *s, const char *path, const Dataset *ds, int block_size, char *err, size_t len);

#endif
