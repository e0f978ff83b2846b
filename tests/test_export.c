/* test_export.c: the exported screen (render/export.h): the text is the
 * screen's (canvas_dump), and the SVG, parsed as XML by python3
 * (tests/tools/svg_text.py), holds the same text row by row, each
 * character at its cell; it uses the theme's colours (render/theme.h) and
 * attributes; the files' names; the x key.  Screens: names.txt's (UTF-8,
 * ASCII, both themes, colour and mono, the help, the prompt) and the
 * Unicode data set's (wide and combining characters). */
#include "testutil.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include "render/export.h"
#include "render/theme.h"
#include "ui_fixture.h"

#define DIR "build/test-export"

static void test_rgb(void **state)
{
    (void)state;
    assert_int_equal(theme_rgb(0), 0x000000);
    assert_int_equal(theme_rgb(1), 0xcd0000);
    assert_int_equal(theme_rgb(15), 0xffffff);
    assert_int_equal(theme_rgb(16), 0x000000);
    assert_int_equal(theme_rgb(231), 0xffffff);
    assert_int_equal(theme_rgb(166), 0xd75f00);     /* vermillion: the target */
    assert_int_equal(theme_rgb(74), 0x5fafd7);      /* sky: the top choice */
    assert_int_equal(theme_rgb(232), 0x080808);
    assert_int_equal(theme_rgb(255), 0xeeeeee);
    /* the themes: the target vermillion and bold; high contrast on black;
     * monochrome without colours, underlined */
    Style s = theme_style(ROLE_TARGET, 0, 1);
    assert_int_equal(s.fg256, 166);
    assert_int_equal(s.bg256, -1);
    assert_int_equal(s.attrs, STYLE_BOLD);
    s = theme_style(ROLE_TARGET, 1, 1);
    assert_int_equal(s.bg256, 0);
    assert_int_equal(s.attrs, STYLE_BOLD | STYLE_UNDERLINE);
    s = theme_style(ROLE_TARGET, 0, 0);
    assert_int_equal(s.fg256, -1);
    assert_int_equal(s.attrs, STYLE_BOLD | STYLE_UNDERLINE);
    assert_true(theme_role_dim(ROLE_BORDER, 0));
    assert_false(theme_role_dim(ROLE_BORDER, 1));
}

/* Exports the screen of s (w x h) as DIR/name; checks that the text file
 * is the screen's text, and that the SVG's text, as python3 reads it, is
 * the same.  Returns the SVG (malloc'd). */
static char *export_checked(Session *s, int w, int h, int ascii, int high, int colour, const char *name)
{
    Canvas c;
    mkdir(DIR, 0755);
    assert_int_equal(canvas_init(&c, w, h, ascii), 0);
    render_frame(&c, s);
    char base[256], path[300], cmd[700], err[512];
    snprintf(base, sizeof base, DIR "/%s", name);
    if (export_write(&c, base, high, colour, err, sizeof err) != 0)
        fail_msg("%s", err);
    char *screen = canvas_dump(&c);
    snprintf(path, sizeof path, "%s.txt", base);
    char *txt = slurp(path, NULL);
    assert_string_equal(txt, screen);
    snprintf(cmd, sizeof cmd, "python3 tests/tools/svg_text.py %s.svg > %s.svgtext", base, base);
    int st = system(cmd);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        fail_msg("%s: svg_text.py failed (python3 missing?)", name);
    snprintf(path, sizeof path, "%s.svgtext", base);
    char *svgtext = slurp(path, NULL);
    if (strcmp(svgtext, txt) != 0)
        fail_msg("%s: the SVG's text differs from the text export", name);
    snprintf(path, sizeof path, "%s.svg", base);
    char *svg = slurp(path, NULL);
    char *direct = export_svg(&c, high, colour);
    assert_string_equal(svg, direct);
    free(direct);
    free(svgtext);
    free(txt);
    free(screen);
    canvas_free(&c);
    return svg;
}

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

static void test_screens(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 30);    /* kymberly: the cut tail */
    s->sel = 2;
    char *svg = export_checked(s, 80, 24, 0, 0, 1, "step31");
    assert_int_equal(count(svg, "<text "), 24);                 /* a row each */
    assert_non_null(strstr(svg, "width=\"672.0\" height=\"408.0\""));  /* 80 x 8.4, 24 x 17 */
    assert_non_null(strstr(svg, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"));
    assert_non_null(strstr(svg, "fill=\"#d75f00\" font-weight=\"bold\">"));   /* the target */
    assert_non_null(strstr(svg, "fill-opacity=\"0.6\""));        /* the frames: dim */
    /* the selected row: reverse video, a background of the text's colour */
    assert_non_null(strstr(svg, "fill=\"#1a1a1a\"/>"));
    free(svg);
    /* high contrast: a black page, nothing dim */
    svg = export_checked(s, 80, 24, 0, 1, 1, "step31-high");
    assert_non_null(strstr(svg, "<rect width=\"100%\" height=\"100%\" fill=\"#000000\"/>"));
    assert_null(strstr(svg, "fill-opacity"));
    assert_non_null(strstr(svg, "fill=\"#ffaf00\""));   /* 214: the target's orange */
    free(svg);
    /* monochrome: black on white, the target underlined */
    svg = export_checked(s, 80, 24, 0, 0, 0, "step31-mono");
    assert_null(strstr(svg, "#d75f00"));
    assert_non_null(strstr(svg, "text-decoration=\"underline\""));
    free(svg);
    free(export_checked(s, 80, 24, 1, 0, 1, "step31-ascii"));
    free(export_checked(s, 120, 40, 0, 0, 1, "step31-120x40"));
    s->help = 1;
    free(export_checked(s, 80, 24, 0, 0, 1, "help"));
    s->help = 0;
    /* the prompt's cursor, and characters XML must escape */
    session_key(s, ':', 0);
    session_key(s, '<', 0);
    session_key(s, '&', 0);
    svg = export_checked(s, 80, 24, 0, 0, 1, "prompt");
    assert_non_null(strstr(svg, "&lt;&amp;"));
    free(svg);
    session_key(s, UIK_ESC, 0);
}

/* The Unicode data set: wide characters take two cells (one x), combining
 * marks share their base's. */
static void test_unicode(void **state)
{
    (void)state;
    TrainConfig cfg = train_config_default();
    cfg.adam.num_steps = 20;
    Fixture *u = fixture_make("tests/data/unicode.txt", &cfg, VARIANT_COURSE);
    assert_non_null(u);
    Session *s = &u->s;
    int wide = 0;
    for (int k = 0; k < 20 && !wide; k++) {
        session_go(s, k);
        Canvas c;
        assert_int_equal(canvas_init(&c, 120, 40, 0), 0);
        render_frame(&c, s);
        for (int i = 0; i < c.w * c.h; i++)
            wide |= c.cells[i].cont;
        canvas_free(&c);
    }
    assert_true(wide);      /* a step whose screen has a wide character */
    free(export_checked(s, 120, 40, 0, 0, 1, "unicode"));
    free(export_checked(s, 80, 24, 1, 0, 1, "unicode-ascii"));
    fixture_free(u);
}

/* The files: the next free microgpt-tui-NNN; a file that cannot be written
 * is named. */
static void test_files(void **state)
{
    Fixture *fx = *state;
    char base[256], err[512];
    mkdir(DIR, 0755);
    mkdir(DIR "/n", 0755);
    remove(DIR "/n/microgpt-tui-001.txt");
    remove(DIR "/n/microgpt-tui-001.svg");
    remove(DIR "/n/microgpt-tui-002.txt");
    assert_int_equal(export_next_base(DIR "/n", base, sizeof base), 0);
    assert_string_equal(base, DIR "/n/microgpt-tui-001");
    write_file(DIR "/n/microgpt-tui-001.svg", "x", 1);      /* either file taken: taken */
    assert_int_equal(export_next_base(DIR "/n/", base, sizeof base), 0);
    assert_string_equal(base, DIR "/n/microgpt-tui-002");
    assert_int_equal(export_next_base("", base, sizeof base), 0);
    assert_int_equal(strncmp(base, "microgpt-tui-", 13), 0);
    Canvas c;
    assert_int_equal(canvas_init(&c, 80, 24, 0), 0);
    assert_int_equal(export_write(&c, DIR "/none/x", 0, 1, err, sizeof err), -1);
    assert_string_equal(err, DIR "/none/x.txt: cannot write: No such file or directory");
    canvas_free(&c);
    /* the x key asks the input loop to export */
    Session *s = fixture_at(fx, 0);
    assert_int_equal(session_key(s, 'x', 0), DO_EXPORT | DO_DRAW);
    session_say(s, "the screen is in a.txt and a.svg");
    assert_string_equal(session_shown(s, 0).message, "the screen is in a.txt and a.svg");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        fixture_unit_test(test_rgb),
        fixture_unit_test(test_screens),
        fixture_unit_test(test_unicode),
        fixture_unit_test(test_files),
    };
    return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
