/* test_whatif.c: what if, in the session and on screen: a branch made with
 * the form (f) from a step equals a fresh run with --change from that step,
 * bit for bit, before and after the branch point; switching back (o) shows
 * the original run's panels exactly as before; the form refuses bad values
 * and no change; a --compare twin in lockstep, its sink (its --csv rows);
 * the bytes two runs hold; and
 * the screens (goldens): both curves with the legend at 80x24 and 120x40,
 * the form, both runs' samples at the end, paged as one run's are. */
#include "testutil.h"

#include "core/dataset.h"
#include "core/timeline.h"
#include "core/train.h"
#include "render/hit.h"
#include "ui_fixture.h"

/* A fresh run of cfg on the default data, stepped to step k (0-based) with
 * a plain loop: what a branch must equal. */
typedef struct {
    Dataset ds;
    Trainer t;
} Fresh;

static void fresh_at(Fresh *f, const TrainConfig *cfg, int k)
{
    char err[256];
    assert_int_equal(dataset_load(&f->ds, "data/names.txt", err), 0);
    assert_int_equal(trainer_init(&f->t, &f->ds, cfg, err, sizeof err), 0);
    for (int s = 0; s <= k; s++)
        trainer_step(&f->t);
}

static void fresh_free(Fresh *f)
{
    trainer_free(&f->t);
    dataset_free(&f->ds);
}

/* Trainer a stands exactly where b does: the step's figures and the model. */
static void same_step(const Trainer *a, const Trainer *b)
{
    assert_int_equal(a->info.step, b->info.step);
    assert_int_equal(a->info.n, b->info.n);
    assert_int_equal(a->info.doc, b->info.doc);
    assert_bits_equal(a->info.loss, b->info.loss);
    assert_bits_equal(a->info.lr_t, b->info.lr_t);
    assert_memory_equal(a->info.pos_loss, b->info.pos_loss, (size_t)a->info.n * sizeof(double));
    assert_memory_equal(trainer_params(a), trainer_params(b), a->model.nparams * sizeof(double));
}

static unsigned press(Session *s, int key)
{
    return session_key(s, key, 0);
}

/* Types text into the form's field at `field` (replacing it) and presses Enter. */
static void form_set(Session *s, int field, const char *text)
{
    while (s->form.at != field)
        press(s, UIK_DOWN);
    for (int i = 0; i < FIELD_MAX; i++)
        press(s, UIK_BACKSPACE);
    press(s, UIK_END);
    for (int i = 0; i < FIELD_MAX; i++)
        press(s, UIK_BACKSPACE);
    for (const char *p = text; *p; p++)
        press(s, *p);
}

/* The cells of rect r of a canvas, as text. */
static char *region(const Canvas *c, Rect r)
{
    char *out = malloc((size_t)r.w * (size_t)r.h * CELL_GLYPH + (size_t)r.h + 1), *o = out;
    assert_non_null(out);
    for (int y = r.y; y < r.y + r.h; y++) {
        for (int x = r.x; x < r.x + r.w; x++) {
            const Cell *k = canvas_cell(c, x, y);
            size_t n = strlen(k->g);
            memcpy(o, k->g, n);
            o += n;
            *o++ = (char)('a' + k->role);
        }
        *o++ = '\n';
    }
    *o = '\0';
    return out;
}

/* The panels of the run shown, which must not change when another run joins
 * (the status line, the loss curve and the key hints compare the runs). */
static const PanelId own_panels[] = { PANEL_LESSON, PANEL_NAME, PANEL_POSITIONS, PANEL_PROBS, PANEL_LR };
enum { NOWN = (int)(sizeof own_panels / sizeof own_panels[0]) };

static void own_screen(Session *s, int w, int h, char *out[NOWN])
{
    Canvas c;
    assert_int_equal(canvas_init(&c, w, h, 0), 0);
    Layout l = render_frame(&c, s);
    for (int i = 0; i < NOWN; i++) {
        assert_true(layout_has(&l, own_panels[i]));
        out[i] = region(&c, l.panel[own_panels[i]]);
    }
    canvas_free(&c);
}

/* Paused at step 100, f, lr 0.003, Enter: a branch, shown, that is the run of
 * --change 100:lr=0.003 at every step; the original kept, and o shows it
 * exactly as before. */
static void test_branch_from_the_form(void **state)
{
    (void)state;
    assert_true(use_utf8_locale());
    Fixture *f = fixture_new();
    assert_non_null(f);
    Session *s = fixture_at(f, 99);
    char *before[NOWN], *after[NOWN];
    own_screen(s, 80, 24, before);
    assert_int_equal(press(s, 'f') & DO_DRAW, DO_DRAW);
    assert_true(s->form.open);
    assert_string_equal(s->form.f[0].text, "0.01");    /* the values in use */
    assert_string_equal(s->form.f[1].text, "0.9");
    assert_string_equal(s->form.f[2].text, "0.95");
    assert_string_equal(s->form.f[3].text, "0.5");
    form_set(s, 0, "0.003");
    press(s, UIK_ENTER);
    assert_false(s->form.open);
    assert_int_equal(s->nruns, 2);
    assert_int_equal(s->shown, 1);
    assert_int_equal(s->other, 0);
    assert_int_equal(s->step, 99);
    assert_string_equal(s->runs[1].desc, "lr=0.003 from step 100");
    /* the branch is the fresh run of --change 100:lr=0.003 */
    TrainConfig c2 = train_config_default();
    char err[128];
    assert_int_equal(changes_set(&c2.changes, 99, 0, 0.003, 0, err, sizeof err), 0);
    Fresh fr;
    fresh_at(&fr, &c2, 99);
    const Trainer *b = s->runs[1].t;
    same_step(b, &fr.t);
    assert_bits_equal(b->info.loss, f->t.info.loss);   /* the step's loss: before its update */
    assert_false(same_bits(b->info.lr_t, f->t.info.lr_t));
    for (int k = 100; k <= 160; k++) {
        trainer_step(&fr.t);
        session_go(s, k);   /* both runs in lockstep */
    }
    same_step(b, &fr.t);
    assert_int_equal(f->t.info.step, 160);
    fresh_free(&fr);
    /* back before the branch point: the shared history */
    fresh_at(&fr, &c2, 42);
    session_go(s, 42);
    same_step(b, &fr.t);
    same_step(&f->t, &fr.t);    /* the same run there */
    fresh_free(&fr);
    /* o: the original again, exactly as it showed step 100 */
    session_go(s, 99);
    assert_int_equal(press(s, 'o') & DO_DRAW, DO_DRAW);
    assert_int_equal(s->shown, 0);
    assert_int_equal(s->other, 1);
    own_screen(s, 80, 24, after);
    for (int i = 0; i < NOWN; i++) {
        assert_string_equal(after[i], before[i]);
        free(after[i]);
        free(before[i]);
    }
    /* two runs cost at most twice one: the branch holds no more states than
     * its parent (one more at most, where they part) */
    session_go(s, 499);
    size_t pa = timeline_bytes(s->runs[0].tl), pb = timeline_bytes(s->runs[1].tl);
    size_t one = sizeof(TrainState) + 3 * f->t.model.nparams * sizeof(double);
    print_message("bytes held: run A %zu, branch %zu\n", pa, pb);
    assert_true(pb <= pa + one);
    assert_true(pa <= TIMELINE_BUDGET && pb <= TIMELINE_BUDGET);
    fixture_free(f);
}

/* The form says why it refuses: a value out of its option's range, nothing
 * changed; Esc closes it with nothing done; keys edit only the form. */
static void test_form_refuses(void **state)
{
    (void)state;
    Fixture *f = fixture_new();
    assert_non_null(f);
    Session *s = fixture_at(f, 10);
    press(s, 'f');
    press(s, UIK_ENTER);
    assert_true(s->form.open);
    assert_string_equal(s->form.error, "change a value first (Esc closes)");
    form_set(s, 1, "1");
    press(s, UIK_ENTER);
    assert_string_equal(s->form.error, "beta1: '1' is not a number in [0, 1)");
    form_set(s, 1, "0x1");
    press(s, UIK_ENTER);
    assert_string_equal(s->form.error, "beta1: '0x1' is not a number in [0, 1)");
    form_set(s, 1, "0.9");
    form_set(s, 3, "0");
    press(s, UIK_ENTER);
    assert_string_equal(s->form.error, "temperature: '0' is not a number > 0");
    press(s, 'q');      /* a letter is text in the form, not quit */
    assert_string_equal(s->form.f[3].text, "0q");
    press(s, UIK_ESC);
    assert_false(s->form.open);
    assert_int_equal(s->nruns, 1);
    assert_int_equal(press(s, 'o'), 0);     /* one run: nothing to switch to */
    /* four runs at most */
    for (int i = 0; i < SESSION_MAX_RUNS - 1; i++) {
        press(s, 'f');
        char v[16];
        snprintf(v, sizeof v, "0.00%d", i + 1);
        form_set(s, 0, v);
        press(s, UIK_ENTER);
        assert_false(s->form.open);
    }
    assert_int_equal(s->nruns, SESSION_MAX_RUNS);
    /* then f says so at once, no form to fill in for nothing */
    press(s, 'f');
    assert_false(s->form.open);
    assert_string_equal(session_shown(s, 0).message, "4 runs already: no room for another");
    fixture_free(f);
}

/* A --compare twin (--lr 0.003 from the start) in the session. */
typedef struct {
    Fixture *f;
    Dataset ds;
    Trainer t;
} Twin;

static void twin_add(Twin *w, double lr)
{
    char err[256];
    w->f = fixture_new();
    assert_non_null(w->f);
    assert_int_equal(dataset_load(&w->ds, "data/names.txt", err), 0);
    TrainConfig c = train_config_default();
    c.adam.lr = lr;
    assert_int_equal(trainer_init(&w->t, &w->ds, &c, err, sizeof err), 0);
    assert_int_equal(session_add_twin(&w->f->s, &w->t, "--lr 0.003", NULL, NULL), 0);
}

static void twin_free(Twin *w)
{
    fixture_free(w->f);
    trainer_free(&w->t);
    dataset_free(&w->ds);
}

/* A twin of the other program (--compare '--variant gist --steps 500'):
 * shown, it is labelled as the gist's run ("gist*": --steps changed it),
 * its Log phase ends the gist's way and the help compares it with the
 * gist; a branch of it is the gist's too; run A stays the course's. */
static void test_twin_variant(void **state)
{
    (void)state;
    char err[256];
    Fixture *f = fixture_new();
    assert_non_null(f);
    Dataset ds;
    Trainer t2;
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    TrainConfig c = train_config_variant(VARIANT_GIST);
    c.adam.num_steps = 500;
    assert_int_equal(trainer_init(&t2, &ds, &c, err, sizeof err), 0);
    session_free(&f->s);
    trainer_free(&f->t);
    TrainConfig course = train_config_default();
    assert_int_equal(trainer_init(&f->t, &f->ds, &course, err, sizeof err), 0);
    const SessionConfig sc = { .paused = 1, .samples = 20, .variant = VARIANT_COURSE, .twin = &t2,
                               .twin_desc = "--variant gist --steps 500", .twin_variant = VARIANT_GIST };
    assert_int_equal(session_init(&f->s, &f->t, &sc), 0);
    Session *s = &f->s;
    View v;
    session_view(s, 0, &v);
    assert_string_equal(v.run.variant, "course");
    assert_int_equal(v.run.custom, 0);
    press(s, 'o');
    session_view(s, 0, &v);
    assert_ptr_equal(v.run.train, &t2.cfg);
    assert_string_equal(v.run.variant, "gist");
    assert_int_equal(v.run.program, VARIANT_GIST);
    assert_int_equal(v.run.custom, 1);
    /* a branch of the gist's run, at step 3 */
    session_go(s, 2);
    press(s, 'f');
    form_set(s, 0, "0.02");
    press(s, UIK_ENTER);
    assert_int_equal(s->nruns, 3);
    session_view(s, 0, &v);
    assert_string_equal(v.run.variant, "gist");
    assert_int_equal(v.run.program, VARIANT_GIST);
    fixture_free(f);        /* the session, before the twin's trainer */
    trainer_free(&t2);
    dataset_free(&ds);
}

/* Both runs go to every step together; the twin is the fresh run of its
 * options; at the end, the sampled names' first difference. */
static void test_twin_lockstep(void **state)
{
    (void)state;
    Twin w;
    twin_add(&w, 0.003);
    Session *s = fixture_at(w.f, 137);
    TrainConfig c = train_config_default();
    c.adam.lr = 0.003;
    Fresh fr;
    fresh_at(&fr, &c, 137);
    same_step(&w.t, &fr.t);
    fresh_free(&fr);
    assert_int_equal(s->other, 1);
    assert_int_equal(s->shown, 0);
    View v;
    session_go(s, 499);
    session_view(s, 0, &v);
    assert_non_null(v.step.samples);
    assert_non_null(v.cmp.samples);
    assert_int_equal(v.cmp.label, 'A');
    assert_int_equal(v.cmp.other_label, 'B');
    assert_bits_equal(v.cmp.loss, w.t.info.loss);
    /* the same untrained model and temperature: the names part after step 1
     * (as --headless --compare '--lr 0.003' says: tests/test_cli.c) */
    assert_int_equal(v.cmp.differ_at, 1);
    assert_int_equal(session_names_differ(s), 1);
    assert_int_equal(w.f->t.info.step, 499);    /* back where it was */
    twin_free(&w);
}

/* What a twin's sink was told (its --csv rows): each step and its loss, in
 * order; it fails on step fail_at. */
typedef struct {
    int step[512];
    double loss[512];
    int n, fail_at;
} Told;

static int told_step(void *ctx, const Trainer *t)
{
    Told *k = ctx;
    if (t->info.step == k->fail_at || k->n >= 512)
        return -1;
    k->step[k->n] = t->info.step;
    k->loss[k->n++] = t->info.loss;
    return 0;
}

/* The twin's sink is told of each of its steps once, the first time it is
 * computed, in step order, with the twin's own figures (what --headless
 * --lr 0.003 --csv writes: tests/e2e checks the file); a failing sink ends
 * the session, at the start too. */
static void test_twin_sink(void **state)
{
    (void)state;
    char err[256];
    Told told = { .fail_at = -1 };
    Twin w;
    w.f = fixture_new();
    assert_non_null(w.f);
    assert_int_equal(dataset_load(&w.ds, "data/names.txt", err), 0);
    TrainConfig c = train_config_default();
    c.adam.lr = 0.003;
    assert_int_equal(trainer_init(&w.t, &w.ds, &c, err, sizeof err), 0);
    assert_int_equal(session_add_twin(&w.f->s, &w.t, "--lr 0.003", told_step, &told), 0);
    assert_int_equal(told.n, 1);            /* step 1, brought to the step shown */
    Session *s = fixture_at(w.f, 30);
    press(s, UIK_HOME);
    press(s, 'b');
    fixture_at(w.f, 99);
    press(s, '[');
    assert_int_equal(s->failed, 0);
    assert_int_equal(told.n, 100);
    Fresh fr;
    fresh_at(&fr, &c, -1);
    for (int i = 0; i < told.n; i++) {
        trainer_step(&fr.t);
        assert_int_equal(told.step[i], i);
        assert_bits_equal(told.loss[i], fr.t.info.loss);
    }
    fresh_free(&fr);
    /* a row that cannot be written ends the session on its step */
    Told bad = { .fail_at = 120 };
    Trainer t2;
    assert_int_equal(trainer_init(&t2, &w.ds, &c, err, sizeof err), 0);
    assert_int_equal(session_add_twin(s, &t2, "--lr 0.003", told_step, &bad), 0);
    assert_int_equal(bad.n, 90);            /* brought to step 90 */
    session_go(s, 200);
    assert_int_equal(s->failed, SESSION_SINK_FAILED);
    assert_int_equal(bad.n, 120);
    twin_free(&w);
    trainer_free(&t2);
    /* ... and at the start: the session does not open */
    Dataset ds, ds2;
    Trainer a, b;
    Told first = { .fail_at = 0 };
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    assert_int_equal(dataset_copy(&ds2, &ds), 0);
    assert_int_equal(trainer_init(&a, &ds, &c, err, sizeof err), 0);
    assert_int_equal(trainer_init(&b, &ds2, &c, err, sizeof err), 0);
    const SessionConfig sc = { .paused = 1, .twin = &b, .twin_desc = "--lr 0.003", .twin_sink = told_step,
                               .twin_sink_ctx = &first };
    Session bare;
    assert_int_equal(session_init(&bare, &a, &sc), SESSION_SINK_FAILED);
    trainer_free(&a);
    trainer_free(&b);
    dataset_free(&ds);
    dataset_free(&ds2);
}

/* The screens of two runs: both curves and the legend, both losses. */
static void test_compare_screens(void **state)
{
    (void)state;
    assert_true(use_utf8_locale());
    Twin w;
    twin_add(&w, 0.003);
    Session *s = fixture_at(w.f, 99);
    assert_screen(s, 80, 24, 0, "compare-step100-80x24", 1);
    assert_screen(s, 80, 24, 1, "compare-step100-80x24", 0);
    assert_screen(s, 120, 40, 0, "compare-step100-120x40", 0);
    /* from 160 columns: the positions and probabilities of both runs, side by side */
    press(s, UIK_DOWN);
    press(s, UIK_DOWN);
    assert_screen(s, 160, 48, 0, "compare-step100-sel2-160x48", 1);
    assert_screen(s, 160, 48, 1, "compare-step100-sel2-160x48", 0);
    assert_screen(s, 200, 60, 0, "compare-step100-sel2-200x60", 0);
    assert_screen(s, 159, 48, 0, "compare-step100-sel2-159x48", 0);
    assert_screen(s, 160, 24, 0, "compare-step100-sel2-160x24", 0);     /* compact: the left column wider */
    /* guess mode hides the same in both halves: each asks for the guess */
    press(s, 'w');
    assert_screen(s, 160, 48, 0, "compare-step100-sel2-guess-160x48", 0);
    Canvas c;
    assert_int_equal(canvas_init(&c, 160, 48, 0), 0);
    render_frame(&c, s);
    char *text = canvas_dump(&c), *at = text;
    int asks = 0;
    while ((at = strstr(at, "Guess first!")) != NULL) {
        asks++;
        at++;
    }
    assert_int_equal(asks, 2);
    assert_null(strstr(text, "0.0169"));    /* neither target's probability shows */
    assert_null(strstr(text, "0.0249"));
    free(text);
    canvas_free(&c);
    press(s, 'w');
    press(s, UIK_UP);
    press(s, UIK_UP);
    press(s, 'o');
    assert_screen(s, 80, 24, 0, "compare-step100-other-80x24", 0);
    press(s, 'f');
    assert_screen(s, 80, 24, 0, "whatif-form-80x24", 1);
    assert_screen(s, 80, 24, 1, "whatif-form-80x24", 0);
    /* a long error wraps at 80 columns, whole */
    form_set(s, 3, "1e-309");
    press(s, UIK_ENTER);
    assert_screen(s, 80, 24, 0, "whatif-form-error-80x24", 0);
    press(s, UIK_ESC);
    s = fixture_at(w.f, 499);
    assert_screen(s, 80, 24, 0, "compare-last-samples-80x24", 0);
    twin_free(&w);
}

/* The final samples of two runs at w x h leave the loss curve as it is
 * without them (every cell, roles too, its title's difference A-B), and
 * show both runs' names of the page and the sentence on when they differ. */
static void assert_curve_beside(Session *s, int w, int h)
{
    Canvas with, without;
    assert_int_equal(canvas_init(&with, w, h, 0), 0);
    assert_int_equal(canvas_init(&without, w, h, 0), 0);
    Layout l = render_frame(&with, s);
    assert_true(session_shown(s, l.panels).samples == 2);
    const Rect r = l.panel[PANEL_LOSS];
    assert_true(layout_has(&l, PANEL_LOSS));
    char *text = canvas_dump(&with);
    assert_non_null(strstr(text, "Sampled names: first different after step"));
    const Samples *a = &s->runs[s->shown].samples, *b = &s->runs[s->other].samples;
    for (int i = 0; i < s->samples_per_page && i < a->count; i++) {
        assert_non_null(strstr(text, a->names[i]));
        assert_non_null(strstr(text, b->names[i]));
    }
    free(text);
    s->samples = 0;     /* hidden */
    render_frame(&without, s);
    s->samples = 1;
    render_frame(&with, s);     /* the session told the pair's page size again */
    int diff = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            const Cell *p = canvas_cell(&with, x, y), *q = canvas_cell(&without, x, y);
            diff += strcmp(p->g, q->g) != 0 || p->role != q->role;
        }
    assert_int_equal(diff, 0);
    canvas_free(&with);
    canvas_free(&without);
}

/* Both runs' final samples page as one run's do: s shows the next page,
 * then hides them, and shows them again from the top; the wheel over them
 * pages back and forth; Esc hides them.  At 80x24 a page holds 13 of each
 * run's 20 names, at 120x40 all of them; the loss curve (both runs, their
 * difference in its title) stays in view beside them. */
static void test_compare_samples_pages(void **state)
{
    (void)state;
    assert_true(use_utf8_locale());
    Twin w;
    twin_add(&w, 0.003);
    Session *s = fixture_at(w.f, 499);
    Canvas c;
    assert_int_equal(canvas_init(&c, 80, 24, 0), 0);
    Layout l = render_frame(&c, s);
    assert_int_equal(s->samples_per_page, 13);
    assert_curve_beside(s, 80, 24);
    Shown sh = session_shown(s, l.panels);
    assert_int_equal(sh.samples, 2);
    assert_int_equal(sh.samples_page, 0);
    assert_int_equal(sh.samples_more, 1);
    /* the wheel over the names: the next page, the first again; no further */
    MouseEvent e = { MOUSE_WHEEL_DOWN, 40, 10 };
    Hit h = render_hit(&l, &c, 40, 10);
    assert_int_equal(h.kind, HIT_SAMPLES);
    assert_int_equal(session_mouse(s, &e, &h, l.panels), DO_DRAW);
    assert_int_equal(session_shown(s, l.panels).samples_page, 1);
    assert_int_equal(session_mouse(s, &e, &h, l.panels), 0);
    e.kind = MOUSE_WHEEL_UP;
    assert_int_equal(session_mouse(s, &e, &h, l.panels), DO_DRAW);
    assert_int_equal(session_shown(s, l.panels).samples_page, 0);
    assert_int_equal(session_mouse(s, &e, &h, l.panels), 0);
    /* s: the next page (names 14 to 20 of each run), then hidden, then the top */
    press(s, 's');
    assert_screen(s, 80, 24, 0, "compare-last-samples-page2-80x24", 0);
    sh = session_shown(s, l.panels);
    assert_int_equal(sh.samples_page, 1);
    assert_int_equal(sh.samples_more, 0);
    press(s, 's');
    assert_int_equal(session_shown(s, l.panels).samples, 1);
    press(s, 's');
    sh = session_shown(s, l.panels);
    assert_int_equal(sh.samples, 2);
    assert_int_equal(sh.samples_page, 0);
    press(s, UIK_ESC);
    assert_int_equal(session_shown(s, l.panels).samples, 1);
    press(s, 's');
    canvas_free(&c);
    /* 120x40: every name on one page */
    assert_screen(s, 120, 40, 0, "compare-last-samples-120x40", 0);
    assert_int_equal(s->samples_per_page, 20);
    assert_int_equal(session_shown(s, l.panels).samples_more, 0);
    assert_curve_beside(s, 120, 40);
    twin_free(&w);
}

/* The search for the first step after which two runs' sampled names differ
 * walks every step of both runs: it reports its progress as a seek does;
 * a key stops it (the overlay then says so, and back at the last step it
 * searches again), q ends the session.  A twin whose lr differs in its 10th
 * digit: its names stay the course's for many steps. */
static void test_names_differ_progress(void **state)
{
    (void)state;
    Twin w;
    twin_add(&w, 0.0100000001);
    Session *s = &w.f->s;
    fixture_at(w.f, 499);
    SeekProg p = { .stop_at = 30, .answer = SESSION_CANCEL };
    session_set_progress(s, seek_prog_cb, &p);
    assert_int_equal(session_names_differ(s), -3);
    assert_true(p.calls >= 30);
    assert_int_equal(p.target, 499);
    assert_int_equal(s->quit, 0);
    assert_int_equal(s->step, 499);             /* both runs back on the step shown */
    assert_int_equal(timeline_current(s->runs[0].tl), 499);
    assert_int_equal(timeline_current(s->runs[1].tl), 499);
    View v;
    session_view(s, 0, &v);
    assert_int_equal(v.cmp.differ_at, -3);      /* not searched again at each frame */
    Canvas c;
    assert_int_equal(canvas_init(&c, 80, 24, 0), 0);
    render_frame(&c, s);
    char *text = canvas_dump(&c);
    assert_non_null(strstr(text, "not compared: a key"));
    free(text);
    canvas_free(&c);
    /* back at the last step: searched again, to the end this time */
    p = (SeekProg){ .stop_at = 1 << 30 };
    session_go(s, 498);
    session_go(s, 499);
    const int at = session_names_differ(s);
    assert_true(at == -1 || at > 30);
    assert_true(p.calls > 30);
    /* q or a signal during the search: the session must end */
    twin_free(&w);
    twin_add(&w, 0.0100000001);
    s = &w.f->s;
    fixture_at(w.f, 499);
    p = (SeekProg){ .stop_at = 10, .answer = SESSION_QUIT };
    session_set_progress(s, seek_prog_cb, &p);
    session_names_differ(s);
    assert_int_equal(s->quit, 1);
    twin_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_branch_from_the_form),
        cmocka_unit_test(test_form_refuses),
        cmocka_unit_test(test_twin_lockstep),
        cmocka_unit_test(test_twin_variant),
        cmocka_unit_test(test_twin_sink),
        cmocka_unit_test(test_compare_screens),
        cmocka_unit_test(test_compare_samples_pages),
        cmocka_unit_test(test_names_differ_progress),
    };
    return cmocka_run_group_tests_name("whatif", tests, NULL, NULL);
}
