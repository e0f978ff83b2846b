/* test_timeline.c: going to any step, forwards or backwards, leaves the
 * trainer exactly as a plain trainer_step() loop left it at that step (every
 * StepInfo field and the parameters, bit for bit); the losses; bounded memory
 * for long runs; no-ops and rejected steps. */
#include "testutil.h"

#include <limits.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/dataset.h"
#include "core/timeline.h"
#include "core/train.h"

/* 48 names over 22 letters (3,936 parameters with the default model). */
static const char names[] =
    "emma\nolivia\nava\nisabella\nsophia\ncharlotte\nmia\namelia\nharper\nevelyn\n"
    "abigail\nemily\nella\nelizabeth\ncamila\nluna\nsofia\navery\nmila\naria\n"
    "scarlett\npenelope\nlayla\nchloe\nvictoria\nmadison\neleanor\ngrace\nnora\nriley\n"
    "zoey\nhannah\nhazel\nlily\nellie\nviolet\nlillian\nzoe\nstella\naurora\n"
    "natalie\nemilia\neverly\nleah\naubrey\nwillow\naddison\nlucy\n";

/* What a plain trainer_step() loop computed at every step. */
typedef struct {
    int steps, V, B;
    size_t np;
    int *n, *tokens;                    /* tokens: [steps][B + 1] */
    size_t *doc, *doc_chars, *updated;
    double *loss, *lr, *gnorm, *pos_loss, *probs, *logits, *grad_norm;
    AdamTrace *follow;
    double *params;                     /* [steps][np] after each step, or NULL */
    uint64_t *phash;                    /* FNV-1a of the parameters after each step */
} Straight;

/* Two copies of one dataset and trainers on them (trainer_init shuffles in place). */
typedef struct {
    Dataset d1, d2;
    Trainer plain, t;
    Straight ref;
} Fixture;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t fnv(const void *p, size_t len)
{
    const unsigned char *b = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static void load(Dataset *ds, const char *path)
{
    char err[DATASET_ERRLEN];
    int rc = path ? dataset_load(ds, path, err) : dataset_parse(ds, names, sizeof names - 1, "names", err);
    if (rc != 0)
        fail_msg("%s", err);
}

/* Trainers with the configuration c. */
static void fixture_init_cfg(Fixture *f, const char *path, const TrainConfig *c)
{
    memset(f, 0, sizeof *f);
    load(&f->d1, path);
    load(&f->d2, path);
    char err[256];
    assert_int_equal(trainer_init(&f->plain, &f->d1, c, err, sizeof err), 0);
    assert_int_equal(trainer_init(&f->t, &f->d2, c, err, sizeof err), 0);
    f->plain.follow = f->t.follow = 1234;
}

/* Trainers for num_steps with the default model (block size `block`). */
static void fixture_init(Fixture *f, const char *path, int num_steps, int block)
{
    TrainConfig c = train_config_default();
    c.adam.num_steps = num_steps;
    c.model.block_size = block;
    fixture_init_cfg(f, path, &c);
}

/* Runs the plain trainer `steps` steps, recording everything (full
 * parameters only when keep_params). */
static void record(Fixture *f, int steps, int keep_params)
{
    Straight *r = &f->ref;
    Trainer *p = &f->plain;
    r->steps = steps;
    r->V = p->model.cfg.vocab_size;
    r->B = p->model.cfg.block_size;
    r->np = p->model.nparams;
    size_t S = (size_t)steps, V = (size_t)r->V, B = (size_t)r->B, nm = (size_t)p->model.nmat;
    r->n = calloc(S, sizeof *r->n);
    r->tokens = calloc(S * (B + 1), sizeof *r->tokens);
    r->doc = calloc(S, sizeof *r->doc);
    r->doc_chars = calloc(S, sizeof *r->doc_chars);
    r->updated = calloc(S, sizeof *r->updated);
    r->loss = calloc(S, sizeof *r->loss);
    r->lr = calloc(S, sizeof *r->lr);
    r->gnorm = calloc(S, sizeof *r->gnorm);
    r->pos_loss = calloc(S * B, sizeof *r->pos_loss);
    r->probs = calloc(S * B * V, sizeof *r->probs);
    r->logits = calloc(S * B * V, sizeof *r->logits);
    r->grad_norm = calloc(S * nm, sizeof *r->grad_norm);
    r->follow = calloc(S, sizeof *r->follow);
    r->phash = calloc(S, sizeof *r->phash);
    r->params = keep_params ? malloc(S * r->np * sizeof *r->params) : NULL;
    assert_true(r->n && r->tokens && r->doc && r->doc_chars && r->updated && r->loss && r->lr &&
                r->gnorm && r->pos_loss && r->probs && r->logits && r->grad_norm && r->follow &&
                r->phash && (r->params || !keep_params));
    for (int s = 0; s < steps; s++) {
        trainer_step(p);
        const StepInfo *in = &p->info;
        size_t n = (size_t)in->n;
        r->n[s] = in->n;
        memcpy(r->tokens + (size_t)s * (B + 1), in->tokens, (n + 1) * sizeof *in->tokens);
        r->doc[s] = in->doc;
        r->doc_chars[s] = in->doc_chars;
        r->updated[s] = in->params_updated;
        r->loss[s] = in->loss;
        r->lr[s] = in->lr_t;
        r->gnorm[s] = in->grad_norm_total;
        memcpy(r->pos_loss + (size_t)s * B, in->pos_loss, n * sizeof *in->pos_loss);
        memcpy(r->probs + (size_t)s * B * V, in->probs, n * V * sizeof *in->probs);
        memcpy(r->logits + (size_t)s * B * V, in->logits, n * V * sizeof *in->logits);
        memcpy(r->grad_norm + (size_t)s * nm, in->grad_norm, nm * sizeof *in->grad_norm);
        r->follow[s] = in->follow;
        r->phash[s] = fnv(trainer_params(p), r->np * sizeof(double));
        if (r->params)
            memcpy(r->params + (size_t)s * r->np, trainer_params(p), r->np * sizeof(double));
    }
}

static void fixture_free(Fixture *f)
{
    Straight *r = &f->ref;
    free(r->n);
    free(r->tokens);
    free(r->doc);
    free(r->doc_chars);
    free(r->updated);
    free(r->loss);
    free(r->lr);
    free(r->gnorm);
    free(r->pos_loss);
    free(r->probs);
    free(r->logits);
    free(r->grad_norm);
    free(r->follow);
    free(r->phash);
    free(r->params);
    trainer_free(&f->plain);
    trainer_free(&f->t);
    dataset_free(&f->d1);
    dataset_free(&f->d2);
}

/* Trainer t stands exactly where the straight run r stood after step k. */
static void check_at(const Straight *r, const Trainer *t, const Timeline *tl, int k)
{
    const StepInfo *in = &t->info;
    size_t V = (size_t)r->V, B = (size_t)r->B, nm = (size_t)t->model.nmat;
    if (in->step != k || t->step != k + 1 || timeline_current(tl) != k)
        fail_msg("at %d: info.step %d, step %d, current %d", k, in->step, t->step, timeline_current(tl));
    assert_int_equal(in->n, r->n[k]);
    size_t n = (size_t)in->n;
    assert_int_equal(in->doc, r->doc[k]);
    assert_int_equal(in->doc_chars, r->doc_chars[k]);
    assert_memory_equal(in->tokens, r->tokens + (size_t)k * (B + 1), (n + 1) * sizeof *in->tokens);
    if (!same_bits(in->loss, r->loss[k]))
        fail_msg("step %d: loss %.17g, straight run %.17g", k, in->loss, r->loss[k]);
    assert_bits_equal(in->lr_t, r->lr[k]);
    assert_bits_equal(in->grad_norm_total, r->gnorm[k]);
    assert_int_equal(in->params_updated, r->updated[k]);
    assert_memory_equal(in->pos_loss, r->pos_loss + (size_t)k * B, n * sizeof *in->pos_loss);
    assert_memory_equal(in->probs, r->probs + (size_t)k * B * V, n * V * sizeof *in->probs);
    assert_memory_equal(in->logits, r->logits + (size_t)k * B * V, n * V * sizeof *in->logits);
    assert_memory_equal(in->grad_norm, r->grad_norm + (size_t)k * nm, nm * sizeof *in->grad_norm);
    assert_memory_equal(&in->follow, &r->follow[k], sizeof in->follow);
    if (r->params)
        assert_memory_equal(trainer_params(t), r->params + (size_t)k * r->np, r->np * sizeof(double));
    if (fnv(trainer_params(t), r->np * sizeof(double)) != r->phash[k])
        fail_msg("step %d: parameters differ from the straight run", k);
}

/* The fixture's trainer stands where its straight run stood after step k. */
static void check_step(const Fixture *f, const Timeline *tl, int k)
{
    check_at(&f->ref, &f->t, tl, k);
}

static void go(const Fixture *f, Timeline *tl, int k)
{
    assert_int_equal(timeline_goto(tl, k), 0);
    check_step(f, tl, k);
}

/* A fixed-seed generator for the jumps (not the trainer's). */
static uint32_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

/* Every step in order, then the losses: as the straight run. */
static void test_forward_and_losses(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 500, 8);
    record(&f, 500, 1);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    assert_int_equal(timeline_current(tl), -1);
    assert_int_equal(timeline_reached(tl), 0);
    for (int k = 0; k < 500; k++) {
        go(&f, tl, k);
        assert_int_equal(timeline_reached(tl), k + 1);
    }
    curve_check(timeline_curve(tl), f.ref.loss, 500);
    /* a short run keeps a state every 50 steps: 10 of them */
    size_t one = timeline_bytes(tl) / 10;
    assert_int_equal(timeline_bytes(tl), 10 * one);
    assert_true(one >= 3 * f.t.model.nparams * sizeof(double));
    timeline_free(tl);
    fixture_free(&f);
}

/* Forward to k, back to j, forward again (one step and far): all as first
 * computed, and the losses do not change on the way back. */
static void test_back_and_forth(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 500, 8);
    record(&f, 500, 1);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    go(&f, tl, 137);                  /* straight there from nothing */
    assert_int_equal(timeline_reached(tl), 138);
    curve_check(timeline_curve(tl), f.ref.loss, 138);
    go(&f, tl, 12);                   /* back */
    go(&f, tl, 13);                   /* forward one */
    go(&f, tl, 137);                  /* forward to where it was */
    go(&f, tl, 100);                  /* back onto a saved state's step */
    go(&f, tl, 99);                   /* the step just before it */
    go(&f, tl, 0);
    go(&f, tl, 1);
    go(&f, tl, 499);                  /* past the furthest reached */
    assert_int_equal(timeline_reached(tl), 500);
    go(&f, tl, 0);
    go(&f, tl, 250);
    go(&f, tl, 249);
    go(&f, tl, 251);
    go(&f, tl, 498);
    go(&f, tl, 499);
    assert_int_equal(timeline_reached(tl), 500);
    curve_check(timeline_curve(tl), f.ref.loss, 500);
    timeline_free(tl);
    fixture_free(&f);
}

/* Going forward from the current step just steps on (nothing restored);
 * going back restores.  Seen through a mark in the generator's unused gauss
 * slot (training never draws, has_gauss is 0), which only a restore resets. */
static void test_forward_just_steps(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 500, 8);
    record(&f, 500, 1);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    go(&f, tl, 140);
    go(&f, tl, 20);                   /* back: now replayed from a saved state */
    assert_int_equal(f.t.rng.has_gauss, 0);
    const double plain = f.t.rng.gauss_next, mark = -777.0;
    f.t.rng.gauss_next = mark;
    go(&f, tl, 21);                   /* one forward */
    assert_bits_equal(f.t.rng.gauss_next, mark);
    go(&f, tl, 48);                   /* on, closer than any saved state */
    assert_bits_equal(f.t.rng.gauss_next, mark);
    go(&f, tl, 49);
    go(&f, tl, 50);
    assert_bits_equal(f.t.rng.gauss_next, mark);
    go(&f, tl, 47);                   /* back: restored */
    assert_bits_equal(f.t.rng.gauss_next, plain);
    f.t.rng.gauss_next = mark;
    go(&f, tl, 120);                  /* far forward: the state before step 100 is closer */
    assert_bits_equal(f.t.rng.gauss_next, plain);
    timeline_free(tl);
    fixture_free(&f);
}

/* Random jumps over a 500-step run, forward while new and anywhere after. */
static void test_random_jumps(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 500, 8);
    record(&f, 500, 1);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    uint64_t seed = 20240601;
    int furthest = -1;
    for (int i = 0; i < 120; i++) {
        int k = (int)(lcg(&seed) % 500);
        go(&f, tl, k);
        if (k > furthest)
            furthest = k;
        assert_int_equal(timeline_reached(tl), furthest + 1);
    }
    assert_int_equal(furthest, 499);
    curve_check(timeline_curve(tl), f.ref.loss, 500);
    timeline_free(tl);
    fixture_free(&f);
}

/* A long run (states every 50 steps would not fit): spaced states plus the
 * bounded cache of recent ones, old ones evicted, still every step exact. */
static void test_long_run_replay(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 100000, 2);  /* block size 2: cheap steps, full-size states */
    const int N = 1700;
    record(&f, N, 0);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    go(&f, tl, N - 1);
    curve_check(timeline_curve(tl), f.ref.loss, N);
    go(&f, tl, 3);                    /* back to the start */
    go(&f, tl, 640);
    go(&f, tl, 10);
    go(&f, tl, 11);
    go(&f, tl, 1699);
    go(&f, tl, 1601);
    go(&f, tl, 50);
    go(&f, tl, 1200);
    uint64_t seed = 7;
    for (int i = 0; i < 40; i++)
        go(&f, tl, (int)(lcg(&seed) % (uint32_t)N));
    go(&f, tl, 999);
    go(&f, tl, 1000);
    assert_int_equal(timeline_reached(tl), N);
    timeline_free(tl);
    fixture_free(&f);
}

/* A 100000-step run on the real data with the default model: after the
 * recent-state cache has filled, saved states grow well under 1 KB per step
 * (losses add 8); the whole run's states stay within a bound. */
static void test_long_run_memory(void **state)
{
    (void)state;
    Dataset ds;
    load(&ds, "data/names.txt");
    TrainConfig c = train_config_default();
    c.adam.num_steps = 100000;
    Trainer t;
    char err[256];
    assert_int_equal(trainer_init(&t, &ds, &c, err, sizeof err), 0);
    assert_int_equal(t.model.nparams, 4064);
    Timeline *tl = timeline_new(&t);
    assert_non_null(tl);
    size_t one = 3 * t.model.nparams * sizeof(double);
    size_t start = timeline_bytes(tl);
    assert_true(start >= one && start < one + 4096);
    double t0 = now();
    assert_int_equal(timeline_goto(tl, 1999), 0);
    size_t b2000 = timeline_bytes(tl);
    /* A mark in the generator's unused gauss slot (training never draws, and
     * has_gauss is 0 so nothing reads it): every state saved from here on
     * carries it, every state saved before does not. */
    assert_int_equal(timeline_goto(tl, 3300), 0);
    assert_int_equal(t.rng.has_gauss, 0);
    const double plain = t.rng.gauss_next, mark = -4242.0;
    t.rng.gauss_next = mark;
    assert_int_equal(timeline_goto(tl, 3999), 0);
    size_t b4000 = timeline_bytes(tl);
    double dt = now() - t0;
    /* A recent step comes from a recent state (the cache), saved after step
     * 3300, not from one saved before (the states kept for good are 550 apart). */
    double r0 = now();
    assert_int_equal(timeline_goto(tl, 3845), 0);
    double rewind = now() - r0;
    assert_int_equal(t.info.step, 3845);
    assert_bits_equal(t.rng.gauss_next, mark);
    print_message("long run: rewind 3999 -> 3845 in %.2f ms\n", rewind * 1e3);
    assert_int_equal(timeline_goto(tl, 100), 0);
    assert_bits_equal(t.rng.gauss_next, plain);
    double per_step = (double)(b4000 - b2000) / 2000.0;
    print_message("long run: %zu bytes after 2000 steps, %zu after 4000: %.0f bytes/step "
                  "(4000 steps in %.2f s)\n", b2000, b4000, per_step, dt);
    assert_true(b4000 > b2000);       /* coarse states keep coming */
    assert_true(per_step + 8.0 < 1024.0);
    assert_true(per_step <= 256.0);
    /* everything held, cache included, after 4000 steps: a few MB, not 80 states */
    assert_true(b4000 < 40 * (one + 4096));
    /* extrapolated to the whole run: states well under 32 MB */
    assert_true((double)b4000 + per_step * (100000 - 4000) < 32.0 * 1024 * 1024);
    /* going back does not grow it (the cache is bounded) */
    assert_int_equal(timeline_goto(tl, 77), 0);
    assert_int_equal(timeline_goto(tl, 2222), 0);
    assert_int_equal(timeline_goto(tl, 1234), 0);
    assert_int_equal(timeline_bytes(tl), b4000);
    assert_int_equal(timeline_reached(tl), 4000);
    timeline_free(tl);
    trainer_free(&t);
    dataset_free(&ds);
}

/* The default session on the real data: rewinding from the last step lands on
 * the right step with the golden losses (its speed is measured by make bench). */
static void test_rewind_time(void **state)
{
    (void)state;
    Dataset ds;
    load(&ds, "data/names.txt");
    TrainConfig c = train_config_default();
    Trainer t;
    char err[256];
    assert_int_equal(trainer_init(&t, &ds, &c, err, sizeof err), 0);
    Timeline *tl = timeline_new(&t);
    assert_non_null(tl);
    assert_int_equal(timeline_goto(tl, 499), 0);
    /* tests/golden/reference-default.tsv: the first and the last step's loss */
    const LossCurve *lc = timeline_curve(tl);
    assert_int_equal(lc->per, 1);       /* a bucket per step: each loss itself */
    assert_bits_equal(lc->b[0].sum, 3.3630094726947277);
    assert_bits_equal(lc->b[499].sum, 2.085911542417134);
    static const int to[] = { 0, 250, 49, 449, 499 };
    for (size_t i = 0; i < sizeof to / sizeof *to; i++) {
        assert_int_equal(timeline_goto(tl, 499), 0);
        assert_int_equal(timeline_goto(tl, to[i]), 0);
        assert_int_equal(t.info.step, to[i]);
        assert_bits_equal(t.info.loss, lc->b[to[i]].sum);
    }
    timeline_free(tl);
    trainer_free(&t);
    dataset_free(&ds);
}

/* Going to the current step again changes nothing (nothing is recomputed). */
static void test_same_step_noop(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 120, 8);
    record(&f, 120, 1);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    go(&f, tl, 77);
    size_t bytes = timeline_bytes(tl);
    /* a mark in the step's logits: a recomputation would overwrite it */
    double keep = f.t.info.logits[0];
    f.t.info.logits[0] = -12345.0;
    assert_int_equal(timeline_goto(tl, 77), 0);
    assert_int_equal(timeline_goto(tl, 77), 0);
    assert_bits_equal(f.t.info.logits[0], -12345.0);
    assert_int_equal(f.t.step, 78);
    assert_int_equal(timeline_bytes(tl), bytes);
    assert_int_equal(timeline_reached(tl), 78);
    f.t.info.logits[0] = keep;
    check_step(&f, tl, 77);
    go(&f, tl, 78);                   /* and the next step still follows */
    timeline_free(tl);
    fixture_free(&f);
}

/* Steps outside 0 .. num_steps-1 are refused and change nothing. */
static void test_out_of_range(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 60, 8);
    record(&f, 60, 1);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    assert_int_equal(timeline_goto(tl, -1), -1);
    assert_int_equal(timeline_goto(tl, 60), -1);
    assert_int_equal(timeline_current(tl), -1);
    assert_int_equal(timeline_reached(tl), 0);
    assert_int_equal(f.t.step, 0);
    go(&f, tl, 42);
    size_t bytes = timeline_bytes(tl);
    static const int bad[] = { -1, -2, 60, 61, 1000, INT_MAX, INT_MIN };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(timeline_goto(tl, bad[i]), -1);
    check_step(&f, tl, 42);           /* the trainer was not touched */
    assert_int_equal(timeline_reached(tl), 43);
    assert_int_equal(timeline_bytes(tl), bytes);
    go(&f, tl, 59);
    go(&f, tl, 0);
    timeline_free(tl);
    fixture_free(&f);
}

/* A trainer that has already stepped cannot start a timeline; one stepped
 * behind the timeline's back is put right by the next goto. */
static void test_trainer_moved_outside(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 100, 8);
    record(&f, 100, 1);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    go(&f, tl, 30);
    trainer_step(&f.t);               /* step 31, unknown to the timeline */
    trainer_forward(&f.t);            /* and half of step 32 */
    trainer_backward(&f.t);
    go(&f, tl, 30);
    go(&f, tl, 31);
    trainer_forward(&f.t);
    trainer_backward(&f.t);           /* gradients left in the tape */
    go(&f, tl, 33);
    go(&f, tl, 34);
    timeline_free(tl);

    Trainer moved;
    Dataset d;
    load(&d, NULL);
    TrainConfig c = train_config_default();
    char err[256];
    assert_int_equal(trainer_init(&moved, &d, &c, err, sizeof err), 0);
    trainer_step(&moved);
    assert_null(timeline_new(&moved));
    trainer_free(&moved);
    dataset_free(&d);
    fixture_free(&f);
}

/* A progress callback that records its calls and stops at call `stop_at`
 * (never when 0). */
typedef struct {
    int calls, last_done, total, stop_at, bad;
} Prog;

static int prog_cb(void *ctx, int done, int total)
{
    Prog *p = ctx;
    p->calls++;
    if (done != p->last_done + 1 || done >= total || (p->total && total != p->total))
        p->bad = 1;
    p->last_done = done;
    p->total = total;
    return p->stop_at && done == p->stop_at;
}

/* Progress is reported between replayed steps; stopping leaves the timeline
 * on the last step replayed, exact, and from there it goes on as ever. */
/* The sink: told of each step once, the first time it is computed, in
 * order, with its own numbers; a failure stops the seek on that step. */
typedef struct {
    int steps[64], n, fail_at;
    double loss[64];
} Sink;

static int sink_cb(void *ctx, const Trainer *t)
{
    Sink *k = ctx;
    if (k->n < 64) {
        k->steps[k->n] = t->info.step;
        k->loss[k->n] = t->info.loss;
    }
    k->n++;
    return t->info.step == k->fail_at;
}

static void test_sink(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 60, 8);
    record(&f, 60, 0);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    Sink k = { .fail_at = 25 };
    timeline_set_sink(tl, sink_cb, &k);
    go(&f, tl, 10);
    go(&f, tl, 3);
    go(&f, tl, 12);
    assert_int_equal(k.n, 13);
    for (int i = 0; i < 13; i++) {
        assert_int_equal(k.steps[i], i);
        assert_memory_equal(&k.loss[i], &f.ref.loss[i], sizeof(double));
    }
    /* a failing sink stops the seek on its step, told once */
    assert_int_equal(timeline_seek(tl, 40, NULL, NULL), TIMELINE_SINK_FAILED);
    check_step(&f, tl, 25);
    assert_int_equal(k.n, 26);
    go(&f, tl, 30);
    assert_int_equal(k.n, 31);
    assert_int_equal(k.steps[30], 30);
    /* no sink: nothing told */
    timeline_set_sink(tl, NULL, NULL);
    go(&f, tl, 59);
    assert_int_equal(k.n, 31);
    timeline_free(tl);
    fixture_free(&f);
}

static void test_progress_and_stop(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 500, 8);
    record(&f, 500, 1);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    /* from nothing to step 300: 301 steps to replay, stopped after 120 */
    Prog p = { .stop_at = 120 };
    assert_int_equal(timeline_seek(tl, 300, prog_cb, &p), 1);
    assert_int_equal(p.calls, 120);
    assert_int_equal(p.total, 301);
    assert_false(p.bad);
    check_step(&f, tl, 119);
    assert_int_equal(timeline_reached(tl), 120);
    curve_check(timeline_curve(tl), f.ref.loss, 120);
    /* on to 300 without stopping: called between every two steps */
    p = (Prog){ 0 };
    assert_int_equal(timeline_seek(tl, 300, prog_cb, &p), 0);
    assert_int_equal(p.calls, 180);
    assert_int_equal(p.total, 181);
    assert_false(p.bad);
    check_step(&f, tl, 300);
    /* back to 260: restored from the state before step 250, stopped after 5 */
    p = (Prog){ .stop_at = 5 };
    assert_int_equal(timeline_seek(tl, 260, prog_cb, &p), 1);
    assert_int_equal(p.total, 11);
    check_step(&f, tl, 254);
    go(&f, tl, 253);
    go(&f, tl, 260);
    /* the current step again, or one step on: nothing to report */
    p = (Prog){ .stop_at = 1 };
    assert_int_equal(timeline_seek(tl, 260, prog_cb, &p), 0);
    assert_int_equal(timeline_seek(tl, 261, prog_cb, &p), 0);
    assert_int_equal(p.calls, 0);
    check_step(&f, tl, 261);
    assert_int_equal(timeline_seek(tl, 500, prog_cb, &p), -1);
    check_step(&f, tl, 261);
    go(&f, tl, 499);
    curve_check(timeline_curve(tl), f.ref.loss, 500);
    timeline_free(tl);
    fixture_free(&f);
}

/* A budget of twelve states on a long run: the kept states are thinned again
 * and again (every 100 steps, then 200, 400, 800), the bytes never pass the
 * budget, and every step is still exact. */
static void test_budget_thinning(void **state)
{
    (void)state;
    Fixture f;
    TrainConfig c = train_config_default();
    c.adam.num_steps = 100000;
    c.model.n_embd = 4;
    c.model.n_head = 1;
    c.model.block_size = 2;
    fixture_init_cfg(&f, NULL, &c);
    const int N = 6000;
    record(&f, N, 0);
    Timeline *tl = timeline_new_budget(&f.t, 0);
    assert_non_null(tl);
    const size_t one = timeline_bytes(tl);     /* the state before step 0 */
    timeline_free(tl);
    const size_t budget = 12 * one;
    tl = timeline_new_budget(&f.t, budget);
    assert_non_null(tl);
    size_t most = 0;
    for (int k = 0; k < N; k += 97) {
        go(&f, tl, k);
        most = timeline_bytes(tl) > most ? timeline_bytes(tl) : most;
    }
    go(&f, tl, N - 1);
    curve_check(timeline_curve(tl), f.ref.loss, N);
    uint64_t seed = 99;
    for (int i = 0; i < 60; i++) {
        go(&f, tl, (int)(lcg(&seed) % (uint32_t)N));
        most = timeline_bytes(tl) > most ? timeline_bytes(tl) : most;
    }
    for (int k = N - 1; k > N - 120; k--)  /* stepping back, past the cache */
        go(&f, tl, k);
    print_message("budget: %zu states of %zu bytes, at most %zu bytes held\n",
                  budget / one, one, most);
    assert_true(most <= budget);
    assert_true(most >= budget - 2 * one);  /* it was used, not avoided */
    timeline_free(tl);
    fixture_free(&f);
}

/* --steps 100000000, then the last step (the arc's key 6): the replay is
 * stopped after 1000 steps.  Nothing is allocated for the far end up front:
 * under an address-space limit of 512 MB above what the process already has,
 * it goes as well, with the states within TIMELINE_BUDGET. */
static void test_huge_run_far_jump(void **state)
{
    (void)state;
    Fixture f;
    fixture_init(&f, NULL, 100000000, 8);
    const int N = 1000;
    record(&f, N, 0);
    Timeline *tl = timeline_new(&f.t);
    assert_non_null(tl);
    struct rlimit old;
    int limited = 0;
    long pages = 0;
    FILE *statm = fopen("/proc/self/statm", "r");
    if (!SANITIZED && statm && fscanf(statm, "%ld", &pages) == 1 && getrlimit(RLIMIT_AS, &old) == 0) {
        struct rlimit lim = old;
        rlim_t want = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)512 << 20);
        if (old.rlim_cur == RLIM_INFINITY || want < old.rlim_cur) {
            lim.rlim_cur = want;
            limited = setrlimit(RLIMIT_AS, &lim) == 0;
        }
    }
    if (statm)
        fclose(statm);
    Prog p = { .stop_at = N };
    int rc = timeline_seek(tl, 100000000 - 1, prog_cb, &p);
    size_t bytes = timeline_bytes(tl);
    if (limited)
        setrlimit(RLIMIT_AS, &old);
    print_message("huge run: %s, %zu bytes of states after %d steps\n",
                  limited ? "address space limited" : "no limit (sanitizers)", bytes, N);
    assert_int_equal(rc, 1);
    assert_int_equal(p.total, 100000000);
    check_step(&f, tl, N - 1);
    assert_true(bytes <= TIMELINE_BUDGET);
    go(&f, tl, 567);
    go(&f, tl, 0);
    go(&f, tl, N - 1);
    timeline_free(tl);
    fixture_free(&f);
}

/* A branch (trainer_fork + timeline_branch) of the run of c from step k,
 * with the configuration c2 (c's changes plus some at k): every step of it,
 * before k (the shared history) and after, equals a fresh run of c2 from the
 * start (the straight run r2), bit for bit; the parent run stays its own
 * (r1).  The parent stands on step `at` when the branch is made. */
static void branch_case(const TrainConfig *c, const TrainConfig *c2, int k, int at, const Straight *r1,
                        const Straight *r2, const int *visit, int nvisit)
{
    Dataset d;
    load(&d, NULL);
    Trainer parent, child;
    char err[256];
    assert_int_equal(trainer_init(&parent, &d, c, err, sizeof err), 0);
    parent.follow = 1234;
    Timeline *ptl = timeline_new(&parent);
    assert_non_null(ptl);
    assert_int_equal(timeline_goto(ptl, at), 0);
    assert_int_equal(trainer_fork(&child, &parent, c2, err, sizeof err), 0);
    child.follow = 1234;
    Timeline *ctl = timeline_branch(ptl, &child, k, NULL, NULL);
    assert_non_null(ctl);
    check_at(r2, &child, ctl, k);       /* on the branch's first step */
    assert_int_equal(timeline_reached(ctl), k + 1);
    curve_check(timeline_curve(ctl), r2->loss, k + 1);
    check_at(r1, &parent, ptl, at);     /* the parent did not move */
    for (int i = 0; i < nvisit; i++) {
        assert_int_equal(timeline_goto(ctl, visit[i]), 0);
        check_at(r2, &child, ctl, visit[i]);
        assert_int_equal(timeline_goto(ptl, visit[i]), 0);
        check_at(r1, &parent, ptl, visit[i]);
    }
    assert_int_equal(timeline_goto(ctl, r2->steps - 1), 0);
    curve_check(timeline_curve(ctl), r2->loss, r2->steps);
    assert_true(timeline_bytes(ctl) <= TIMELINE_BUDGET);
    timeline_free(ctl);
    timeline_free(ptl);
    trainer_free(&child);
    trainer_free(&parent);
    dataset_free(&d);
}

static void test_branch_equals_fresh_change_run(void **state)
{
    (void)state;
    TrainConfig c = train_config_default();
    c.adam.num_steps = 300;
    char err[128];
    Fixture f1, f2, f3;
    fixture_init_cfg(&f1, NULL, &c);
    record(&f1, 300, 1);
    /* lr and beta1 from step 138 (k = 137): what --change 138:lr=0.003,beta1=0.8 runs */
    TrainConfig c2 = c;
    assert_int_equal(changes_set(&c2.changes, 137, 0, 0.003, 0, err, sizeof err), 0);
    assert_int_equal(changes_set(&c2.changes, 137, 1, 0.8, 0, err, sizeof err), 0);
    assert_int_equal(train_config_diverge(&c, &c2), 137);
    fixture_init_cfg(&f2, NULL, &c2);
    record(&f2, 300, 1);
    assert_bits_equal(f2.ref.loss[137], f1.ref.loss[137]);   /* the step's loss is before its update */
    assert_false(same_bits(f2.ref.lr[137], f1.ref.lr[137]));
    assert_false(same_bits(f2.ref.loss[138], f1.ref.loss[138]));
    static const int visit[] = { 0, 136, 137, 138, 299, 50, 49, 200, 137, 100, 299 };
    const int nv = (int)(sizeof visit / sizeof *visit);
    branch_case(&c, &c2, 137, 137, &f1.ref, &f2.ref, visit, nv);  /* paused on the step itself */
    branch_case(&c, &c2, 137, 250, &f1.ref, &f2.ref, visit, nv);  /* the parent further on */
    branch_case(&c, &c2, 137, 136, &f1.ref, &f2.ref, visit, nv);  /* the furthest the parent reached */
    /* a branch of the branch: beta2 too from step 201, from c2's run */
    TrainConfig c3 = c2;
    assert_int_equal(changes_set(&c3.changes, 200, 2, 0.5, 0, err, sizeof err), 0);
    fixture_init_cfg(&f3, NULL, &c3);
    record(&f3, 300, 1);
    branch_case(&c2, &c3, 200, 220, &f2.ref, &f3.ref, visit, nv);
    fixture_free(&f3);
    /* from step 1 (k = 0): the changed option from the start */
    c3 = c;
    assert_int_equal(changes_set(&c3.changes, 0, 0, 0.02, 0, err, sizeof err), 0);
    fixture_init_cfg(&f3, NULL, &c3);
    record(&f3, 300, 1);
    branch_case(&c, &c3, 0, 40, &f1.ref, &f3.ref, visit, nv);
    fixture_free(&f3);
    fixture_free(&f2);
    fixture_free(&f1);
}

/* A branch from a step far from the saved states replays to it reporting
 * its progress, as a seek does; stopped, there is no branch (and the parent
 * has not moved). */
static void test_branch_progress(void **state)
{
    (void)state;
    Dataset d;
    load(&d, NULL);
    TrainConfig c = train_config_default();
    c.adam.num_steps = 100000;
    char err[256];
    Trainer parent, child;
    assert_int_equal(trainer_init(&parent, &d, &c, err, sizeof err), 0);
    Timeline *ptl = timeline_new(&parent);
    assert_int_equal(timeline_goto(ptl, 3000), 0);
    assert_int_equal(timeline_goto(ptl, 0), 0);         /* the parent back at the start */
    assert_int_equal(trainer_fork(&child, &parent, &c, err, sizeof err), 0);
    Prog p = { .stop_at = 5 };
    assert_null(timeline_branch(ptl, &child, 2999, prog_cb, &p));
    assert_int_equal(p.calls, 5);
    assert_int_equal(timeline_current(ptl), 0);
    p = (Prog){ 0 };
    Timeline *ctl = timeline_branch(ptl, &child, 2999, prog_cb, &p);
    assert_non_null(ctl);
    assert_true(p.calls > 5);
    assert_false(p.bad);
    assert_int_equal(timeline_current(ctl), 2999);
    timeline_free(ctl);
    timeline_free(ptl);
    trainer_free(&child);
    trainer_free(&parent);
    dataset_free(&d);
}

/* What timeline_branch and trainer_fork refuse: a step beyond those reached
 * or outside the run, a configuration that trains otherwise before the step,
 * a different data order or model. */
static void test_branch_refused(void **state)
{
    (void)state;
    Dataset d;
    load(&d, NULL);
    TrainConfig c = train_config_default(), c2 = c;
    c.adam.num_steps = c2.adam.num_steps = 100;
    char err[256];
    assert_int_equal(changes_set(&c2.changes, 30, 0, 0.001, 0, err, sizeof err), 0);
    Trainer parent, child;
    assert_int_equal(trainer_init(&parent, &d, &c, err, sizeof err), 0);
    Timeline *ptl = timeline_new(&parent);
    assert_int_equal(timeline_goto(ptl, 40), 0);
    assert_int_equal(trainer_fork(&child, &parent, &c2, err, sizeof err), 0);
    assert_null(timeline_branch(ptl, &child, 42, NULL, NULL));     /* beyond the 41 steps reached */
    assert_null(timeline_branch(ptl, &child, 35, NULL, NULL));     /* c2 differs from step 30 */
    assert_null(timeline_branch(ptl, &child, -1, NULL, NULL));
    assert_null(timeline_branch(ptl, &child, 100, NULL, NULL));
    Timeline *ctl = timeline_branch(ptl, &child, 30, NULL, NULL);
    assert_non_null(ctl);
    assert_int_equal(timeline_current(ctl), 30);
    timeline_free(ctl);
    trainer_free(&child);
    static const char *const why = "a branch keeps the seed, the data order, the model and the steps";
    TrainConfig bad = c;
    bad.seed = 7;
    assert_int_equal(trainer_fork(&child, &parent, &bad, err, sizeof err), -1);
    assert_string_equal(err, why);
    bad = c;
    bad.model.block_size = 4;
    assert_int_equal(trainer_fork(&child, &parent, &bad, err, sizeof err), -1);
    bad = c;
    bad.adam.num_steps = 99;
    assert_int_equal(trainer_fork(&child, &parent, &bad, err, sizeof err), -1);
    bad = c;
    bad.shuffle = 0;
    assert_int_equal(trainer_fork(&child, &parent, &bad, err, sizeof err), -1);
    timeline_free(ptl);
    trainer_free(&parent);
    dataset_free(&d);
}

/* A branch of a long run whose timeline keeps spaced states and a cache:
 * it starts from the parent's states (no replay from step 0), stays within
 * its budget, and is exact before and after the branch point. */
static void test_branch_long_run(void **state)
{
    (void)state;
    TrainConfig c = train_config_default();
    c.adam.num_steps = 100000;
    c.model.n_embd = 4;
    c.model.n_head = 1;
    c.model.block_size = 2;
    const int N = 3000, k = 2345;
    char err[128];
    TrainConfig c2 = c;
    assert_int_equal(changes_set(&c2.changes, k, 0, 0.05, 0, err, sizeof err), 0);
    assert_int_equal(changes_set(&c2.changes, k, 3, 1.5, 0, err, sizeof err), 0);
    Fixture f1, f2;
    fixture_init_cfg(&f1, NULL, &c);
    record(&f1, N, 0);
    fixture_init_cfg(&f2, NULL, &c2);
    record(&f2, N, 0);
    Timeline *probe = timeline_new_budget(&f1.t, 0);
    const size_t one = timeline_bytes(probe);
    timeline_free(probe);
    /* a budget of 12 states: the parent thins its states as it goes */
    Timeline *ptl = timeline_new_budget(&f1.t, 12 * one);
    assert_non_null(ptl);
    assert_int_equal(timeline_goto(ptl, N - 1), 0);
    assert_int_equal(timeline_goto(ptl, k + 10), 0);
    Trainer child;
    assert_int_equal(trainer_fork(&child, &f1.t, &c2, err, sizeof err), 0);
    child.follow = 1234;
    Prog p = { 0 };
    Timeline *ctl = timeline_branch(ptl, &child, k, NULL, NULL);
    assert_non_null(ctl);
    check_at(&f2.ref, &child, ctl, k);
    /* the nearest saved state was close: going back there replays little */
    assert_int_equal(timeline_seek(ctl, k - 1, prog_cb, &p), 0);
    assert_true(p.total < 1000);
    check_at(&f2.ref, &child, ctl, k - 1);
    static const int visit[] = { 2360, 0, 1999, 2351, 2344, 2345, 2346, 2999, 2500, 17, 2349 };
    for (size_t i = 0; i < sizeof visit / sizeof *visit; i++) {
        assert_int_equal(timeline_goto(ctl, visit[i]), 0);
        check_at(&f2.ref, &child, ctl, visit[i]);
        assert_true(timeline_bytes(ctl) <= 12 * one);
    }
    check_step(&f1, ptl, k + 10);      /* the parent where it was */
    timeline_free(ctl);
    timeline_free(ptl);
    trainer_free(&child);
    fixture_free(&f2);
    fixture_free(&f1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forward_and_losses),
        cmocka_unit_test(test_back_and_forth),
        cmocka_unit_test(test_forward_just_steps),
        cmocka_unit_test(test_random_jumps),
        cmocka_unit_test(test_long_run_replay),
        cmocka_unit_test(test_long_run_memory),
        cmocka_unit_test(test_rewind_time),
        cmocka_unit_test(test_same_step_noop),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_trainer_moved_outside),
        cmocka_unit_test(test_progress_and_stop),
        cmocka_unit_test(test_branch_progress),
        cmocka_unit_test(test_sink),
        cmocka_unit_test(test_budget_thinning),
        cmocka_unit_test(test_huge_run_far_jump),
        cmocka_unit_test(test_branch_equals_fresh_change_run),
        cmocka_unit_test(test_branch_refused),
        cmocka_unit_test(test_branch_long_run),
    };
    return cmocka_run_group_tests_name("timeline", tests, NULL, NULL);
}
