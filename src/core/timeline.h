/* timeline.h: the steps of a run as a timeline the UI can move along.
 *
 * Going to step k (forwards or backwards) leaves the Trainer exactly as it
 * was right after step k was first computed: `t->info` describes step k and
 * the parameters are those after its update.  Built on saved training states
 * plus replay (the run is deterministic), not on storing every step: memory
 * stays bounded (well under 1 KB per step for long runs).  No curses, no I/O.
 * States are saved before every 50th step; short runs keep them all, longer
 * ones keep them sparser for good (about 200 bytes per step: every 550 steps
 * for the default model) plus a small cache of recently used ones. */
#ifndef MICROGPT_TIMELINE_H
#define MICROGPT_TIMELINE_H

#include <stddef.h>

#include "core/train.h"

typedef struct Timeline Timeline;

/* A timeline over t's run (t->cfg.adam.num_steps steps); t must not have
 * taken a step yet and must outlive the timeline.  NULL when out of memory
 * (or when t has already stepped). */
Timeline *timeline_new(Trainer *t);
void timeline_free(Timeline *tl);

/* Makes step k (0-based, 0 <= k < num_steps) the current one, computing or
 * recomputing what it needs: the nearest saved state at or before k (or the
 * current step, when no farther back) plus replay; the current step again is a
 * no-op.  Returns 0, or -1 when k is out of range or memory runs out (then
 * nothing has changed).  If t was stepped or restored behind the timeline's
 * back, the next call recomputes from a saved state. */
int timeline_goto(Timeline *tl, int k);
/* The current step (0-based), or -1 before the first. */
int timeline_current(const Timeline *tl);
/* How many steps have been computed at least once (the furthest reached). */
int timeline_reached(const Timeline *tl);
/* The loss of every step reached so far: losses[0 .. timeline_reached()). */
const double *timeline_losses(const Timeline *tl);
/* Bytes held by saved states (for tests and the memory budget). */
size_t timeline_bytes(const Timeline *tl);

#endif
