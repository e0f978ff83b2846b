/* timeline.h: the steps of a run as a timeline the UI can move along.
 *
 * Going to step k (forwards or backwards) leaves the Trainer exactly as it
 * was right after step k was first computed: `t->info` describes step k and
 * the parameters are those after its update.  Built on saved training states
 * plus replay (the run is deterministic), not on storing every step.  The
 * saved states stay within a fixed budget (TIMELINE_BUDGET, 64 MB) whatever
 * the number of steps: short runs keep a state before every 50th step; longer
 * ones keep them sparser (about 200 bytes per step: every 550 steps for the
 * default model) plus a small cache of recently used ones, and when the
 * budget is full the kept states are thinned to every other one (twice the
 * spacing).  When one state is bigger than a quarter of the budget, four are
 * kept.  The losses of the steps reached are kept in a LossCurve (at most
 * 640 KB, exact per step up to LOSSCURVE_BUCKETS steps), and the final
 * model, once reached, one copy of the parameters.  No curses, no I/O. */
#ifndef MICROGPT_TIMELINE_H
#define MICROGPT_TIMELINE_H

#include <stddef.h>

#include "core/losscurve.h"
#include "core/train.h"

/* The most the saved states of a timeline hold, in bytes. */
#define TIMELINE_BUDGET ((size_t)64 << 20)

typedef struct Timeline Timeline;

/* A timeline over t's run (t->cfg.adam.num_steps steps); t must not have
 * taken a step yet and must outlive the timeline.  NULL when out of memory
 * (or when t has already stepped). */
Timeline *timeline_new(Trainer *t);
/* The same with a budget other than TIMELINE_BUDGET (for tests). */
Timeline *timeline_new_budget(Trainer *t, size_t budget);
void timeline_free(Timeline *tl);

/* Called between the steps a timeline_seek replays: `done` of `total` steps
 * replayed so far (0 < done < total).  Returning nonzero stops the replay. */
typedef int (*TimelineProgress)(void *ctx, int done, int total);

/* A timeline for `child`, a branch of tl's run from step k (0-based): child
 * trains as tl's trainer before step k (train_config_diverge() >= k) and
 * may differ from step k on.  The branch shares tl's history: it starts
 * with its own copies of tl's saved states at or before step k (those of a
 * budget the same as tl's) and the losses of the steps before k (the curve's
 * whole buckets: every step before k when a bucket is one step; the steps of
 * a bucket that holds step k too it computes again, as steps it reaches),
 * then goes to step k, replaying from the nearest of those states (reporting
 * to `progress`, which may be NULL, as timeline_seek does).  child is a
 * trainer_fork() of tl's trainer (in any state: it is restored) and must
 * outlive the timeline.  NULL when out of memory, when k is not a step of the
 * run or beyond those tl has reached, when child trains otherwise before k,
 * or when progress stopped the replay. */
Timeline *timeline_branch(Timeline *tl, Trainer *child, int k, TimelineProgress progress, void *ctx);

/* Told of every step the first time it is computed, in step order, with the
 * trainer right after it (t->info describes the step): what a front end
 * writes once per step (the UI's --csv rows).  Returning nonzero stops the
 * seek, which then returns TIMELINE_SINK_FAILED, on that step. */
typedef int (*TimelineSink)(void *ctx, const Trainer *t);
enum { TIMELINE_SINK_FAILED = -2 };
/* Sets the sink (NULL: none); steps computed before are not told again. */
void timeline_set_sink(Timeline *tl, TimelineSink sink, void *ctx);


/* Makes step k (0-based, 0 <= k < num_steps) the current one, computing or
 * recomputing what it needs: the nearest saved state at or before k (or the
 * current step, when no farther back) plus replay; the current step again is a
 * no-op.  `progress` (may be NULL) is called with `ctx` between replayed
 * steps.  Returns 0 at k; 1 when progress asked to stop: the current step is
 * then the last one replayed (exact, as any step); -1 when k is out of range
 * (nothing changed) or memory runs out (the current step is then the one
 * before the call or one replayed on the way, exact); TIMELINE_SINK_FAILED
 * when the sink failed (on the step it was told of).  If t was stepped or
 * restored behind the timeline's back, the next call recomputes from a saved
 * state. */
int timeline_seek(Timeline *tl, int k, TimelineProgress progress, void *ctx);
/* timeline_seek without progress: 0, -1 or TIMELINE_SINK_FAILED. */
int timeline_goto(Timeline *tl, int k);
/* Puts the trainer back before step 0 (its state when the timeline began),
 * for what the untrained model draws; the current step is then -1. */
void timeline_rewind_start(Timeline *tl);

/* Called by timeline_retrace for each step it recomputes, between the
 * step's backward and its update: the trainer then holds the step's forward
 * (t->info), its gradients, and its parameters and Adam moments before the
 * update.  Returning nonzero stops after this step. */
typedef int (*TimelineLook)(void *ctx, const Trainer *t);
/* Computes (or recomputes) steps from .. to (0-based; from <= to <
 * num_steps), going on from the current step or a saved state before
 * `from`, calling look for each of them; the timeline then stands at the
 * last one done, exactly as timeline_goto leaves it (recomputing a step
 * gives the same bits).  `progress` (may be NULL) is called with pctx
 * between the steps, as timeline_seek calls it.  Returns
 * 0 at `to`; 1 when look or progress stopped it; -1 when out of range (nothing changed)
 * or out of memory, or TIMELINE_SINK_FAILED (as timeline_seek). */
int timeline_retrace(Timeline *tl, int from, int to, TimelineLook look, void *ctx,
                     TimelineProgress progress, void *pctx);

/* The parameters before the first step (the model of step 1's forward). */
const double *timeline_initial(const Timeline *tl);
/* The parameters after the run's last step, once it has been reached; else
 * NULL. */
const double *timeline_final(const Timeline *tl);
/* The current step (0-based), or -1 before the first. */
int timeline_current(const Timeline *tl);
/* How many steps have been computed at least once (the furthest reached). */
int timeline_reached(const Timeline *tl);
/* The losses of the steps reached so far (core/losscurve.h). */
const LossCurve *timeline_curve(const Timeline *tl);
/* Bytes held by saved states, at most the budget (for tests and make bench). */
size_t timeline_bytes(const Timeline *tl);

#endif
