/* test_tape.c: the tape's dot products in its three modes, and the compiled
 * backward of dots (runs, repeated operands, squares) against the reference's
 * backward on the full graph, with both kinds of kernels. */
#include "testutil.h"

#include "core/model.h"
#include "core/simd.h"
#include "core/tape.h"

enum { NP = 8 }; /* parameters: w[0..7] are nodes 1..8 */

/* A tape in `mode` with parameters 0.1 .. 0.8 (made-up values with
 * inexact products) and three interior nodes x[k] = w[k] + 0.3k; returns x's ids. */
static void setup(Tape *t, TapeMode mode, NodeId x[3])
{
    assert_int_equal(tape_init(t, NP, 16), 0);
    assert_int_equal(tape_set_mode(t, mode), 0);
    for (int i = 0; i < NP; i++)
        t->data[1 + i] = 0.1 * (i + 1) + 1e-3 / (i + 3);
    for (int k = 0; k < 3; k++)
        x[k] = tape_addc(t, 1 + k, 0.3 * k);
}

/* The graph: y = sum(w[0..2] * x), z = sum(x * x), u = sum(a * b) with
 * a = [x0, x0, x1] (x0 twice: its run must be `ordered`), b = w[3..5];
 * root = (y + z) + u ** 1 ... as plain adds. */
static NodeId build(Tape *t, const NodeId x[3])
{
    const NodeId w[3] = { 1, 2, 3 }, a[3] = { x[0], x[0], x[1] }, b[3] = { 4, 5, 6 };
    NodeId y = tape_dot(t, w, x, 3);
    NodeId z = tape_dot(t, x, x, 3);
    NodeId u = tape_dot(t, a, b, 3);
    NodeId s = tape_add(t, tape_mulc(t, y, 1.5), z);
    return tape_add(t, tape_exp(t, s), tape_mul(t, u, y));
}

static void test_dot_modes(void **state)
{
    (void)state;
    Tape t[3];
    const TapeMode modes[3] = { TAPE_FULL, TAPE_COMPACT, TAPE_DATA };
    NodeId x[3];
    double y[3], root[3];
    for (int k = 0; k < 3; k++) {
        setup(&t[k], modes[k], x);
        NodeId before = t[k].len;
        NodeId id = tape_dot(&t[k], (const NodeId[]){ 1, 2, 3 }, x, 3);
        assert_int_equal(t[k].len - before, modes[k] == TAPE_FULL ? 6 : 1);
        assert_int_equal(id, t[k].len - 1);
        y[k] = t[k].data[id];
        const NodeId r = build(&t[k], x); /* (may grow the tape: data moves) */
        root[k] = t[k].data[r];
    }
    /* y by hand: Python's sum of w[i] * x[i], from the integer 0 */
    const double *d = t[2].data;
    double want = d[1] * d[x[0]] + 0.0;
    want = want + d[2] * d[x[1]];
    want = want + d[3] * d[x[2]];
    for (int k = 0; k < 3; k++) {
        assert_bits_equal(y[k], want);
        assert_bits_equal(root[k], root[0]);
        tape_free(&t[k]);
    }
}

/* The reference's backward on the full graph, and the compiled backward of a
 * compact recording replayed on a data-only pass, for each kernel level. */
static void test_compiled_dots(void **state)
{
    (void)state;
    Tape full, comp;
    NodeId x[3];
    setup(&full, TAPE_FULL, x);
    NodeId rf = build(&full, x);
    uint8_t *vis = calloc((size_t)full.len, 1);
    int32_t *stack = malloc(2 * (size_t)full.len * sizeof *stack);
    TapeOrder of = { 0 };
    assert_int_equal(tape_topo(&full, rf, vis, &of, stack), 0);
    full.grad[rf] = 1.0;
    tape_backward(&full, &of, 0, of.n);

    setup(&comp, TAPE_COMPACT, x);
    NodeId rc = build(&comp, x);
    const size_t len = (size_t)comp.len;
    uint8_t *vis2 = calloc(len, 1);
    int32_t *uses = calloc(len, sizeof *uses);
    TapeScratch scratch;
    assert_int_equal(tape_scratch_init(&scratch, (NodeId)len), 0);
    NodeId *alias = calloc(len, sizeof *alias);
    TapeOrder oc = { 0 };
    TapeProg prog = { 0 };
    assert_int_equal(tape_topo(&comp, rc, vis2, &oc, stack), 0);
    assert_int_equal(tape_count_uses(&comp, uses), 0);
    assert_int_equal(tape_compile(&comp, &oc, 0, oc.n, uses, alias, &scratch, &prog), 0);
    /* y is reached first: each x[k] is visited just before y's product k, so
     * y's products make three runs; z's and u's one each, u's (x0 twice) ordered */
    int runs = 0, ordered = 0;
    for (size_t i = 0; i < prog.nins; i++)
        if (prog.ins[i].a == TAPE_SPECIAL && prog.ins[i].v == TAPE_RUN) {
            runs++;
            ordered += prog.run[prog.ins[i].b].ordered;
        }
    assert_int_equal(runs, 5);
    assert_int_equal(ordered, 1);

    for (int level = 0; level < 2; level++) {
        if (simd_set_level(level ? SIMD_AVX2 : SIMD_SCALAR) != 0)
            continue;
        assert_int_equal(tape_set_mode(&comp, TAPE_DATA), 0);
        tape_reset(&comp);
        NodeId xd[3];
        for (int k = 0; k < 3; k++)
            xd[k] = tape_addc(&comp, 1 + k, 0.3 * k);
        assert_int_equal(build(&comp, xd), rc);
        memset(comp.grad, 0, (size_t)comp.cap * sizeof *comp.grad);
        comp.grad[rc] = 1.0;
        tape_run(&comp, &prog, 0, prog.nins);
        for (int i = 1; i <= NP; i++)
            assert_bits_equal(comp.grad[i], full.grad[i]);
        for (int k = 0; k < 3; k++)
            assert_true(comp.grad[x[k]] == full.grad[x[k]]); /* == : alias may flip a zero's sign */
        assert_int_equal(tape_set_mode(&comp, TAPE_COMPACT), 0);
    }
    simd_set_level(SIMD_AVX2);
    tape_prog_free(&prog);
    tape_order_free(&of);
    tape_order_free(&oc);
    free(vis);
    free(vis2);
    free(stack);
    free(uses);
    tape_scratch_free(&scratch);
    free(alias);
    tape_free(&full);
    tape_free(&comp);
}

/* model_tape_nodes() counts what a compact forward appends, and a data-only
 * forward numbers its nodes the same way with the same data. */
static void test_compact_node_count(void **state)
{
    (void)state;
    static const int cfgs[][5] = { { 16, 4, 1, 8, ACT_RELU2 }, { 8, 2, 3, 12, ACT_RELU2 }, { 12, 1, 2, 3, ACT_RELU },
                                   { 6, 3, 1, 1, ACT_RELU2 }, { 4, 4, 1, 5, ACT_RELU }, { 16, 4, 1, 16, ACT_RELU } };
    for (size_t k = 0; k < sizeof cfgs / sizeof *cfgs; k++) {
        ModelConfig c = { .vocab_size = 27, .n_embd = cfgs[k][0], .n_head = cfgs[k][1], .n_layer = cfgs[k][2],
                          .block_size = cfgs[k][3], .init_std = 0.02, .zero_init_proj = 1,
                          .activation = (Activation)cfgs[k][4] };
        Model m;
        char err[128];
        assert_int_equal(model_init(&m, c, err, sizeof err), 0);
        ModelWork w;
        Tape t[2];
        assert_int_equal(modelwork_init(&w, &m), 0);
        NodeId *x = malloc((size_t)c.n_embd * sizeof *x);
        for (int j = 0; j < 2; j++) {
            assert_int_equal(tape_init(&t[j], m.nparams, m.nparams + 1), 0);
            assert_int_equal(tape_set_mode(&t[j], j ? TAPE_DATA : TAPE_COMPACT), 0);
            for (size_t i = 0; i < m.nparams; i++)
                t[j].data[1 + i] = 0.01 * (double)((i * 7919) % 101) - 0.5;
            modelwork_reset(&w);
            for (int pos = 0; pos < c.block_size; pos++) {
                model_forward(&m, &w, &t[j], 3 + pos % 5, pos, x);
                assert_true(model_tape_nodes(&c, pos + 1) == (double)(t[j].len - t[j].first));
            }
        }
        assert_int_equal(t[0].len, t[1].len);
        assert_memory_equal(t[0].data, t[1].data, (size_t)t[0].len * sizeof(double));
        free(x);
        tape_free(&t[0]);
        tape_free(&t[1]);
        modelwork_free(&w);
        model_free(&m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dot_modes),
        cmocka_unit_test(test_compiled_dots),
        cmocka_unit_test(test_compact_node_count),
    };
    return cmocka_run_group_tests_name("tape", tests, NULL, NULL);
}
