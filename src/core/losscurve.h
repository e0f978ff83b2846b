/* losscurve.h: the loss of every step reached, in memory that stays bounded
 * whatever the number of steps.
 *
 * The steps are grouped in buckets of `per` consecutive steps: a run of up
 * to LOSSCURVE_BUCKETS steps has a bucket per step (every loss kept exactly),
 * a longer one at most LOSSCURVE_BUCKETS buckets (finer than any screen's
 * columns: a curve needs no more), per the smallest size that allows it and
 * that divides the moving average's widest window (LOSSCURVE_AVG_MAX steps)
 * or is a multiple of it, so that the window is whole buckets: 2, 4, 5, 8,
 * 10, 20, 25, 40, 50, 100, 200, then 400, 600 ... (6,200 at 100,000,000).  A bucket keeps the smallest and the largest finite loss of its
 * steps, their sum (in step order) and count, and how many were NaN or +inf.
 * At most LOSSCURVE_BUCKETS * sizeof(LossBucket) bytes (640 KB), allocated as
 * the steps come.  No I/O. */
#ifndef MICROGPT_LOSSCURVE_H
#define MICROGPT_LOSSCURVE_H

#include <stddef.h>

enum { LOSSCURVE_BUCKETS = 16384, LOSSCURVE_AVG_MAX = 200 };

typedef struct {
    double min, max;        /* of its finite losses (when finite > 0) */
    double sum;             /* of its finite losses, in step order */
    int count;              /* steps added */
    int finite;             /* ... with a finite loss */
    int nan, inf;           /* ... NaN, +inf */
} LossBucket;

typedef struct {
    int num_steps;
    int per;                /* steps per bucket */
    int nbuckets;           /* buckets in the whole run: ceil(num_steps / per) */
    int filled;             /* buckets [0, filled) may hold steps */
    int cap;                /* buckets allocated */
    LossBucket *b;
} LossCurve;

/* An empty curve for a run of num_steps (>= 1) steps.  Returns 0 (nothing is
 * allocated until steps come). */
int losscurve_init(LossCurve *c, int num_steps);
void losscurve_free(LossCurve *c);
/* Makes sure step `step` can be added without allocating: 0, or -1 when out
 * of memory. */
int losscurve_room(LossCurve *c, int step);
/* Adds the loss of step `step` (0-based; each step once).  0, or -1 when out
 * of memory (nothing added). */
int losscurve_add(LossCurve *c, int step, double loss);
/* dst, an empty curve for the same number of steps, gets src's buckets that
 * end before step k, whole (with per 1: every step before k).  Returns the
 * first step it does not hold (k rounded down to a bucket's start: the steps
 * from there on are for dst's owner to add), or -1 when out of memory. */
int losscurve_copy_before(LossCurve *dst, const LossCurve *src, int k);
/* Bucket i's steps: [first, last]. */
int losscurve_first(const LossCurve *c, int i);
int losscurve_last(const LossCurve *c, int i);
/* The bucket holding step s. */
int losscurve_bucket(const LossCurve *c, int s);
/* The moving average's window in steps for a run of num_steps (>= 1):
 * num_steps / 25, from 5 to LOSSCURVE_AVG_MAX, at most num_steps. */
int losscurve_avg_window(int num_steps);
/* The window in c's buckets (at least one: past LOSSCURVE_AVG_MAX *
 * LOSSCURVE_BUCKETS steps, a bucket's own steps) and in steps, whole
 * buckets: losscurve_avg_window's exactly while a bucket is no larger. */
int losscurve_avg_buckets(const LossCurve *c);
int losscurve_avg_steps(const LossCurve *c);
/* Bytes held (for tests and make bench): at most LOSSCURVE_BUCKETS buckets. */
size_t losscurve_bytes(const LossCurve *c);

#endif
