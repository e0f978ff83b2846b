/* render.h: the screen as a pure function of one training step and the UI
 * state.  Renderers take numbers and a rectangle and draw cells into a
 * canvas; nothing here touches the terminal, so the same View always gives
 * the same canvas (rewinding to a step, or going back and forth between
 * the phases of a step, redraws exactly what it showed). */
#ifndef MICROGPT_RENDER_H
#define MICROGPT_RENDER_H

#include "core/adam.h"
#include "core/dataset.h"
#include "core/model.h"
#include "core/train.h"
#include "render/ui_canvas.h"
#include "core/sample.h"

typedef struct {
    const Dataset *ds;
    const StepInfo *info;   /* the step shown (computed whole by the Timeline) */
    int num_steps;
    AdamConfig adam;        /* the lr schedule */
    int vocab_size;
    int block_size;
    const double *losses;   /* losses[0 .. info->step]: the loss of every step up to this one */
    int sel;                /* the selected position (clamped to the step's n) */
    int running;
    int speed;              /* steps per second; 0: as fast as the core goes */
    int help;               /* the help overlay */
    const Samples *samples; /* non-NULL: the samples overlay (the last step) */
    /* the classroom (all zero: step mode, nothing more shown) */
    int phase_mode;         /* show the step only as far as `phase` */
    int phase;              /* the phase (classroom.h), clamped by the renderers */
    int explain;            /* the explanation panel */
    int live;               /* the live-samples panel */
    const char *live_names; /* LIVE_SLOTS names (classroom.h live_get), or NULL */
    int live_age;           /* the steps done by the model that drew them */
    int live_every;
    int live_name_bytes;
    int guess;              /* guess mode hides position guess_pos's target and what follows */
    int guess_pos;
    int focus;              /* the focused panel (LAY_*; 0: none) */
    int zoom;               /* ... fills the screen */
    size_t seen;            /* distinct names the steps so far have used */
    size_t distinct;        /* distinct names in the data */
    const Model *model;     /* matrix names and sizes, for Backward */
    char follow_name[64];   /* the parameter followed through Adam ("lm_head[4][0]") */
    int lr_panel, loss_panel;   /* set by render_screen: those panels are on screen (else
                                 * the phase panel draws their curve when it has room) */
} View;

/* The layout flags (layout.h LAYF_*) of a view. */
unsigned render_layout_flags(const View *v);

/* The whole screen, sized to the canvas: the panels of the layout, or the
 * "too small" message; then the overlays. */
void render_screen(Canvas *c, const View *v);

/* The panels, each inside its rectangle. */
void render_status(Canvas *c, Rect r, const View *v);
void render_lesson(Canvas *c, Rect r, const View *v);
void render_name(Canvas *c, Rect r, const View *v);
void render_positions(Canvas *c, Rect r, const View *v);
void render_probs(Canvas *c, Rect r, const View *v);
void render_phase(Canvas *c, Rect r, const View *v);
void render_explain(Canvas *c, Rect r, const View *v);
void render_live(Canvas *c, Rect r, const View *v);
void render_lr(Canvas *c, Rect r, const View *v);
void render_loss(Canvas *c, Rect r, const View *v);
void render_keys(Canvas *c, Rect r, const View *v);
/* The overlays, centred on the canvas. */
void render_help(Canvas *c, const View *v);
void render_samples(Canvas *c, const Samples *s, int num_steps);
/* The message shown when the canvas is smaller than need_w x need_h. */
void render_too_small(Canvas *c, int need_w, int need_h);

/* The moving-average window of the loss curve for a run of num_steps. */
int render_avg_window(int num_steps);

/* What the view shows of its step (render_parts.c): the phase (step mode:
 * the last), and from it what has been computed so far. */
int view_phase(const View *v);
/* The position the view highlights (the forward phase's, or the
 * selection), or -1. */
int view_pos(const View *v);
/* Tokens from this index on are hidden by guess mode (INT_MAX: none). */
int view_hide_from(const View *v);

#endif
