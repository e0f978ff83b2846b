/* test_inside.c: looking inside the model, against Python.  The figures of
 * tests/golden/inside-*.ref come from tests/tools/microgpt_ref.py (its
 * --probe, --probe-at, --attention, --after and --movers lines): a name
 * scored under the model of a step and under the final model, each head's
 * attention weights during a step's forward, a step's own name run again
 * through the parameters its update made, and the parameters an update
 * moved most; all bit for bit.  Also: the probe scores a step's own name
 * exactly as the step did; timeline_retrace leaves the run where
 * timeline_goto would; what the update did to every parameter, from a
 * StepLook, is what adam_update did; typed names and their refusals. */
#include "testutil.h"

#include <math.h>

#include "app/cli.h"
#include "core/dataset.h"
#include "core/inspect.h"
#include "core/probe.h"
#include "core/timeline.h"
#include "core/train.h"

/* A run from command-line options, with a timeline and a probe. */
typedef struct {
    Options o;
    Dataset ds;
    Trainer t;
    Timeline *tl;
    Probe pr;
    int V, B;
} Run;

static Run *run_open(const char *args)
{
    Run *r = calloc(1, sizeof *r);
    assert_non_null(r);
    char buf[1024], *argv[64], err[CLI_ERRLEN];
    int argc = 0;
    snprintf(buf, sizeof buf, "microgpt-tui %s", args);
    for (char *w = strtok(buf, " "); w && argc < 63; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    assert_int_equal(cli_parse(&r->o, argc, argv, err), 0);
    char derr[DATASET_ERRLEN];
    assert_int_equal(dataset_load(&r->ds, r->o.data ? r->o.data : "data/names.txt", derr), 0);
    assert_int_equal(trainer_init(&r->t, &r->ds, &r->o.train, err, sizeof err), 0);
    r->tl = timeline_new(&r->t);
    assert_non_null(r->tl);
    assert_int_equal(probe_init(&r->pr, &r->t.model), 0);
    r->V = r->t.model.cfg.vocab_size;
    r->B = r->t.model.cfg.block_size;
    return r;
}

static void run_close(Run *r)
{
    probe_free(&r->pr);
    timeline_free(r->tl);
    trainer_free(&r->t);
    dataset_free(&r->ds);
    free(r);
}

/* The numbers of a space-separated field, bit for bit. */
static void same_numbers(const char *field, const double *x, int n)
{
    char *end;
    for (int i = 0; i < n; i++) {
        double v = strtod(field, &end);
        assert_true(end != field);
        assert_bits_equal(x[i], v);
        field = end;
    }
    while (*field == ' ')
        field++;
    assert_true(*field == '\0' || *field == '\t');
}

static int split(char *s, char **f, int max)
{
    int n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

/* The parameters the forward of step `step` (1-based) uses: those after the
 * step before (the initial ones for step 1). */
static const double *model_of(Run *r, int step)
{
    if (step == 1)
        return timeline_initial(r->tl);
    assert_int_equal(timeline_goto(r->tl, step - 2), 0);
    return trainer_params(&r->t);
}

/* A name scored under params against a "probe" line's mean, losses and p(target). */
static void check_probe(Run *r, const double *params, char **f)
{
    int tokens[256];
    char err[256];
    int n = probe_encode(&r->ds, r->B, f[1], strlen(f[1]), tokens, err, sizeof err);
    assert_true(n > 0);
    double pt[256], pl[256];
    double mean = probe_score(&r->pr, params, tokens, n, pt, pl, NULL);
    assert_bits_equal(mean, strtod(f[3], NULL));
    same_numbers(f[4], pl, n);
    same_numbers(f[5], pt, n);
}

typedef struct {
    Run *r;
    StepLook look;
} Catch;

static int catch_step(void *ctx, const Trainer *t)
{
    steplook_capture(&((Catch *)ctx)->look, t);
    return 0;
}

/* Every inside line of a golden file (probe, attn, after, mover) checked
 * against the run of `args` (the same options as the file's). */
static void check_inside(const char *ref, const char *args)
{
    Run *r = run_open(args);
    const int steps = r->o.train.adam.num_steps;
    char *text = slurp(ref, NULL);
    int checked = 0, lines = 0;
    double *attn = calloc(probe_attn_size(&r->t.model.cfg), sizeof *attn);
    assert_non_null(attn);
    /* the probe lines under the final model need the run's end */
    assert_int_equal(timeline_goto(r->tl, steps - 1), 0);
    assert_non_null(timeline_final(r->tl));
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        char *f[16];
        int nf = line[0] >= 'a' && line[0] <= 'z' ? split(line, f, 16) : 0;
        lines += nf > 0;
        if (nf >= 6 && strcmp(f[0], "probe") == 0) {
            const int final = strcmp(f[2], "final") == 0;
            check_probe(r, final ? timeline_final(r->tl) : model_of(r, atoi(f[2])), f);
            checked++;
        } else if (nf >= 6 && strcmp(f[0], "attn") == 0) {
            /* the step's own name under its forward's model: the weights of
             * layer l, head h at position pos */
            const int step = atoi(f[1]), l = atoi(f[2]), h = atoi(f[3]), pos = atoi(f[4]);
            Catch c = { r, { 0 } };
            assert_int_equal(steplook_init(&c.look, r->t.model.nparams), 0);
            assert_int_equal(timeline_retrace(r->tl, step - 1, step - 1, catch_step, &c, NULL, NULL), 0);
            const StepInfo *in = &r->t.info;
            assert_int_equal(in->step, step - 1);
            probe_score(&r->pr, c.look.p, in->tokens, in->n, NULL, NULL, attn);
            double w[64];
            for (int s = 0; s <= pos; s++)
                w[s] = attn[model_attn_index(&r->t.model.cfg, l, h, pos, s)];
            same_numbers(f[5], w, pos + 1);
            steplook_free(&c.look);
            checked++;
        } else if (nf >= 4 && strcmp(f[0], "after") == 0) {
            const int step = atoi(f[1]);
            assert_int_equal(timeline_goto(r->tl, step - 1), 0);
            const StepInfo *in = &r->t.info;
            double pl[256];
            double mean = probe_score(&r->pr, trainer_params(&r->t), in->tokens, in->n, NULL, pl, NULL);
            assert_bits_equal(mean, strtod(f[2], NULL));
            same_numbers(f[3], pl, in->n);
            checked++;
        } else if (nf >= 8 && strcmp(f[0], "mover") == 0) {
            const int step = atoi(f[1]), rank = atoi(f[2]);
            Catch c = { r, { 0 } };
            assert_int_equal(steplook_init(&c.look, r->t.model.nparams), 0);
            assert_int_equal(timeline_retrace(r->tl, step - 1, step - 1, catch_step, &c, NULL, NULL), 0);
            Mover mv[64];
            int got = steplook_movers(&c.look, mv, 64);
            assert_true(rank < got);
            assert_int_equal(mv[rank].index, strtoul(f[3], NULL, 10));
            assert_bits_equal(mv[rank].tr.grad, strtod(f[4], NULL));
            assert_bits_equal(mv[rank].tr.m_hat, strtod(f[5], NULL));
            assert_bits_equal(mv[rank].tr.v_hat, strtod(f[6], NULL));
            assert_bits_equal(mv[rank].delta, strtod(f[7], NULL));
            steplook_free(&c.look);
            checked++;
        }
        line = nl + 1;
    }
    assert_int_equal(checked, lines);
    assert_true(lines >= 10);
    free(attn);
    free(text);
    run_close(r);
}

/* The course on names.txt, shuffled: two names at steps 1, 6 and 12 and at
 * the end; the attention of steps 1 and 12; step 12's name again after its
 * update; its ten biggest moves. */
static void test_course_matches_python(void **state)
{
    (void)state;
    check_inside("tests/golden/inside-course.ref", "--steps 12 --samples 3");
}

/* --emma's run (the file's order, 500 steps): "emma" and "zoe" under the
 * models of steps 1, 31 and 500 and the final one; the attention of steps
 * 1, 2, 3 and 200; emma again after step 1's update (and step 200's name
 * after its own); the moves of steps 1 and 200. */
static void test_emma_matches_python(void **state)
{
    (void)state;
    check_inside("tests/golden/inside-emma.ref", "--no-shuffle --samples 3");
}

/* The gist (block size 16, relu, no zero projections): a name longer than
 * the block size, cut, and a short one; step 5's attention, name again and
 * moves. */
static void test_gist_matches_python(void **state)
{
    (void)state;
    check_inside("tests/golden/inside-gist.ref", "--variant gist --seed 5 --steps 5 --samples 2");
}

/* Two layers of two heads, block size 6. */
static void test_deep_matches_python(void **state)
{
    (void)state;
    check_inside("tests/golden/inside-deep.ref",
                 "--n-layer 2 --n-head 2 --n-embd 8 --block-size 6 --steps 4 --samples 2");
}

/* Non-ASCII names, one cut at the block size. */
static void test_unicode_matches_python(void **state)
{
    (void)state;
    check_inside("tests/golden/inside-unicode.ref",
                 "--data tests/data/unicode.txt --steps 3 --n-embd 8 --n-head 2 --block-size 10 --samples 2 --seed 3");
}

/* The probe scores a step's own name under the parameters its forward used
 * exactly as the step did (every position's p(target) and loss, the mean),
 * and its attention is the trainer's own (caught with ModelWork.attn). */
typedef struct {
    Run *r;
    StepLook look;
    double *attn, *attn_trainer;
    int steps_seen, stop_at;
} Walk;

static int walk_step(void *ctx, const Trainer *t)
{
    Walk *w = ctx;
    Run *r = w->r;
    const StepInfo *in = &t->info;
    steplook_capture(&w->look, t);
    double pt[64], pl[64];
    double mean = probe_score(&r->pr, w->look.p, in->tokens, in->n, pt, pl, w->attn);
    assert_bits_equal(mean, in->loss);
    for (int i = 0; i < in->n; i++) {
        assert_bits_equal(pl[i], in->pos_loss[i]);
        assert_bits_equal(pt[i], in->probs[(size_t)i * r->V + in->tokens[i + 1]]);
        for (int l = 0; l < t->model.cfg.n_layer; l++)
            for (int h = 0; h < t->model.cfg.n_head; h++)
                for (int s = 0; s <= i; s++) {
                    size_t k = model_attn_index(&t->model.cfg, l, h, i, s);
                    assert_bits_equal(w->attn[k], w->attn_trainer[k]);
                }
    }
    assert_int_equal(in->step, w->steps_seen);
    w->steps_seen++;
    return w->stop_at >= 0 && in->step == w->stop_at;
}

static void test_probe_is_the_step(void **state)
{
    (void)state;
    static const char *const runs[] = { "--steps 60", "--variant gist --steps 50" };
    for (int k = 0; k < 2; k++) {
        Run *r = run_open(runs[k]);
        const size_t na = probe_attn_size(&r->t.model.cfg);
        Walk w = { r, { 0 }, calloc(na, sizeof(double)), calloc(na, sizeof(double)), 0, -1 };
        assert_true(w.attn && w.attn_trainer);
        assert_int_equal(steplook_init(&w.look, r->t.model.nparams), 0);
        r->t.work.attn = w.attn_trainer;    /* the trainer's own forward, caught */
        /* steps 1 .. 40 computed with a look at each, a new step every time */
        assert_int_equal(timeline_retrace(r->tl, 0, 0, walk_step, &w, NULL, NULL), 0);
        for (int s = 1; s < 40; s++)
            assert_int_equal(timeline_retrace(r->tl, s, s, walk_step, &w, NULL, NULL), 0);
        assert_int_equal(timeline_reached(r->tl), 40);
        /* again from step 3, stopped at step 17: the timeline stands there */
        w.steps_seen = 3;
        w.stop_at = 17;
        assert_int_equal(timeline_retrace(r->tl, 3, 30, walk_step, &w, NULL, NULL), 1);
        assert_int_equal(w.steps_seen, 18);
        assert_int_equal(timeline_current(r->tl), 17);
        assert_int_equal(r->t.info.step, 17);
        r->t.work.attn = NULL;
        steplook_free(&w.look);
        free(w.attn);
        free(w.attn_trainer);
        run_close(r);
    }
}

/* After a retrace the run stands exactly where timeline_goto puts it (the
 * step's info, the parameters and moments), and what the StepLook says the
 * update did to each parameter is what it did: p, m and v after, and how
 * many changed. */
static int catch_only(void *ctx, const Trainer *t)
{
    steplook_capture(ctx, t);
    return 0;
}

static void test_retrace_and_trace(void **state)
{
    (void)state;
    Run *a = run_open("--steps 120"), *b = run_open("--steps 120");
    StepLook look;
    assert_int_equal(steplook_init(&look, a->t.model.nparams), 0);
    assert_int_equal(timeline_goto(a->tl, 119), 0);
    assert_int_equal(timeline_goto(b->tl, 119), 0);
    assert_null(timeline_final(b->tl) == NULL ? (void *)1 : NULL);
    static const int steps[] = { 0, 1, 49, 50, 51, 77, 119, 3 };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        const int k = steps[i];
        assert_int_equal(timeline_retrace(a->tl, k, k, catch_only, &look, NULL, NULL), 0);
        assert_int_equal(timeline_goto(b->tl, k), 0);
        assert_int_equal(look.step, k);
        assert_int_equal(a->t.info.step, k);
        assert_int_equal(timeline_current(a->tl), k);
        const size_t n = a->t.model.nparams;
        assert_memory_equal(trainer_params(&a->t), trainer_params(&b->t), n * sizeof(double));
        assert_memory_equal(a->t.m, b->t.m, n * sizeof(double));
        assert_memory_equal(a->t.v, b->t.v, n * sizeof(double));
        assert_bits_equal(a->t.info.loss, b->t.info.loss);
        size_t changed = 0;
        for (size_t j = 0; j < n; j++) {
            AdamTrace tr = steplook_trace(&look, j);
            assert_bits_equal(tr.p_new, trainer_params(&a->t)[j]);
            assert_bits_equal(tr.m, a->t.m[j]);
            assert_bits_equal(tr.v, a->t.v[j]);
            changed += tr.p_new != tr.p_old;
        }
        assert_int_equal(changed, a->t.info.params_updated);
        /* the followed parameter's trace is the update's own */
        AdamTrace f = steplook_trace(&look, a->t.info.follow_index);
        assert_memory_equal(&f, &a->t.info.follow, sizeof f);
        /* the movers: ranked, each |delta| at least the next one's */
        Mover mv[40];
        int got = steplook_movers(&look, mv, 40);
        assert_int_equal(got, 40);
        for (int m = 0; m + 1 < got; m++)
            assert_true(fabs(mv[m].delta) > fabs(mv[m + 1].delta) ||
                        (fabs(mv[m].delta) == fabs(mv[m + 1].delta) && mv[m].index < mv[m + 1].index));
        assert_bits_equal(mv[0].delta, mv[0].tr.p_new - mv[0].tr.p_old);
    }
    /* step 1 of the course: fewer parameters move than a big list asks */
    assert_int_equal(timeline_retrace(a->tl, 0, 0, catch_only, &look, NULL, NULL), 0);
    Mover *all = malloc(a->t.model.nparams * sizeof *all);
    assert_non_null(all);
    assert_int_equal(steplook_movers(&look, all, (int)a->t.model.nparams), (int)a->t.info.params_updated);
    free(all);
    /* out of range: nothing changes */
    assert_int_equal(timeline_retrace(a->tl, 5, 4, catch_only, &look, NULL, NULL), -1);
    assert_int_equal(timeline_retrace(a->tl, 0, 120, catch_only, &look, NULL, NULL), -1);
    assert_int_equal(timeline_current(a->tl), 0);
    steplook_free(&look);
    run_close(a);
    run_close(b);
}

/* The final model: none until the last step is reached; then the parameters
 * it made, kept when the run goes back; the initial ones from the start. */
static void test_initial_and_final(void **state)
{
    (void)state;
    Run *r = run_open("--steps 30");
    const size_t n = r->t.model.nparams * sizeof(double);
    double *start = malloc(n);
    assert_non_null(start);
    memcpy(start, trainer_params(&r->t), n);
    assert_memory_equal(timeline_initial(r->tl), start, n);
    assert_int_equal(timeline_goto(r->tl, 28), 0);
    assert_null(timeline_final(r->tl));
    assert_int_equal(timeline_goto(r->tl, 29), 0);
    assert_non_null(timeline_final(r->tl));
    memcpy(start, trainer_params(&r->t), n);
    assert_int_equal(timeline_goto(r->tl, 2), 0);
    assert_memory_equal(timeline_final(r->tl), start, n);
    assert_memory_equal(timeline_initial(r->tl), timeline_initial(r->tl), n);
    free(start);
    run_close(r);
}

/* Typed names: the tokens a training step would make of them (cut at the
 * block size), or a clear refusal. */
static void test_encode(void **state)
{
    (void)state;
    Run *r = run_open("--steps 2");
    int tok[32];
    char err[256];
    assert_int_equal(probe_encode(&r->ds, 8, "emma", 4, tok, err, sizeof err), 5);
    static const int emma[] = { 26, 4, 12, 12, 0, 26 };
    assert_memory_equal(tok, emma, sizeof emma);
    /* eight letters: the final BOS is cut; longer, the tail too */
    assert_int_equal(probe_encode(&r->ds, 8, "isabella", 8, tok, err, sizeof err), 8);
    assert_int_equal(tok[8], 0);
    assert_int_equal(probe_encode(&r->ds, 8, "christopher", 11, tok, err, sizeof err), 8);
    assert_int_equal(tok[8], 15);   /* 'p' */
    assert_int_equal(probe_encode(&r->ds, 8, "abcdefg", 7, tok, err, sizeof err), 8);
    assert_int_equal(tok[8], 26);
    assert_int_equal(probe_encode(&r->ds, 8, "Emma", 4, tok, err, sizeof err), -1);
    assert_string_equal(err, "'E' is not in the vocabulary: a-z");
    assert_int_equal(probe_encode(&r->ds, 8, "zo\xc3\xab", 4, tok, err, sizeof err), -1);
    assert_string_equal(err, "'\xc3\xab' is not in the vocabulary: a-z");
    assert_int_equal(probe_encode(&r->ds, 8, "an na", 5, tok, err, sizeof err), -1);
    assert_string_equal(err, "space is not in the vocabulary: a-z");
    assert_int_equal(probe_encode(&r->ds, 8, "o'n", 3, tok, err, sizeof err), -1);
    assert_string_equal(err, "U+0027 is not in the vocabulary: a-z");
    assert_int_equal(probe_encode(&r->ds, 8, "a", 2, tok, err, sizeof err), -1);
    assert_string_equal(err, "U+0001 is not in the vocabulary: a-z");
    assert_int_equal(probe_encode(&r->ds, 8, "aÿ", 2, tok, err, sizeof err), -1);
    assert_string_equal(err, "the name is not valid UTF-8");
    assert_int_equal(probe_encode(&r->ds, 8, "", 0, tok, err, sizeof err), -1);
    assert_string_equal(err, "the name is empty");
    run_close(r);
    /* a vocabulary of many runs, cut to fit */
    r = run_open("--data tests/data/unicode.txt --steps 2");
    char voc[200];
    probe_vocabulary(&r->ds, voc, sizeof voc);
    assert_string_equal(voc, "space, \", U+0027, ,, -, A, B, J, L, M, O, Z, a-e, h-o, r-u, x, z, \xc3\x9c, "
                             "\xc3\xa9, \xc3\xab, \xc3\xb6, \xc5\x81, \xe5\xb0\x8f, \xe6\x9d\x8e, \xe9\xbe\x8d");
    probe_vocabulary(&r->ds, voc, 24);
    assert_true(strlen(voc) < 24);
    assert_non_null(strstr(voc, "..."));
    run_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_course_matches_python),
        cmocka_unit_test(test_emma_matches_python),
        cmocka_unit_test(test_gist_matches_python),
        cmocka_unit_test(test_deep_matches_python),
        cmocka_unit_test(test_unicode_matches_python),
        cmocka_unit_test(test_probe_is_the_step),
        cmocka_unit_test(test_retrace_and_trace),
        cmocka_unit_test(test_initial_and_final),
        cmocka_unit_test(test_encode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
