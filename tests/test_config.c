/* test_config.c: the settings file (app/config.h) and its values
 * (app/settings.h): where it is looked for, what it may say, its errors
 * (the file and the line named) and warnings, and that the command line
 * overrides it, in cli_parse_with and in the real binary.  Every file here
 * is written under build/test-config; HOME and XDG_CONFIG_HOME point there
 * (testutil.h keeps the developer's own ~/.config out of every test). */
#include "testutil.h"

#include <errno.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "app/cli.h"
#include "app/config.h"
#include "app/settings.h"

#define DIR "build/test-config"

static void put(const char *path, const char *text)
{
    write_file(path, text, strlen(text));
}

static int setup(void **state)
{
    (void)state;
    mkdir(DIR, 0755);
    return 0;
}

/* ---- values ---------------------------------------------------------------- */

static void test_values(void **state)
{
    (void)state;
    Settings s;
    settings_clear(&s);
    for (int k = 0; k < SET_COUNT; k++)
        assert_int_equal(s.value[k], -1);
    assert_null(settings_set(&s, SET_THEME, "mono"));
    assert_int_equal(s.value[SET_THEME], THEME_MONO);
    assert_null(settings_set(&s, SET_THEME, "high-contrast"));
    assert_int_equal(s.value[SET_THEME], THEME_HIGH_CONTRAST);
    assert_string_equal(settings_set(&s, SET_THEME, "dark"), "is not default, high-contrast or mono");
    assert_int_equal(s.value[SET_THEME], THEME_HIGH_CONTRAST);  /* a bad value changes nothing */
    static const char *const on[] = { "on", "yes", "true", "1", "ON", "Yes" }, *const off[] = { "off", "no", "false", "0", "Off" };
    for (size_t i = 0; i < sizeof on / sizeof *on; i++) {
        assert_null(settings_set(&s, SET_MOUSE, on[i]));
        assert_int_equal(s.value[SET_MOUSE], 1);
    }
    for (size_t i = 0; i < sizeof off / sizeof *off; i++) {
        assert_null(settings_set(&s, SET_ASCII, off[i]));
        assert_int_equal(s.value[SET_ASCII], 0);
    }
    assert_non_null(strstr(settings_set(&s, SET_EXPLAIN, "maybe"), "is not on or off"));
    assert_null(settings_set(&s, SET_SPEED, "200"));
    assert_int_equal(s.value[SET_SPEED], 200);
    assert_null(settings_set(&s, SET_SPEED, "max"));
    assert_int_equal(s.value[SET_SPEED], 0);
    assert_string_equal(settings_set(&s, SET_SPEED, "7"),
                        "is not one of 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 or max (steps per second)");
    assert_non_null(settings_set(&s, SET_SPEED, "0"));
    assert_non_null(settings_set(&s, SET_SPEED, " 5"));
    assert_null(settings_set(&s, SET_VARIANT, "gist"));
    assert_int_equal(s.value[SET_VARIANT], VARIANT_GIST);
    assert_string_equal(settings_set(&s, SET_VARIANT, "Gist"), "is not course or gist");
    assert_int_equal(settings_key("explanations"), SET_EXPLAIN);
    assert_int_equal(settings_key("explain"), -1);
    assert_string_equal(settings_name(SET_THEME), "theme");
    /* merge: what is not set below comes from above */
    Settings a, b;
    settings_clear(&a);
    settings_clear(&b);
    a.value[SET_THEME] = THEME_MONO;
    b.value[SET_THEME] = THEME_DEFAULT;
    b.value[SET_SPEED] = 5;
    settings_merge(&a, &b);
    assert_int_equal(a.value[SET_THEME], THEME_MONO);
    assert_int_equal(a.value[SET_SPEED], 5);
    assert_int_equal(settings_get(&a, SET_MOUSE, 1), 1);
}

/* ---- where ----------------------------------------------------------------- */

static void test_default_path(void **state)
{
    (void)state;
    char p[256];
    assert_int_equal(config_default_path(p, sizeof p, "/x/cfg", "/home/u"), 0);
    assert_string_equal(p, "/x/cfg/microgpt-tui/config");
    /* unset, empty or relative: ignored, as the XDG base directory rule says */
    assert_int_equal(config_default_path(p, sizeof p, NULL, "/home/u"), 0);
    assert_string_equal(p, "/home/u/.config/microgpt-tui/config");
    assert_int_equal(config_default_path(p, sizeof p, "", "/home/u"), 0);
    assert_string_equal(p, "/home/u/.config/microgpt-tui/config");
    assert_int_equal(config_default_path(p, sizeof p, "rel/cfg", "/home/u"), 0);
    assert_string_equal(p, "/home/u/.config/microgpt-tui/config");
    assert_int_equal(config_default_path(p, sizeof p, NULL, NULL), -1);
    assert_int_equal(config_default_path(p, sizeof p, "relative", ""), -1);
    assert_int_equal(config_default_path(p, 10, "/x/cfg", NULL), -1);     /* too long */
}

/* ---- reading --------------------------------------------------------------- */

/* Loads text as a settings file: the return value, the settings, the error
 * and the warnings. */
static int load(const char *text, Settings *s, char *err, char *warn, size_t wlen)
{
    put(DIR "/config", text);
    settings_clear(s);
    memset(warn, 0, wlen);
    FILE *w = fmemopen(warn, wlen, "w");
    assert_non_null(w);
    int rc = config_load(s, DIR "/config", 1, w, err, CLI_ERRLEN);
    fclose(w);
    return rc;
}

static void test_load(void **state)
{
    (void)state;
    Settings s;
    char err[CLI_ERRLEN], warn[1024];
    assert_int_equal(load("# my settings\n; another comment\n\ntheme = mono\nmouse=off\n"
                          "speed = max\nvariant = gist\nascii = yes\nexplanations = on ; inline\n",
                          &s, err, warn, sizeof warn), 0);
    assert_int_equal(s.value[SET_THEME], THEME_MONO);
    assert_int_equal(s.value[SET_MOUSE], 0);
    assert_int_equal(s.value[SET_SPEED], 0);
    assert_int_equal(s.value[SET_VARIANT], VARIANT_GIST);
    assert_int_equal(s.value[SET_ASCII], 1);
    assert_int_equal(s.value[SET_EXPLAIN], 1);
    assert_string_equal(warn, "");
    /* an empty file, a byte-order mark, CRLF line ends, the last one wins */
    assert_int_equal(load("", &s, err, warn, sizeof warn), 0);
    assert_int_equal(s.value[SET_THEME], -1);
    assert_int_equal(load("\xef\xbb\xbftheme = mono\r\ntheme = default\r\n", &s, err, warn, sizeof warn), 0);
    assert_int_equal(s.value[SET_THEME], THEME_DEFAULT);
    /* unknown names: a warning each, naming the file and the line; the rest is read */
    assert_int_equal(load("colour = red\nspeed = 5\n[ui]\ntheme = mono\n", &s, err, warn, sizeof warn), 0);
    assert_string_equal(warn, "microgpt-tui: warning: " DIR "/config: line 1: unknown setting 'colour' (ignored)\n"
                              "microgpt-tui: warning: " DIR "/config: line 4: unknown setting 'ui.theme' (ignored)\n");
    assert_int_equal(s.value[SET_SPEED], 5);
    assert_int_equal(s.value[SET_THEME], -1);
}

static void expect_load_error(const char *text, const char *want)
{
    Settings s;
    char err[CLI_ERRLEN] = "", warn[1024];
    if (load(text, &s, err, warn, sizeof warn) != -1)
        fail_msg("'%s': accepted, expected '%s'", text, want);
    if (strcmp(err, want) != 0)
        fail_msg("'%s': error '%s', expected '%s'", text, err, want);
}

static void test_errors(void **state)
{
    (void)state;
    expect_load_error("theme = mono\nmouse\n", DIR "/config: line 2: not a setting (NAME = VALUE), nor a comment (# or ;)");
    expect_load_error("[ui\n", DIR "/config: line 1: not a setting (NAME = VALUE), nor a comment (# or ;)");
    expect_load_error("theme = mono\n= mono\n", DIR "/config: line 2: not a setting (NAME = VALUE), nor a comment (# or ;)");
    expect_load_error("\n\nspeed = 3\n", DIR "/config: line 3: speed: '3' is not one of 1, 2, 5, 10, 20, 50, 100, "
                                         "200, 500, 1000 or max (steps per second)");
    expect_load_error("theme = mono # dark\n", DIR "/config: line 1: theme: 'mono # dark' is not default, "
                                               "high-contrast or mono");
    expect_load_error("mouse = of\n", DIR "/config: line 1: mouse: 'of' is not on or off (yes or no, true or "
                                      "false, 1 or 0)");
    /* an indented line continues the value before it, for inih: refused */
    expect_load_error("theme = mono\n  speed = 5\n", DIR "/config: line 2: indented (a setting starts its line: "
                                                     "NAME = VALUE)");
    /* the first error counts, whichever kind it is */
    expect_load_error("variant = gpt\nbroken\n", DIR "/config: line 1: variant: 'gpt' is not course or gist");
    expect_load_error("broken\nvariant = gpt\n", DIR "/config: line 1: not a setting (NAME = VALUE), nor a "
                                                 "comment (# or ;)");
    /* a line too long for inih's buffer: named, not read as several */
    char longline[400];
    snprintf(longline, sizeof longline, "theme = mono\n# %0300d\nspeed = 5\n", 0);
    expect_load_error(longline, DIR "/config: line 2: longer than 199 bytes");
    /* control characters in a value are shown as '?' */
    expect_load_error("theme = \x1b[31m\n", DIR "/config: line 1: theme: '?[31m' is not default, high-contrast or mono");
    /* a missing file: an error for --config FILE, nothing at all for the default one */
    Settings s;
    settings_clear(&s);
    char err[CLI_ERRLEN];
    assert_int_equal(config_load(&s, DIR "/none", 1, NULL, err, sizeof err), -1);
    assert_string_equal(err, DIR "/none: cannot read the settings: No such file or directory");
    assert_int_equal(config_load(&s, DIR "/none", 0, NULL, err, sizeof err), 0);
    assert_int_equal(config_load(&s, DIR, 0, NULL, err, sizeof err), -1);
    assert_string_equal(err, DIR ": cannot read the settings: Is a directory");
}

/* ---- the command line over the file ------------------------------------------ */

static int parse_over(Options *o, const Settings *file, const char *a1, const char *a2)
{
    char *argv[4] = { "microgpt-tui", (char *)a1, (char *)a2, NULL };
    char err[CLI_ERRLEN];
    int argc = 1 + (a1 != NULL) + (a2 != NULL);
    int rc = cli_parse_with(o, argc, argv, file, err);
    if (rc != 0)
        fail_msg("%s", err);
    return rc;
}

static void test_precedence(void **state)
{
    (void)state;
    Settings file;
    settings_clear(&file);
    assert_null(settings_set(&file, SET_THEME, "mono"));
    assert_null(settings_set(&file, SET_SPEED, "100"));
    assert_null(settings_set(&file, SET_VARIANT, "gist"));
    assert_null(settings_set(&file, SET_MOUSE, "off"));
    assert_null(settings_set(&file, SET_ASCII, "on"));
    assert_null(settings_set(&file, SET_EXPLAIN, "on"));
    Options o;
    /* the file alone: its values, and the gist's defaults */
    parse_over(&o, &file, NULL, NULL);
    assert_int_equal(o.set.value[SET_THEME], THEME_MONO);
    assert_int_equal(o.set.value[SET_SPEED], 100);
    assert_int_equal(o.set.value[SET_MOUSE], 0);
    assert_int_equal(o.set.value[SET_ASCII], 1);
    assert_int_equal(o.set.value[SET_EXPLAIN], 1);
    assert_int_equal(o.variant, VARIANT_GIST);
    assert_int_equal(o.train.adam.num_steps, 1000);
    assert_int_equal(o.train.model.block_size, 16);
    /* options over the file's values, one by one */
    parse_over(&o, &file, "--theme", "default");
    assert_int_equal(o.set.value[SET_THEME], THEME_DEFAULT);
    parse_over(&o, &file, "--high-contrast", NULL);
    assert_int_equal(o.set.value[SET_THEME], THEME_HIGH_CONTRAST);
    parse_over(&o, &file, "--speed", "5");
    assert_int_equal(o.set.value[SET_SPEED], 5);
    parse_over(&o, &file, "--variant", "course");
    assert_int_equal(o.variant, VARIANT_COURSE);
    assert_int_equal(o.train.adam.num_steps, 500);
    parse_over(&o, &file, "--steps", "20");     /* over the file's variant's defaults */
    assert_int_equal(o.variant, VARIANT_GIST);
    assert_int_equal(o.train.adam.num_steps, 20);
    assert_int_equal(o.train.model.block_size, 16);
    parse_over(&o, &file, "--mouse", NULL);
    assert_int_equal(o.set.value[SET_MOUSE], 1);
    parse_over(&o, &file, "--no-ascii", "--no-explain");
    assert_int_equal(o.set.value[SET_ASCII], 0);
    assert_int_equal(o.set.value[SET_EXPLAIN], 0);
    /* no file: nothing set but what the options say */
    parse_over(&o, NULL, "--no-mouse", NULL);
    assert_int_equal(o.set.value[SET_MOUSE], 0);
    assert_int_equal(o.set.value[SET_THEME], -1);
    assert_int_equal(o.variant, VARIANT_COURSE);
    /* the twin of --compare takes the file's variant too, and no front-end option */
    parse_over(&o, &file, "--compare", "--lr 0.003");
    assert_int_equal(o.twin_variant, VARIANT_GIST);
    assert_int_equal(o.twin.adam.num_steps, 1000);
    char err[CLI_ERRLEN];
    char *argv[] = { "microgpt-tui", "--compare", "--no-mouse", NULL };
    assert_int_equal(cli_parse_with(&o, 3, argv, &file, err), -1);
    assert_non_null(strstr(err, "--compare: --no-mouse is not for the twin"));
    /* option errors */
    char *bad[] = { "microgpt-tui", "--speed", "3", NULL };
    assert_int_equal(cli_parse(&o, 3, bad, err), -1);
    assert_string_equal(err, "--speed: '3' is not one of 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 or max "
                             "(steps per second)");
    char *bad2[] = { "microgpt-tui", "--theme", "dark", NULL };
    assert_int_equal(cli_parse(&o, 3, bad2, err), -1);
    assert_string_equal(err, "--theme: 'dark' is not default, high-contrast or mono");
    /* --config and --no-config: the last one counts */
    CliPre pre;
    char *av[] = { "microgpt-tui", "--no-config", "--steps", "3", "--config", "x.cfg", NULL };
    cli_prescan(6, av, &pre);
    assert_string_equal(pre.config, "x.cfg");
    assert_false(pre.no_config || pre.help_or_version);
    char *av2[] = { "microgpt-tui", "--config=x.cfg", "--no-config", "-h", NULL };
    cli_prescan(4, av2, &pre);
    assert_null(pre.config);
    assert_true(pre.no_config && pre.help_or_version);
}

/* ---- the binary ---------------------------------------------------------------- */

#define OUT DIR "/out"
#define ERRF DIR "/err"

/* Runs `env ENV ./microgpt-tui ARGS --headless --steps 1 --samples 0`:
 * its exit status, stdout in OUT and stderr in ERRF. */
static int run(const char *env, const char *args)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "env %s ./microgpt-tui %s --headless --steps 1 --samples 0 >" OUT " 2>" ERRF
             " </dev/null", env, args);
    int st = system(cmd);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

/* The variant the last run trained: the gist's has 4,192 parameters. */
static int ran_gist(void)
{
    char *out = slurp(OUT, NULL);
    int gist = strstr(out, "num params: 4192") != NULL;
    assert_true(gist || strstr(out, "num params: 4064"));
    free(out);
    return gist;
}

static void expect_stderr(const char *want)
{
    char *err = slurp(ERRF, NULL);
    if (strcmp(err, want) != 0)
        fail_msg("stderr '%s', expected '%s'", err, want);
    free(err);
}

static void test_binary(void **state)
{
    (void)state;
    char cwd[1024], env[3000];
    assert_non_null(getcwd(cwd, sizeof cwd));
    mkdir(DIR "/xdg", 0755);
    mkdir(DIR "/xdg/microgpt-tui", 0755);
    mkdir(DIR "/home", 0755);
    mkdir(DIR "/home/.config", 0755);
    mkdir(DIR "/home/.config/microgpt-tui", 0755);
    put(DIR "/xdg/microgpt-tui/config", "variant = gist\n");
    put(DIR "/home/.config/microgpt-tui/config", "variant = course\n");
    /* XDG_CONFIG_HOME first */
    snprintf(env, sizeof env, "HOME=%s/" DIR "/home XDG_CONFIG_HOME=%s/" DIR "/xdg", cwd, cwd);
    assert_int_equal(run(env, ""), 0);
    assert_true(ran_gist());
    expect_stderr("");
    /* the options override it; --no-config reads none */
    assert_int_equal(run(env, "--variant course"), 0);
    assert_false(ran_gist());
    assert_int_equal(run(env, "--no-config"), 0);
    assert_false(ran_gist());
    /* no XDG_CONFIG_HOME (or a relative one): ~/.config */
    put(DIR "/home/.config/microgpt-tui/config", "variant = gist\n");
    snprintf(env, sizeof env, "-u XDG_CONFIG_HOME HOME=%s/" DIR "/home", cwd);
    assert_int_equal(run(env, ""), 0);
    assert_true(ran_gist());
    snprintf(env, sizeof env, "HOME=%s/" DIR "/home XDG_CONFIG_HOME=" DIR "/xdg", cwd);
    put(DIR "/xdg/microgpt-tui/config", "variant = course\n");
    assert_int_equal(run(env, ""), 0);
    assert_true(ran_gist());
    /* --config FILE instead */
    put(DIR "/other", "variant = course\n");
    assert_int_equal(run(env, "--config " DIR "/other"), 0);
    assert_false(ran_gist());
    /* a malformed line: one line naming the file and the line, exit 2, no output */
    put(DIR "/home/.config/microgpt-tui/config", "# settings\ntheme mono\n");
    assert_int_equal(run(env, ""), 2);
    char want[2048];
    snprintf(want, sizeof want, "microgpt-tui: %s/" DIR "/home/.config/microgpt-tui/config: line 2: not a "
             "setting (NAME = VALUE), nor a comment (# or ;)\n", cwd);
    expect_stderr(want);
    size_t n;
    free(slurp(OUT, &n));
    assert_int_equal(n, 0);
    /* --help and --version read no file */
    snprintf(env, sizeof env, "-u XDG_CONFIG_HOME HOME=%s/" DIR "/home", cwd);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "env %s ./microgpt-tui --help >" OUT " 2>" ERRF, env);
    int st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    expect_stderr("");
    /* an unknown name: a warning on stderr, and the run goes on */
    put(DIR "/home/.config/microgpt-tui/config", "variant = gist\nsped = 5\n");
    assert_int_equal(run(env, ""), 0);
    assert_true(ran_gist());
    snprintf(want, sizeof want, "microgpt-tui: warning: %s/" DIR "/home/.config/microgpt-tui/config: line 2: "
             "unknown setting 'sped' (ignored)\n", cwd);
    expect_stderr(want);
    /* --config FILE that does not exist: exit 2 */
    assert_int_equal(run(env, "--config " DIR "/missing"), 2);
    expect_stderr("microgpt-tui: " DIR "/missing: cannot read the settings: No such file or directory\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_binary),
    };
    return cmocka_run_group_tests_name("config", tests, setup, NULL);
}
