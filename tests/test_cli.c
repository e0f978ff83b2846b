/* test_cli.c: the command line: option checks (cli_parse) and the real binary's
 * output against the reference's (golden files), errors and exit statuses.
 * Runs from the repository root after `make` (./microgpt-tui must exist). */
#include "testutil.h"

#include <errno.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/cli.h"
#include "app/headless.h"

/* ---- cli_parse ---------------------------------------------------------- */

static int parse(Options *o, char *err, const char *a1, const char *a2, const char *a3)
{
    char *argv[5] = { "microgpt-tui", (char *)a1, (char *)a2, (char *)a3, NULL };
    int argc = 1 + (a1 != NULL) + (a2 != NULL) + (a3 != NULL);
    return cli_parse(o, argc, argv, err);
}

static void test_defaults(void **state)
{
    (void)state;
    Options o;
    char err[CLI_ERRLEN];
    assert_int_equal(parse(&o, err, NULL, NULL, NULL), 0);
    assert_null(o.data);            /* the default dataset: app/datafile.c */
    assert_int_equal(o.train.adam.num_steps, 500);
    assert_int_equal(o.train.seed, 42);
    assert_bits_equal(o.train.adam.lr, 0.01);
    assert_bits_equal(o.train.adam.beta1, 0.9);
    assert_bits_equal(o.train.adam.beta2, 0.95);
    assert_bits_equal(o.train.temperature, 0.5);
    assert_int_equal(o.samples, 20);
    assert_int_equal(o.train.model.n_embd, 16);
    assert_int_equal(o.train.model.n_head, 4);
    assert_int_equal(o.train.model.n_layer, 1);
    assert_int_equal(o.train.model.block_size, 8);
    assert_int_equal(o.train.shuffle, 1);
    assert_int_equal(o.headless, 0);
    assert_int_equal(o.variant, VARIANT_COURSE);
    assert_bits_equal(o.train.model.init_std, 0.02);
    assert_int_equal(o.train.model.zero_init_proj, 1);
    assert_int_equal(o.train.model.activation, ACT_RELU2);
    assert_int_equal(o.train.adam.schedule, LR_COSINE);
}

/* --variant gist: the gist's values; explicit options override them wherever
 * they stand on the command line. */
static void test_variant(void **state)
{
    (void)state;
    Options o;
    char err[CLI_ERRLEN];
    assert_int_equal(parse(&o, err, "--variant", "gist", NULL), 0);
    assert_int_equal(o.variant, VARIANT_GIST);
    assert_int_equal(o.train.model.block_size, 16);
    assert_int_equal(o.train.adam.num_steps, 1000);
    assert_bits_equal(o.train.adam.beta1, 0.85);
    assert_bits_equal(o.train.adam.beta2, 0.99);
    assert_bits_equal(o.train.model.init_std, 0.08);
    assert_int_equal(o.train.model.zero_init_proj, 0);
    assert_int_equal(o.train.model.activation, ACT_RELU);
    assert_int_equal(o.train.adam.schedule, LR_LINEAR);
    /* the same as the course: */
    assert_bits_equal(o.train.adam.lr, 0.01);
    assert_bits_equal(o.train.adam.eps, 1e-8);
    assert_int_equal(o.train.model.n_embd, 16);
    assert_int_equal(o.train.model.n_head, 4);
    assert_int_equal(o.train.model.n_layer, 1);
    assert_int_equal(o.train.seed, 42);
    assert_int_equal(o.train.shuffle, 1);
    assert_bits_equal(o.train.temperature, 0.5);
    assert_int_equal(o.samples, 20);
    /* before or after --variant, an explicit option wins */
    assert_int_equal(parse(&o, err, "--steps=7", "--variant=gist", "--block-size=8"), 0);
    assert_int_equal(o.train.adam.num_steps, 7);
    assert_int_equal(o.train.model.block_size, 8);
    assert_bits_equal(o.train.adam.beta1, 0.85);
    assert_int_equal(parse(&o, err, "--lr-schedule=cosine", "--zero-init-proj", "--variant=gist"), 0);
    assert_int_equal(o.train.adam.schedule, LR_COSINE);
    assert_int_equal(o.train.model.zero_init_proj, 1);
    assert_int_equal(o.train.model.activation, ACT_RELU);
    assert_int_equal(parse(&o, err, "--activation=relu2", "--var", "gist"), 0);
    assert_int_equal(o.variant, VARIANT_GIST);
    assert_int_equal(o.train.model.activation, ACT_RELU2);
    assert_int_equal(parse(&o, err, "--beta2=0.5", "--init-std=0", "--variant=gist"), 0);
    assert_bits_equal(o.train.adam.beta2, 0.5);
    assert_bits_equal(o.train.model.init_std, 0.0);
    /* the last --variant counts */
    assert_int_equal(parse(&o, err, "--variant=gist", "--variant=course", NULL), 0);
    assert_int_equal(o.variant, VARIANT_COURSE);
    assert_int_equal(o.train.model.block_size, 8);
    /* the course with the gist's pieces, one by one */
    assert_int_equal(parse(&o, err, "--activation=relu", "--lr-schedule=linear", "--no-zero-init-proj"), 0);
    assert_int_equal(o.variant, VARIANT_COURSE);
    assert_int_equal(o.train.model.activation, ACT_RELU);
    assert_int_equal(o.train.adam.schedule, LR_LINEAR);
    assert_int_equal(o.train.model.zero_init_proj, 0);
    assert_bits_equal(o.train.model.init_std, 0.02);
    assert_int_equal(parse(&o, err, "--init-std", "1e-3", "--no-zero-init-proj"), 0);
    assert_bits_equal(o.train.model.init_std, 0.001);
    assert_int_equal(o.train.model.zero_init_proj, 0);
}

static void test_values(void **state)
{
    (void)state;
    Options o;
    char err[CLI_ERRLEN];
    assert_int_equal(parse(&o, err, "--steps=7", "--seed", "-18446744073709551615"), 0);
    assert_int_equal(o.train.adam.num_steps, 7);
    assert_true(o.train.seed == 18446744073709551615ull);
    assert_int_equal(parse(&o, err, "--lr", "1e-2", "--no-shuffle"), 0);
    assert_bits_equal(o.train.adam.lr, 0.01);
    assert_int_equal(o.train.shuffle, 0);
    assert_int_equal(parse(&o, err, "--samples", "0", "--headless"), 0);
    assert_int_equal(o.samples, 0);
    assert_int_equal(o.headless, 1);
    assert_int_equal(parse(&o, err, "--beta1", "0", "--csv=x.csv"), 0);
    assert_bits_equal(o.train.adam.beta1, 0.0);
    assert_string_equal(o.csv, "x.csv");
}

static void expect_error(const char *a1, const char *a2, const char *a3, const char *needle)
{
    Options o;
    char err[CLI_ERRLEN] = "";
    if (parse(&o, err, a1, a2, a3) != -1)
        fail_msg("%s %s %s: accepted, expected '%s'", a1, a2 ? a2 : "", a3 ? a3 : "", needle);
    if (!strstr(err, needle))
        fail_msg("error '%s' lacks '%s'", err, needle);
    assert_null(strchr(err, '\n'));
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("--steps", "0", NULL, "--steps: '0' is not an integer");
    expect_error("--steps", "-5", NULL, "--steps");
    expect_error("--steps", "12x", NULL, "'12x'");
    expect_error("--steps", "", NULL, "--steps");
    expect_error("--steps", "99999999999999999999", NULL, "--steps");
    expect_error("--n-embd", "10", NULL, "divisible by --n-head (4)");
    expect_error("--n-embd", "16", "--n-head=3", "--n-embd (16) must be divisible by --n-head (3)");
    expect_error("--temperature", "0", NULL, "--temperature: '0' is not a number > 0");
    expect_error("--temperature", "-1", NULL, "--temperature");
    expect_error("--temperature", "nan", NULL, "--temperature");
    expect_error("--beta1", "1", NULL, "--beta1: '1' is not a number in [0, 1)");
    expect_error("--beta2", "-0.1", NULL, "--beta2");
    expect_error("--beta2", "inf", NULL, "--beta2");
    expect_error("--lr", "-0.01", NULL, "--lr: '-0.01' is not a number >= 0");
    expect_error("--lr", "abc", NULL, "--lr");
    expect_error("--seed", "4.5", NULL, "--seed");
    expect_error("--seed", "18446744073709551616", NULL, "--seed");
    expect_error("--bogus", NULL, NULL, "unknown option '--bogus'");
    expect_error("--n", "4", NULL,
                 "ambiguous option '--n' (--n-embd, --n-head, --n-layer, --no-zero-init-proj, --no-shuffle, "
                 "--no-mouse, --no-ascii, --no-explain, --no-config)");
    expect_error("--variant", "gpt2", NULL, "--variant: 'gpt2' is not course or gist");
    expect_error("--variant", "Gist", NULL, "--variant: 'Gist'");
    expect_error("--steps", "0", "--variant=gist", "--steps: '0'");
    expect_error("--variant", NULL, NULL, "option '--variant' needs a value");
    expect_error("--v", "gist", NULL, "ambiguous option '--v' (--variant, --version)");
    expect_error("--activation", "gelu", NULL, "--activation: 'gelu' is not relu2 or relu");
    expect_error("--activation", "", NULL, "--activation: '' is not relu2 or relu");
    expect_error("--lr-schedule", "step", NULL, "--lr-schedule: 'step' is not cosine or linear");
    expect_error("--init-std", "-0.1", NULL, "--init-std: '-0.1' is not a number >= 0");
    expect_error("--init-std", "nan", NULL, "--init-std");
    expect_error("--init-std", "1e999", NULL, "--init-std");
    expect_error("--zero-init-proj=1", NULL, NULL, "option '--zero-init-proj' takes no value");
    expect_error("--lr", "0x1p-3", NULL, "--lr: '0x1p-3' is not a number >= 0");
    expect_error("--temperature", "0X2", NULL, "--temperature");
    expect_error("-x", NULL, NULL, "unknown option '-x'");
    expect_error("--headless=1", NULL, NULL, "option '--headless' takes no value");
    expect_error("--steps", NULL, NULL, "needs a value");
    expect_error("extra", NULL, NULL, "unexpected argument 'extra'");
    expect_error("--samples", "-1", NULL, "--samples");
    expect_error("--block-size", "0", NULL, "--block-size");
    expect_error("--n-layer", "0", NULL, "--n-layer");
    /* one rule for every number: bare, no whitespace before or after */
    expect_error("--steps", " 5", NULL, "--steps: ' 5' is not an integer");
    expect_error("--steps", "5 ", NULL, "--steps");
    expect_error("--samples", "\t3", NULL, "--samples: '?3'");
    expect_error("--n-embd", "16\n", NULL, "--n-embd: '16?'");
    expect_error("--lr", " 0.5", NULL, "--lr: ' 0.5' is not a number >= 0");
    expect_error("--lr", "0.5 ", NULL, "--lr");
    expect_error("--temperature", "\v1", NULL, "--temperature");
    expect_error("--init-std", " 0.1", NULL, "--init-std");
    expect_error("--beta1", "0.9\t", NULL, "--beta1");
    expect_error("--seed", " 5", NULL, "--seed: ' 5' is not an integer");
    expect_error("--seed", "5 ", NULL, "--seed");
    /* what Python accepts otherwise still reads: a sign */
    Options o;
    char err[CLI_ERRLEN];
    assert_int_equal(parse(&o, err, "--steps", "+7", "--lr=+0.5"), 0);
    assert_int_equal(o.train.adam.num_steps, 7);
    assert_bits_equal(o.train.adam.lr, 0.5);
    /* -h and -V */
    assert_int_equal(parse(&o, err, "-h", NULL, NULL), 0);
    assert_true(o.help && !o.version);
    assert_int_equal(parse(&o, err, "-V", NULL, NULL), 0);
    assert_true(o.version && !o.help);
    expect_error("-v", NULL, NULL, "unknown option '-v'");
}

/* --change: the syntax, the names, the ranges of the matching options, the
 * step within the run, one value per name and step. */
static void test_change_options(void **state)
{
    (void)state;
    Options o;
    char err[CLI_ERRLEN];
    assert_int_equal(parse(&o, err, "--change", "100:lr=0.003,temperature=0.8", "--change=3:beta2=0.5"), 0);
    const Changes *c = &o.train.changes;
    assert_int_equal(c->count, 2);
    assert_int_equal(c->at[0].step, 2);     /* 0-based, sorted by step */
    assert_int_equal(c->at[0].set, CHANGE_BETA2);
    assert_bits_equal(c->at[0].value[2], 0.5);
    assert_int_equal(c->at[1].step, 99);
    assert_int_equal(c->at[1].set, CHANGE_LR | CHANGE_TEMPERATURE);
    assert_bits_equal(c->at[1].value[0], 0.003);
    assert_bits_equal(c->at[1].value[3], 0.8);
    /* the settings of a step: every change up to it */
    assert_bits_equal(train_adam_at(&o.train, 98).lr, 0.01);
    assert_bits_equal(train_adam_at(&o.train, 99).lr, 0.003);
    assert_bits_equal(train_adam_at(&o.train, 499).lr, 0.003);
    assert_bits_equal(train_adam_at(&o.train, 1).beta2, 0.95);
    assert_bits_equal(train_adam_at(&o.train, 2).beta2, 0.5);
    assert_bits_equal(train_temperature_at(&o.train, 98), 0.5);
    assert_bits_equal(train_temperature_at(&o.train, 99), 0.8);
    char text[64];
    change_format(&c->at[1], text, sizeof text);
    assert_string_equal(text, "100:lr=0.003,temperature=0.8");
    /* the same step twice merges; the last step is the run's */
    assert_int_equal(parse(&o, err, "--change=5:lr=0", "--change=5:beta1=0", "--change=500:beta1=0.1"), 0);
    assert_int_equal(o.train.changes.count, 2);
    assert_int_equal(o.train.changes.at[0].set, CHANGE_LR | CHANGE_BETA1);
    expect_error("--change", "501:lr=0.1", NULL, "--change: step 501 is past the last step (500)");
    expect_error("--change=8:lr=0.1", "--steps", "7", "--change: step 8 is past the last step (7)");
    expect_error("--change", "0:lr=0.1", NULL, "--change: '0:lr=0.1': the step is not an integer from 1");
    expect_error("--change", "x:lr=0.1", NULL, "the step is not an integer");
    expect_error("--change", "5", NULL, "--change: '5' is not STEP:NAME=VALUE[,NAME=VALUE...]");
    expect_error("--change", "5:", NULL, "--change: '5:' changes nothing");
    expect_error("--change", "5:eps=0.1", NULL, "--change: 'eps' is not lr, beta1, beta2 or temperature");
    expect_error("--change", "5:lr=0.1,,beta1=0.5", NULL, "'' is not lr");
    expect_error("--change", "5:lr", NULL, "--change: lr needs a value (lr=X)");
    expect_error("--change", "5:lr=-1", NULL, "--change: lr: '-1' is not a number >= 0");
    expect_error("--change", "5:beta1=1", NULL, "--change: beta1: '1' is not a number in [0, 1)");
    expect_error("--change", "5:beta2=nan", NULL, "--change: beta2: 'nan' is not a number in [0, 1)");
    expect_error("--change", "5:temperature=0", NULL, "--change: temperature: '0' is not a number > 0");
    expect_error("--change", "5:temperature=5.5e-309", NULL, "is too small (1 / temperature overflows)");
    expect_error("--change", "5:lr=0x10", NULL, "--change: lr: '0x10' is not a number >= 0");
    expect_error("--change", "5:lr=0.1,lr=0.2", NULL, "--change: lr is changed twice at step 5");
    expect_error("--change=5:lr=0.1", "--change=5:lr=0.1", NULL, "lr is changed twice at step 5");
    /* at most CHANGES_MAX steps */
    char *argv[CHANGES_MAX + 3], buf[CHANGES_MAX + 1][32];
    argv[0] = "microgpt-tui";
    for (int i = 0; i <= CHANGES_MAX; i++) {
        snprintf(buf[i], sizeof buf[i], "--change=%d:lr=0.1", i + 1);
        argv[i + 1] = buf[i];
    }
    argv[CHANGES_MAX + 2] = NULL;
    assert_int_equal(cli_parse(&o, CHANGES_MAX + 2, argv, err), -1);
    assert_non_null(strstr(err, "--change: at most 32 steps with changes"));
    argv[CHANGES_MAX + 1] = NULL;
    assert_int_equal(cli_parse(&o, CHANGES_MAX + 1, argv, err), 0);
    assert_int_equal(o.train.changes.count, CHANGES_MAX);
}

/* --compare: the twin's options are this run's, then the string's words. */
static void test_compare_options(void **state)
{
    (void)state;
    Options o;
    char err[CLI_ERRLEN];
    assert_int_equal(parse(&o, err, "--lr=0.02", "--compare", "--beta1 '0.5' --csv \"b c.csv\""), 0);
    assert_string_equal(o.compare, "--beta1 '0.5' --csv \"b c.csv\"");
    assert_bits_equal(o.train.adam.lr, 0.02);
    assert_bits_equal(o.train.adam.beta1, 0.9);
    assert_bits_equal(o.twin.adam.lr, 0.02);       /* this run's ... */
    assert_bits_equal(o.twin.adam.beta1, 0.5);     /* ... then the words */
    assert_string_equal(o.twin_csv, "b c.csv");
    assert_null(o.csv);
    /* no --compare: no twin */
    assert_int_equal(parse(&o, err, "--lr=0.02", NULL, NULL), 0);
    assert_null(o.compare);
    /* --variant in the words: its defaults under this run's explicit options */
    assert_int_equal(parse(&o, err, "--steps=10", "--compare=--variant gist", NULL), 0);
    assert_int_equal(o.variant, VARIANT_COURSE);
    assert_int_equal(o.twin_variant, VARIANT_GIST);
    assert_int_equal(o.twin.adam.num_steps, 10);
    assert_int_equal(o.twin.model.block_size, 16);
    assert_int_equal(o.twin.adam.schedule, LR_LINEAR);
    assert_int_equal(parse(&o, err, "--compare=--seed 7 --no-shuffle --temperature 0.9", NULL, NULL), 0);
    assert_int_equal(o.twin.seed, 7);
    assert_int_equal(o.twin.shuffle, 0);
    assert_bits_equal(o.twin.temperature, 0.9);
    assert_int_equal(o.train.seed, 42);
    /* the twin's --change at a step replaces this run's there; others add up */
    assert_int_equal(parse(&o, err, "--change=5:lr=0.1,beta1=0.5", "--compare",
                           "--change 5:lr=0.2 --change 7:beta2=0.5"), 0);
    assert_int_equal(o.twin.changes.count, 2);
    assert_bits_equal(o.twin.changes.at[0].value[0], 0.2);
    assert_bits_equal(o.twin.changes.at[0].value[1], 0.5);
    assert_int_equal(o.train.changes.count, 1);
    assert_bits_equal(o.train.changes.at[0].value[0], 0.1);
    /* refused, with the reason */
    expect_error("--compare", "--data x.txt", NULL,
                 "--compare: --data is not for the twin (both runs train on the same data)");
    expect_error("--compare", "--samples 3", NULL, "--compare: --samples is not for the twin");
    expect_error("--compare", "--headless", NULL, "--compare: --headless is not for the twin (it is the front end's");
    expect_error("--compare", "--compare x", NULL, "--compare: --compare is not for the twin");
    expect_error("--compare", "--emma", NULL, "--compare: --emma is not");
    expect_error("--compare", "--variant gist", NULL,
                 "--compare: the twin trains 1000 steps and this run 500: both must train as many");
    expect_error("--csv=a.csv", "--compare", "--csv a.csv", "--compare: --csv: the twin's file must be another");
    expect_error("--compare", "--lr -1", NULL, "--compare: --lr: '-1' is not a number >= 0");
    expect_error("--compare", "--bogus", NULL, "--compare: unknown option '--bogus'");
    expect_error("--compare", "--n-head 3", NULL, "--compare: --n-embd (16) must be divisible by --n-head (3)");
    expect_error("--compare", "--change 5:lr=1,lr=2", NULL, "--compare: --change: lr is changed twice at step 5");
    /* what wordexp(3) refuses: commands, undefined variables, unquoted
     * operators, unmatched quotes */
    expect_error("--compare", "--lr $(echo 1)", NULL, "--compare: a command substitution (not run) in");
    expect_error("--compare", "--lr `echo 1`", NULL, "a command substitution");
    expect_error("--compare", "--lr ${MICROGPT_NO_SUCH_VARIABLE}", NULL, "--compare: an undefined variable");
    expect_error("--compare", "--lr 1; rm x", NULL, "--compare: an unquoted |, &, ;");
    expect_error("--compare", "--lr '1", NULL, "--compare: a syntax error (an unmatched quote?)");
    expect_error("--compare", NULL, NULL, "option '--compare' needs a value");
    expect_error("--compare", "", NULL, "--compare: no options (the twin would be this run itself)");
    expect_error("--compare=", NULL, NULL, "--compare: no options (the twin would be this run itself)");
    expect_error("--compare", " \t ", NULL, "--compare: no options (the twin would be this run itself)");
    expect_error("--c", "x", NULL, "ambiguous option '--c' (--change, --compare, --csv, --config)");
}

/* ---- the binary ----------------------------------------------------------- */

#define OUT "build/test_cli.out"
#define ERR "build/test_cli.err"

/* Runs ./microgpt-tui with `args` (shell words) and stdout/stderr to files. */
static int run(const char *args)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "./microgpt-tui %s >" OUT " 2>" ERR " </dev/null", args);
    int st = system(cmd);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

/* The last run's stdout, which must be the golden file byte for byte. */
static char *output_matching(const char *golden)
{
    size_t a, b;
    char *got = slurp(OUT, &a), *want = slurp(golden, &b);
    assert_int_equal(a, b);
    assert_memory_equal(got, want, a);
    free(want);
    return got;
}

/* MICROGPT_POW=verify: the same output, and one line on stderr saying that
 * every fast power agreed with pow; MICROGPT_POW=libm: the same output. */
static void test_pow_modes(void **state)
{
    (void)state;
    const char *env = getenv("MICROGPT_POW"); /* check-speed runs these tests with it set: kept */
    char *outer = env ? strdup(env) : NULL;
    assert_int_equal(run("--headless --steps 40 --seed 3"), 0);
    char *want = slurp(OUT, NULL);
    setenv("MICROGPT_POW", "verify", 1);
    const int rc = run("--headless --steps 40 --seed 3");
    assert_int_equal(rc, 0);
    char *got = slurp(OUT, NULL), *err = slurp(ERR, NULL);
    assert_string_equal(got, want);
    assert_non_null(strstr(err, "microgpt-tui: MICROGPT_POW=verify: "));
    assert_non_null(strstr(err, " 0 mismatches\n"));
    assert_null(strstr(err, " 0 powers"));
    free(got);
    free(err);
    setenv("MICROGPT_POW", "libm", 1);
    assert_int_equal(run("--headless --steps 40 --seed 3"), 0);
    if (outer)
        setenv("MICROGPT_POW", outer, 1);
    else
        unsetenv("MICROGPT_POW");
    free(outer);
    got = slurp(OUT, NULL);
    assert_string_equal(got, want);
    free(got);
    free(want);
}

static void test_headless_matches_reference_log(void **state)
{
    (void)state;
    assert_int_equal(run("--headless"), 0);
    free(output_matching("tests/golden/reference-default.log"));
}

/* Splits s at `sep` in place into at most max fields; returns the count. */
static int split(char *s, char sep, char **f, int max)
{
    int n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == sep) {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

/* Every number of a space-separated list, bit for bit (strtod reads Python's repr exactly). */
static void assert_same_numbers(const char *a, const char *b)
{
    char *ea, *eb;
    for (;;) {
        double x = strtod(a, &ea), y = strtod(b, &eb);
        assert_true(ea != a && eb != b);
        assert_bits_equal(x, y);
        a = ea;
        b = eb;
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (!*a || !*b)
            break;
    }
    assert_true(!*a && !*b);
}

/* A line of a golden file that is not a step's: the stdout ('#') or what
 * microgpt_ref.py prints of the model's insides ("probe", "attn": test_inside). */
static int not_a_step(const char *line)
{
    return *line == '#' || (*line >= 'a' && *line <= 'z');
}

/* Compares the CSV written by the binary with a golden TSV (lines of
 * step, doc, loss, lr, position losses; other lines skipped). */
static void compare_csv_tsv(const char *csv_path, const char *tsv_path, int expect_rows)
{
    char *csv = slurp(csv_path, NULL), *tsv = slurp(tsv_path, NULL);
    char *cl = strstr(csv, "\r\n");
    assert_non_null(cl);
    *cl = '\0';
    assert_string_equal(csv, "step,doc,n,loss,lr,position_losses");
    char *c = cl + 2, *t = tsv;
    int rows = 0;
    while (*t) {
        char *tend = strchr(t, '\n');
        *tend = '\0';
        if (not_a_step(t)) {
            t = tend + 1;
            continue;
        }
        char *cend = strstr(c, "\r\n");
        assert_non_null(cend);
        *cend = '\0';
        char *tf[5], *cf[6];
        assert_int_equal(split(t, '\t', tf, 5), 5);
        /* the doc may be quoted: take the fields from both ends */
        char *first = strchr(c, ',');
        char *p = cend;
        for (int k = 0; k < 4; k++) {
            while (p > first && *p != ',')
                p--;
            cf[5 - k] = p + 1;
            *p = '\0';
            p--;
        }
        *first = '\0';
        cf[0] = c;
        cf[1] = first + 1;
        assert_string_equal(cf[0], tf[0]);
        char doc[512];
        size_t dl = strlen(cf[1]);
        if (cf[1][0] == '"') {
            size_t k = 0;
            for (size_t i = 1; i + 1 < dl; i++) {
                doc[k++] = cf[1][i];
                if (cf[1][i] == '"')
                    i++;
            }
            doc[k] = '\0';
        } else {
            snprintf(doc, sizeof doc, "%s", cf[1]);
        }
        assert_string_equal(doc, tf[1]);
        assert_same_numbers(cf[3], tf[2]);
        assert_same_numbers(cf[4], tf[3]);
        assert_same_numbers(cf[5], tf[4]);
        int nf = 0;
        for (char *q = tf[4]; *q; q++)
            nf += *q == ' ';
        assert_int_equal(atoi(cf[2]), nf + 1);
        rows++;
        c = cend + 2;
        t = tend + 1;
    }
    assert_int_equal(rows, expect_rows);
    assert_int_equal(*c, '\0');
    free(csv);
    free(tsv);
}

static void test_csv_matches_reference_tsv(void **state)
{
    (void)state;
    assert_int_equal(run("--headless --samples 0 --csv build/test_cli.csv"), 0);
    compare_csv_tsv("build/test_cli.csv", "tests/golden/reference-default.tsv", 500);
}

/* Karpathy's final microgpt.py: its stdout byte for byte (step lines ending
 * in CR, its own inference header) and every figure of its trace. */
static void test_gist_matches_its_log_and_tsv(void **state)
{
    (void)state;
    assert_int_equal(run("--headless --variant gist --csv build/test_cli.csv"), 0);
    char *got = output_matching("tests/golden/gist-default.log");
    assert_non_null(strstr(got, "step 1000 / 1000 | loss 2.6497\r\n--- inference (new, hallucinated names) ---\n"
                                "sample  1: kamon\n"));
    free(got);
    compare_csv_tsv("build/test_cli.csv", "tests/golden/gist-default.tsv", 1000);
}

/* A golden file from tests/tools/microgpt_ref.py: '#' lines are the stdout. */
static void check_ref(const char *ref, const char *args)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "--headless --csv build/test_cli.csv %s", args);
    assert_int_equal(run(cmd), 0);
    char *want = slurp(ref, NULL), *got = slurp(OUT, NULL);
    char *exp = malloc(strlen(want) + 1), *e = exp;
    for (char *line = want; *line;) {
        char *nl = strchr(line, '\n');
        if (*line == '#') {
            memcpy(e, line + 1, (size_t)(nl - line));
            e += nl - line;
        }
        line = nl + 1;
    }
    *e = '\0';
    assert_string_equal(got, exp);
    free(exp);
    free(want);
    free(got);
    int rows = 0;
    char *tsv = slurp(ref, NULL);
    for (char *line = tsv; *line; line = strchr(line, '\n') + 1)
        rows += !not_a_step(line);
    free(tsv);
    compare_csv_tsv("build/test_cli.csv", ref, rows);
}

static void test_other_settings_match_python(void **state)
{
    (void)state;
    check_ref("tests/golden/unicode-s3.ref",
              "--data tests/data/unicode.txt --steps 5 --n-embd 8 --n-head 2 --n-layer 2 --block-size 16 "
              "--samples 5 --temperature 0.8 --lr 0.02 --beta1 0.8 --beta2 0.99 --seed 3");
    check_ref("tests/golden/names-bigseed.ref",
              "--steps 4 --seed 1099511627779 --n-embd 12 --n-head 1 --block-size 4 --samples 5");
    check_ref("tests/golden/names-noshuffle-s7.ref",
              "--steps 4 --seed 7 --no-shuffle --samples 5 --temperature 1.3");
    /* the gist (its '#' lines hold its CR-ended step lines), and mixes */
    check_ref("tests/golden/gist-s2026.ref", "--variant gist --seed 2026 --steps 6 --samples 5");
    check_ref("tests/golden/gist-unicode-s3.ref",
              "--variant gist --data tests/data/unicode.txt --seed 3 --steps 5 --samples 5 --temperature 0.8");
    check_ref("tests/golden/gist-cosine-zeroproj.ref",
              "--variant gist --lr-schedule cosine --zero-init-proj --seed 11 --steps 5 --samples 4");
    check_ref("tests/golden/course-relu-linear.ref",
              "--activation relu --lr-schedule linear --no-zero-init-proj --init-std 0.1 --steps 5 --samples 4");
}

/* --probe: after the samples, each name's losses under the final model, as
 * microgpt_ref.py --probe prints them (the gist's after its header, a long
 * name cut at the block size, names of the unicode file); nothing else of the
 * output changes. */
static void test_probe_matches_python(void **state)
{
    (void)state;
    check_ref("tests/golden/inside-course.ref", "--steps 12 --samples 3 --probe emma --probe xavier");
    check_ref("tests/golden/inside-emma.ref", "--no-shuffle --samples 3 --probe emma --probe zoe");
    check_ref("tests/golden/inside-gist.ref",
              "--variant gist --seed 5 --steps 5 --samples 2 --probe alexanderchristopher --probe mo");
    check_ref("tests/golden/inside-deep.ref",
              "--n-layer 2 --n-head 2 --n-embd 8 --block-size 6 --steps 4 --samples 2 --probe anna");
    check_ref("tests/golden/inside-unicode.ref",
              "--data tests/data/unicode.txt --steps 3 --n-embd 8 --n-head 2 --block-size 10 --samples 2 "
              "--seed 3 --probe Zo\xc3\xab --probe '\xc5\x81ukasz O'\\''Brien'");
    /* without --samples, the probe lines follow the last step line */
    assert_int_equal(run("--headless --steps 12 --samples 0 --probe emma"), 0);
    char *got = slurp(OUT, NULL);
    assert_non_null(strstr(got, "step   12 /   12 | loss 3.2085\nprobe emma: 3.3037 3.4110 3.3127 3.0031 "
                                "2.7816 | mean 3.1624\n"));
    free(got);
    /* --trace too ends with them */
    assert_int_equal(run("--trace --steps 2 --samples 0 --probe zoe"), 0);
    got = slurp(OUT, NULL);
    assert_non_null(strstr(got, "step    2 /    2 | loss "));
    assert_non_null(strstr(got, "\n\nprobe zoe: "));
    free(got);
    /* the twin prints its own, under its own final model */
    assert_int_equal(run("--headless --steps 12 --samples 0 --probe emma --compare '--lr 0.02'"), 0);
    got = slurp(OUT, NULL);
    char *a = strstr(got, "probe emma: 3.3037"), *b = a ? strstr(a + 1, "probe emma: ") : NULL;
    assert_non_null(a);
    assert_non_null(b);
    assert_true(strncmp(b, "probe emma: 3.3037", 18) != 0);
    free(got);
}

/* --change: the reference assigning the values at the top of a step's
 * iteration (tests/tools/microgpt_ref.py --change, the same arguments):
 * lr twice (the second at the last step, which changes only its update and
 * the samples), betas in the bias corrections, temperature in the samples;
 * the gist with a change at step 1 and two steps changing two names each. */
static void test_changes_match_python(void **state)
{
    (void)state;
    check_ref("tests/golden/change-course.ref",
              "--steps 8 --samples 5 --change 3:lr=0.003,temperature=0.8 --change 5:beta1=0.5,beta2=0.7 "
              "--change 8:lr=0.05");
    check_ref("tests/golden/change-gist.ref",
              "--variant gist --seed 5 --steps 6 --samples 5 --change 1:beta1=0.7 "
              "--change 2:lr=0.02,beta2=0.9 --change 4:temperature=1.2,beta1=0.6");
    /* the order of --change options and how a step's names are grouped do not matter */
    check_ref("tests/golden/change-course.ref",
              "--change 8:lr=0.05 --change 5:beta2=0.7 --steps 8 --change 3:temperature=0.8 --samples 5 "
              "--change 5:beta1=0.5 --change 3:lr=0.003");
    /* a change at step 1 is the option itself */
    assert_int_equal(run("--headless --steps 3 --samples 3 --change 1:lr=0.02,beta1=0.8,temperature=0.7"), 0);
    char *a = slurp(OUT, NULL);
    assert_int_equal(run("--headless --steps 3 --samples 3 --lr 0.02 --beta1 0.8 --temperature 0.7"), 0);
    char *b = slurp(OUT, NULL);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* The output of `args` alone (the last run's stdout). */
static char *output_of(const char *args)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "--headless %s", args);
    assert_int_equal(run(cmd), 0);
    return slurp(OUT, NULL);
}

/* A model that blew up (--lr 12345.678: NaN from step 3 on): every NaN reads
 * "nan", as Python prints any NaN, never printf's "-nan" (x86's arithmetic
 * makes NaNs with the sign bit set): in --trace (the worked example's lines)
 * and on the screens (probabilities, logits, the probe, the update). */
static void test_nan_as_python(void **state)
{
    (void)state;
    assert_int_equal(run("--no-config --trace --lr 12345.678 --steps 5"), 0);
    char *out = slurp(OUT, NULL);
    assert_null(strstr(out, "-nan"));
    assert_non_null(strstr(out, "grad = nan"));
    assert_non_null(strstr(out, "m = 0.9 * nan + (1 - 0.9) * nan = nan"));
    free(out);
    const char *lesson = "[stop]\nstep = 5\ninside = update\n[stop]\nstep = 5\nprobe = emma\ninside = probe\n"
                         "logits = yes\n";
    write_file("build/test-cli-nan.lesson", lesson, strlen(lesson));
    assert_int_equal(system("rm -rf build/test-cli-nan"), 0);
    assert_int_equal(run("--no-config --lr 12345.678 --lesson build/test-cli-nan.lesson --export-screens "
                         "build/test-cli-nan"), 0);
    static const char *const files[] = { "build/test-cli-nan/01-stop.txt", "build/test-cli-nan/02-stop.txt" };
    static const char *const want[] = { "nan", "choices             nan    26.7     nan" };
    for (int i = 0; i < 2; i++) {
        char *t = slurp(files[i], NULL);
        if (strstr(t, "-nan") || !strstr(t, want[i]))
            fail_msg("%s:\n%s", files[i], t);
        free(t);
    }
}

/* --headless --compare: each run's output exactly as it alone prints it,
 * labelled, then when their sampled names first differ. */
static void expect_compare(const char *a_args, const char *b_args, const char *compare, const char *summary)
{
    char *a = output_of(a_args), *b = output_of(b_args), cmd[1024];
    snprintf(cmd, sizeof cmd, "--headless %s --compare '%s'", a_args, compare);
    assert_int_equal(run(cmd), 0);
    char *got = slurp(OUT, NULL), *want = malloc(strlen(a) + strlen(b) + strlen(compare) + 512);
    sprintf(want, "=== run A ===\n%s=== run B: --compare '%s' ===\n%s=== runs A and B ===\n%s\n"
            "(the sampled names: 12 names drawn from each model before step 1 and after every step, "
            "name i with random.seed(1000 + i))\n", a, compare, b, summary);
    assert_string_equal(got, want);
    free(a);
    free(b);
    free(got);
    free(want);
}

static void test_compare_headless(void **state)
{
    (void)state;
    expect_compare("--steps 5 --samples 3", "--steps 5 --samples 3 --lr 0.003", "--lr 0.003",
                   "sampled names: first differ after step 1");
    /* the twin in the gist's format (its step lines end in CR) with a CSV of its own */
    expect_compare("--steps 4 --samples 2 --csv build/a.csv", "--steps 4 --samples 2 --variant gist "
                   "--csv build/b-alone.csv", "--variant gist --csv build/b.csv",
                   "sampled names: differ from the start (before step 1)");
    char *b1 = slurp("build/b.csv", NULL), *b2 = slurp("build/b-alone.csv", NULL);
    assert_string_equal(b1, b2);
    free(b1);
    free(b2);
    /* no difference at all (the default given again; nothing at all is refused); another seed
     * from the start */
    expect_compare("--steps 3 --samples 2", "--steps 3 --samples 2 --lr 0.01", "--lr 0.01",
                   "sampled names: the same after every step");
    expect_compare("--steps 3 --samples 0", "--steps 3 --samples 0 --seed 7", "--seed 7",
                   "sampled names: differ from the start (before step 1)");
    /* a later change: the same until it, then (tests/golden/change-course.ref's run) */
    expect_compare("--steps 8 --samples 5", "--steps 8 --samples 5 --change 3:lr=0.003,temperature=0.8 "
                   "--change 5:beta1=0.5,beta2=0.7 --change 8:lr=0.05",
                   "--change 3:lr=0.003,temperature=0.8 --change 5:beta1=0.5,beta2=0.7 --change 8:lr=0.05",
                   "sampled names: first differ after step 3");
    /* a temperature change alone: the models stay the same, their names do not */
    expect_compare("--steps 4 --samples 2", "--steps 4 --samples 2 --change 3:temperature=2",
                   "--change 3:temperature=2", "sampled names: first differ after step 3");
}

static void test_samples_zero(void **state)
{
    (void)state;
    assert_int_equal(run("--headless --steps 2 --samples 0"), 0);
    char *got = slurp(OUT, NULL);
    assert_string_equal(got, "num docs: 32033\nvocab size: 27\nnum params: 4064\n"
                             "step    1 /    2 | loss 3.3630\nstep    2 /    2 | loss 3.2917\n");
    free(got);
    /* the gist prints its header whatever follows (from tests/tools/microgpt_ref.py
     * --variant gist --steps 2 --samples 0), so its output ends in a newline */
    assert_int_equal(run("--headless --variant gist --steps 2 --samples 0"), 0);
    got = slurp(OUT, NULL);
    assert_string_equal(got, "num docs: 32033\nvocab size: 27\nnum params: 4192\n"
                             "step    1 /    2 | loss 3.3660\rstep    2 /    2 | loss 3.4243\r"
                             "\n--- inference (new, hallucinated names) ---\n");
    free(got);
}

/* Exit status 2 and exactly one line on stderr containing `needle`, nothing on stdout. */
static void expect_fail(const char *args, const char *needle)
{
    int rc = run(args);
    if (rc != 2)
        fail_msg("%s: exit status %d", args, rc);
    size_t n;
    char *err = slurp(ERR, &n), *out = slurp(OUT, NULL);
    if (!strstr(err, needle))
        fail_msg("stderr '%s' lacks '%s'", err, needle);
    assert_true(n > 0 && err[n - 1] == '\n');
    assert_null(memchr(err, '\n', n - 1));
    assert_string_equal(out, "");
    free(err);
    free(out);
}

static void test_bad_input(void **state)
{
    (void)state;
    expect_fail("--headless --data build/no-such-file.txt", "build/no-such-file.txt");
    expect_fail("--headless --data build", "directory");
    write_file("build/empty.txt", "", 0);
    expect_fail("--headless --data build/empty.txt", "empty");
    write_file("build/blank.txt", " \n\t\r\n\n", 6);
    expect_fail("--headless --data build/blank.txt", "no names");
    write_file("build/badutf8.txt", "ann\nbob\nca\xffl\n", 12);
    expect_fail("--headless --data build/badutf8.txt", "line 3");
    expect_fail("--headless --data /dev/zero", "not a regular file");
    expect_fail("--headless --data 'build/no\033[2Jfile'", "build/no?[2Jfile: cannot open");
    expect_fail("--headless --steps 0", "--steps");
    expect_fail("--headless --n-embd 10", "divisible");
    expect_fail("--headless --temperature 0", "--temperature");
    expect_fail("--headless --beta1 1", "--beta1");
    expect_fail("--headless --beta2 -1", "--beta2");
    expect_fail("--headless --lr -1", "--lr");
    expect_fail("--headless --frobnicate", "unknown option");
    expect_fail("--headless --compare ''", "--compare: no options (the twin would be this run itself)");
    expect_fail("--headless --variant karpathy", "--variant: 'karpathy' is not course or gist");
    expect_fail("--headless --activation gelu", "--activation");
    expect_fail("--headless --lr-schedule none", "--lr-schedule");
    expect_fail("--headless --init-std -1", "--init-std");
    expect_fail("--headless --n-embd 512 --n-layer 32 --block-size 256", "model too large");
    expect_fail("--headless --csv build/no-such-dir/x.csv --steps 1", "build/no-such-dir/x.csv: cannot write");
    /* control characters in the name (a newline, an escape, a UTF-8 C1 CSI) as '?' */
    expect_fail("--headless --csv \"$(printf 'build/no-such-dir/\\033[2J\\nx\\302\\233.csv')\" --steps 1",
                "build/no-such-dir/?[2J?x?.csv: cannot write");
    /* checked before the trainer is built, in every mode: refused, and no
     * file is created when the data or the model is refused */
    expect_fail("--csv build/no-such-dir/x.csv --steps 1", "not a terminal");
    unlink("build/refused.csv");
    expect_fail("--headless --csv build/refused.csv --n-embd 512 --n-layer 32 --block-size 256", "model too large");
    expect_fail("--headless --csv build/refused.csv --data build/no-such-file.txt", "cannot open");
    assert_int_equal(access("build/refused.csv", F_OK), -1);
    expect_fail("--headless --steps 1 --compare '--csv build/no-such-dir/x.csv'", "build/no-such-dir/x.csv: cannot write");
    expect_fail("--headless --steps 1 --csv build/no-such-dir/x.csv --compare '--lr 0'", "cannot write");
    expect_fail("--headless --compare '--data x.txt'", "--compare: --data is not for the twin");
    /* --probe: names of the data's characters, at most eight, checked before the run */
    expect_fail("--headless --probe Emma", "--probe 'Emma': 'E' is not in the vocabulary: a-z");
    expect_fail("--headless --probe ''", "--probe '': the name is empty");
    expect_fail("--headless --probe 'a b'", "--probe 'a b': space is not in the vocabulary: a-z");
    expect_fail("--headless --probe \"$(printf 'a\\033[2J')\"", "--probe 'a?[2J': U+001B is not");
    expect_fail("--headless --probe a --probe b --probe c --probe d --probe e --probe f --probe g "
                "--probe h --probe i", "--probe: at most 8 names");
    expect_fail("--headless --compare '--probe emma'", "--compare: --probe is not for the twin");
    expect_fail("--probe Emma", "not a terminal");
    /* an empty file name is said as such, not as ": cannot open" */
    expect_fail("--headless --data ''", "microgpt-tui: --data: the file name is empty");
    expect_fail("--headless --csv ''", "microgpt-tui: --csv: the file name is empty");
    expect_fail("--headless --config ''", "microgpt-tui: --config: the file name is empty");
    expect_fail("--lesson '' --export-screens build/x", "microgpt-tui: --lesson: the file name is empty");
    expect_fail("--export-screens ''", "microgpt-tui: --export-screens: the directory name is empty");
    expect_fail("--headless --compare \"--csv ''\"", "microgpt-tui: --compare: --csv: the file name is empty");
    /* one twin: a second --compare is refused, not silently dropped */
    expect_fail("--headless --compare '--lr 0' --compare '--lr 1'", "--compare: given twice");
    expect_fail("--headless --change 1:lr=0.1,", "--change: '1:lr=0.1,' ends in ','");
    /* at most 40 bytes, the probe panel's limit (session/inside: its line
     * editor's), in every mode: a longer name was taken headless and dropped
     * (or cut) by the interface */
    const char *a63 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    char args[256];
    snprintf(args, sizeof args, "--headless --steps 1 --samples 0 --probe %sa", a63);
    expect_fail(args, "--probe 'aaaaaaaaaaaaaaaaaaaaaaaa...': too long: at most 40 bytes");
    snprintf(args, sizeof args, "--export-screens build/probe-long --probe %sa", a63);
    expect_fail(args, "--probe 'aaaaaaaaaaaaaaaaaaaaaaaa...': too long: at most 40 bytes");
    /* cut between characters: 23 a's, then a two-byte é over bytes 24-25 */
    snprintf(args, sizeof args, "--headless --data build/u8probe.txt --probe %.23s\xc3\xa9%s",
             a63, a63);
    write_file("build/u8probe.txt", "a\xc3\xa9\n", 4);
    expect_fail(args, "--probe 'aaaaaaaaaaaaaaaaaaaaaaa...': too long");
    snprintf(args, sizeof args, "--headless --steps 1 --samples 0 --probe %.41s", a63);
    expect_fail(args, "too long: at most 40 bytes");
    snprintf(args, sizeof args, "--headless --steps 1 --samples 0 --probe %.40s", a63);
    assert_int_equal(run(args), 0);
    expect_fail("--headless --change 501:lr=0.1", "--change: step 501 is past the last step (500)");
    expect_fail("--headless --compare '--n-embd 512 --n-layer 32 --block-size 256'", "--compare: model too large");
    expect_fail("--headless --csv build/refused.csv --compare '--csv build/refused2.csv --n-embd 512 --n-layer 32 "
                "--block-size 256'", "--compare: model too large");
    assert_int_equal(access("build/refused.csv", F_OK), -1);
    assert_int_equal(access("build/refused2.csv", F_OK), -1);
    /* no --headless and stdout is a file: refuse, suggest --headless */
    expect_fail("--steps 1", "--headless");
}

static void test_crlf_file(void **state)
{
    (void)state;
    write_file("build/crlf.txt", "emma\r\nolivia\r\n", 14);
    write_file("build/lf.txt", "emma\nolivia\n", 12);
    assert_int_equal(run("--headless --data build/crlf.txt --steps 3 --samples 3"), 0);
    char *a = slurp(OUT, NULL);
    assert_int_equal(run("--headless --data build/lf.txt --steps 3 --samples 3"), 0);
    char *b = slurp(OUT, NULL);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "num docs: 2\nvocab size: 8\n"));
    free(a);
    free(b);
}

/* --emma --trace --steps 1: the lesson's step 0 on "emma" with the real numbers. */
static void test_emma_trace(void **state)
{
    (void)state;
    assert_int_equal(run("--emma --trace --steps 1 --samples 0"), 0);
    char *got = slurp(OUT, NULL), *want = slurp("tests/golden/emma-trace-1.txt", NULL);
    assert_string_equal(got, want);
    /* by hand, from the lesson: names.txt starts with emma; a=0 ... z=25, BOS=26 */
    assert_non_null(strstr(got, "doc = docs[0 % 32033] = \"emma\"\n"));
    assert_non_null(strstr(got, "tokens = [26, 4, 12, 12, 0, 26]   # [BOS, 'e', 'm', 'm', 'a', BOS]\n"));
    assert_non_null(strstr(got, "n = min(8, 6 - 1) = 5\n"));
    assert_non_null(strstr(got, "lr_t = 0.01 * 0.5 * (1 + cos(pi * 0 / 1)) = 0.010000\n"));
    /* the per-position losses of the plain-Python reference, at 4 decimals:
     * python3 tests/tools/microgpt_ref.py --data data/names.txt --no-shuffle --steps 1
     * -> 3.3880362466231078 3.227927248023232 3.2522469731273316 3.154910110113688
     *    3.3590002682297437, loss 3.276424169223421 */
    assert_non_null(strstr(got, "\ninput [BOS] (26) -> target e (4)   loss_0 = -log(0.0338) = 3.3880\n"));
    assert_non_null(strstr(got, "\ninput a (0) -> target [BOS] (26)   loss_4 = -log(0.0348) = 3.3590\n"));
    assert_non_null(strstr(got, "\nloss = (3.3880 + 3.2279 + 3.2522 + 3.1549 + 3.3590) / 5\n     = 3.2764\n"));
    assert_non_null(strstr(got, "\nchance = -log(1/27) = 3.2958\n"));
    /* every gradient norm, then all the parameters' */
    assert_non_null(strstr(got, "\n  wte            1.396\n"));
    assert_non_null(strstr(got, "\n  layer0.mlp_fc2 0.002972\n  all 4064       2.51\n"));
    assert_non_null(strstr(got, "\nAdam on lm_head[4][0]:\n  grad = -0.124877\n"));
    assert_non_null(strstr(got, "5. Log\nstep    1 /    1 | loss 3.2764\n"));
    free(got);
    free(want);
    /* --emma alone is the file's order: the same run as --no-shuffle */
    assert_int_equal(run("--emma --headless --steps 3"), 0);
    char *a = slurp(OUT, NULL);
    assert_int_equal(run("--no-shuffle --headless --steps 3"), 0);
    char *b = slurp(OUT, NULL);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* --trace with the gist: its own lr_t formula and betas, with its numbers
 * (step 2 of tests/golden/gist-s2026.ref's settings: lr_t = 0.01 * (1 - 1/2)). */
static void test_gist_trace(void **state)
{
    (void)state;
    assert_int_equal(run("--variant gist --trace --steps 2 --samples 0"), 0);
    char *got = slurp(OUT, NULL);
    assert_non_null(strstr(got, "lr_t = 0.01 * (1 - 0 / 2) = 0.010000\n"));
    assert_non_null(strstr(got, "lr_t = 0.01 * (1 - 1 / 2) = 0.005000\n"));
    assert_null(strstr(got, "cos("));
    assert_non_null(strstr(got, "  m = 0.85 * "));
    assert_non_null(strstr(got, "  v = 0.99 * "));
    assert_non_null(strstr(got, "  m_hat = m / (1 - 0.85^2) = "));
    assert_non_null(strstr(got, "  v_hat = v / (1 - 0.99^2) = "));
    assert_non_null(strstr(got, "n = min(16, 8 - 1) = 7\n"));
    assert_non_null(strstr(got, "\n  all 4192 "));
    assert_null(strstr(got, "No gradient"));    /* every matrix gets one from step 1 */
    assert_non_null(strstr(got, "5. Log\nstep    2 /    2 | loss 3.4243\n"));
    free(got);
}

/* The UI's CSV sink: each row as --headless writes it, flushed at once; a
 * row that cannot be written fails the sink, with its errno kept. */
static void test_csv_sink(void **state)
{
    (void)state;
    Dataset ds;
    Trainer t;
    char err[256];
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    TrainConfig cfg = train_config_default();
    assert_int_equal(trainer_init(&t, &ds, &cfg, err, sizeof err), 0);
    trainer_step(&t);
    FILE *a = tmpfile(), *b = tmpfile();
    assert_non_null(a);
    assert_non_null(b);
    CsvSink k = { .f = a };
    assert_int_equal(csv_sink_step(&k, &t), 0);
    csv_write_row(b, &ds, &t.info);
    fflush(b);
    char ra[512] = "", rb[512] = "";
    assert_int_equal(fseek(a, 0, SEEK_SET), 0);
    assert_int_equal(fseek(b, 0, SEEK_SET), 0);
    assert_non_null(fgets(ra, sizeof ra, a));
    assert_non_null(fgets(rb, sizeof rb, b));
    assert_string_equal(ra, rb);
    assert_non_null(strstr(ra, "1,yuheng,7,3.36"));
    assert_false(k.failed);
    fclose(a);
    fclose(b);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        CsvSink f = { .f = full };
        assert_int_not_equal(csv_sink_step(&f, &t), 0);
        assert_true(f.failed);
        assert_int_equal(f.err, ENOSPC);
        fclose(full);
    }
    trainer_free(&t);
    dataset_free(&ds);
}

static void test_help_version(void **state)
{
    (void)state;
    assert_int_equal(run("--help"), 0);
    char *out = slurp(OUT, NULL);
    static const char *const opts[] = { "--data", "--steps", "--seed", "--lr", "--beta1", "--beta2",
        "--n-embd", "--n-head", "--n-layer", "--block-size", "--temperature", "--samples",
        "--no-shuffle", "--headless", "--csv", "--trace", "--emma", "--paused", "--ascii", "--help",
        "--version", "--variant", "--init-std", "--zero-init-proj", "--no-zero-init-proj",
        "--activation", "--lr-schedule", "--change", "--compare" };
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        if (!strstr(out, opts[i]))
            fail_msg("--help lacks %s", opts[i]);
    /* the keys of the UI are one key away */
    assert_non_null(strstr(out, "press ? for the keys"));
    /* it reads in an 80-column terminal: no line wraps (at most 79 columns) */
    int line = 1;
    for (const char *p = out; *p; line++) {
        size_t len = strcspn(p, "\n");
        if (len > 79)
            fail_msg("--help line %d is %zu columns: '%.*s'", line, len, (int)len, p);
        p += len + (p[len] == '\n');
    }
    assert_int_equal(run("-h"), 0);
    char *h = slurp(OUT, NULL);
    assert_string_equal(h, out);
    free(h);
    free(out);
    assert_int_equal(run("--version"), 0);
    out = slurp(OUT, NULL);
    assert_string_equal(out, "microgpt-tui " MICROGPT_VERSION "\n");
    free(out);
    assert_int_equal(run("-V"), 0);
    out = slurp(OUT, NULL);
    assert_string_equal(out, "microgpt-tui " MICROGPT_VERSION "\n");
    free(out);
}

/* Without --data, away from the source tree (no data/names.txt, and the
 * binary not in a bin/ directory with an installed copy): refused with a
 * hint.  (The installed copy is found: tests/checks/install.sh.) */
static void test_no_dataset_hint(void **state)
{
    (void)state;
    mkdir("build/elsewhere", 0755);
    int st = system("cd build/elsewhere && ../../microgpt-tui --headless --steps 1 >../../" OUT
                    " 2>../../" ERR " </dev/null");
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 2);
    size_t n;
    char *err = slurp(ERR, &n);
    assert_string_equal(err, "microgpt-tui: no dataset: data/names.txt does not exist; give --data FILE "
                             "(one name per line), or run 'make data' in the source tree\n");
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_variant),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_change_options),
        cmocka_unit_test(test_compare_options),
        cmocka_unit_test(test_headless_matches_reference_log),
        cmocka_unit_test(test_pow_modes),
        cmocka_unit_test(test_csv_matches_reference_tsv),
        cmocka_unit_test(test_gist_matches_its_log_and_tsv),
        cmocka_unit_test(test_other_settings_match_python),
        cmocka_unit_test(test_changes_match_python),
        cmocka_unit_test(test_probe_matches_python),
        cmocka_unit_test(test_compare_headless),
        cmocka_unit_test(test_samples_zero),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_crlf_file),
        cmocka_unit_test(test_emma_trace),
        cmocka_unit_test(test_gist_trace),
        cmocka_unit_test(test_help_version),
        cmocka_unit_test(test_csv_sink),
        cmocka_unit_test(test_no_dataset_hint),
        cmocka_unit_test(test_nan_as_python),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
