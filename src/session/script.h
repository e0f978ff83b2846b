/* script.h: a teacher's lesson script: a list of stops a class walks
 * through with n and b, as phases are walked (--lesson FILE; the file's
 * format is app/lesson_file.h's).  A stop says which step to show and how:
 * the phase (or the whole step), the position, a panel to zoom, guess mode,
 * the live samples, the explanation, a panel inside the model (the
 * attention, names probed, what the update did, the raw scores, the
 * parameter Adam is followed on), and a note for the class, shown in the
 * explanation panel.  The session plays it (session_stop).  Pure data and
 * names; no I/O. */
#ifndef MICROGPT_SCRIPT_H
#define MICROGPT_SCRIPT_H

#include "session/inside.h"
#include "session/panel.h"
#include "session/phase.h"

enum { STOP_NAME = 40, SCRIPT_TITLE = 96, SCRIPT_MAX_STOPS = 1000, STOP_NOTE_MAX = 4096 };

typedef struct {
    int line;               /* its [stop] line in the file */
    char name[STOP_NAME];   /* a short name ("sample"), or "" */
    int step;               /* the step, 0-based */
    int phase_mode;         /* phase by phase (else the whole step) ... */
    Phase phase;            /* ... at this phase (a forward one: at its position) */
    int position;           /* the position selected, or -1: the forward phase's, else 0 */
    int position_line;      /* the line that gave it (0: none) */
    PanelId zoom;           /* the panel zoomed, or PANEL_NONE */
    int guess;              /* guess mode: 1 the answer hides until revealed, 2 revealed */
    int arc;                /* the lesson line says the stage of the arc (as 1-6 do) */
    int samples;            /* the final samples show at the last step */
    int live;               /* the live samples */
    int explain;            /* the explanation panel (with the note in it) */
    PanelId inside;         /* the inside panel shown (PANEL_ATTN, _PROBE, _UPDATE) or PANEL_NONE */
    int probe_set;          /* the names below are the ones probed (else the session's stay) */
    int nprobe;
    char probe[INSIDE_NAMES][INSIDE_NAME_BYTES];    /* the first shown in detail */
    int follow_rank;        /* Adam followed on the update's (follow_rank + 1)-th biggest move, */
    long follow_index;      /* or on this parameter; both -1: the trainer's (as --trace) */
    int logits;             /* the raw scores beside the probabilities */
    char *note;             /* for the class, its lines joined by '\n'; NULL: none */
} Stop;

typedef struct {
    char title[SCRIPT_TITLE];   /* the lesson's, or "" */
    int order;              /* the data order it is written for: 0 the file's (as --emma),
                             * 1 shuffled, -1 not said */
    Stop *stops;
    int count;
} Script;

/* Frees the stops and their notes (the script becomes empty). */
void script_free(Script *s);
/* The phase called name ("sample", "forward", "loss", "backward",
 * "update", "log"), into *kind; "step" is the whole step (*kind -1).
 * Returns 0, or -1 for another name. */
int script_phase(const char *name, int *kind);
/* The panel called name ("name", "positions", "probabilities", "phase",
 * "loss", "lr", "live", "explain", and inside the model "attention",
 * "probe", "update"; "none" is PANEL_NONE), into *p.  Returns 0, or -1 for
 * another name. */
int script_panel(const char *name, PanelId *p);
/* The name script_panel takes for p ("attention"), or "?" for no panel's. */
const char *script_panel_name(PanelId p);

#endif
