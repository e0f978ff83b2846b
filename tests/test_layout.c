/* test_layout.c: layout_compute over every size from the minimum to 300x100
 * and a sample of larger and odd ones, for every combination of phase mode,
 * explanation and live samples: the panels tile the screen exactly (nothing
 * overlaps, nothing leaves it, no cell unused), every panel asked for is
 * there with the room its content needs, zoom gives one panel the body, and
 * below the minimum nothing is placed. */
#include "testutil.h"

#include "render/layout.h"

/* A panel's name, for the messages. */
static const char *panel_name(PanelId p)
{
    static const char *const names[PANEL_COUNT] = {
        "status", "lesson", "name", "positions", "probs", "phase", "lr", "loss", "live",
        "attention", "probe", "update", "explain", "keys",
    };
    return p >= 0 && p < PANEL_COUNT ? names[p] : "?";
}

/* The least room each panel needs to show its content (frame included);
 * with the explanation on, the positions may scroll (11 rows) and the right
 * column's panels share fewer rows. */
static const int min_w[PANEL_COUNT] = {
    [PANEL_STATUS] = 80, [PANEL_LESSON] = 80, [PANEL_NAME] = 44, [PANEL_POSITIONS] = 44, [PANEL_PROBS] = 34,
    [PANEL_PHASE] = 34, [PANEL_LR] = 34, [PANEL_LOSS] = 34, [PANEL_LIVE] = 34, [PANEL_EXPLAIN] = 80,
    [PANEL_KEYS] = 80, [PANEL_ATTN] = 45, [PANEL_PROBE] = 45, [PANEL_UPDATE] = 45,
};
static const int min_h[PANEL_COUNT] = {
    [PANEL_STATUS] = 1, [PANEL_LESSON] = 1, [PANEL_NAME] = 5, [PANEL_POSITIONS] = 12, [PANEL_PROBS] = 11,
    [PANEL_PHASE] = 16, [PANEL_LR] = 4, [PANEL_LOSS] = 10, [PANEL_LIVE] = 4, [PANEL_EXPLAIN] = 5,
    [PANEL_KEYS] = 1, [PANEL_ATTN] = 21, [PANEL_PROBE] = 21, [PANEL_UPDATE] = 21,
};
static const int min_h_explain[PANEL_COUNT] = {
    [PANEL_STATUS] = 1, [PANEL_LESSON] = 1, [PANEL_NAME] = 5, [PANEL_POSITIONS] = 11, [PANEL_PROBS] = 9,
    [PANEL_PHASE] = 16, [PANEL_LR] = 4, [PANEL_LOSS] = 7, [PANEL_LIVE] = 4, [PANEL_EXPLAIN] = 5,
    [PANEL_KEYS] = 1, [PANEL_ATTN] = 16, [PANEL_PROBE] = 16, [PANEL_UPDATE] = 16,
};

/* Whether a layout for flags must not have a panel (0), must have it (1),
 * or must leave it spare (2: on a short screen with the explanation, the
 * learning rate or live samples and the name panel share one place: the
 * first with LAYF_SLOT, the second without; the other is spare, in Tab's
 * reach). */
static int wanted(int p, unsigned flags, int cols, int rows)
{
    const int roomy = rows >= LAYOUT_ROOMY_ROWS;
    const int squeezed = !roomy && (flags & LAYF_EXPLAIN) && rows < 29;
    const int slot = (flags & LAYF_SLOT) != 0;
    const PanelId in = layout_inside(flags);
    (void)cols;
    if (in != PANEL_NONE) {     /* the inside panel has the left column */
        if (panel_inside((PanelId)p))
            return p == in;
        if (p == PANEL_NAME || p == PANEL_POSITIONS || (!roomy && (p == PANEL_LR || p == PANEL_LIVE)))
            return 0;
        if (p == PANEL_LOSS)
            return !roomy && !(flags & LAYF_PHASE);
    } else if (panel_inside((PanelId)p)) {
        return 0;
    }
    switch (p) {
    case PANEL_PROBS: return !(flags & LAYF_PHASE);
    case PANEL_PHASE: return (flags & LAYF_PHASE) != 0;
    case PANEL_EXPLAIN: return (flags & LAYF_EXPLAIN) != 0;
    case PANEL_NAME: return squeezed && slot ? 2 : 1;
    case PANEL_LIVE: return !(flags & LAYF_LIVE) ? 0 : squeezed && !slot ? 2 : 1;
    case PANEL_LR:
        return (flags & LAYF_LIVE) || (roomy && (flags & LAYF_PHASE)) ? 0 : squeezed && !slot ? 2 : 1;
    case PANEL_LOSS: return roomy || !(flags & LAYF_PHASE);
    default: return 1;
    }
}

/* Checks one size; fails the test with the size in the message. */
static void check_flags(int cols, int rows, unsigned flags, unsigned char *owner)
{
    Layout l = layout_compute(cols, rows, flags);
    if (!l.fits)
        fail_msg("%dx%d/%u: does not fit", cols, rows, flags);
    if (l.cols != cols || l.rows != rows)
        fail_msg("%dx%d: size not recorded", cols, rows);
    memset(owner, 0xff, (size_t)cols * (size_t)rows);
    const int *mh = (flags & LAYF_EXPLAIN) ? min_h_explain : min_h;
    for (int p = 0; p < PANEL_COUNT; p++) {
        Rect r = l.panel[p];
        int want = wanted(p, flags, cols, rows);
        if ((want == 2) != ((l.spare & PANEL_BIT(p)) != 0))
            fail_msg("%dx%d/%u: %s %s spare", cols, rows, flags, panel_name(p), want == 2 ? "not" : "is");
        if (want != 1) {
            if (layout_has(&l, p))
                fail_msg("%dx%d/%u: %s should not be there", cols, rows, flags, panel_name(p));
            continue;
        }
        if (r.x < 0 || r.y < 0 || r.x + r.w > cols || r.y + r.h > rows)
            fail_msg("%dx%d/%u: %s leaves the screen (%d,%d %dx%d)", cols, rows, flags,
                     panel_name(p), r.x, r.y, r.w, r.h);
        if (r.w < min_w[p] || r.h < mh[p])
            fail_msg("%dx%d/%u: %s too small (%dx%d)", cols, rows, flags, panel_name(p), r.w, r.h);
        for (int y = r.y; y < r.y + r.h; y++)
            for (int x = r.x; x < r.x + r.w; x++) {
                unsigned char *o = &owner[(size_t)y * (size_t)cols + (size_t)x];
                if (*o != 0xff)
                    fail_msg("%dx%d/%u: %s overlaps %s at %d,%d", cols, rows, flags, panel_name(p),
                             panel_name((PanelId)*o), x, y);
                *o = (unsigned char)p;
            }
    }
    for (size_t i = 0; i < (size_t)cols * (size_t)rows; i++)
        if (owner[i] == 0xff)
            fail_msg("%dx%d/%u: cell %zu,%zu belongs to no panel", cols, rows, flags, i % (size_t)cols,
                     i / (size_t)cols);
    /* fixed places: status and lesson on top, keys at the bottom, the
     * explanation right above the keys */
    assert_int_equal(l.panel[PANEL_STATUS].y, 0);
    assert_int_equal(l.panel[PANEL_LESSON].y, 1);
    assert_int_equal(l.panel[PANEL_KEYS].y, rows - 1);
    if (flags & LAYF_EXPLAIN)
        assert_int_equal(l.panel[PANEL_EXPLAIN].y + l.panel[PANEL_EXPLAIN].h, rows - 1);
    assert_int_equal(l.roomy, rows >= LAYOUT_ROOMY_ROWS);
    assert_int_equal(l.zoomed, PANEL_NONE);
    /* the set of panels placed, for the session's focus */
    PanelSet set = 0;
    for (int p = 0; p < PANEL_COUNT; p++)
        if (layout_has(&l, p))
            set |= PANEL_BIT(p);
    assert_int_equal(l.panels, set);
    /* two runs: from 160 columns the positions and the probabilities in two
     * halves that tile the panel, each as wide as the panel must be */
    assert_int_equal(l.pair, (flags & LAYF_PAIR) && cols >= LAYOUT_PAIR_COLS);
    for (int p = PANEL_POSITIONS; p <= PANEL_PROBS; p++) {
        const Rect r = l.panel[p], a = layout_half(&l, p, 0), b = layout_half(&l, p, 1);
        assert_int_equal(layout_paired(&l, p), l.pair && layout_has(&l, p));
        if (!layout_paired(&l, p)) {
            assert_memory_equal(&a, &r, sizeof r);
            continue;
        }
        if (a.w < min_w[p] || b.w < min_w[p])
            fail_msg("%dx%d/%u: %s's halves too narrow (%d, %d)", cols, rows, flags, panel_name(p), a.w, b.w);
        assert_true(a.x == r.x && b.x == a.x + a.w && a.w + b.w == r.w);
        assert_true(a.y == r.y && b.y == r.y && a.h == r.h && b.h == r.h);
    }
}

static void check_size(int cols, int rows, unsigned char *owner)
{
    check_flags(cols, rows, 0, owner);
}

static void test_every_size_to_300x100(void **state)
{
    (void)state;
    unsigned char *owner = malloc(300 * 100);
    assert_non_null(owner);
    for (int rows = LAYOUT_MIN_ROWS; rows <= 100; rows++)
        for (int cols = LAYOUT_MIN_COLS; cols <= 300; cols++)
            check_size(cols, rows, owner);
    free(owner);
}

/* Every combination of phase mode, explanation, live samples, the wanted
 * lower-left panel and two runs, with and without each inside panel, over
 * a grid of sizes from the minimum to 300x100. */
static void test_every_flag_combination(void **state)
{
    (void)state;
    unsigned char *owner = malloc(300 * 100);
    assert_non_null(owner);
    static const unsigned inside[] = { 0, LAYF_INSIDE_PANEL(PANEL_ATTN), LAYF_INSIDE_PANEL(PANEL_PROBE),
                                       LAYF_INSIDE_PANEL(PANEL_UPDATE) };
    for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++)
        for (unsigned flags = i ? 0 : 1; flags < 32; flags++)
            for (int rows = LAYOUT_MIN_ROWS; rows <= 100; rows += (rows < 40 ? 1 : 7))
                for (int cols = LAYOUT_MIN_COLS; cols <= 300; cols += (cols < 130 ? 1 : 11)) {
                    check_flags(cols, rows, flags | inside[i], owner);
                    if (cols == 152)    /* and every width around two runs' threshold */
                        for (int k = LAYOUT_PAIR_COLS - 3; k <= LAYOUT_PAIR_COLS + 3; k++)
                            check_flags(k, rows, flags | inside[i], owner);
                }
    free(owner);
}

/* Zoom: the focused panel gets every row between the lesson line and the
 * keys, the whole width; the others are gone; a panel not on screen (or not
 * a panel) leaves the layout as it was. */
static void test_zoom(void **state)
{
    (void)state;
    for (unsigned flags = 0; flags < 16; flags++)
        for (int p = 0; p < PANEL_COUNT; p++) {
            Layout base = layout_compute(80, 24, flags), z = base;
            layout_zoom(&z, (PanelId)p);
            if (p <= PANEL_LESSON || p == PANEL_KEYS || !layout_has(&base, p)) {
                assert_int_equal(z.zoomed, PANEL_NONE);
                assert_memory_equal(z.panel, base.panel, sizeof z.panel);
                continue;
            }
            assert_int_equal(z.zoomed, p);
            assert_int_equal(z.panels, base.panels);    /* what Tab moves among, zoomed or not */
            for (int q = PANEL_NAME; q < PANEL_KEYS; q++)
                if (q != p)
                    assert_false(layout_has(&z, q));
            assert_int_equal(z.panel[p].x, 0);
            assert_int_equal(z.panel[p].y, 2);
            assert_int_equal(z.panel[p].w, 80);
            assert_int_equal(z.panel[p].h, 21);
            assert_true(layout_has(&z, PANEL_STATUS) && layout_has(&z, PANEL_LESSON) && layout_has(&z, PANEL_KEYS));
        }
}

/* Phase mode at 80x24, with the explanation: the classroom's screen. */
static void test_80x24_phase_explain(void **state)
{
    (void)state;
    Layout l = layout_compute(80, 24, LAYF_PHASE | LAYF_EXPLAIN);
    const Rect want[PANEL_COUNT] = {
        [PANEL_STATUS] = { 0, 0, 80, 1 }, [PANEL_LESSON] = { 0, 1, 80, 1 }, [PANEL_NAME] = { 0, 2, 45, 5 },
        [PANEL_POSITIONS] = { 0, 7, 45, 11 }, [PANEL_PHASE] = { 45, 2, 35, 16 },
        [PANEL_EXPLAIN] = { 0, 18, 80, 5 }, [PANEL_KEYS] = { 0, 23, 80, 1 },
    };
    assert_memory_equal(l.panel, want, sizeof want);
    assert_int_equal(l.spare, PANEL_BIT(PANEL_LR));
    l = layout_compute(80, 24, LAYF_PHASE);
    assert_int_equal(l.panel[PANEL_PHASE].h, 21);
    assert_int_equal(l.panel[PANEL_LR].h, 4);
    assert_int_equal(l.spare, 0);
}

/* An inside panel at 80x24 and 120x40: the whole left column, in step and
 * phase mode; the right column as it was. */
static void test_inside_panels(void **state)
{
    (void)state;
    Layout l = layout_compute(80, 24, LAYF_INSIDE_PANEL(PANEL_ATTN));
    const Rect want[PANEL_COUNT] = {
        [PANEL_STATUS] = { 0, 0, 80, 1 }, [PANEL_LESSON] = { 0, 1, 80, 1 }, [PANEL_ATTN] = { 0, 2, 45, 21 },
        [PANEL_PROBS] = { 45, 2, 35, 11 }, [PANEL_LOSS] = { 45, 13, 35, 10 }, [PANEL_KEYS] = { 0, 23, 80, 1 },
    };
    assert_memory_equal(l.panel, want, sizeof want);
    assert_int_equal(l.spare, 0);
    l = layout_compute(80, 24, LAYF_PHASE | LAYF_EXPLAIN | LAYF_INSIDE_PANEL(PANEL_UPDATE));
    assert_int_equal(l.panel[PANEL_UPDATE].h, 16);
    assert_int_equal(l.panel[PANEL_PHASE].x, 45);
    assert_false(layout_has(&l, PANEL_NAME) || layout_has(&l, PANEL_POSITIONS) || layout_has(&l, PANEL_ATTN));
    l = layout_compute(120, 40, LAYF_INSIDE_PANEL(PANEL_PROBE));
    assert_int_equal(l.panel[PANEL_PROBE].w, 67);
    assert_int_equal(l.panel[PANEL_PROBE].h, 37);
    assert_true(layout_has(&l, PANEL_PROBS) && layout_has(&l, PANEL_LR));
    assert_false(layout_has(&l, PANEL_LOSS));
}

/* Issue 9, item 3: at 80x24 with the explanation, the learning rate or the
 * live samples, when wanted (LAYF_SLOT), take the name panel's place, and
 * the one left out stays in Tab's reach (spare). */
static void test_80x24_explain_slot(void **state)
{
    (void)state;
    Layout l = layout_compute(80, 24, LAYF_EXPLAIN);
    assert_true(layout_has(&l, PANEL_NAME));
    assert_false(layout_has(&l, PANEL_LR));
    assert_int_equal(l.spare, PANEL_BIT(PANEL_LR));
    l = layout_compute(80, 24, LAYF_EXPLAIN | LAYF_SLOT);
    assert_false(layout_has(&l, PANEL_NAME));
    assert_int_equal(l.panel[PANEL_LR].y, 2);
    assert_int_equal(l.panel[PANEL_LR].h, 5);
    assert_int_equal(l.spare, PANEL_BIT(PANEL_NAME));
    l = layout_compute(80, 24, LAYF_EXPLAIN | LAYF_LIVE | LAYF_SLOT);
    assert_int_equal(l.panel[PANEL_LIVE].h, 5);     /* three rows of four names: all 12 */
    assert_int_equal(l.spare, PANEL_BIT(PANEL_NAME));
    l = layout_compute(80, 24, LAYF_LIVE | LAYF_SLOT);   /* room for all: nothing spare */
    assert_true(layout_has(&l, PANEL_NAME) && layout_has(&l, PANEL_LIVE));
    assert_int_equal(l.spare, 0);
}

static void test_sample_beyond(void **state)
{
    (void)state;
    static const int sizes[][2] = {
        { 301, 101 }, { 500, 24 }, { 80, 500 }, { 1000, 300 }, { 2000, 1000 }, { 333, 77 },
        { 81, 35 }, { 81, 36 }, { 119, 24 }, { 120, 24 },
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *owner = malloc((size_t)sizes[i][0] * (size_t)sizes[i][1]);
        assert_non_null(owner);
        check_size(sizes[i][0], sizes[i][1], owner);
        free(owner);
    }
}

static void test_below_minimum(void **state)
{
    (void)state;
    static const int sizes[][2] = {
        { 79, 24 }, { 80, 23 }, { 79, 100 }, { 300, 23 }, { 1, 1 }, { 0, 0 }, { -5, 40 }, { 40, 10 },
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        Layout l = layout_compute(sizes[i][0], sizes[i][1], 0);
        assert_int_equal(l.fits, 0);
        for (int p = 0; p < PANEL_COUNT; p++) {
            assert_int_equal(l.panel[p].w, 0);
            assert_int_equal(l.panel[p].h, 0);
        }
    }
    assert_int_equal(LAYOUT_MIN_COLS, 80);
    assert_int_equal(LAYOUT_MIN_ROWS, 24);
}

/* The 80x24 layout, exactly: the one a classroom projector most often gets. */
static void test_80x24_exact(void **state)
{
    (void)state;
    Layout l = layout_compute(80, 24, 0);
    const Rect want[PANEL_COUNT] = {
        [PANEL_STATUS] = { 0, 0, 80, 1 }, [PANEL_LESSON] = { 0, 1, 80, 1 }, [PANEL_NAME] = { 0, 2, 45, 5 },
        [PANEL_POSITIONS] = { 0, 7, 45, 12 }, [PANEL_LR] = { 0, 19, 45, 4 },
        [PANEL_PROBS] = { 45, 2, 35, 11 }, [PANEL_LOSS] = { 45, 13, 35, 10 },
        [PANEL_KEYS] = { 0, 23, 80, 1 },
    };
    for (int p = 0; p < PANEL_COUNT; p++) {
        assert_int_equal(l.panel[p].x, want[p].x);
        assert_int_equal(l.panel[p].y, want[p].y);
        assert_int_equal(l.panel[p].w, want[p].w);
        assert_int_equal(l.panel[p].h, want[p].h);
    }
    assert_int_equal(l.roomy, 0);
}

/* Roomy: at 120x40 the 27-entry vocabulary fits the probability panel whole
 * (frame 2 + legend 1 + 27 rows) and the loss curve moves to the left. */
static void test_120x40_roomy(void **state)
{
    (void)state;
    Layout l = layout_compute(120, 40, 0);
    assert_int_equal(l.roomy, 1);
    assert_true(l.panel[PANEL_PROBS].h >= 2 + 1 + 27);
    assert_int_equal(l.panel[PANEL_LOSS].x, 0);
    assert_int_equal(l.panel[PANEL_LR].x, l.panel[PANEL_PROBS].x);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(panel_name(PANEL_STATUS), "status");
    assert_string_equal(panel_name(PANEL_KEYS), "keys");
    assert_string_equal(panel_name(PANEL_PHASE), "phase");
    assert_string_equal(panel_name(PANEL_EXPLAIN), "explain");
    assert_string_equal(panel_name(PANEL_COUNT), "?");
    assert_string_equal(panel_name(PANEL_NONE), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_size_to_300x100),
        cmocka_unit_test(test_every_flag_combination),
        cmocka_unit_test(test_80x24_explain_slot),
        cmocka_unit_test(test_inside_panels),
        cmocka_unit_test(test_zoom),
        cmocka_unit_test(test_80x24_phase_explain),
        cmocka_unit_test(test_sample_beyond),
        cmocka_unit_test(test_below_minimum),
        cmocka_unit_test(test_80x24_exact),
        cmocka_unit_test(test_120x40_roomy),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
