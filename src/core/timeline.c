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
 * most GROWTH_PER_STEP bytes per step.  The budget caps the number of states:
 * fine_max + coarse_max of them.  When a new coarse state is due and
 * coarse_max are held, every other one is dropped (coarse_every doubles) and
 * its buffer reused, so memory never grows past the budget, however far the
 * run goes.  Going to step k restores the nearest saved state at or before k
 * (or carries on from the current step when that is at least as close) and
 * replays trainer_step() up to and including k. */
#include "core/timeline.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum {
    FINE_EVERY = 50,            /* the grid: states are saved before steps s % 50 == 0 */
    FINE_MAX = 32,              /* at most this many fine states... */
    GROWTH_PER_STEP = 200,      /* coarse states: at most this many bytes per step */
    MIN_STATES = 4              /* kept whatever the budget */
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
    int coarse_every;           /* a multiple of FINE_EVERY; doubles when thinned */
    size_t state_bytes;         /* one saved state, struct included */
    TrainState *coarse;         /* coarse[i]: the state before step i * coarse_every */
    int ncoarse;                /* filled */
    int coarse_alloc;           /* [ncoarse, coarse_alloc) have buffers, not filled */
    int coarse_cap;             /* slots in the array */
    int coarse_max;             /* buffers ever held (the budget) */
    Fine *fine;                 /* fine_max slots, the first nfine allocated */
    int fine_max, nfine;
    unsigned long long clock;
    LossCurve curve;            /* the loss of every step reached, in bounded memory */
    TimelineSink sink;          /* told of each step computed for the first time */
    void *sink_ctx;
    double *final;              /* the parameters after the last step, once reached */
};

Timeline *timeline_new(Trainer *t)
{
    return timeline_new_budget(t, TIMELINE_BUDGET);
}

Timeline *timeline_new_budget(Trainer *t, size_t budget)
{
    if (t->step != 0 || t->phase != TRAIN_IDLE)
        return NULL;
    Timeline *tl = calloc(1, sizeof *tl);
    if (!tl)
        return NULL;
    tl->t = t;
    tl->num_steps = t->cfg.adam.num_steps;
    tl->cur = -1;
    losscurve_init(&tl->curve, tl->num_steps);
    const size_t S = sizeof(TrainState) + 3 * t->model.nparams * sizeof(double);
    tl->state_bytes = S;
    size_t total = budget / S < MIN_STATES ? MIN_STATES : budget / S;
    if (total > INT_MAX / 4)
        total = INT_MAX / 4;
    size_t grid = ((size_t)tl->num_steps + FINE_EVERY - 1) / FINE_EVERY;
    size_t short_bytes = budget < SHORT_BYTES ? budget : SHORT_BYTES;
    if (grid <= short_bytes / S) {
        tl->coarse_every = FINE_EVERY;
        tl->fine_max = 0;
    } else {
        size_t c = (S + GROWTH_PER_STEP - 1) / GROWTH_PER_STEP;
        c = (c + FINE_EVERY - 1) / FINE_EVERY * FINE_EVERY;
        if (c > (size_t)tl->num_steps)
            c = ((size_t)tl->num_steps + FINE_EVERY - 1) / FINE_EVERY * FINE_EVERY;
        tl->coarse_every = c < FINE_EVERY ? FINE_EVERY : (int)c;
        size_t f = FINE_BYTES / S;
        f = f > FINE_MAX ? FINE_MAX : f;
        f = f > total / MIN_STATES ? total / MIN_STATES : f;
        tl->fine_max = f < 1 ? 1 : (int)f;
    }
    tl->coarse_max = (int)total - tl->fine_max;
    tl->coarse_cap = tl->coarse_max < 16 ? tl->coarse_max : 16;
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
    losscurve_free(&tl->curve);
    free(tl->final);
    free(tl);
}

/* A copy of a saved state into dst (allocated for t's sizes), or -1. */
static int state_dup(TrainState *dst, const TrainState *src, const Trainer *t)
{
    if (trainstate_alloc(dst, t) != 0)
        return -1;
    const size_t n = t->model.nparams * sizeof(double);
    dst->step = src->step;
    dst->rng = src->rng;
    memcpy(dst->params, src->params, n);
    memcpy(dst->m, src->m, n);
    memcpy(dst->v, src->v, n);
    return 0;
}

Timeline *timeline_branch(Timeline *p, Trainer *child, int k, TimelineProgress progress, void *ctx)
{
    if (k < 0 || k >= p->num_steps || k > p->reached || child->cfg.adam.num_steps != p->num_steps ||
        child->model.nparams != p->t->model.nparams || train_config_diverge(&p->t->cfg, &child->cfg) < k)
        return NULL;
    Timeline *tl = calloc(1, sizeof *tl);
    if (!tl)
        return NULL;
    /* the same grid and budget; the states before k are the parent's */
    tl->t = child;
    tl->num_steps = p->num_steps;
    tl->cur = -1;
    losscurve_init(&tl->curve, tl->num_steps);
    tl->coarse_every = p->coarse_every;
    tl->state_bytes = p->state_bytes;
    tl->coarse_max = p->coarse_max;
    tl->coarse_cap = p->coarse_cap;
    tl->fine_max = p->fine_max;
    tl->coarse = calloc((size_t)tl->coarse_cap, sizeof *tl->coarse);
    tl->fine = tl->fine_max ? calloc((size_t)tl->fine_max, sizeof *tl->fine) : NULL;
    if (!tl->coarse || (tl->fine_max && !tl->fine))
        goto fail;
    /* the losses before k are the parent's: whole buckets (every step when a
     * bucket is one step); the steps of a bucket holding k too are the
     * branch's to compute again (the same values), as steps reached anew */
    tl->reached = losscurve_copy_before(&tl->curve, &p->curve, k);
    if (tl->reached < 0)
        goto fail;
    for (int i = 0; i < p->ncoarse && p->coarse[i].step <= k; i++) {
        if (state_dup(&tl->coarse[i], &p->coarse[i], child) != 0)
            goto fail;
        tl->coarse_alloc = tl->ncoarse = i + 1;
    }
    for (int i = 0; i < p->nfine; i++)
        if (p->fine[i].st.step <= k && state_dup(&tl->fine[tl->nfine].st, &p->fine[i].st, child) == 0)
            tl->fine[tl->nfine++].used = ++tl->clock;
    if (timeline_seek(tl, k, progress, ctx) == 0)
        return tl;
fail:
    timeline_free(tl);
    return NULL;
}

void timeline_set_sink(Timeline *tl, TimelineSink sink, void *ctx)
{
    tl->sink = sink;
    tl->sink_ctx = ctx;
}

void timeline_rewind_start(Timeline *tl)
{
    trainer_restore(tl->t, &tl->coarse[0]);
    tl->cur = -1;
}

int timeline_current(const Timeline *tl) { return tl->cur; }
int timeline_reached(const Timeline *tl) { return tl->reached; }
const LossCurve *timeline_curve(const Timeline *tl) { return &tl->curve; }

size_t timeline_bytes(const Timeline *tl)
{
    return ((size_t)tl->coarse_alloc + (size_t)tl->nfine) * tl->state_bytes;
}

/* Whether the trainer still stands right after step cur (nobody stepped it). */
static int in_sync(const Timeline *tl)
{
    const Trainer *t = tl->t;
    return t->phase == TRAIN_IDLE && t->step == tl->cur + 1 && t->info.step == tl->cur;
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

/* The budget is full: keeps coarse[0], [2], [4] ... as [0], [1], [2] ...
 * (twice the spacing); the dropped states' buffers wait at the end for reuse. */
static void thin(Timeline *tl)
{
    int kept = (tl->ncoarse + 1) / 2;
    for (int i = 1; i < kept; i++) {
        TrainState tmp = tl->coarse[i];
        tl->coarse[i] = tl->coarse[2 * i];
        tl->coarse[2 * i] = tmp;
    }
    tl->ncoarse = kept;
    tl->coarse_every *= 2;
}

/* A buffer for the next coarse state (thin first when the budget is full),
 * or NULL when out of memory. */
static TrainState *coarse_slot(Timeline *tl)
{
    if (tl->ncoarse < tl->coarse_alloc)
        return &tl->coarse[tl->ncoarse];
    if (tl->coarse_alloc == tl->coarse_cap) {
        int cap = tl->coarse_cap * 2 < tl->coarse_max ? tl->coarse_cap * 2 : tl->coarse_max;
        TrainState *c = realloc(tl->coarse, (size_t)cap * sizeof *c);
        if (!c)
            return NULL;
        memset(c + tl->coarse_cap, 0, (size_t)(cap - tl->coarse_cap) * sizeof *c);
        tl->coarse = c;
        tl->coarse_cap = cap;
    }
    if (trainstate_alloc(&tl->coarse[tl->coarse_alloc], tl->t) != 0)
        return NULL;
    return &tl->coarse[tl->coarse_alloc++];
}

/* Whether step s starts a new coarse state (thinning first if the budget is
 * full); 1, 0, or -1 when the buffer for it cannot be had. */
static int coarse_due(Timeline *tl, int s)
{
    if (s % tl->coarse_every != 0 || s / tl->coarse_every != tl->ncoarse)
        return 0;
    if (tl->ncoarse == tl->coarse_max) {
        thin(tl);
        if (s % tl->coarse_every != 0 || s / tl->coarse_every != tl->ncoarse)
            return 0;
    }
    return coarse_slot(tl) ? 1 : -1;
}

/* Keeps the parameters the last step made (a copy of one state's third; not
 * keeping them only means saying "not reached"). */
static void keep_final(Timeline *tl)
{
    const size_t n = tl->t->model.nparams;
    if (!tl->final)
        tl->final = malloc(n * sizeof *tl->final);
    if (tl->final)
        memcpy(tl->final, trainer_params(tl->t), n * sizeof *tl->final);
}

/* Goes to step k (see timeline_seek); with look, steps from `from` on are
 * recomputed (restoring a state at or before `from` when needed) and look is
 * called between each one's backward and update. */
static int seek(Timeline *tl, int k, int from, TimelineProgress progress, void *ctx, TimelineLook look,
                void *lctx)
{
    if (k < 0 || k >= tl->num_steps)
        return -1;
    int sync = in_sync(tl);
    if (sync && k == tl->cur && !look)
        return 0;
    Trainer *t = tl->t;
    /* what must be recomputed: k, or `from` on */
    const int need = look ? from : k;
    /* The nearest saved state at or before `need`: a coarse one, or a cached fine one. */
    int ci = need / tl->coarse_every;
    if (ci >= tl->ncoarse)
        ci = tl->ncoarse - 1;
    const TrainState *saved = &tl->coarse[ci];
    Fine *ff = NULL;
    for (int i = 0; i < tl->nfine; i++)
        if (tl->fine[i].st.step <= need && tl->fine[i].st.step > saved->step) {
            ff = &tl->fine[i];
            saved = &ff->st;
        }
    const int restore = !(sync && tl->cur < need && tl->cur + 1 >= saved->step);
    /* What the first step to replay needs, had before anything changes: then
     * a replay always gets at least that step done. */
    const int s0 = restore ? saved->step : t->step;
    if ((s0 == tl->reached && losscurve_room(&tl->curve, s0) != 0) ||
        (s0 % tl->coarse_every == 0 && s0 / tl->coarse_every == tl->ncoarse &&
         tl->ncoarse == tl->coarse_alloc && tl->ncoarse < tl->coarse_max && !coarse_slot(tl)))
        return -1;
    if (restore) {
        trainer_restore(t, saved);
        if (ff)
            ff->used = ++tl->clock;
    }
    /* Replay up to and including k, saving states on the grid as they pass. */
    const int total = k - t->step + 1;
    int done = 0, rc = 0;
    while (t->step <= k) {
        int s = t->step;
        int due = coarse_due(tl, s);
        if (due < 0 || (s == tl->reached && losscurve_room(&tl->curve, s) != 0)) {
            rc = -1;
            break;
        }
        if (due)
            trainer_save(t, &tl->coarse[tl->ncoarse++]);
        else if (s % FINE_EVERY == 0)
            fine_save(tl);
        int stop = 0;
        if (look && s >= from) {
            trainer_forward(t);
            trainer_backward(t);
            stop = look(lctx, t);
            trainer_update(t);
        } else {
            trainer_step(t);
        }
        tl->cur = s;
        if (s == tl->num_steps - 1)
            keep_final(tl);
        if (s == tl->reached) {
            losscurve_add(&tl->curve, s, t->info.loss);     /* room made above */
            tl->reached++;
            if (tl->sink && tl->sink(tl->sink_ctx, t) != 0) {
                rc = TIMELINE_SINK_FAILED;
                break;
            }
        }
        if (stop) {
            rc = s < k ? 1 : 0;
            break;
        }
        if (++done < total && progress && progress(ctx, done, total)) {
            rc = 1;
            break;
        }
    }
    return rc;
}

int timeline_seek(Timeline *tl, int k, TimelineProgress progress, void *ctx)
{
    return seek(tl, k, k, progress, ctx, NULL, NULL);
}

int timeline_goto(Timeline *tl, int k)
{
    return timeline_seek(tl, k, NULL, NULL);
}

int timeline_retrace(Timeline *tl, int from, int to, TimelineLook look, void *ctx,
                     TimelineProgress progress, void *pctx)
{
    if (from < 0 || from > to || to >= tl->num_steps || !look)
        return -1;
    return seek(tl, to, from, progress, pctx, look, ctx);
}

const double *timeline_initial(const Timeline *tl)
{
    return tl->coarse[0].params;
}

const double *timeline_final(const Timeline *tl)
{
    return tl->final;
}
