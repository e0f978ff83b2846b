/* test_look.c: the panels that look inside the model, on a real session:
 * the keys (a, u, t, x, d, #) and the line editor with its refusals; the
 * figures the panels show, bit for bit against microgpt_ref.py's
 * (tests/golden/inside-emma.ref: --emma's run); the final model computed on
 * the side or too far; guess mode, rewind, the twin run and the variant;
 * and golden screens at 80x24 and 120x40, UTF-8 and ASCII. */
#include "testutil.h"

#include <math.h>

#include "ui_fixture.h"

/* --emma's run: the file's order, step 1 trains on "emma"; each test has
 * its own (setup and teardown run around each). */
static Fixture *emma;

static int setup(void **state)
{
    (void)state;
    if (!use_utf8_locale())
        return -1;
    emma = fixture_new_shuffle(0);
    return emma ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fixture_free(emma);
    emma = NULL;
    return 0;
}

static unsigned key(Session *s, int k)
{
    return session_key(s, k, 0);
}

static void keys(Session *s, const char *text)
{
    for (const char *p = text; *p; p++)
        key(s, (unsigned char)*p);
}

/* The session at step k, as fixture_at leaves it, with nothing inside shown. */
static Session *at(Fixture *f, int k)
{
    Session *s = fixture_at(f, k);
    s->inside = PANEL_NONE;
    s->editing = 0;
    s->logits = 0;
    s->follow_rank = -1;
    s->follow_index = -1;
    s->nprobes = 0;
    s->probe_version++;
    s->message[0] = '\0';
    return s;
}

/* A line of tests/golden/inside-emma.ref: its fields after the first ones
 * matching `head` (e.g. "probe\temma\t31\t"); NULL when none. */
static char *ref_line(const char *head)
{
    static char *text;
    if (!text)
        text = slurp("tests/golden/inside-emma.ref", NULL);
    const char *p = strstr(text, head);
    if (!p)
        return NULL;
    p += strlen(head);
    const char *end = strchr(p, '\n');
    char *out = malloc((size_t)(end - p) + 1);
    memcpy(out, p, (size_t)(end - p));
    out[end - p] = '\0';
    return out;
}

/* The numbers of s (space- or tab-separated) into x; returns how many. */
static int numbers(const char *s, double *x, int max)
{
    int n = 0;
    char *end;
    while (n < max) {
        double v = strtod(s, &end);
        if (end == s)
            break;
        x[n++] = v;
        s = end;
    }
    return n;
}

/* ------------------------------------------------------------------- keys */

static void test_keys(void **state)
{
    (void)state;
    Session *s = at(emma, 0);
    assert_int_equal(key(s, 'a'), DO_DRAW);
    assert_int_equal(s->inside, PANEL_ATTN);
    assert_int_equal(session_shown(s, PANEL_BIT(PANEL_ATTN)).focus, PANEL_ATTN);
    assert_int_equal(key(s, 'A'), DO_DRAW);     /* again: off */
    assert_int_equal(s->inside, PANEL_NONE);
    key(s, 'u');
    assert_int_equal(s->inside, PANEL_UPDATE);
    key(s, 'a');                                /* another one takes its place */
    assert_int_equal(s->inside, PANEL_ATTN);
    assert_int_equal(key(s, UIK_ESC), DO_DRAW); /* Esc closes it */
    assert_int_equal(s->inside, PANEL_NONE);
    assert_int_equal(key(s, UIK_ESC), 0);
    /* v: the raw scores */
    key(s, 'v');
    assert_int_equal(session_shown(s, 0).logits, 1);
    key(s, 'v');
    assert_int_equal(session_shown(s, 0).logits, 0);
    /* t: the editor takes every key, q included, until Enter or Esc */
    key(s, 't');
    assert_int_equal(s->inside, PANEL_PROBE);
    assert_int_equal(s->editing, EDIT_NAME);
    keys(s, "Emq");
    assert_string_equal(s->field.text, "Emq");
    assert_int_equal(key(s, UIK_ENTER), DO_DRAW);
    assert_int_equal(s->editing, EDIT_NAME);    /* refused: still editing */
    assert_string_equal(s->field_error, "'E' is not in the vocabulary: a-z");
    assert_int_equal(s->nprobes, 0);
    key(s, UIK_HOME);
    key(s, UIK_DELETE);
    key(s, 'e');
    key(s, UIK_END);
    key(s, UIK_BACKSPACE);
    keys(s, "ma");
    assert_string_equal(s->field.text, "emma");
    assert_string_equal(s->field_error, "");
    key(s, '\r');
    assert_int_equal(s->editing, 0);
    assert_int_equal(s->nprobes, 1);
    assert_string_equal(s->probes[0].text, "emma");
    assert_int_equal(s->probes[0].n, 5);
    /* a second name; the first again selects it; Up recalls */
    key(s, 't');
    keys(s, "zoe\n");
    assert_int_equal(s->nprobes, 2);
    assert_int_equal(s->probe_sel, 1);
    key(s, 't');
    key(s, UIK_UP);
    assert_string_equal(s->field.text, "zoe");
    key(s, UIK_UP);
    assert_string_equal(s->field.text, "emma");
    key(s, UIK_DOWN);
    key(s, UIK_DOWN);
    assert_string_equal(s->field.text, "");
    keys(s, "emma");
    key(s, UIK_ENTER);
    assert_int_equal(s->nprobes, 2);
    assert_int_equal(s->probe_sel, 0);
    /* Esc leaves the editor, the panel stays; a non-ASCII character is typed */
    key(s, 't');
    key(s, 0xe9);
    assert_string_equal(s->field.text, "\xc3\xa9");
    key(s, UIK_ENTER);
    assert_string_equal(s->field_error, "'\xc3\xa9' is not in the vocabulary: a-z");
    key(s, UIK_ESC);
    assert_int_equal(s->editing, 0);
    assert_int_equal(s->inside, PANEL_PROBE);
    /* eight names at most: the oldest goes */
    static const char *const more[] = { "ann", "bo", "cy", "di", "ed", "flo", "gus" };
    for (int i = 0; i < 7; i++) {
        key(s, 't');
        keys(s, more[i]);
        key(s, UIK_ENTER);
    }
    assert_int_equal(s->nprobes, INSIDE_NAMES);
    assert_string_equal(s->probes[0].text, "zoe");
    assert_string_equal(s->probes[INSIDE_NAMES - 1].text, "gus");
    /* the longest name a probe takes (--probe's, a lesson's) is one the
     * editor holds whole: typed, taken, and recalled with Up, never cut */
    char longest[INSIDE_NAME_BYTES];
    memset(longest, 'a', sizeof longest - 1);
    longest[sizeof longest - 1] = '\0';
    key(s, 't');
    keys(s, longest);
    assert_string_equal(s->field.text, longest);
    key(s, UIK_ENTER);
    assert_int_equal(s->editing, 0);
    assert_string_equal(s->probes[INSIDE_NAMES - 1].text, longest);
    key(s, 't');
    key(s, UIK_UP);
    assert_string_equal(s->field.text, longest);
    key(s, UIK_ESC);
}

/* d: Adam followed on the step's biggest moves, in order, then on the
 * trainer's own parameter again; #: on a parameter typed. */
static void test_follow(void **state)
{
    (void)state;
    Session *s = at(emma, 0);
    View v;
    session_view(s, 0, &v);
    assert_string_equal(v.step.follow_name, "lm_head[4][0]");
    key(s, 'd');
    assert_int_equal(s->follow_rank, 0);
    assert_non_null(strstr(s->message, "move 1 of this step's biggest"));
    session_view(s, 0, &v);
    const RunInside *in = &s->runs[0].inside;
    char name[64];
    model_param_name(&emma->t.model, in->movers[0].index, name, sizeof name);
    assert_string_equal(v.step.follow_name, name);
    /* the trace is the update's own: p after is the parameter now */
    assert_bits_equal(v.step.follow.p_new, trainer_params(&emma->t)[in->movers[0].index]);
    assert_bits_equal(v.step.follow.grad, in->look.g[in->movers[0].index]);
    for (int i = 1; i < in->nmovers; i++)
        key(s, 'd');
    assert_int_equal(s->follow_rank, in->nmovers - 1);
    key(s, 'd');
    assert_int_equal(s->follow_rank, -1);
    session_view(s, 0, &v);
    assert_string_equal(v.step.follow_name, "lm_head[4][0]");
    /* #: a parameter typed, refused when it is not one */
    key(s, '#');
    assert_int_equal(s->editing, EDIT_PARAM);
    assert_string_equal(s->field.text, "lm_head[4][0]");
    key(s, 21);         /* Ctrl-U erases the line, as in the : prompt */
    assert_string_equal(s->field.text, "");
    keys(s, "attn_wq[3][99]\r");
    assert_string_equal(s->field_error, "layer0.attn_wq is 16 x 16: rows 0-15, columns 0-15");
    for (int i = 0; i < 20; i++)
        key(s, UIK_BACKSPACE);
    keys(s, "wpe[1][2]\r");
    assert_int_equal(s->editing, 0);
    session_view(s, 0, &v);
    assert_string_equal(v.step.follow_name, "wpe[1][2]");
    const size_t wpe12 = emma->t.model.mat[MAT_WPE].off + 16 + 2;
    assert_int_equal(s->follow_index, (long)wpe12);
    assert_bits_equal(v.step.follow.p_new, trainer_params(&emma->t)[wpe12]);
    /* it stays on that parameter at other steps */
    session_go(s, 5);
    session_view(s, 0, &v);
    assert_string_equal(v.step.follow_name, "wpe[1][2]");
    assert_bits_equal(v.step.follow.p_new, trainer_params(&emma->t)[wpe12]);
    key(s, '#');
    for (int i = 0; i < 20; i++)
        key(s, UIK_BACKSPACE);
    keys(s, "nope\r");
    assert_non_null(strstr(s->field_error, "not MATRIX[ROW][COL]"));
    key(s, UIK_ENTER);
    keys(s, "\x7f\x7f\x7f\x7f\r");   /* empty: the trainer's own again */
    assert_int_equal(s->follow_index, -1);
    session_view(s, 0, &v);
    assert_int_equal(strncmp(v.step.follow_name, "lm_head[", 8), 0);
}

/* ---------------------------------------------------------------- figures */

/* Against microgpt_ref.py: emma under the models of steps 1 and 31 and the
 * final one (computed on the side: the run does not reach its end); emma
 * after step 1's update; the attention of step 2; step 1's moves. */
static void test_figures_match_python(void **state)
{
    (void)state;
    Session *s = at(emma, 30);
    key(s, 't');
    keys(s, "emma\r");
    View v;
    session_view(s, 0, &v);
    assert_int_equal(emma->s.reached, 31);      /* the final model did not move the run */
    const RunInside *in = v.inside.in;
    assert_non_null(in);
    static const struct { const char *head; int model; } probes[] = {
        { "probe\temma\t31\t", MODEL_STEP }, { "probe\temma\t1\t", MODEL_FIRST },
        { "probe\temma\tfinal\t", MODEL_FINAL },
    };
    for (int k = 0; k < 3; k++) {
        char *line = ref_line(probes[k].head);
        assert_non_null(line);
        double x[32];
        assert_int_equal(numbers(line, x, 32), 1 + 5 + 5);
        const ProbeScore *sc = &in->scores[0][probes[k].model];
        assert_true(sc->have);
        assert_bits_equal(sc->mean, x[0]);
        for (int p = 0; p < 5; p++) {
            assert_bits_equal(sc->loss[p], x[1 + p]);
            assert_bits_equal(sc->p[p], x[6 + p]);
        }
        free(line);
    }
    /* the update at step 1 */
    s = at(emma, 0);
    key(s, 'u');
    session_view(s, 0, &v);
    in = v.inside.in;
    char *line = ref_line("after\t1\t");
    double x[64];
    assert_int_equal(numbers(line, x, 64), 6);
    assert_bits_equal(in->after_mean, x[0]);
    for (int p = 0; p < 5; p++)
        assert_bits_equal(in->after[p], x[1 + p]);
    free(line);
    for (int r = 0; r < 12; r++) {
        char head[32];
        snprintf(head, sizeof head, "mover\t1\t%d\t", r);
        line = ref_line(head);
        assert_int_equal(numbers(line, x, 64), 5);
        assert_int_equal(in->movers[r].index, (size_t)x[0]);
        assert_bits_equal(in->movers[r].tr.grad, x[1]);
        assert_bits_equal(in->movers[r].tr.m_hat, x[2]);
        assert_bits_equal(in->movers[r].tr.v_hat, x[3]);
        assert_bits_equal(in->movers[r].delta, x[4]);
        free(line);
    }
    /* the attention of step 2 ("olivia"), every head and position */
    s = at(emma, 1);
    key(s, 'a');
    session_view(s, 0, &v);
    in = v.inside.in;
    const ModelConfig *mc = &emma->t.model.cfg;
    int lines = 0;
    for (int h = 0; h < 4; h++)
        for (int p = 0; p < emma->t.info.n; p++) {
            char head[32];
            snprintf(head, sizeof head, "attn\t2\t0\t%d\t%d\t", h, p);
            line = ref_line(head);
            assert_non_null(line);
            assert_int_equal(numbers(line, x, 64), p + 1);
            for (int t = 0; t <= p; t++)
                assert_bits_equal(in->attn[model_attn_index(mc, 0, h, p, t)], x[t]);
            free(line);
            lines++;
        }
    assert_int_equal(lines, 4 * 7);
    /* near uniform until step 32 (its spread at step 33 is 0.067) */
    assert_int_equal(in->uniform_until, -1);    /* step 2: none yet among steps 1 .. 2 */
    session_go(s, 40);
    session_view(s, 0, &v);
    assert_int_equal(v.inside.in->uniform_until, 32);
}

/* Where the run's end is too far to compute on the side (5000 steps), the
 * final column waits, and says so; once there, it shows. */
static void test_final_far(void **state)
{
    (void)state;
    Dataset ds;
    Trainer t;
    Session s;
    char err[256];
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    TrainConfig cfg = train_config_default();
    cfg.shuffle = 0;
    cfg.adam.num_steps = 5000;
    assert_int_equal(trainer_init(&t, &ds, &cfg, err, sizeof err), 0);
    static const char *const names[] = { "emma" };
    const SessionConfig sc = { .paused = 1, .samples = 3, .probe = names, .nprobe = 1 };
    assert_int_equal(session_init(&s, &t, &sc), 0);
    assert_int_equal(s.nprobes, 1);     /* --probe's name */
    key(&s, 't');
    key(&s, UIK_ESC);
    View v;
    session_view(&s, 0, &v);
    assert_false(v.inside.in->scores[0][MODEL_FINAL].have);
    assert_int_equal(v.inside.in->final_state, -1);
    assert_int_equal(s.reached, 1);
    Canvas c;
    assert_int_equal(canvas_init(&c, 80, 24, 0), 0);
    render_frame(&c, &s);
    char *text = canvas_dump(&c);
    assert_non_null(strstr(text, "4999 steps on"));
    assert_non_null(strstr(text, "too far"));
    free(text);
    session_go(&s, 4999);
    session_view(&s, 0, &v);
    assert_true(v.inside.in->scores[0][MODEL_FINAL].have);
    assert_memory_equal(timeline_final(s.runs[0].tl), trainer_params(&t), t.model.nparams * sizeof(double));
    canvas_free(&c);
    session_free(&s);
    trainer_free(&t);
    dataset_free(&ds);
}

/* ------------------------------------------------------------ guess, rewind */

static char *screen(Session *s, int w, int h, int ascii)
{
    char *text = fixture_screen(s, w, h, ascii);
    assert_non_null(text);
    return text;
}

/* Guess mode gives nothing away here either: hiding position 1's target
 * ("m" of emma), the attention shows rows 0 and 1 only, the update nothing
 * of the name, the raw scores nothing. */
static void test_guess(void **state)
{
    (void)state;
    Session *s = at(emma, 0);
    s->sel = 1;
    key(s, 'w');
    key(s, 'a');
    char *text = screen(s, 80, 24, 0);
    assert_non_null(strstr(text, "1 e "));
    assert_null(strstr(text, "2 m "));
    assert_null(strstr(text, "emma"));
    free(text);
    key(s, 'u');
    key(s, 'v');
    text = screen(s, 80, 24, 0);
    assert_non_null(strstr(text, "Guess mode: what the update did shows"));
    assert_null(strstr(text, "emma"));
    assert_null(strstr(text, "nats"));
    assert_null(strstr(text, "logit"));
    free(text);
    key(s, 'r');    /* revealed, the length still hidden */
    text = screen(s, 80, 24, 0);
    assert_null(strstr(text, "emma"));
    free(text);
    key(s, 'w');
    text = screen(s, 80, 24, 0);
    assert_non_null(strstr(text, "This step made \"emma\" 0.28 nats easier."));
    free(text);
}

/* Going away and back shows the same screens (the insides are recomputed
 * from the step, exactly); phase mode shows the update from its phase on. */
static void test_rewind_and_phases(void **state)
{
    (void)state;
    Session *s = at(emma, 30);
    key(s, 't');
    keys(s, "emma\r");
    char *probe = screen(s, 120, 40, 0);
    key(s, 'u');
    char *update = screen(s, 120, 40, 0);
    key(s, 'a');
    char *attn = screen(s, 120, 40, 0);
    session_go(s, 250);
    session_go(s, 3);
    session_go(s, 30);
    char *again = screen(s, 120, 40, 0);
    assert_string_equal(attn, again);
    free(again);
    key(s, 'u');
    again = screen(s, 120, 40, 0);
    assert_string_equal(update, again);
    free(again);
    key(s, 't');
    key(s, UIK_ESC);
    again = screen(s, 120, 40, 0);
    assert_string_equal(probe, again);
    free(again);
    free(probe);
    free(update);
    free(attn);
    /* phase mode: the update waits for its phase; the Log phase says it too */
    s = at(emma, 0);
    key(s, 'p');
    key(s, 'u');
    char *text = screen(s, 80, 24, 0);
    assert_non_null(strstr(text, "The update comes at the Update phase"));
    free(text);
    for (int i = 0; i < 8; i++)
        key(s, 'n');
    assert_int_equal(session_shown(s, 0).phase.kind, PHASE_UPDATE);
    text = screen(s, 80, 24, 0);
    assert_non_null(strstr(text, "This step made \"emma\" 0.28 nats easier."));
    free(text);
    key(s, 'u');
    key(s, 'n');
    text = screen(s, 120, 40, 0);   /* the Log phase, the panel closed */
    assert_non_null(strstr(text, "This step made \"emma\" 0.28 nats easier."));
    free(text);
}

/* A twin run (--compare '--lr 0.02'): the probe panel shows the name under
 * its model at the step shown too, equal to a probe of its parameters. */
static void test_twin_run(void **state)
{
    (void)state;
    Dataset ds, ds2;
    Trainer t, t2;
    Session s;
    char err[256];
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    assert_int_equal(dataset_copy(&ds2, &ds), 0);
    TrainConfig cfg = train_config_default(), twin;
    cfg.shuffle = 0;
    twin = cfg;
    twin.adam.lr = 0.02;
    assert_int_equal(trainer_init(&t, &ds, &cfg, err, sizeof err), 0);
    assert_int_equal(trainer_init(&t2, &ds2, &twin, err, sizeof err), 0);
    static const char *const names[] = { "emma" };
    const SessionConfig sc = { .paused = 1, .samples = 3, .probe = names, .nprobe = 1, .twin = &t2,
                               .twin_desc = "--lr 0.02" };
    assert_int_equal(session_init(&s, &t, &sc), 0);
    session_go(&s, 9);
    key(&s, 't');
    key(&s, UIK_ESC);
    View v;
    session_view(&s, 0, &v);
    assert_int_equal(v.inside.runs, 2);
    assert_int_equal(v.inside.label[1], 'B');
    const ProbeScore *b = &v.inside.run[1]->scores[0][MODEL_STEP];
    assert_true(b->have);
    /* the twin's model of step 10: its parameters after step 9 */
    Probe pr;
    assert_int_equal(probe_init(&pr, &t2.model), 0);
    assert_int_equal(timeline_goto(s.runs[1].tl, 8), 0);
    const double mean = probe_score(&pr, trainer_params(&t2), s.probes[0].tokens, s.probes[0].n, NULL, NULL, NULL);
    assert_bits_equal(b->mean, mean);
    assert_true(b->mean != v.inside.in->scores[0][MODEL_STEP].mean);
    probe_free(&pr);
    char *text = screen(&s, 120, 40, 0);
    assert_non_null(strstr(text, "run B"));
    free(text);
    session_free(&s);
    trainer_free(&t);
    trainer_free(&t2);
    dataset_free(&ds);
    dataset_free(&ds2);
}

/* ---------------------------------------------------------------- screens */

/* The teacher's screens at 80x24: the attention of step 1 (near uniform, no
 * gradient for q and k) and at step 200 zoomed (the numbers); "emma" typed
 * at step 1 (step 1's and the final model); what step 1's update did, at
 * the Update phase of --emma; the raw scores; the editor refusing a name. */
static void test_screens(void **state)
{
    (void)state;
    /* a fresh run: the loss curve shows the steps reached beyond the one shown */
    fixture_free(emma);
    emma = fixture_new_shuffle(0);
    assert_non_null(emma);
    Session *s = at(emma, 0);
    key(s, 'a');
    assert_screen(s, 80, 24, 0, "inside-attn-step1-80x24", 1);
    assert_screen(s, 80, 24, 1, "inside-attn-step1-80x24", 0);
    s = at(emma, 199);
    s->sel = 3;
    key(s, 'a');
    key(s, 'z');
    assert_screen(s, 80, 24, 0, "inside-attn-zoom-step200-80x24", 0);
    s->zoom = 0;
    assert_screen(s, 120, 40, 0, "inside-attn-step200-120x40", 0);
    s = at(emma, 0);
    key(s, 't');
    keys(s, "emma\r");
    assert_screen(s, 80, 24, 0, "inside-probe-emma-step1-80x24", 0);
    s = at(emma, 30);
    key(s, 't');
    keys(s, "emma\r");
    key(s, 't');
    keys(s, "zoe\r");
    assert_screen(s, 120, 40, 0, "inside-probe-step31-120x40", 0);
    assert_screen(s, 80, 24, 1, "inside-probe-step31-80x24", 0);
    s = fixture_phase(emma, 0, 8);  /* --emma's Update phase */
    s->inside = PANEL_NONE;
    s->follow_rank = s->follow_index = -1;
    key(s, 'u');
    assert_screen(s, 80, 24, 0, "inside-update-emma-80x24", 1);
    s->explain = 0;
    assert_screen(s, 120, 40, 0, "inside-update-emma-120x40", 0);
    s = at(emma, 30);
    key(s, 'v');
    s->sel = 2;
    assert_screen(s, 80, 24, 0, "inside-logits-step31-80x24", 0);
    assert_screen(s, 120, 40, 1, "inside-logits-step31-120x40", 0);
    key(s, 't');
    keys(s, "Emma\r");
    assert_screen(s, 80, 24, 0, "inside-editor-refused-80x24", 0);
    key(s, UIK_ESC);
    /* #'s error whole at 80 columns: wrapped, its example not cut */
    key(s, '#');
    key(s, 21);
    keys(s, "attention_query_weights_of_layer_zero_xx\r");
    assert_screen(s, 80, 24, 0, "inside-editor-param-refused-80x24", 0);
    key(s, UIK_ESC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_follow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_figures_match_python, setup, teardown),
        cmocka_unit_test_setup_teardown(test_final_far, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guess, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rewind_and_phases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_twin_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_screens, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
