/* view.h: what the renderers draw: one frame of the session, in three parts.
 *
 * - ViewRun: the run's constants (data, model, schedule).
 * - ViewStep: the data of the step shown (the Timeline computed it whole).
 * - Shown: what is shown of it, resolved in one place (session_shown): the
 *   phase (clamped to the step), the position highlighted, what guess mode
 *   hides, the model's age, the focused and zoomed panel, the overlays.
 *
 * The session fills it (session_view); renderers only read it. */
#ifndef MICROGPT_VIEW_H
#define MICROGPT_VIEW_H

#include <stddef.h>

#include "core/adam.h"
#include "core/dataset.h"
#include "core/losscurve.h"
#include "core/model.h"
#include "core/sample.h"
#include "core/train.h"
#include "session/field.h"
#include "session/form.h"
#include "session/inside.h"
#include "session/names.h"
#include "session/panel.h"
#include "session/phase.h"
#include "session/prompt.h"

typedef struct {
    const Dataset *ds;
    const Model *model;     /* matrix names and sizes */
    const TrainConfig *train;   /* the run's configuration: the lr schedule and its changes */
    const char *variant;    /* "course", "gist": the program the run starts from */
    Variant program;        /* ... as an id (its output: the log line's end, the header) */
    int custom;             /* options changed its training or samples (train_config_is_variant) */
    int num_steps;
    int vocab_size;
    int block_size;
    size_t distinct;        /* distinct names in the data */
    Cuts cuts;              /* names cut at the block size, in the data and the run */
    int live_every;         /* live samples are drawn every this many steps */
    int live_name_bytes;    /* room per live name */
} ViewRun;

typedef struct {
    const StepInfo *info;   /* the step shown */
    const LossCurve *curve; /* the loss of every step reached (the timeline's); the step's
                             * own is info->loss */
    size_t seen;            /* distinct names the steps so far have used */
    char follow_name[64];   /* the parameter followed through Adam ("lm_head[4][0]") */
    AdamTrace follow;       /* ... and what the update did to it (info->follow, or the
                             * parameter d or # chose) */
    const char *live_names; /* LIVE_SLOTS names drawn by the model of live_age, or NULL */
    int live_age;           /* the steps done by the model that drew them */
    const Samples *samples; /* the final samples, when they show; else NULL */
} ViewStep;

typedef struct {
    int running;
    int speed;              /* steps per second; 0: as fast as the core goes */
    double rate;            /* steps per second measured while running (session/rate.h);
                             * 0: none (paused, at the last step, not measured yet) */
    int last;               /* the step shown is the run's last */
    int help;               /* the help overlay */
    int phase_mode;         /* the step phase by phase */
    Phase phase;            /* the phase shown, clamped to the step (step mode: the last) */
    int pos;                /* the position highlighted (the forward phase's, or the
                             * selection in step mode), or -1 */
    int age;                /* steps done by the model shown (the Update phase changes it) */
    int curve_steps;        /* the steps whose loss the curve shows */
    int arc;                /* the arc's stage just jumped to (its sentence shows); -1: none */
    const char *message;    /* what the last key did, for the key line; NULL: none */
    const Prompt *prompt;   /* the `:` prompt, for the key line; NULL: closed */
    const char *count;      /* the digits of a count being typed (137G); NULL: none */
    int probs_scroll;       /* the probabilities scrolled down by this many rows */
    int lesson;             /* a lesson script plays (n and b walk its stops) */
    /* a lesson script's stop, while the screen is the stop's */
    int stop, stops;        /* stop (from 0) of stops; stops 0: no lesson, or away from the stop */
    const char *stop_name;  /* its name, or "" */
    const char *note;       /* its note for the class (in the explanation panel), or NULL */
    /* what guess mode hides now (every renderer obeys it: nothing shows a
     * token, a count or a loss it hides); with guess mode off, or running,
     * nothing is hidden */
    int guess;              /* guess mode is on */
    int hiding;             /* an answer waits to be revealed (r) */
    int hide_from;          /* tokens[0 .. hide_from) are known; the first hidden shows as
                             * '?', the rest not at all (INT_MAX: all known) */
    int positions;          /* the positions that may show (rows, the phase strip):
                             * the step's n, or those up to the one asked */
    int hide_len;           /* the length is hidden: n, the positions and phases in all */
    int hide_loss;          /* the step's loss: the status line, the mean, and the
                             * curve's point and average of this step */
    int hide_next;          /* the name the next step trains on (the Log phase) */
    /* panels */
    int explain;            /* the explanation panel is asked for */
    int live;               /* the live samples are asked for */
    int samples;            /* the final samples: 0 none here (not the last step, not
                             * its Log phase, or --samples 0), 1 hidden, 2 shown */
    int samples_page;       /* the page shown (from 0) ... */
    int samples_more;       /* ... and more pages follow it */
    PanelId inside;         /* the inside panel shown (attention, probe, update), or PANEL_NONE */
    int logits;             /* the probability panel shows the raw scores (logits) too */
    PanelId focus;          /* the focused panel, or PANEL_NONE */
    PanelId explained;      /* the panel the explanation's Why is about: the focus, but at
                             * a lesson's stop with the explanation itself focused, the
                             * stop's */
    PanelId zoomed;         /* the panel zoomed to the whole screen, or PANEL_NONE */
    PanelSet on_screen;     /* the panels on screen, zoom applied */
} Shown;

/* The run the panels compare the shown one with: a --compare twin or a
 * branch (its loss curve, its loss at the step, its final samples). */
typedef struct {
    int runs;               /* runs in the session; 1: nothing to compare */
    char label, other_label;    /* the runs' letters: A the command line's, then B, C, D */
    const char *desc, *other_desc;  /* how each differs ("" for the command line's) */
    const LossCurve *curve; /* the other run's losses (its timeline's), or NULL */
    double loss;            /* its loss at the step shown */
    const Samples *samples; /* its final samples, when the overlay shows them; else NULL */
    int differ_at;          /* then: the steps done when the two runs' sampled names first
                             * differ, -1 never, -3 not known (the search was stopped) */
    /* the other run at the step shown, for the panels that show both runs
     * side by side (Layout.pair): its constants, its step, and what shows of
     * it (the shown run's Shown, the position clamped to its step's n);
     * step.info NULL when there is no other run */
    ViewRun run;
    ViewStep step;
    Shown shown;
} ViewCompare;

enum { VIEW_MAX_RUNS = 4 };

/* What the inside panels show: the run shown's insides (RunInside, computed
 * for the step shown: its attention, its name after the update, the moves;
 * the probed names under three models), the other runs' (the probe panel
 * shows their models at the step shown), and the line editor. */
typedef struct {
    const RunInside *in;    /* the run shown's, when an inside panel (or a parameter
                             * picked for Adam) needs it; else NULL */
    const ProbeName *names; /* the probed names, oldest first */
    int nnames, sel;        /* ... how many, the one shown in detail */
    int runs;               /* runs in the session: the other runs' insides follow */
    char label[VIEW_MAX_RUNS];          /* their letters, the run shown's first */
    const RunInside *run[VIEW_MAX_RUNS];/* ... and insides (run[0] == in) */
    int follow_rank;        /* Adam is followed on the update's (rank + 1)-th biggest move,
                             * or -1 (the trainer's parameter, or a picked one) */
    int editing;            /* the line editor: EDIT_NAME, EDIT_PARAM, or 0 */
    const Field *field;
    const char *error;      /* why its last Enter was refused, or "" */
    char vocab[96];         /* the vocabulary in a few words (the editor says it) */
} ViewInside;

typedef struct {
    ViewRun run;
    ViewStep step;
    Shown shown;
    ViewCompare cmp;
    ViewInside inside;
    const WhatIfForm *form; /* the what-if form, when open; else NULL */
    char side;              /* drawn beside another run's panel (Layout.pair): the run's
                             * letter, which the panel's title names; 0: one run */
    const StepInfo *beside; /* ... and that run's step: the bars of both share one scale */
} View;

#endif
