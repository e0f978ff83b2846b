/* render.h: the screen as a pure function of one training step and the UI
 * state.  Renderers take numbers and a rectangle and draw cells into a
 * canvas; nothing here touches the terminal, so the same View always gives
 * the same canvas (rewinding to a step redraws exactly what it showed). */
#ifndef MICROGPT_RENDER_H
#define MICROGPT_RENDER_H

#include "adam.h"
#include "dataset.h"
#include "train.h"
#include "ui_canvas.h"
#include "ui_samples.h"

typedef struct {
    const Dataset *ds;
    const StepInfo *info;   /* the step shown */
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
} View;

/* The whole screen, sized to the canvas: the panels of layout_compute, or the
 * "too small" message; then the overlays. */
void render_screen(Canvas *c, const View *v);

/* The panels, each inside its rectangle. */
void render_status(Canvas *c, Rect r, const View *v);
void render_name(Canvas *c, Rect r, const View *v);
void render_positions(Canvas *c, Rect r, const View *v);
void render_probs(Canvas *c, Rect r, const View *v);
void render_lr(Canvas *c, Rect r, const View *v);
void render_loss(Canvas *c, Rect r, const View *v);
void render_keys(Canvas *c, Rect r);
/* The overlays, centred on the canvas. */
void render_help(Canvas *c);
void render_samples(Canvas *c, const Samples *s, int num_steps);
/* The message shown when the canvas is smaller than need_w x need_h. */
void render_too_small(Canvas *c, int need_w, int need_h);

/* The moving-average window of the loss curve for a run of num_steps. */
int render_avg_window(int num_steps);

#endif
