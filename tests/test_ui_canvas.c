/* test_ui_canvas.c: the in-memory screen and the plotting primitives:
 * UTF-8 text with wide and combining characters, clipping, ellipses, ASCII
 * sanitising, the text dumps, eighth-block bars and Braille dots. */
#include "testutil.h"

#include <locale.h>

#include "render/plot.h"
#include "render/ui_canvas.h"
#include "render/ui_glyphs.h"
#include "ui_fixture.h"

static int setup(void **state)
{
    (void)state;
    return use_utf8_locale() ? 0 : -1;
}

static char *dump_and_check(const Canvas *c, const char *want)
{
    char *s = canvas_dump(c);
    assert_non_null(s);
    assert_string_equal(s, want);
    free(s);
    return NULL;
}

static void test_blank_and_dump(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 4, 2, 0), 0);
    dump_and_check(&c, "\n\n");
    canvas_put(&c, 3, 1, "x", ROLE_TARGET);
    canvas_put(&c, 4, 1, "y", ROLE_TARGET);     /* off the canvas: ignored */
    canvas_put(&c, -1, 0, "y", ROLE_TARGET);
    dump_and_check(&c, "\n   x\n");
    char *r = canvas_dump_roles(&c);
    assert_string_equal(r, "\n...f\n");
    free(r);
    assert_null(canvas_at(&c, 4, 0));
    assert_null(canvas_at(&c, 0, 2));
    canvas_free(&c);
    /* empty canvases are fine */
    assert_int_equal(canvas_init(&c, 0, 5, 0), 0);
    assert_int_equal(c.w, 0);
    char *e = canvas_dump(&c);
    assert_string_equal(e, "");
    free(e);
    canvas_free(&c);
}

static void test_text_widths(void **state)
{
    (void)state;
    assert_int_equal(text_width("emma", 0), 4);
    assert_int_equal(text_width("\u2192", 0), 1);          /* arrow */
    assert_int_equal(text_width("\u4e2d\u6587", 0), 4);    /* two wide CJK characters */
    assert_int_equal(text_width("e\u0301", 0), 1);          /* e + combining acute */
    assert_int_equal(text_width("\u4e2d", 1), 6);          /* ASCII mode: its code, U+4E2D */
    assert_int_equal(text_width("\xc2\x85", 0), 6);          /* a C1 control: U+0085 */
    assert_int_equal(text_width("a\tb", 0), 3);             /* a control character shows as '?' */
    assert_int_equal(text_width("\xff", 0), 1);             /* invalid UTF-8 too */
}

static void test_text_clip_and_wide(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 8, 3, 0), 0);
    assert_int_equal(canvas_text(&c, 0, 0, 8, "\u4e2d\u6587ab", 0), 6);
    assert_int_equal(canvas_text(&c, 0, 1, 3, "\u4e2d\u6587", 0), 2);   /* the second would straddle */
    assert_int_equal(canvas_text(&c, 5, 2, 10, "abcdef", 0), 3);       /* the canvas edge */
    dump_and_check(&c, "\u4e2d\u6587ab\n\u4e2d\n     abc\n");
    assert_int_equal(canvas_cell(&c, 1, 0)->cont, 1);
    /* overwriting half of a wide glyph blanks the other half */
    canvas_put(&c, 1, 0, "x", ROLE_TEXT);
    dump_and_check(&c, " x\u6587ab\n\u4e2d\n     abc\n");
    canvas_free(&c);
}

static void test_text_combining_and_controls(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 6, 1, 0), 0);
    assert_int_equal(canvas_text(&c, 0, 0, 6, "e\u0301a\tb\xff", 0), 5);
    dump_and_check(&c, "e\u0301a?b?\n");
    canvas_free(&c);
}

static void test_ascii_sanitised(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 24, 3, 1), 0);
    /* a character by its code point, as a token's label has it: never '?',
     * which could be a character of the data */
    assert_int_equal(canvas_text(&c, 0, 0, 24, "\u00e9t\u00e9 \u2192 ok?", 0), 24);
    /* whole or not at all */
    assert_int_equal(canvas_text(&c, 0, 1, 8, "ab\u00e9", 0), 8);
    assert_int_equal(canvas_text(&c, 0, 2, 7, "ab\u00e9", 0), 2);
    dump_and_check(&c, "U+00E9tU+00E9 U+2192 ok?\nabU+00E9\nab\n");
    canvas_free(&c);
}

static void test_text_fit(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 12, 3, 0), 0);
    assert_int_equal(canvas_text_fit(&c, 0, 0, 5, "abcdefgh", 0), 5);
    assert_int_equal(canvas_text_fit(&c, 0, 1, 8, "abcdefgh", 0), 8);
    dump_and_check(&c, "abcd\u2026\nabcdefgh\n\n");
    canvas_free(&c);
    assert_int_equal(canvas_init(&c, 12, 1, 1), 0);
    canvas_text_fit(&c, 0, 0, 7, "abcdefgh", 0);
    dump_and_check(&c, "abcd...\n");
    canvas_free(&c);
}

/* Bars in eighths: 0.5 of 3 cells is 12 eighths: one full cell and a half. */
static void test_hbar(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 4, 5, 0), 0);
    assert_int_equal(plot_hbar(&c, 0, 0, 3, 0.5, ROLE_BAR), 2);
    assert_int_equal(plot_hbar(&c, 0, 1, 3, 1.0, ROLE_BAR), 3);
    assert_int_equal(plot_hbar(&c, 0, 2, 3, 2.0, ROLE_BAR), 3);     /* clamped */
    assert_int_equal(plot_hbar(&c, 0, 3, 3, 0.0, ROLE_BAR), 0);
    assert_int_equal(plot_hbar(&c, 0, 4, 4, 1.0 / 32, ROLE_BAR), 1); /* one eighth */
    dump_and_check(&c, "\u2588\u258c\n\u2588\u2588\u2588\n\u2588\u2588\u2588\n\n\u258f\n");
    canvas_free(&c);
    assert_int_equal(canvas_init(&c, 4, 1, 1), 0);
    assert_int_equal(plot_hbar(&c, 0, 0, 4, 0.5, ROLE_BAR), 2);
    dump_and_check(&c, "##\n");
    canvas_free(&c);
}

/* Braille: dot (x, y) of a cell is Unicode's dot numbering. */
static void test_braille_dots(void **state)
{
    (void)state;
    char g[4];
    glyph_braille(0x00, g);
    assert_string_equal(g, "\u2800");
    glyph_braille(0xff, g);
    assert_string_equal(g, "\u28ff");
    Canvas c;
    assert_int_equal(canvas_init(&c, 2, 1, 0), 0);
    Plot p;
    assert_int_equal(plot_begin(&p, &c, (Rect){ 0, 0, 2, 1 }, 0.0, 1.0), 0);
    assert_int_equal(p.xdots, 4);
    assert_int_equal(p.ydots, 4);
    plot_dot(&p, 0, 0, ROLE_RAW, ".");     /* dot 1 */
    plot_dot(&p, 1, 3, ROLE_RAW, ".");     /* dot 8 */
    plot_dot(&p, 2, 3, ROLE_AVG, "*");     /* dot 7, second cell */
    plot_end(&p);
    dump_and_check(&c, "\u2881\u2840\n");
    assert_int_equal(canvas_cell(&c, 0, 0)->role, ROLE_RAW);
    assert_int_equal(canvas_cell(&c, 1, 0)->role, ROLE_AVG);
    canvas_free(&c);
}

/* A later series replaces an earlier one in the cells it touches. */
static void test_layers(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 1, 1, 0), 0);
    Plot p;
    assert_int_equal(plot_begin(&p, &c, (Rect){ 0, 0, 1, 1 }, 0.0, 1.0), 0);
    plot_dot(&p, 0, 0, ROLE_RAW, ".");
    plot_dot(&p, 1, 1, ROLE_AVG, "*");
    plot_dot(&p, 1, 2, ROLE_AVG, "*");
    plot_end(&p);
    dump_and_check(&c, "\u2830\n");
    canvas_free(&c);
}

/* Values map to dot rows from the top; points spread over the width. */
static void test_mapping(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 10, 2, 0), 0);
    Plot p;
    assert_int_equal(plot_begin(&p, &c, (Rect){ 0, 0, 10, 2 }, 2.0, 4.0), 0);
    assert_int_equal(plot_y(&p, 4.0), 0);
    assert_int_equal(plot_y(&p, 2.0), 7);
    assert_int_equal(plot_y(&p, 3.0), 4);      /* 3.5 rounds up */
    assert_int_equal(plot_y(&p, 100.0), 0);
    assert_int_equal(plot_y(&p, -1.0), 7);
    assert_int_equal(plot_y(&p, 0.0 / 0.0), 7);
    assert_int_equal(plot_x(&p, 0, 500), 0);
    assert_int_equal(plot_x(&p, 499, 500), 19);
    assert_int_equal(plot_x(&p, 0, 1), 0);
    plot_end(&p);
    canvas_free(&c);
}

/* A steep line stays connected: every column between the ends has a dot,
 * and each column's dots touch the next column's. */
static void test_line_connected(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 10, 1, 1), 0);    /* ASCII: a dot per cell */
    Plot p;
    assert_int_equal(plot_begin(&p, &c, (Rect){ 0, 0, 10, 1 }, 0.0, 1.0), 0);
    plot_line(&p, 0, 0, 9, 0, ROLE_LR, "*");
    plot_end(&p);
    dump_and_check(&c, "**********\n");
    canvas_free(&c);
    assert_int_equal(canvas_init(&c, 3, 6, 1), 0);
    assert_int_equal(plot_begin(&p, &c, (Rect){ 0, 0, 3, 6 }, 0.0, 1.0), 0);
    plot_line(&p, 0, 0, 2, 5, ROLE_LR, "*");
    plot_end(&p);
    dump_and_check(&c, "*\n**\n *\n *\n **\n  *\n");
    canvas_free(&c);
}

static void test_hline_dashed(void **state)
{
    (void)state;
    Canvas c;
    assert_int_equal(canvas_init(&c, 6, 1, 1), 0);
    Plot p;
    assert_int_equal(plot_begin(&p, &c, (Rect){ 0, 0, 6, 1 }, 0.0, 1.0), 0);
    plot_hline(&p, 0.5, 1, ROLE_CHANCE, "-");
    plot_end(&p);
    dump_and_check(&c, "- - -\n");
    canvas_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blank_and_dump),
        cmocka_unit_test(test_text_widths),
        cmocka_unit_test(test_text_clip_and_wide),
        cmocka_unit_test(test_text_combining_and_controls),
        cmocka_unit_test(test_ascii_sanitised),
        cmocka_unit_test(test_text_fit),
        cmocka_unit_test(test_hbar),
        cmocka_unit_test(test_braille_dots),
        cmocka_unit_test(test_layers),
        cmocka_unit_test(test_mapping),
        cmocka_unit_test(test_line_connected),
        cmocka_unit_test(test_hline_dashed),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
