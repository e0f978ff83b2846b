/* test_render.c: the screen drawn from real training steps (the default run
 * on data/names.txt), compared with golden text in UTF-8 and ASCII, plus
 * exact checks of the numbers each panel shows.  Regenerate the goldens with
 * UPDATE_GOLDEN=1 (see tests/ui_fixture.h). */
#include "testutil.h"

#include "layout.h"
#include "ui_fixture.h"
#include "ui_samples.h"

static int setup(void **state)
{
    if (!use_utf8_locale()) {
        fprintf(stderr, "test_render: no UTF-8 locale (C.UTF-8) installed\n");
        return -1;
    }
    Fixture *f = fixture_new();
    *state = f;
    return f ? 0 : -1;
}

static int teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

static void go(Fixture *f, int step)
{
    assert_int_equal(timeline_goto(f->tl, step), 0);
    assert_int_equal(timeline_current(f->tl), step);
}

/* Row y of a canvas as text (trailing blanks removed). */
static char *row_text(const Canvas *c, int y)
{
    char *all = canvas_dump(c), *p = all;
    for (int i = 0; i < y; i++)
        p = strchr(p, '\n') + 1;
    char *end = strchr(p, '\n');
    *end = '\0';
    char *out = strdup(p);
    free(all);
    return out;
}

/* --paused at start: step 1, its name, losses and bars. */
static void test_step1_80x24(void **state)
{
    Fixture *f = *state;
    go(f, 0);
    View v = fixture_view(f);
    assert_screen(&v, 80, 24, 0, "step1-80x24", 1);
    assert_screen(&v, 80, 24, 1, "step1-80x24", 1);
}

/* The status line carries the step, the state, the speed, the loss as the
 * reference log prints it (step 1: 3.3630) and lr_t. */
static void test_status_line(void **state)
{
    Fixture *f = *state;
    go(f, 0);
    View v = fixture_view(f);
    Canvas c;
    assert_int_equal(canvas_init(&c, 80, 1, 0), 0);
    render_status(&c, (Rect){ 0, 0, 80, 1 }, &v);
    char *s = row_text(&c, 0);
    assert_string_equal(s, " step 1/500   \u2502 \u2016 PAUSED  \u2502 10 steps/s   \u2502 loss 3.3630 \u2502 "
                           "lr_t 0.010000");
    free(s);
    v.running = 1;
    v.speed = 0;
    go(f, 49);
    v = (View){ .ds = v.ds, .info = v.info, .num_steps = v.num_steps, .adam = v.adam,
                .vocab_size = v.vocab_size, .block_size = v.block_size, .losses = v.losses,
                .running = 1, .speed = 0 };
    render_status(&c, (Rect){ 0, 0, 80, 1 }, &v);
    s = row_text(&c, 0);
    /* reference log: "step   50 /  500 | loss 2.4204" */
    assert_string_equal(s, " step 50/500  \u2502 \u25b6 RUNNING \u2502 max speed    \u2502 loss 2.4204 \u2502 "
                           "lr_t 0.009765");
    assert_int_equal(c.cells[14].role, ROLE_BORDER);
    assert_int_equal(c.cells[16].role, ROLE_RUN);
    free(s);
    canvas_free(&c);
}

/* The current name: the document, its tokens as characters and as ids with
 * BOS shown, and n. */
static void test_name_panel(void **state)
{
    Fixture *f = *state;
    go(f, 0);
    View v = fixture_view(f);
    Canvas c;
    assert_int_equal(canvas_init(&c, 45, 5, 0), 0);
    render_name(&c, (Rect){ 0, 0, 45, 5 }, &v);
    char *l1 = row_text(&c, 1), *l2 = row_text(&c, 2), *l3 = row_text(&c, 3);
    assert_string_equal(l1, "\u2502 name   yuheng                       n = 7 \u2502");
    assert_string_equal(l2, "\u2502 tokens [BOS]  y  u h e  n g [BOS]         \u2502");
    assert_string_equal(l3, "\u2502 ids       26 24 20 7 4 13 6    26         \u2502");
    free(l1);
    free(l2);
    free(l3);
    canvas_free(&c);
}

/* Each position's row: input, target, p(target), loss as the core computed
 * them; the mean is the step's loss; the selection is marked. */
static void test_positions_numbers(void **state)
{
    Fixture *f = *state;
    go(f, 0);
    View v = fixture_view(f);
    v.sel = 2;
    const StepInfo *in = &f->t.info;
    Canvas c;
    assert_int_equal(canvas_init(&c, 45, 12, 0), 0);
    render_positions(&c, (Rect){ 0, 0, 45, 12 }, &v);
    for (int i = 0; i < in->n; i++) {
        char want[64], *row = row_text(&c, 2 + i);
        int tgt = in->tokens[i + 1];
        snprintf(want, sizeof want, "%.4f %.4f", in->probs[(size_t)i * 27 + (size_t)tgt],
                 in->pos_loss[i]);
        if (!strstr(row, want))
            fail_msg("row %d '%s' lacks '%s'", i, row, want);
        assert_int_equal(strncmp(row, i == 2 ? "\u2502 \u25b6" : "\u2502  ", i == 2 ? 6 : 4), 0);
        free(row);
    }
    char *mean = row_text(&c, 10);
    assert_non_null(strstr(mean, "mean 3.3630"));
    free(mean);
    assert_int_equal(canvas_cell(&c, 2, 4)->role, ROLE_SELECT);
    canvas_free(&c);
}

/* A later step, running, position 2 selected, at 120x40 (all 27 entries fit,
 * in vocabulary order) and at 200x60. */
static void test_step50_large(void **state)
{
    Fixture *f = *state;
    go(f, 49);
    View v = fixture_view(f);
    v.sel = 2;
    v.running = 1;
    assert_screen(&v, 120, 40, 0, "step50-sel2-120x40", 0);
    assert_screen(&v, 120, 40, 1, "step50-sel2-120x40", 0);
    assert_screen(&v, 200, 60, 0, "step50-sel2-200x60", 0);
}

/* The probability panel: when the vocabulary does not fit, the most likely
 * entries with the target among them and a count of the hidden rest. */
static void test_probs_hidden(void **state)
{
    Fixture *f = *state;
    go(f, 0);
    View v = fixture_view(f);
    v.sel = 2;      /* u -> h: h is not among the 8 most likely */
    Canvas c;
    assert_int_equal(canvas_init(&c, 35, 12, 1), 0);
    render_probs(&c, (Rect){ 0, 0, 35, 12 }, &v);
    char *legend = row_text(&c, 1), *last = row_text(&c, 10), *tgt = row_text(&c, 9);
    assert_string_equal(legend, "| > target h   * top choice y     |");
    assert_string_equal(tgt, "| >  h #########    0.0344 target |");
    assert_string_equal(last, "|    ... 19 more (p 0.6743)       |");
    free(legend);
    free(last);
    free(tgt);
    /* target and top carry their roles on the glyph, the label and the word */
    assert_int_equal(canvas_cell(&c, 2, 9)->role, ROLE_TARGET);
    assert_int_equal(canvas_cell(&c, 5, 9)->role, ROLE_TARGET);
    assert_int_equal(canvas_cell(&c, 27, 9)->role, ROLE_TARGET);
    assert_int_equal(canvas_cell(&c, 3, 2)->role, ROLE_TOP);
    canvas_free(&c);
}

/* The last step: the run pauses and the samples are the headless run's
 * `--- inference ---` names (tests/golden/reference-default.log). */
static void test_last_step_samples(void **state)
{
    Fixture *f = *state;
    go(f, 499);
    Samples s;
    assert_int_equal(samples_draw(&s, &f->t, 20, 500, 0.5), 0);
    assert_int_equal(s.count, 20);
    FILE *ref = fopen("tests/golden/reference-default.log", "r");
    assert_non_null(ref);
    char line[256];
    int i = 0;
    while (fgets(line, sizeof line, ref))
        if (strncmp(line, "sample ", 7) == 0) {
            line[strcspn(line, "\n")] = '\0';
            assert_true(i < 20);
            assert_string_equal(strchr(line, ':') + 2, s.names[i]);
            i++;
        }
    fclose(ref);
    assert_int_equal(i, 20);
    View v = fixture_view(f);
    v.samples = &s;
    assert_screen(&v, 80, 24, 0, "last-samples-80x24", 0);
    assert_screen(&v, 80, 24, 1, "last-samples-80x24", 0);
    assert_screen(&v, 120, 40, 0, "last-samples-120x40", 0);
    samples_free(&s);
}

/* The samples box: numbered names in columns, an empty name said in words,
 * and how many are shown when not all of them fit. */
static void test_samples_box(void **state)
{
    (void)state;
    char *names[] = { "ann", "", "bo" };
    Samples s = { .step = 9, .total = 1000, .count = 3, .temperature = 0.5, .names = names };
    Canvas c;
    assert_int_equal(canvas_init(&c, 50, 8, 1), 0);
    render_samples(&c, &s, 10);
    char *text = canvas_dump(&c);
    assert_string_equal(text,
        "\n"
        "+ Names the model made up after 10 steps --------+\n"
        "| 1 ann        2 (empty)    3 bo                 |\n"
        "|                                                |\n"
        "| 3 of 1000 shown.  s hides this, b rewinds      |\n"
        "+------------------------------------------------+\n"
        "\n"
        "\n");
    free(text);
    canvas_free(&c);
}

static void test_help_overlay(void **state)
{
    Fixture *f = *state;
    go(f, 0);
    View v = fixture_view(f);
    v.help = 1;
    assert_screen(&v, 80, 24, 0, "help-80x24", 0);
    assert_screen(&v, 80, 24, 1, "help-80x24", 0);
}

/* Below 80x24: the sizes needed and present instead of a broken layout. */
static void test_too_small(void **state)
{
    Fixture *f = *state;
    go(f, 0);
    View v = fixture_view(f);
    assert_screen(&v, 79, 24, 0, "too-small-79x24", 0);
    assert_screen(&v, 30, 3, 1, "too-small-30x3", 0);
    Canvas c;
    assert_int_equal(canvas_init(&c, 40, 10, 0), 0);
    render_screen(&c, &v);
    char *text = canvas_dump(&c);
    assert_non_null(strstr(text, "need 80x24"));
    assert_non_null(strstr(text, "have 40x10"));
    free(text);
    canvas_free(&c);
}

/* Rewind is exact: step 30 drawn after going to step 60 and back is the
 * screen step 30 showed the first time, cell for cell, roles included. */
static void test_rewind_identical(void **state)
{
    Fixture *f = *state;
    Canvas a, b;
    assert_int_equal(canvas_init(&a, 120, 40, 0), 0);
    assert_int_equal(canvas_init(&b, 120, 40, 0), 0);
    go(f, 29);
    View v = fixture_view(f);
    v.sel = 3;
    render_screen(&a, &v);
    go(f, 59);
    v = fixture_view(f);
    render_screen(&b, &v);
    go(f, 29);
    v = fixture_view(f);
    v.sel = 3;
    render_screen(&b, &v);
    char *ta = canvas_dump(&a), *tb = canvas_dump(&b);
    assert_string_equal(ta, tb);
    char *ra = canvas_dump_roles(&a), *rb = canvas_dump_roles(&b);
    assert_string_equal(ra, rb);
    free(ta);
    free(tb);
    free(ra);
    free(rb);
    canvas_free(&a);
    canvas_free(&b);
}

/* Any size from the minimum up: every panel's title is on screen, at most
 * one status and one key line, nothing drawn in a cell the layout left
 * empty (there are none: see test_layout). */
static void test_many_sizes(void **state)
{
    Fixture *f = *state;
    go(f, 9);
    View v = fixture_view(f);
    static const char *const titles[] = { "Current name", "Loss at each position",
                                          "target", "top choice", "Learning rate",
                                          "Loss per step", "step 10/500", "q quit" };
    for (int h = 24; h <= 70; h += 3)
        for (int w = 80; w <= 260; w += 7) {
            for (int ascii = 0; ascii < 2; ascii++) {
                Canvas c;
                assert_int_equal(canvas_init(&c, w, h, ascii), 0);
                render_screen(&c, &v);
                char *text = canvas_dump(&c);
                for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
                    if (!strstr(text, titles[i]))
                        fail_msg("%dx%d %s: no '%s'", w, h, ascii ? "ascii" : "utf8", titles[i]);
                free(text);
                canvas_free(&c);
            }
        }
}

/* A selection beyond the step's positions shows the last one. */
static void test_selection_clamped(void **state)
{
    Fixture *f = *state;
    go(f, 0);
    View v = fixture_view(f);
    v.sel = 100;
    Canvas c;
    assert_int_equal(canvas_init(&c, 35, 12, 0), 0);
    render_probs(&c, (Rect){ 0, 0, 35, 12 }, &v);
    char *top = row_text(&c, 0);
    assert_non_null(strstr(top, "pos 6: g \u2192 [BOS]"));
    free(top);
    canvas_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step1_80x24),
        cmocka_unit_test(test_status_line),
        cmocka_unit_test(test_name_panel),
        cmocka_unit_test(test_positions_numbers),
        cmocka_unit_test(test_step50_large),
        cmocka_unit_test(test_probs_hidden),
        cmocka_unit_test(test_last_step_samples),
        cmocka_unit_test(test_samples_box),
        cmocka_unit_test(test_help_overlay),
        cmocka_unit_test(test_too_small),
        cmocka_unit_test(test_rewind_identical),
        cmocka_unit_test(test_many_sizes),
        cmocka_unit_test(test_selection_clamped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
