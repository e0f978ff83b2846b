/* test_classroom.c: the classroom's model of the lesson: the phases of a
 * step and what each has computed, the arc's milestones, the explanations
 * (short enough for an 80x24 projector), the distinct names seen, and the
 * live samples: their own generators, the same seed per slot every time,
 * and a training run left bit for bit as the headless run leaves it. */
#include "testutil.h"

#include "app/cli.h"
#include "core/dataset.h"
#include "core/sample.h"
#include "core/timeline.h"
#include "core/train.h"
#include "render/render_parts.h"
#include "session/arc.h"
#include "session/explain.h"
#include "session/names.h"
#include "session/phase.h"

/* ------------------------------------------------------------------ phases */

static void test_phases_of_emma(void **state)
{
    (void)state;
    /* emma: n = 5, so Sample, Forward 0-4, Loss, Backward, Update, Log */
    const int n = 5;
    assert_int_equal(phase_count(n), 10);
    static const PhaseKind kind[10] = { PHASE_SAMPLE, PHASE_FORWARD, PHASE_FORWARD, PHASE_FORWARD,
                                        PHASE_FORWARD, PHASE_FORWARD, PHASE_LOSS, PHASE_BACKWARD,
                                        PHASE_UPDATE, PHASE_LOG };
    Phase p = phase_first();
    for (int i = 0; i < 10; i++) {
        assert_int_equal(p.kind, kind[i]);
        if (kind[i] == PHASE_FORWARD)
            assert_int_equal(p.pos, i - 1);
        assert_int_equal(phase_index(p, n), i);
        Phase q = phase_at(i, n);
        assert_int_equal(q.kind, p.kind);
        assert_int_equal(q.pos, p.pos);
        assert_int_equal(phase_is_first(p), i == 0);
        assert_int_equal(phase_is_last(p), i == 9);
        /* what is known by then */
        assert_int_equal(phase_positions_done(p, n), i <= n ? i : n);
        assert_int_equal(phase_has_loss(p), i >= 6);
        assert_int_equal(phase_has_update(p), i >= 8);
        assert_int_equal(phase_has_log(p), i == 9);
        Phase next = phase_next(p, n);
        assert_int_equal(phase_index(next, n), i < 9 ? i + 1 : 9);
        assert_int_equal(phase_index(phase_prev(next, n), n), i < 9 ? i : 8);
        p = next;
    }
    assert_int_equal(phase_index(phase_last(), n), 9);
    assert_int_equal(phase_index(phase_prev(phase_first(), n), n), 0);
    assert_int_equal(phase_index(phase_at(-3, n), n), 0);
    assert_int_equal(phase_index(phase_at(99, n), n), 9);
    /* a forward position beyond the step's is clamped to its last */
    Phase c = phase_clamp(phase_forward(7), n);
    assert_int_equal(c.kind, PHASE_FORWARD);
    assert_int_equal(c.pos, 4);
    assert_int_equal(phase_clamp(phase_forward(-2), n).pos, 0);
    assert_int_equal(phase_index(phase_forward(7), n), 5);
    /* a one-token step (an empty name would be n = 1) */
    assert_int_equal(phase_count(1), 6);
    assert_int_equal(phase_at(2, 1).kind, PHASE_LOSS);
    assert_int_equal(phase_index((Phase){ PHASE_LOG, 0 }, 1), 5);
}

/* --------------------------------------------------------- arc of training */

static void test_arc(void **state)
{
    (void)state;
    int b[ARC_STAGES];
    arc_bookmarks(500, b);
    static const int lesson[ARC_STAGES] = { 1, 50, 100, 200, 300, 500 };
    assert_memory_equal(b, lesson, sizeof lesson);
    arc_bookmarks(1000, b);
    static const int k1[ARC_STAGES] = { 1, 100, 200, 400, 600, 1000 };
    assert_memory_equal(b, k1, sizeof k1);
    arc_bookmarks(1, b);
    for (int i = 0; i < ARC_STAGES; i++)
        assert_int_equal(b[i], 1);
    for (int N = 1; N < 2000; N += 7) {
        arc_bookmarks(N, b);
        assert_int_equal(b[0], 1);
        assert_int_equal(b[ARC_STAGES - 1], N);
        for (int i = 1; i < ARC_STAGES; i++)
            assert_true(b[i] >= b[i - 1] && b[i] <= N);
    }
    assert_int_equal(arc_stage(1, 500), 0);
    assert_int_equal(arc_stage(49, 500), 0);
    assert_int_equal(arc_stage(50, 500), 1);
    assert_int_equal(arc_stage(299, 500), 3);
    assert_int_equal(arc_stage(300, 500), 4);
    assert_int_equal(arc_stage(500, 500), 5);
    /* the lesson's wording */
    assert_string_equal(arc_text(0), "Nothing. Random predictions.");
    assert_string_equal(arc_text(4), "The model knows when names should end (predicts BOS).");
    for (int i = 0; i < ARC_STAGES; i++)
        assert_true(strlen(arc_short(i)) > 0 && strlen(arc_short(i)) <= 22);
}

/* ------------------------------------------------------------ explanations */

/* On an 80x24 screen the explanation panel has three lines of 76 columns:
 * the sentences must take at most two, the formula one. */
static void check_fits(const Explanation *e, const char *what)
{
    if (!e->title[0] || !e->text[0])
        fail_msg("%s: empty", what);
    for (int ascii = 0; ascii < 2; ascii++) {
        int rows = flow_rows(ascii, 76, e->text, 0);
        if (rows > 2)
            fail_msg("%s: the text takes %d lines of 76 columns: %s", what, rows, e->text);
        if (text_width(e->formula, ascii) > 76)
            fail_msg("%s: the formula is wider than 76 columns: %s", what, e->formula);
    }
}

static void test_explanations(void **state)
{
    (void)state;
    ExplainCtx ctx = { .vocab_size = 27, .nparams = 4064, .block_size = 8, .num_steps = 500,
                       .live_every = 10 };
    Explanation e;
    for (int k = 0; k < PHASE_KINDS; k++) {
        explain_phase((PhaseKind)k, &ctx, &e);
        check_fits(&e, e.title);
    }
    for (int p = PANEL_NONE; p < PANEL_COUNT; p++) {
        explain_panel((PanelId)p, &ctx, &e);
        check_fits(&e, e.title);
    }
    explain_guess(&e);
    check_fits(&e, e.title);
    assert_string_equal(e.title, "Guess first");
    /* the panels without an explanation of their own: a whole step's */
    explain_panel(PANEL_PHASE, &ctx, &e);
    assert_string_equal(e.title, "One training step");
    explain_panel(PANEL_NONE, &ctx, &e);
    assert_string_equal(e.title, "One training step");
    explain_panel(PANEL_LR, &ctx, &e);
    assert_string_equal(e.title, "Learning rate");
    /* the real numbers */
    explain_phase(PHASE_LOSS, &ctx, &e);
    assert_non_null(strstr(e.text, "-log(1/27) = 3.30"));
    assert_string_equal(e.formula, "loss = (1 / n) * sum(losses)");
    explain_phase(PHASE_BACKWARD, &ctx, &e);
    assert_non_null(strstr(e.text, "4064 parameters"));
    explain_phase(PHASE_UPDATE, &ctx, &e);
    assert_non_null(strstr(e.formula, "m_hat / (v_hat ** 0.5 + eps_adam)"));
    explain_panel(PANEL_LIVE, &ctx, &e);
    assert_non_null(strstr(e.text, "every 10 steps"));
}

/* What the explanations say is true of the run shown (issue 10): the
 * gist's linear schedule and its log line's end, no name cut at block size
 * 16, and why some gradients are 0 at step 1 only where the projections
 * start at 0. */
static void test_explanations_of_the_run(void **state)
{
    (void)state;
    const Cuts course = { .block_size = 8, .docs = 32033, .cut = 4801, .steps = 500, .run = 76 };
    const Cuts gist = { .block_size = 16, .docs = 32033, .cut = 0, .steps = 1000, .run = 0 };
    ExplainCtx ctx = { .vocab_size = 27, .nparams = 4064, .block_size = 8, .num_steps = 500,
                       .live_every = 10, .schedule = LR_COSINE, .log_end = "\n", .cuts = &course,
                       .no_grad_at_start = 1 };
    Explanation e;
    explain_panel(PANEL_LR, &ctx, &e);
    check_fits(&e, "course lr");
    assert_string_equal(e.formula, "lr_t = learning_rate * 0.5 * (1 + cos(pi * step / num_steps))");
    assert_non_null(strstr(e.text, "along a cosine"));
    explain_panel(PANEL_NAME, &ctx, &e);
    check_fits(&e, "course name");
    assert_non_null(strstr(e.text, "4801 of the 32033 names are cut"));
    explain_phase(PHASE_BACKWARD, &ctx, &e);
    check_fits(&e, "course backward");
    assert_non_null(strstr(e.text, "attn_wq, attn_wk, attn_wv and mlp_fc1 get 0, since attn_wo and mlp_fc2 start at 0"));
    explain_phase(PHASE_LOG, &ctx, &e);
    assert_string_equal(e.formula, "print(f\"step {step+1:4d} / {num_steps:4d} | loss {loss.data:.4f}\")");
    ctx = (ExplainCtx){ .vocab_size = 27, .nparams = 4192, .block_size = 16, .num_steps = 1000,
                        .live_every = 20, .schedule = LR_LINEAR, .log_end = "\r", .cuts = &gist };
    explain_panel(PANEL_LR, &ctx, &e);
    check_fits(&e, "gist lr");
    assert_string_equal(e.formula, "lr_t = learning_rate * (1 - step / num_steps)");
    assert_non_null(strstr(e.text, "in a straight line"));
    explain_panel(PANEL_NAME, &ctx, &e);
    check_fits(&e, "gist name");
    assert_non_null(strstr(e.text, "At block size 16 no name of this data is cut."));
    explain_phase(PHASE_BACKWARD, &ctx, &e);
    check_fits(&e, "gist backward");
    assert_null(strstr(e.text, "get 0"));
    explain_phase(PHASE_LOG, &ctx, &e);
    check_fits(&e, "gist log");
    assert_string_equal(e.formula, "print(f\"step {step+1:4d} / {num_steps:4d} | loss {loss.data:.4f}\", end='\\r')");
}

/* ------------------------------------------------------------ truncation */

/* How often the block size cuts a name, from the data and the run (issue 9,
 * item 21): the figures a Python run of names.txt gives (names of at least
 * 8 characters; docs[:500] in the file's order, and after random.seed(42);
 * random.shuffle(docs)). */
static void test_cuts(void **state)
{
    (void)state;
    Dataset ds;
    char err[256];
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    Cuts c;
    cuts_count(&c, &ds, 8, 500);            /* --emma: the file's order */
    assert_int_equal(c.docs, 32033);
    assert_int_equal(c.cut, 4801);
    assert_int_equal(c.steps, 500);
    assert_int_equal(c.run, 76);
    cuts_count(&c, &ds, 8, 32033 + 500);    /* a whole pass, then the first 500 again */
    assert_int_equal(c.run, 4801 + 76);
    cuts_count(&c, &ds, 16, 1000);          /* the gist's block size: none */
    assert_int_equal(c.cut, 0);
    assert_int_equal(c.run, 0);
    Trainer t;                              /* the default run, shuffled */
    TrainConfig cfg = train_config_default();
    assert_int_equal(trainer_init(&t, &ds, &cfg, err, sizeof err), 0);
    cuts_count(&c, t.ds, 8, 500);
    assert_int_equal(c.cut, 4801);
    assert_int_equal(c.run, 79);
    trainer_free(&t);
    dataset_free(&ds);
}

/* ------------------------------------------------------------ data cycling */

static void test_seen(void **state)
{
    (void)state;
    Dataset ds;
    char err[DATASET_ERRLEN];
    const char *text = "ann\nbo\nann\ncy\nbo\n";
    assert_int_equal(dataset_parse(&ds, text, strlen(text), "mem", err), 0);
    Seen s;
    assert_int_equal(seen_init(&s, &ds), 0);
    assert_int_equal(s.distinct, 3);
    static const size_t want[] = { 1, 2, 2, 3, 3, 3, 3, 3 };    /* steps 0 .. 7: cycling */
    for (int k = 0; k < 8; k++)
        assert_int_equal(seen_by_step(&s, k), want[k]);
    assert_int_equal(seen_by_step(&s, -1), 0);
    seen_free(&s);
    dataset_free(&ds);

    /* names.txt in the file's order: 32033 names, 29494 of them distinct */
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    assert_int_equal(seen_init(&s, &ds), 0);
    assert_int_equal(s.count, 32033);
    assert_int_equal(s.distinct, 29494);
    assert_int_equal(seen_by_step(&s, 0), 1);
    assert_true(seen_by_step(&s, 499) <= 500);
    assert_int_equal(seen_by_step(&s, 1000000), 29494);
    seen_free(&s);
    dataset_free(&ds);
}

/* ------------------------------------------------------------ live samples */

typedef struct {
    Dataset ds;
    Trainer t;
} Run;

static void run_init(Run *r, int steps)
{
    char err[256];
    assert_int_equal(dataset_load(&r->ds, "data/names.txt", err), 0);
    TrainConfig cfg = train_config_default();
    cfg.adam.num_steps = steps;
    assert_int_equal(trainer_init(&r->t, &r->ds, &cfg, err, sizeof err), 0);
}

static void run_free(Run *r)
{
    trainer_free(&r->t);
    dataset_free(&r->ds);
}

static void test_live_schedule(void **state)
{
    (void)state;
    static const int steps[][2] = { { 500, 10 }, { 20, 1 }, { 5000, 100 }, { 99, 1 } };
    for (int i = 0; i < 4; i++) {
        Run r;
        run_init(&r, steps[i][0]);
        Live l;
        assert_int_equal(live_init(&l, &r.t), 0);
        assert_int_equal(l.every, steps[i][1]);
        assert_int_equal(l.nbuckets, steps[i][0] / steps[i][1] + 1);
        live_free(&l);
        run_free(&r);
    }
    assert_int_equal(live_age(0, 10), 0);
    assert_int_equal(live_age(9, 10), 0);
    assert_int_equal(live_age(10, 10), 10);
    assert_int_equal(live_age(499, 10), 490);
}

/* Slot i is drawn with random.seed(SAMPLE_FIXED_SEED + i), afresh every time: two
 * draws from the same parameters give the same names, and each name is
 * what sampler_draw gives with that generator. */
static void test_live_seeds(void **state)
{
    (void)state;
    Run r;
    run_init(&r, 500);
    Live a, b;
    assert_int_equal(live_init(&a, &r.t), 0);
    assert_int_equal(live_init(&b, &r.t), 0);
    assert_null(live_get(&a, 0));
    assert_int_equal(live_draw(&a, &r.t), 1);
    assert_int_equal(live_draw(&a, &r.t), 0);     /* drawn already */
    assert_int_equal(live_draw(&b, &r.t), 1);
    const char *na = live_get(&a, 0), *nb = live_get(&b, 9);   /* ages 0-9 share the draw */
    assert_non_null(na);
    assert_non_null(nb);
    Sampler sp;
    assert_int_equal(sampler_init(&sp, &r.t.model), 0);
    int ids[8];
    for (int i = 0; i < LIVE_SLOTS; i++) {
        assert_string_equal(na + i * a.name_bytes, nb + i * b.name_bytes);
        Rng rng;
        rng_seed(&rng, SAMPLE_FIXED_SEED + (unsigned)i);
        int len = sampler_draw(&sp, trainer_params(&r.t), &rng, 0.5, ids);
        char want[40], *p = want;
        for (int k = 0; k < len; k++)
            p += dataset_token_utf8(&r.ds, ids[k], p);
        *p = '\0';
        assert_string_equal(na + i * a.name_bytes, want);
    }
    sampler_free(&sp);
    /* not due: age 3 is not a multiple of 10 */
    for (int s = 0; s < 3; s++)
        trainer_step(&r.t);
    assert_int_equal(live_draw(&a, &r.t), 0);
    assert_null(live_get(&a, 10));
    live_free(&a);
    live_free(&b);
    run_free(&r);
}

/* The UI's way through a run with live samples on: the Timeline to each
 * step, a live draw after it, and now and then a trip back to an earlier
 * draw point and forward again (what it does for a jump).  The losses, the
 * parameters, the Adam moments, the generator and the final samples must be
 * those of a plain run, bit for bit. */
static void test_live_leaves_training_exact(void **state)
{
    (void)state;
    const int N = 500;
    Run plain, ui;
    run_init(&plain, N);
    run_init(&ui, N);
    double *loss = malloc((size_t)N * sizeof *loss);
    assert_non_null(loss);
    for (int s = 0; s < N; s++) {
        trainer_step(&plain.t);
        loss[s] = plain.t.info.loss;
    }

    Live live;
    assert_int_equal(live_init(&live, &ui.t), 0);
    assert_int_equal(live_draw(&live, &ui.t), 1);     /* the untrained model, before step 1 */
    Timeline *tl = timeline_new(&ui.t);
    assert_non_null(tl);
    int drawn = 1;
    for (int s = 0; s < N; s++) {
        assert_int_equal(timeline_goto(tl, s), 0);
        drawn += live_draw(&live, &ui.t);
        if (s % 97 == 96) {     /* a jump back to a draw point and forward again */
            int age = live_age(s / 2, live.every);
            if (age > 0) {
                assert_int_equal(timeline_goto(tl, age - 1), 0);
                live_draw(&live, &ui.t);
                assert_int_equal(timeline_goto(tl, s), 0);
            }
        }
    }
    assert_int_equal(drawn, N / live.every + 1);
    curve_check(timeline_curve(tl), loss, N);
    assert_int_equal(timeline_current(tl), N - 1);
    const size_t P = plain.t.model.nparams;
    assert_memory_equal(trainer_params(&ui.t), trainer_params(&plain.t), P * sizeof(double));
    assert_memory_equal(ui.t.m, plain.t.m, P * sizeof(double));
    assert_memory_equal(ui.t.v, plain.t.v, P * sizeof(double));
    assert_memory_equal(&ui.t.rng, &plain.t.rng, sizeof ui.t.rng);
    /* the final samples: the headless run's (tests/golden/reference-default.log) */
    Samples a, b;
    assert_int_equal(samples_draw(&a, &ui.t, 20, 20, 0.5), 0);
    assert_int_equal(samples_draw(&b, &plain.t, 20, 20, 0.5), 0);
    for (int i = 0; i < 20; i++)
        assert_string_equal(a.names[i], b.names[i]);
    char want[20][64];
    assert_int_equal(reference_samples(want, 20), 20);
    for (int i = 0; i < 20; i++)
        assert_string_equal(want[i], a.names[i]);
    /* and the slots learned: by the last draw most are no longer noise */
    const char *last = live_get(&live, N);
    assert_non_null(last);
    samples_free(&a);
    samples_free(&b);
    timeline_free(tl);
    live_free(&live);
    free(loss);
    run_free(&plain);
    run_free(&ui);
}

/* The classroom's options: --emma is the file's order, paused (the UI then
 * starts in phase mode with the explanation); --high-contrast the theme. */
static void test_options(void **state)
{
    (void)state;
    Options o;
    char err[CLI_ERRLEN];
    char *argv1[] = { "microgpt-tui", "--emma", "--high-contrast", NULL };
    assert_int_equal(cli_parse(&o, 3, argv1, err), 0);
    assert_int_equal(o.emma, 1);
    assert_int_equal(o.paused, 1);
    assert_int_equal(o.train.shuffle, 0);
    assert_int_equal(o.set.value[SET_THEME], THEME_HIGH_CONTRAST);
    char *argv2[] = { "microgpt-tui", NULL };
    assert_int_equal(cli_parse(&o, 1, argv2, err), 0);
    assert_int_equal(o.set.value[SET_THEME], -1);
    char *argv3[] = { "microgpt-tui", "--high-contrast=1", NULL };
    assert_int_equal(cli_parse(&o, 2, argv3, err), -1);
    assert_string_equal(err, "option '--high-contrast' takes no value");
    assert_non_null(strstr(cli_help(), "--high-contrast"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phases_of_emma),
        cmocka_unit_test(test_arc),
        cmocka_unit_test(test_explanations),
        cmocka_unit_test(test_explanations_of_the_run),
        cmocka_unit_test(test_cuts),
        cmocka_unit_test(test_seen),
        cmocka_unit_test(test_live_schedule),
        cmocka_unit_test(test_live_seeds),
        cmocka_unit_test(test_live_leaves_training_exact),
        cmocka_unit_test(test_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
