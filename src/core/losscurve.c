/* losscurve.c: per-bucket losses, within a fixed number of buckets. */
#include "core/losscurve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int losscurve_init(LossCurve *c, int num_steps)
{
    memset(c, 0, sizeof *c);
    c->num_steps = num_steps < 1 ? 1 : num_steps;
    /* the fewest steps per bucket that keep the buckets within the bound,
     * rounded up to a divisor or a multiple of the widest window */
    const int need = (int)(((long long)c->num_steps + LOSSCURVE_BUCKETS - 1) / LOSSCURVE_BUCKETS);
    c->per = need > LOSSCURVE_AVG_MAX ? (need + LOSSCURVE_AVG_MAX - 1) / LOSSCURVE_AVG_MAX * LOSSCURVE_AVG_MAX : need;
    while (LOSSCURVE_AVG_MAX % c->per != 0 && c->per < LOSSCURVE_AVG_MAX)
        c->per++;
    c->nbuckets = (c->num_steps + c->per - 1) / c->per;
    return 0;
}

void losscurve_free(LossCurve *c)
{
    free(c->b);
    memset(c, 0, sizeof *c);
}

int losscurve_avg_window(int num_steps)
{
    int w = num_steps / 25;
    w = w < 5 ? 5 : w > LOSSCURVE_AVG_MAX ? LOSSCURVE_AVG_MAX : w;
    return w < num_steps ? w : num_steps;
}

int losscurve_avg_buckets(const LossCurve *c)
{
    const int wb = losscurve_avg_window(c->num_steps) / c->per;
    return wb > 1 ? wb : 1;
}

int losscurve_avg_steps(const LossCurve *c)
{
    return losscurve_avg_buckets(c) * c->per;
}

int losscurve_first(const LossCurve *c, int i) { return i * c->per; }

int losscurve_last(const LossCurve *c, int i)
{
    long long last = (long long)(i + 1) * c->per - 1;
    return last < c->num_steps - 1 ? (int)last : c->num_steps - 1;
}

int losscurve_bucket(const LossCurve *c, int s) { return s / c->per; }

size_t losscurve_bytes(const LossCurve *c)
{
    return (size_t)c->cap * sizeof *c->b;
}

/* Room for buckets [0, n); the new ones empty.  0 or -1. */
static int reserve(LossCurve *c, int n)
{
    if (n <= c->cap)
        return 0;
    int cap = c->cap ? c->cap : 256;
    while (cap < n)
        cap *= 2;
    if (cap > c->nbuckets)
        cap = c->nbuckets;
    LossBucket *b = realloc(c->b, (size_t)cap * sizeof *b);
    if (!b)
        return -1;
    memset(b + c->cap, 0, (size_t)(cap - c->cap) * sizeof *b);
    c->b = b;
    c->cap = cap;
    return 0;
}

int losscurve_room(LossCurve *c, int step)
{
    return step < 0 || step >= c->num_steps ? 0 : reserve(c, step / c->per + 1);
}

int losscurve_add(LossCurve *c, int step, double loss)
{
    if (step < 0 || step >= c->num_steps)
        return 0;
    const int i = step / c->per;
    if (reserve(c, i + 1) != 0)
        return -1;
    LossBucket *b = &c->b[i];
    b->count++;
    if (isnan(loss)) {
        b->nan++;
    } else if (isinf(loss)) {
        b->inf++;
    } else {
        if (b->finite == 0 || loss < b->min)
            b->min = loss;
        if (b->finite == 0 || loss > b->max)
            b->max = loss;
        b->sum += loss;
        b->finite++;
    }
    if (i + 1 > c->filled)
        c->filled = i + 1;
    return 0;
}

int losscurve_copy_before(LossCurve *dst, const LossCurve *src, int k)
{
    int n = k / src->per;      /* the buckets that end before k */
    if (n > src->filled)
        n = src->filled;
    if (n <= 0)
        return 0;
    if (dst->per != src->per || reserve(dst, n) != 0)
        return -1;
    memcpy(dst->b, src->b, (size_t)n * sizeof *dst->b);
    dst->filled = n;
    return n * src->per;
}
