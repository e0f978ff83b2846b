/* test_train.c: the training core: the compiled backward against Value.backward's
 * loop on the recorded graph, gradients against finite differences, exact
 * save/restore, and the parameter count and first step of the reference. */
#include "testutil.h"

#include <math.h>

#include "core/dataset.h"
#include "core/gradnorm.h"
#include "core/sample.h"
#include "core/simd.h"
#include "core/train.h"

static const char names[] = "emma\nolivia\nava\nisabella\nsophia\ncharlotte\nmia\namelia\nharper\nevelyn\n";

static void load(Dataset *ds)
{
    char err[DATASET_ERRLEN];
    assert_int_equal(dataset_parse(ds, names, sizeof names - 1, "names", err), 0);
}

static void init_variant(Trainer *t, Dataset *ds, Variant v, int n_embd, int n_head, int n_layer, int block)
{
    TrainConfig c = train_config_variant(v);
    c.model.n_embd = n_embd;
    c.model.n_head = n_head;
    c.model.n_layer = n_layer;
    c.model.block_size = block;
    c.adam.num_steps = 40;
    char err[256];
    assert_int_equal(trainer_init(t, ds, &c, err, sizeof err), 0);
}

static void init(Trainer *t, Dataset *ds, int n_embd, int n_head, int n_layer, int block)
{
    init_variant(t, ds, VARIANT_COURSE, n_embd, n_head, n_layer, block);
}

/* The compiled program (aliases, no recording) and the recorded graph walked
 * as Value.backward walks it give the same gradients and the same parameters,
 * with the portable kernels and with AVX2 (when the CPU has it). */
static void compare_program_with_graph_at(Variant v, int n_embd, int n_head, int n_layer, int block);
static void compare_program_with_graph(Variant v, int n_embd, int n_head, int n_layer, int block)
{
    compare_program_with_graph_at(v, n_embd, n_head, n_layer, block);
    if (simd_level() == SIMD_AVX2) {
        simd_set_level(SIMD_SCALAR);
        compare_program_with_graph_at(v, n_embd, n_head, n_layer, block);
        simd_set_level(SIMD_AVX2);
    }
}

static void compare_program_with_graph_at(Variant v, int n_embd, int n_head, int n_layer, int block)
{
    Dataset d1, d2;
    load(&d1);
    load(&d2);
    Trainer a, b;
    init_variant(&a, &d1, v, n_embd, n_head, n_layer, block);
    init_variant(&b, &d2, v, n_embd, n_head, n_layer, block);
    assert_int_equal(trainer_set_reference(&b, 1), 0);
    size_t n = a.model.nparams;
    for (int s = 0; s < 25; s++) {
        trainer_forward(&a);
        trainer_forward(&b);
        assert_bits_equal(a.info.loss, b.info.loss);
        trainer_backward(&a);
        trainer_backward(&b);
        const double *ga = trainer_grads(&a), *gb = trainer_grads(&b);
        for (size_t i = 0; i < n; i++)
            if (ga[i] != gb[i]) /* == : a zero's sign may differ, see tape_compile */
                fail_msg("step %d param %zu: %.17g != %.17g", s, i, ga[i], gb[i]);
        trainer_update(&a);
        trainer_update(&b);
        assert_memory_equal(trainer_params(&a), trainer_params(&b), n * sizeof(double));
    }
    trainer_free(&a);
    trainer_free(&b);
    dataset_free(&d1);
    dataset_free(&d2);
}

static void test_program_default(void **s) { (void)s; compare_program_with_graph(VARIANT_COURSE, 16, 4, 1, 8); }
static void test_program_deep(void **s) { (void)s; compare_program_with_graph(VARIANT_COURSE, 8, 2, 3, 12); }
static void test_program_one_head(void **s) { (void)s; compare_program_with_graph(VARIANT_COURSE, 12, 1, 2, 3); }
static void test_program_tiny_heads(void **s) { (void)s; compare_program_with_graph(VARIANT_COURSE, 4, 4, 2, 5); }
static void test_program_block_one(void **s) { (void)s; compare_program_with_graph(VARIANT_COURSE, 6, 2, 1, 1); }
/* long contexts: the scheduler's per-node table was reset at indices of id
 * lists too, past its end from block size 24 on (ASan caught it) */
static void test_program_long_block(void **s)
{
    (void)s;
    compare_program_with_graph(VARIANT_COURSE, 16, 4, 1, 24);
    compare_program_with_graph(VARIANT_COURSE, 8, 2, 1, 64);
}
/* the gist: relu alone (no pow node after it), no matrix starting at zero */
static void test_program_gist(void **s) { (void)s; compare_program_with_graph(VARIANT_GIST, 16, 4, 1, 16); }
static void test_program_gist_deep(void **s) { (void)s; compare_program_with_graph(VARIANT_GIST, 8, 2, 2, 6); }

/* Switching the reference walk on and off again rebuilds the compiled
 * program: the run goes on with the same bits as one never switched. */
static void test_reference_toggle(void **state)
{
    (void)state;
    Dataset d1, d2;
    load(&d1);
    load(&d2);
    Trainer a, b;
    init(&a, &d1, 16, 4, 1, 8);
    init(&b, &d2, 16, 4, 1, 8);
    for (int s = 0; s < 6; s++) {
        if (s == 2)
            assert_int_equal(trainer_set_reference(&b, 1), 0);
        if (s == 4)
            assert_int_equal(trainer_set_reference(&b, 0), 0);
        trainer_step(&a);
        trainer_step(&b);
        assert_bits_equal(a.info.loss, b.info.loss);
    }
    assert_memory_equal(trainer_params(&a), trainer_params(&b), a.model.nparams * sizeof(double));
    trainer_free(&a);
    trainer_free(&b);
    dataset_free(&d1);
    dataset_free(&d2);
}

/* d loss / d p by central differences, for parameters of every matrix. */
static void finite_differences(Variant v)
{
    Dataset ds;
    load(&ds);
    Trainer t;
    init_variant(&t, &ds, v, 8, 2, 2, 8);
    /* a few steps first, so that attn_wo and mlp_fc2 are no longer zero */
    for (int s = 0; s < 3; s++)
        trainer_step(&t);
    trainer_forward(&t);
    trainer_backward(&t);
    size_t n = t.model.nparams;
    double *g = malloc(n * sizeof *g);
    memcpy(g, trainer_grads(&t), n * sizeof *g);
    /* leave the grads at zero again, as trainer_update would */
    memset(t.tape.grad + 1, 0, n * sizeof(double));
    double *p = t.tape.data + 1;
    int checked = 0;
    for (int m = 0; m < t.model.nmat; m++) {
        const Matrix *mx = &t.model.mat[m];
        size_t cnt = (size_t)mx->nout * (size_t)mx->nin;
        for (size_t k = 0; k < cnt; k += cnt / 5 + 1) {
            size_t i = mx->off + k;
            double h = 1e-6, keep = p[i];
            p[i] = keep + h;
            trainer_forward(&t);
            double up = t.info.loss;
            p[i] = keep - h;
            trainer_forward(&t);
            double down = t.info.loss;
            p[i] = keep;
            double fd = (up - down) / (2 * h);
            double tol = 1e-6 + 1e-4 * fabs(fd);
            if (fabs(fd - g[i]) > tol)
                fail_msg("%s[%zu]: backward %.10g, finite difference %.10g", mx->name, k, g[i], fd);
            if (g[i] != 0.0)
                checked++;
        }
    }
    assert_true(checked > 20);
    free(g);
    trainer_free(&t);
    dataset_free(&ds);
}

static void test_finite_differences(void **s) { (void)s; finite_differences(VARIANT_COURSE); }
static void test_finite_differences_gist(void **s) { (void)s; finite_differences(VARIANT_GIST); }

/* Restoring a saved state and stepping again gives the very same bits. */
static void test_save_restore(void **state)
{
    (void)state;
    Dataset ds;
    load(&ds);
    Trainer t;
    init(&t, &ds, 16, 4, 1, 8);
    TrainState st;
    assert_int_equal(trainstate_alloc(&st, &t), 0);
    for (int s = 0; s < 5; s++)
        trainer_step(&t);
    trainer_save(&t, &st);
    double loss[4], lr[4];
    for (int s = 0; s < 4; s++) {
        trainer_step(&t);
        loss[s] = t.info.loss;
        lr[s] = t.info.lr_t;
    }
    size_t n = t.model.nparams;
    double *after = malloc(n * sizeof *after);
    memcpy(after, trainer_params(&t), n * sizeof *after);
    trainer_restore(&t, &st);
    assert_int_equal(t.step, 5);
    for (int s = 0; s < 4; s++) {
        trainer_step(&t);
        assert_int_equal(t.info.step, 5 + s);
        assert_bits_equal(t.info.loss, loss[s]);
        assert_bits_equal(t.info.lr_t, lr[s]);
    }
    assert_memory_equal(trainer_params(&t), after, n * sizeof *after);
    free(after);
    trainstate_free(&st);
    trainer_free(&t);
    dataset_free(&ds);
}

/* A trainer with the variant's defaults on data/names.txt. */
static void init_names(Trainer *t, Dataset *ds, Variant v)
{
    char err[DATASET_ERRLEN];
    if (dataset_load(ds, "data/names.txt", err) != 0)
        fail_msg("%s (run `make data`)", err);
    TrainConfig c = train_config_variant(v);
    assert_int_equal(trainer_init(t, ds, &c, err, sizeof err), 0);
}

/* The reference on names.txt: 4064 parameters and the golden first step. */
static void test_reference_first_step(void **state)
{
    (void)state;
    Dataset ds;
    Trainer t;
    init_names(&t, &ds, VARIANT_COURSE);
    assert_int_equal(t.model.nparams, 4064);
    assert_int_equal(t.model.cfg.vocab_size, 27);
    trainer_step(&t);
    const StepInfo *in = &t.info;
    /* tests/golden/reference-default.tsv, line 1: yuheng */
    const DocRef *d = &ds.docs[in->doc];
    assert_int_equal(d->len, 6);
    assert_memory_equal(ds.buf + d->off, "yuheng", 6);
    assert_int_equal(in->n, 7);
    static const int tokens[8] = { 26, 24, 20, 7, 4, 13, 6, 26 };
    assert_memory_equal(in->tokens, tokens, sizeof tokens);
    assert_bits_equal(in->loss, 3.3630094726947277);
    assert_bits_equal(in->lr_t, 0.01);
    assert_bits_equal(in->pos_loss[0], 3.3353362996891565);
    assert_bits_equal(in->pos_loss[6], 3.426067845325118);
    /* probabilities are a distribution and the loss is -log p(target) */
    for (int pos = 0; pos < in->n; pos++) {
        double sum = 0.0;
        for (int v = 0; v < 27; v++)
            sum += in->probs[pos * 27 + v];
        assert_true(fabs(sum - 1.0) < 1e-12);
        assert_bits_equal(in->pos_loss[pos], -log(in->probs[pos * 27 + in->tokens[pos + 1]]));
    }
    assert_true(in->grad_norm_total > 0.0);
    /* Adam moves every parameter with a nonzero gradient.  At step 1 these
     * stay: wte rows of the 20 tokens not in "yuheng" (320), wpe row 7 (16),
     * and, since attn_wo and mlp_fc2 start at zero, no gradient reaches
     * wq, wk, wv (768) or mlp_fc1 (1024): 4064 - 2128 = 1936. */
    assert_int_equal(in->params_updated, 1936);
    trainer_free(&t);
    dataset_free(&ds);
}

/* Karpathy's gist on names.txt: 4192 parameters (wpe has 16 rows) and the
 * first step of tests/golden/gist-default.tsv. */
static void test_gist_first_step(void **state)
{
    (void)state;
    Dataset ds;
    Trainer t;
    init_names(&t, &ds, VARIANT_GIST);
    assert_int_equal(t.model.nparams, 4192);
    /* every matrix drawn at std 0.08: attn_wo and mlp_fc2 do not start at 0 */
    const double *p = trainer_params(&t);
    const Matrix *wo = &t.model.mat[model_matrix(&t.model, 0, MAT_WO)];
    assert_bits_equal(wo->std, 0.08);
    assert_true(p[wo->off] != 0.0);
    trainer_step(&t);
    const StepInfo *in = &t.info;
    const DocRef *d = &ds.docs[in->doc];
    assert_int_equal(d->len, 6);
    assert_memory_equal(ds.buf + d->off, "yuheng", 6);
    assert_int_equal(in->n, 7);
    assert_bits_equal(in->loss, 3.3659669475848504);
    assert_bits_equal(in->lr_t, 0.01);
    assert_bits_equal(in->pos_loss[0], 3.6282501466505988);
    assert_bits_equal(in->pos_loss[6], 3.3043416755676898);
    /* attention gets a gradient at step 1 here, since attn_wo is not 0 */
    assert_true(in->grad_norm[model_matrix(&t.model, 0, MAT_WQ)] > 0.0);
    trainer_step(&t);
    assert_bits_equal(t.info.loss, 3.4242727838717717);
    assert_bits_equal(t.info.lr_t, 0.00999);
    trainer_free(&t);
    dataset_free(&ds);
}

/* The course: attn_wo and mlp_fc2 start at 0, so at step 1 no gradient
 * reaches attn_wq or mlp_fc1 (the lesson's point); the gist's --init-std and
 * --zero-init-proj make the same start by hand. */
static void test_zero_init_proj(void **state)
{
    (void)state;
    Dataset ds;
    load(&ds);
    for (int k = 0; k < 2; k++) {
        TrainConfig c = train_config_variant(k ? VARIANT_GIST : VARIANT_COURSE);
        if (k) {
            c.model.zero_init_proj = 1;
            c.model.init_std = 0.02;
        }
        Trainer t;
        char err[256];
        assert_int_equal(trainer_init(&t, &ds, &c, err, sizeof err), 0);
        const Matrix *wo = &t.model.mat[model_matrix(&t.model, 0, MAT_WO)];
        const Matrix *fc2 = &t.model.mat[model_matrix(&t.model, 0, MAT_FC2)];
        const double *p = trainer_params(&t);
        for (size_t i = 0; i < (size_t)wo->nout * (size_t)wo->nin; i++)
            assert_true(p[wo->off + i] == 0.0);
        for (size_t i = 0; i < (size_t)fc2->nout * (size_t)fc2->nin; i++)
            assert_true(p[fc2->off + i] == 0.0);
        trainer_step(&t);
        assert_true(t.info.grad_norm[model_matrix(&t.model, 0, MAT_WQ)] == 0.0);
        assert_true(t.info.grad_norm[model_matrix(&t.model, 0, MAT_FC1)] == 0.0);
        assert_true(t.info.grad_norm[model_matrix(&t.model, 0, MAT_WO)] > 0.0);
        trainer_free(&t);
    }
    dataset_free(&ds);
}

/* Both schedules, left to right as Python evaluates them (values from python3). */
static void test_lr_schedules(void **state)
{
    (void)state;
    AdamConfig a = { .lr = 0.01, .num_steps = 1000, .schedule = LR_LINEAR };
    assert_bits_equal(adam_lr(&a, 0), 0.01);
    assert_bits_equal(adam_lr(&a, 1), 0.00999);
    assert_bits_equal(adam_lr(&a, 2), 0.009980000000000001);
    assert_bits_equal(adam_lr(&a, 999), 1.000000000000001e-05);
    a.schedule = LR_COSINE;
    assert_bits_equal(adam_lr(&a, 1), 0.009999975326009292);
    assert_bits_equal(adam_lr(&a, 999), 2.467399070893439e-08);
    a = (AdamConfig){ .lr = 0.03, .num_steps = 7, .schedule = LR_LINEAR };
    assert_bits_equal(adam_lr(&a, 3), 0.01714285714285714);
    a.schedule = LR_COSINE;
    assert_bits_equal(adam_lr(&a, 3), 0.018337814009344713);
    a = (AdamConfig){ .lr = 0.01, .num_steps = 5, .schedule = LR_LINEAR };
    assert_bits_equal(adam_lr(&a, 4), 0.0019999999999999996);
    char buf[96];
    adam_lr_worked(&a, 4, buf, sizeof buf);
    assert_string_equal(buf, "0.01 * (1 - 4 / 5)");
    assert_string_equal(adam_lr_formula(LR_LINEAR), "learning_rate * (1 - step / num_steps)");
    a.schedule = LR_COSINE;
    adam_lr_worked(&a, 4, buf, sizeof buf);
    assert_string_equal(buf, "0.01 * 0.5 * (1 + cos(pi * 4 / 5))");
    assert_string_equal(adam_lr_formula(LR_COSINE), "learning_rate * 0.5 * (1 + cos(pi * step / num_steps))");
}

/* Sampling twice from the same generator state gives the same names; the
 * sampler leaves the trainer's step untouched. */
static void test_sampler_repeatable(void **state)
{
    (void)state;
    Dataset ds;
    load(&ds);
    Trainer t;
    init(&t, &ds, 16, 4, 1, 8);
    for (int s = 0; s < 10; s++)
        trainer_step(&t);
    double loss = t.info.loss;
    Sampler sp;
    assert_int_equal(sampler_init(&sp, &t.model), 0);
    Rng r1 = t.rng, r2 = t.rng;
    int a[8], b[8];
    for (int k = 0; k < 5; k++) {
        int la = sampler_draw(&sp, trainer_params(&t), &r1, 0.5, a);
        int lb = sampler_draw(&sp, trainer_params(&t), &r2, 0.5, b);
        assert_int_equal(la, lb);
        assert_memory_equal(a, b, (size_t)la * sizeof *a);
        for (int i = 0; i < la; i++)
            assert_true(a[i] >= 0 && a[i] < t.model.cfg.vocab_size - 1);
    }
    assert_bits_equal(t.info.loss, loss);
    sampler_free(&sp);
    trainer_free(&t);
    dataset_free(&ds);
}

/* The gradient norms' sums of squares: the same bits with either kernels,
 * and within rounding of the plain sum. */
static void test_grad_sumsq(void **state)
{
    (void)state;
    double g[203];
    for (int j = 0; j < 203; j++)
        g[j] = (j % 7 == 0 ? 0.0 : 1.0) * sin(j * 0.37) * pow(10.0, -(j % 9));
    for (size_t n = 0; n <= 203; n += 29) {
        double plain = 0.0;
        for (size_t j = 0; j < n; j++)
            plain += g[j] * g[j];
        assert_int_equal(simd_set_level(SIMD_SCALAR), 0);
        const double s = grad_sumsq(g, n);
        if (simd_set_level(SIMD_AVX2) == 0)
            assert_bits_equal(grad_sumsq(g, n), s);
        assert_true(fabs(s - plain) <= 1e-15 * plain);
    }
    assert_bits_equal(grad_sumsq(g, 0), 0.0);
}

/* model_graph_nodes() counts exactly what the forward bodies append. */
static void test_graph_node_count(void **state)
{
    (void)state;
    static const int cfgs[][4] = { { 16, 4, 1, 8 }, { 8, 2, 3, 12 }, { 12, 1, 2, 3 }, { 6, 3, 1, 1 },
                                   { 16, 4, 1, 16 } };
    for (size_t k = 0; k < 2 * sizeof cfgs / sizeof *cfgs; k++) {
        const int *g = cfgs[k / 2];
        ModelConfig c = { 27, g[0], g[1], g[2], g[3], 0.02, 1, k % 2 ? ACT_RELU : ACT_RELU2 };
        Model m;
        char err[128];
        assert_int_equal(model_init(&m, c, err, sizeof err), 0);
        ModelWork w;
        Tape t;
        assert_int_equal(modelwork_init(&w, &m), 0);
        assert_int_equal(tape_init(&t, m.nparams, m.nparams + 1), 0);
        NodeId *x = malloc((size_t)c.n_embd * sizeof *x);
        for (int pos = 0; pos < c.block_size; pos++) {
            model_forward(&m, &w, &t, 3, pos, x);
            assert_true(model_graph_nodes(&c, pos + 1) == (double)(t.len - t.first));
        }
        free(x);
        tape_free(&t);
        modelwork_free(&w);
        model_free(&m);
    }
}

/* Whether a configuration is its variant's program as it stands: any option
 * that changes the training or the samples makes it not. */
static void test_config_is_variant(void **state)
{
    (void)state;
    for (Variant v = VARIANT_COURSE; v <= VARIANT_GIST; v++) {
        const TrainConfig d = train_config_variant(v);
        TrainConfig c = d;
        assert_true(train_config_is_variant(&c, v));
        assert_false(train_config_is_variant(&c, v == VARIANT_COURSE ? VARIANT_GIST : VARIANT_COURSE));
        c.adam.num_steps = 100;
        assert_false(train_config_is_variant(&c, v));
        c = d;
        c.shuffle = 0;          /* --emma, --no-shuffle */
        assert_false(train_config_is_variant(&c, v));
        c = d;
        c.temperature = 0.7;
        assert_false(train_config_is_variant(&c, v));
        c = d;
        c.model.block_size = 12;
        assert_false(train_config_is_variant(&c, v));
        c = d;
        char err[128];
        assert_int_equal(changes_set(&c.changes, 9, 0, 0.003, 0, err, sizeof err), 0);
        assert_false(train_config_is_variant(&c, v));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_program_default),
        cmocka_unit_test(test_program_deep),
        cmocka_unit_test(test_program_one_head),
        cmocka_unit_test(test_program_tiny_heads),
        cmocka_unit_test(test_program_block_one),
        cmocka_unit_test(test_program_long_block),
        cmocka_unit_test(test_program_gist),
        cmocka_unit_test(test_program_gist_deep),
        cmocka_unit_test(test_reference_toggle),
        cmocka_unit_test(test_finite_differences),
        cmocka_unit_test(test_finite_differences_gist),
        cmocka_unit_test(test_save_restore),
        cmocka_unit_test(test_reference_first_step),
        cmocka_unit_test(test_gist_first_step),
        cmocka_unit_test(test_zero_init_proj),
        cmocka_unit_test(test_lr_schedules),
        cmocka_unit_test(test_sampler_repeatable),
        cmocka_unit_test(test_graph_node_count),
        cmocka_unit_test(test_config_is_variant),
        cmocka_unit_test(test_grad_sumsq),
    };
    return cmocka_run_group_tests_name("train", tests, NULL, NULL);
}
