/* test_layout.c: layout_compute over every size from the minimum to 300x100
 * and a sample of larger and odd ones: the panels tile the screen exactly
 * (nothing overlaps, nothing leaves it, no cell unused), every panel is there
 * with the room its content needs, and below the minimum nothing is placed. */
#include "testutil.h"

#include "layout.h"

/* The least room each panel needs to show its content (frame included). */
static const int min_w[LAY_COUNT] = {
    [LAY_STATUS] = 80, [LAY_NAME] = 44, [LAY_POSITIONS] = 44, [LAY_PROBS] = 34,
    [LAY_LR] = 34, [LAY_LOSS] = 34, [LAY_KEYS] = 80,
};
static const int min_h[LAY_COUNT] = {
    [LAY_STATUS] = 1, [LAY_NAME] = 5, [LAY_POSITIONS] = 12, [LAY_PROBS] = 12,
    [LAY_LR] = 5, [LAY_LOSS] = 10, [LAY_KEYS] = 1,
};

/* Checks one size; returns 0 or fails the test with the size in the message. */
static void check_size(int cols, int rows, unsigned char *owner)
{
    Layout l = layout_compute(cols, rows);
    if (!l.fits)
        fail_msg("%dx%d: does not fit", cols, rows);
    if (l.cols != cols || l.rows != rows)
        fail_msg("%dx%d: size not recorded", cols, rows);
    memset(owner, 0xff, (size_t)cols * (size_t)rows);
    for (int p = 0; p < LAY_COUNT; p++) {
        Rect r = l.panel[p];
        if (r.x < 0 || r.y < 0 || r.x + r.w > cols || r.y + r.h > rows)
            fail_msg("%dx%d: %s leaves the screen (%d,%d %dx%d)", cols, rows,
                     layout_panel_name(p), r.x, r.y, r.w, r.h);
        if (r.w < min_w[p] || r.h < min_h[p])
            fail_msg("%dx%d: %s too small (%dx%d)", cols, rows, layout_panel_name(p), r.w, r.h);
        for (int y = r.y; y < r.y + r.h; y++)
            for (int x = r.x; x < r.x + r.w; x++) {
                unsigned char *o = &owner[(size_t)y * (size_t)cols + (size_t)x];
                if (*o != 0xff)
                    fail_msg("%dx%d: %s overlaps %s at %d,%d", cols, rows, layout_panel_name(p),
                             layout_panel_name(*o), x, y);
                *o = (unsigned char)p;
            }
    }
    for (size_t i = 0; i < (size_t)cols * (size_t)rows; i++)
        if (owner[i] == 0xff)
            fail_msg("%dx%d: cell %zu,%zu belongs to no panel", cols, rows, i % (size_t)cols,
                     i / (size_t)cols);
    /* fixed places: status on top, keys at the bottom */
    assert_int_equal(l.panel[LAY_STATUS].y, 0);
    assert_int_equal(l.panel[LAY_KEYS].y, rows - 1);
    assert_int_equal(l.roomy, rows >= LAYOUT_ROOMY_ROWS);
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
        Layout l = layout_compute(sizes[i][0], sizes[i][1]);
        assert_int_equal(l.fits, 0);
        for (int p = 0; p < LAY_COUNT; p++) {
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
    Layout l = layout_compute(80, 24);
    const Rect want[LAY_COUNT] = {
        [LAY_STATUS] = { 0, 0, 80, 1 }, [LAY_NAME] = { 0, 1, 45, 5 },
        [LAY_POSITIONS] = { 0, 6, 45, 12 }, [LAY_LR] = { 0, 18, 45, 5 },
        [LAY_PROBS] = { 45, 1, 35, 12 }, [LAY_LOSS] = { 45, 13, 35, 10 },
        [LAY_KEYS] = { 0, 23, 80, 1 },
    };
    for (int p = 0; p < LAY_COUNT; p++) {
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
    Layout l = layout_compute(120, 40);
    assert_int_equal(l.roomy, 1);
    assert_true(l.panel[LAY_PROBS].h >= 2 + 1 + 27);
    assert_int_equal(l.panel[LAY_LOSS].x, 0);
    assert_int_equal(l.panel[LAY_LR].x, l.panel[LAY_PROBS].x);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(layout_panel_name(LAY_STATUS), "status");
    assert_string_equal(layout_panel_name(LAY_KEYS), "keys");
    assert_string_equal(layout_panel_name(LAY_COUNT), "?");
    assert_string_equal(layout_panel_name(-1), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_size_to_300x100),
        cmocka_unit_test(test_sample_beyond),
        cmocka_unit_test(test_below_minimum),
        cmocka_unit_test(test_80x24_exact),
        cmocka_unit_test(test_120x40_roomy),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
