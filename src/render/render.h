/* render.h: the screen as a pure function of a View (session/view.h: the
 * run's constants, the step's data, what is shown).  Renderers take the
 * view and a rectangle and draw cells into a canvas; nothing here touches
 * the terminal, so the same View always gives the same canvas (rewinding
 * to a step, or going back and forth between the phases of a step, redraws
 * exactly what it showed). */
#ifndef MICROGPT_RENDER_H
#define MICROGPT_RENDER_H

#include "core/sample.h"
#include "render/layout.h"
#include "render/ui_canvas.h"
#include "session/view.h"

/* The whole screen, sized to the canvas: the panels of the layout (computed
 * once per frame by the caller, zoom applied: see render/frame.h), or the
 * "too small" message; then the overlays. */
void render_screen(Canvas *c, const Layout *l, const View *v);

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
/* A line a key opened (the `:` prompt), in the key line's place. */
void render_prompt(Canvas *c, Rect r, const Prompt *p);
/* A one-line text field at (x, y), w cells (the rest of them marked as
 * room to type), with its cursor in reverse video when cursor is set. */
void render_field(Canvas *c, int x, int y, int w, const Field *fd, int cursor);
/* Inside the model (render_inside.c): each head's attention over the
 * positions so far, a probed name under three models, what the step's
 * update did. */
void render_attention(Canvas *c, Rect r, const View *v);
void render_probe(Canvas *c, Rect r, const View *v);
void render_update(Canvas *c, Rect r, const View *v);
/* The help overlay, centred on the canvas. */
void render_help(Canvas *c, const View *v);
/* A long operation's progress, over what the canvas holds: `done` of
 * `total` steps computed on the way to step `target` (0-based), a bar, and
 * what a key or a click does meanwhile, in the box and on the key line
 * (the last row, its hints replaced). */
void render_progress(Canvas *c, int target, int done, int total);
/* The final samples, page `page`, in the right column's top panels (their
 * place in the layout l: the step's own panels stay in view), numbered, in
 * columns, with a footer saying which show and what s does next. */
void render_samples(Canvas *c, const Layout *l, const Samples *s, int num_steps, int page);
/* How many of them a page holds in layout l on canvas c (0: no room). */
int render_samples_per_page(const Canvas *c, const Layout *l, const Samples *s);
/* Two runs' final samples side by side, page v->shown.samples_page, and
 * when their sampled names first differ (v->step.samples and v->cmp); a
 * footer says which show and what s does next.  Beside the loss curve when
 * there is room (its two runs and their difference stay in view: at 80x24
 * over the left column), else in the middle of the screen. */
void render_samples_pair(Canvas *c, const Layout *l, const View *v);
/* How many of each run's names a page of them holds in layout l on canvas c. */
int render_samples_pair_per_page(const Canvas *c, const Layout *l, const View *v);
/* The what-if form (v->form): lr, beta1, beta2, temperature. */
void render_whatif(Canvas *c, const View *v);
/* The line editor (t: a name to probe; #: the parameter Adam follows). */
void render_editor(Canvas *c, const View *v);
/* The message shown when the canvas is smaller than need_w x need_h. */
void render_too_small(Canvas *c, int need_w, int need_h);

#endif
