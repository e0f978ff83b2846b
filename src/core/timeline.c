/* timeline.c: any step of the run on demand, from saved states plus replay.
 *
 * The training state before step s (TrainState: params, Adam m and v, the step
 * index, the generator) determines step s and every later one, bit for bit.
 * States are saved on a grid of FINE_EVERY steps:
 *   - "coarse" states every coarse_every steps (a multiple of FINE_EVERY),
 *     kept for the whole session: they are what makes every step reachable;
 *   - "fine" states on the other grid points, in a small cache (least recently
 *     used evicted), filled whenever a step on the grid is computed, first time
 *     or replayed.
 * Short runs (all grid states within SHORT_BYTES) keep every grid point as a
 * coarse state.  Longer runs space the coarse states so that they grow by at
 * most GROWTH_PER_STEP bytes per step.  Going to step k restores the nearest
 * saved state at or before k (or carries on from the current step when that
 * is at least as close) and replays trainer_step() up to and including k. */
#include "core/timeline.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum {
    FINE_EVERY = 50,            /* the grid: states are saved before steps s % 50 == 0 */
    FINE_MAX = 32,              /* at most this many fine states... */
    GROWTH_PER_STEP = 200       /* coarse states: at most this many bytes per step */
};
#define FINE_BYTES ((size_t)4 << 20)  /* ...and at most about this many bytes of them */
#define SHORT_BYTES ((size_t)4 << 20) /* a run whose whole grid fits here keeps it all */

typedef struct {
    TrainState st;              /* st.step is the step it precedes */
    unsigned long long used;    /* LRU clock of its last use */
} Fine;

struct Timeline {
    Trainer *t;
    int num_steps;
    int cur;                    /* the step t->info describes, -1 before the first */
    int reached;                /* steps computed at least once */
    int coarse_every;           /* a multiple of FINE_EVERY */
    size_t state_bytes;         /* one saved state, struct included */
    TrainState *coarse;         /* coarse[i]: the state before step i * coarse_every */
    int ncoarse;                /* filled */
    int coarse_alloc;           /* [ncoarse, coarse_alloc) have buffers, not yet filled */
    int coarse_cap;
    Fine *fine;                 /* fine_max slots, the first nfine allocated */
    int fine_max, nfine;
    unsigned long long clock;
    double *losses;
    int losses_cap;
};

/* The spacing of coarse states for a run of num_steps with states of S bytes. */
static int coarse_spacing(int num_steps, size_t S)
{
    size_t grid = ((size_t)num_steps + FINE_EVERY - 1) / FINE_EVERY;
    if (num_steps <= 0 || grid <= SHORT_BYTES / S)
        return FINE_EVERY;
    size_t c = (S + GROWTH_PER_STEP - 1) / GROWTH_PER_STEP;
    c = (c + FINE_EVERY - 1) / FINE_EVERY * FINE_EVERY;
    if (c > (size_t)INT_MAX / 2)
        c = (size_t)INT_MAX / 2 / FINE_EVERY * FINE_EVERY;
    return c < FINE_EVERY ? FINE_EVERY : (int)c;
}

Timeline *timeline_new(Trainer *t)
{
    if (t->step != 0 || t->phase != 0)
        return NULL;
    Timeline *tl = calloc(1, sizeof *tl);
    if (!tl)
        return NULL;
    tl->t = t;
    tl->num_steps = t->cfg.adam.num_steps;
    tl->cur = -1;
    tl->state_bytes = sizeof(TrainState) + 3 * t->model.nparams * sizeof(double);
    tl->coarse_every = coarse_spacing(tl->num_steps, tl->state_bytes);
    size_t fmax = FINE_BYTES / tl->state_bytes;
    tl->fine_max = tl->coarse_every == FINE_EVERY ? 0 : fmax > FINE_MAX ? FINE_MAX : fmax < 2 ? 2 : (int)fmax;
    tl->coarse_cap = 16;
    tl->coarse = calloc((size_t)tl->coarse_cap, sizeof *tl->coarse);
    tl->fine = tl->fine_max ? calloc((size_t)tl->fine_max, sizeof *tl->fine) : NULL;
    if (!tl->coarse || (tl->fine_max && !tl->fine) || trainstate_alloc(&tl->coarse[0], t) != 0) {
        timeline_free(tl);
        return NULL;
    }
    tl->coarse_alloc = 1;
    trainer_save(t, &tl->coarse[0]);
    tl->ncoarse = 1;
    return tl;
}

void timeline_free(Timeline *tl)
{
    if (!tl)
        return;
    for (int i = 0; i < tl->coarse_alloc; i++)
        trainstate_free(&tl->coarse[i]);
    for (int i = 0; i < tl->nfine; i++)
        trainstate_free(&tl->fine[i].st);
    free(tl->coarse);
    free(tl->fine);
    free(tl->losses);
    free(tl);
}

int timeline_current(const Timeline *tl) { return tl->cur; }
int timeline_reached(const Timeline *tl) { return tl->reached; }
const double *timeline_losses(const Timeline *tl) { return tl->losses; }

size_t timeline_bytes(const Timeline *tl)
{
    return ((size_t)tl->coarse_alloc + (size_t)tl->nfine) * tl->state_bytes;
}

/* Whether the trainer still stands right after step cur (nobody stepped it). */
static int in_sync(const Timeline *tl)
{
    const Trainer *t = tl->t;
    return t->phase == 0 && t->step == tl->cur + 1 && t->info.step == tl->cur;
}

/* The cached fine state before step s, or NULL. */
static Fine *fine_find(Timeline *tl, int s)
{
    for (int i = 0; i < tl->nfine; i++)
        if (tl->fine[i].st.step == s)
            return &tl->fine[i];
    return NULL;
}

/* Caches the trainer's state (before step t->step) as a fine state: a new
 * slot while there is room, else the least recently used one.  A cache, so
 * running out of memory just means not caching. */
static void fine_save(Timeline *tl)
{
    Fine *f = fine_find(tl, tl->t->step);
    if (!f) {
        if (tl->nfine < tl->fine_max && trainstate_alloc(&tl->fine[tl->nfine].st, tl->t) == 0) {
            f = &tl->fine[tl->nfine++];
        } else if (tl->nfine > 0) {
            f = &tl->fine[0];
            for (int i = 1; i < tl->nfine; i++)
                if (tl->fine[i].used < f->used)
                    f = &tl->fine[i];
        } else {
            return;
        }
        trainer_save(tl->t, &f->st);
    }
    f->used = ++tl->clock;
}

/* Gets everything going to step k may need to keep (the coarse states up to
 * k, the losses up to k) so that the replay itself cannot fail.  0 or -1. */
static int reserve(Timeline *tl, int k)
{
    int need = k / tl->coarse_every + 1;
    if (need > tl->coarse_cap) {
        int cap = tl->coarse_cap;
        while (cap < need)
            cap = cap > INT_MAX / 2 ? need : cap * 2;
        TrainState *c = realloc(tl->coarse, (size_t)cap * sizeof *c);
        if (!c)
            return -1;
        memset(c + tl->coarse_cap, 0, (size_t)(cap - tl->coarse_cap) * sizeof *c);
        tl->coarse = c;
        tl->coarse_cap = cap;
    }
    int first = tl->coarse_alloc;
    while (tl->coarse_alloc < need) {
        if (trainstate_alloc(&tl->coarse[tl->coarse_alloc], tl->t) != 0) {
            while (tl->coarse_alloc > first)
                trainstate_free(&tl->coarse[--tl->coarse_alloc]);
            return -1;
        }
        tl->coarse_alloc++;
    }
    if (k + 1 > tl->losses_cap) {
        int cap = tl->losses_cap ? tl->losses_cap : 256;
        while (cap < k + 1)
            cap = cap > INT_MAX / 2 ? k + 1 : cap * 2;
        if (cap > tl->num_steps)
            cap = tl->num_steps;
        double *l = realloc(tl->losses, (size_t)cap * sizeof *l);
        if (!l) {
            while (tl->coarse_alloc > first)
                trainstate_free(&tl->coarse[--tl->coarse_alloc]);
            return -1;
        }
        tl->losses = l;
        tl->losses_cap = cap;
    }
    return 0;
}

int timeline_goto(Timeline *tl, int k)
{
    if (k < 0 || k >= tl->num_steps)
        return -1;
    int sync = in_sync(tl);
    if (sync && k == tl->cur)
        return 0;
    if (reserve(tl, k) != 0)
        return -1;
    Trainer *t = tl->t;
    /* The nearest saved state at or before k: a coarse one, or a cached fine one. */
    int ci = k / tl->coarse_every;
    if (ci >= tl->ncoarse)
        ci = tl->ncoarse - 1;
    const TrainState *from = &tl->coarse[ci];
    Fine *ff = NULL;
    for (int i = 0; i < tl->nfine; i++)
        if (tl->fine[i].st.step <= k && tl->fine[i].st.step > from->step) {
            ff = &tl->fine[i];
            from = &ff->st;
        }
    if (!(sync && tl->cur < k && tl->cur + 1 >= from->step)) {
        trainer_restore(t, from);
        if (ff)
            ff->used = ++tl->clock;
    }
    /* Replay up to and including k, saving states on the grid as they pass. */
    while (t->step <= k) {
        int s = t->step;
        if (s % tl->coarse_every == 0) {
            if (s / tl->coarse_every == tl->ncoarse)
                trainer_save(t, &tl->coarse[tl->ncoarse++]);
        } else if (s % FINE_EVERY == 0) {
            fine_save(tl);
        }
        trainer_step(t);
        if (s == tl->reached)
            tl->losses[tl->reached++] = t->info.loss;
    }
    tl->cur = k;
    return 0;
}
