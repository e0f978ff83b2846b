/* cli.c: option parsing with getopt_long and strict number checks. */
#include "app/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wordexp.h>

#include "core/message.h"
#include "core/pymath.h"

enum {
    OPT_DATA = 256, OPT_STEPS, OPT_SEED, OPT_LR, OPT_BETA1, OPT_BETA2, OPT_N_EMBD, OPT_N_HEAD,
    OPT_N_LAYER, OPT_BLOCK_SIZE, OPT_TEMPERATURE, OPT_SAMPLES, OPT_NO_SHUFFLE, OPT_HEADLESS,
    OPT_CSV, OPT_PAUSED, OPT_ASCII, OPT_EMMA, OPT_TRACE, OPT_HELP, OPT_VERSION,
    OPT_HIGH_CONTRAST, OPT_VARIANT, OPT_INIT_STD, OPT_ZERO_INIT_PROJ, OPT_NO_ZERO_INIT_PROJ,
    OPT_ACTIVATION, OPT_LR_SCHEDULE, OPT_CHANGE, OPT_COMPARE, OPT_CONFIG, OPT_NO_CONFIG, OPT_THEME,
    OPT_MOUSE, OPT_NO_MOUSE, OPT_SPEED, OPT_NO_ASCII, OPT_EXPLAIN, OPT_NO_EXPLAIN, OPT_PROBE,
    OPT_LESSON, OPT_EXPORT_SCREENS, OPT_EXPORT_SIZE,
};

/* getopt's: errors reported by us (':' first), -h and -V. */
#define SHORT_OPTIONS ":hV"

static const struct option long_options[] = {
    { "variant", required_argument, NULL, OPT_VARIANT },
    { "data", required_argument, NULL, OPT_DATA },
    { "steps", required_argument, NULL, OPT_STEPS },
    { "seed", required_argument, NULL, OPT_SEED },
    { "lr", required_argument, NULL, OPT_LR },
    { "beta1", required_argument, NULL, OPT_BETA1 },
    { "beta2", required_argument, NULL, OPT_BETA2 },
    { "n-embd", required_argument, NULL, OPT_N_EMBD },
    { "n-head", required_argument, NULL, OPT_N_HEAD },
    { "n-layer", required_argument, NULL, OPT_N_LAYER },
    { "block-size", required_argument, NULL, OPT_BLOCK_SIZE },
    { "init-std", required_argument, NULL, OPT_INIT_STD },
    { "zero-init-proj", no_argument, NULL, OPT_ZERO_INIT_PROJ },
    { "no-zero-init-proj", no_argument, NULL, OPT_NO_ZERO_INIT_PROJ },
    { "activation", required_argument, NULL, OPT_ACTIVATION },
    { "lr-schedule", required_argument, NULL, OPT_LR_SCHEDULE },
    { "temperature", required_argument, NULL, OPT_TEMPERATURE },
    { "samples", required_argument, NULL, OPT_SAMPLES },
    { "change", required_argument, NULL, OPT_CHANGE },
    { "compare", required_argument, NULL, OPT_COMPARE },
    { "no-shuffle", no_argument, NULL, OPT_NO_SHUFFLE },
    { "headless", no_argument, NULL, OPT_HEADLESS },
    { "csv", required_argument, NULL, OPT_CSV },
    { "lesson", required_argument, NULL, OPT_LESSON },
    { "export-screens", required_argument, NULL, OPT_EXPORT_SCREENS },
    { "export-size", required_argument, NULL, OPT_EXPORT_SIZE },
    { "probe", required_argument, NULL, OPT_PROBE },
    { "paused", no_argument, NULL, OPT_PAUSED },
    { "ascii", no_argument, NULL, OPT_ASCII },
    { "emma", no_argument, NULL, OPT_EMMA },
    { "trace", no_argument, NULL, OPT_TRACE },
    { "high-contrast", no_argument, NULL, OPT_HIGH_CONTRAST },
    { "theme", required_argument, NULL, OPT_THEME },
    { "mouse", no_argument, NULL, OPT_MOUSE },
    { "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
    { "speed", required_argument, NULL, OPT_SPEED },
    { "no-ascii", no_argument, NULL, OPT_NO_ASCII },
    { "explain", no_argument, NULL, OPT_EXPLAIN },
    { "no-explain", no_argument, NULL, OPT_NO_EXPLAIN },
    { "config", required_argument, NULL, OPT_CONFIG },
    { "no-config", no_argument, NULL, OPT_NO_CONFIG },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 },
};

static const char help_text[] =
    "Usage: microgpt-tui [OPTION]...\n"
    "Train the tiny GPT of Karpathy's microgpt.py one step at a time, bit for bit,\n"
    "and watch every step in the terminal.\n"
    "\n"
    "Variant:\n"
    "  --variant NAME       course (the default) or gist: Karpathy's final\n"
    "                       microgpt.py, with its defaults (marked \"gist\" below)\n"
    "                       and its output; the options below override them, in\n"
    "                       any order\n"
    "Data and run:\n"
    "  --data FILE          names to train on, one per line, UTF-8 (default\n"
    "                       data/names.txt, which make data fetches in the source\n"
    "                       tree; else the copy make install put in\n"
    "                       PREFIX/share/microgpt-tui/names.txt)\n"
    "  --steps N            training steps, 1 to 100,000,000 (default 500; gist\n"
    "                       1000)\n"
    "  --seed N             random seed, any integer below 2^64 in magnitude\n"
    "                       (default 42)\n"
    "  --no-shuffle         keep the file's order (no shuffle, no shuffle draws)\n"
    "Model:\n"
    "  --n-embd N           embedding width, 1 to 512 (default 16)\n"
    "  --n-head N           attention heads, 1 to 512; must divide --n-embd\n"
    "                       (default 4)\n"
    "  --n-layer N          transformer layers, 1 to 32 (default 1)\n"
    "  --block-size N       longest context, in tokens, 1 to 256 (default 8;\n"
    "                       gist 16)\n"
    "  --init-std X         std of the initial weights, gauss(0, X), >= 0\n"
    "                       (default 0.02; gist 0.08)\n"
    "  --zero-init-proj     attn_wo and mlp_fc2 start at 0, their draws still made\n"
    "                       (the default)\n"
    "  --no-zero-init-proj  attn_wo and mlp_fc2 drawn with --init-std too (gist)\n"
    "  --activation NAME    the MLP's: relu2, relu(x) ** 2 (default), or relu (gist)\n"
    "Optimiser (Adam):\n"
    "  --lr X               learning rate, >= 0 (default 0.01)\n"
    "  --lr-schedule NAME   cosine: lr * 0.5 * (1 + cos(pi * step / steps))\n"
    "                       (default), or linear: lr * (1 - step / steps) (gist)\n"
    "  --beta1 X            first-moment decay, in [0, 1) (default 0.9; gist 0.85)\n"
    "  --beta2 X            second-moment decay, in [0, 1) (default 0.95; gist 0.99)\n"
    "Inference:\n"
    "  --temperature X      sampling temperature, > 0 (default 0.5)\n"
    "  --samples N          names drawn after training, 0 (none) to 1,000,000\n"
    "                       (default 20)\n"
    "What if:\n"
    "  --change STEP:NAME=VALUE[,NAME=VALUE...]\n"
    "                       from step STEP (1-based) on, as if the reference\n"
    "                       assigned the values at the top of that step's\n"
    "                       iteration; NAME is lr, beta1, beta2 or temperature\n"
    "                       (ranges as their options); repeatable, one value per\n"
    "                       NAME and STEP\n"
    "  --compare OPTIONS    a twin run in lockstep: this run's options, then OPTIONS\n"
    "                       (split as a shell does, no commands), e.g. '--lr 0.003';\n"
    "                       the same data and number of steps; not --data,\n"
    "                       --samples or the UI and output options (but --csv FILE\n"
    "                       of its own); --headless prints both outputs, then when\n"
    "                       their sampled names first differ\n"
    "Output:\n"
    "  --headless           no UI: print exactly what microgpt.py prints (the gist's\n"
    "                       output with --variant gist: its step lines end in CR)\n"
    "  --csv FILE           also write one CSV row per step:\n"
    "                       step,doc,n,loss,lr,position_losses (floats as %.17g)\n"
    "  --trace              no UI: print every step as the lesson's worked example\n"
    "                       (tokens, n, each position's p(target) and loss, the\n"
    "                       mean, gradient norms, the Adam update, the lr_t\n"
    "                       formula, the log line)\n"
    "  --probe NAME         a name to score without training on it: the UI's probe\n"
    "                       panel (t) starts with it; with --headless, after the\n"
    "                       samples, its loss at each position and their mean\n"
    "                       under the final model (\"probe NAME: LOSS ... | mean\n"
    "                       M\"); repeatable, up to 8 names of at most 40 bytes\n"
    "Classroom:\n"
    "  --emma               the file's order (step 1 trains on \"emma\", the first\n"
    "                       name of names.txt; no shuffle), starting paused, phase\n"
    "                       by phase\n"
    "  --lesson FILE        play a lesson script: its stops (a step, a phase, a\n"
    "                       panel zoomed, guess mode, a panel inside the model, a\n"
    "                       note for the class) walked with n and b; e.g.\n"
    "                       docs/lessons/training-loop.lesson\n"
    "  --export-screens DIR write screens to DIR as text and SVG, no interface:\n"
    "                       each stop of --lesson, or every phase of step 1\n"
    "  --export-size COLSxROWS\n"
    "                       their size, 80x24 (the default) to 400x200\n"
    "UI (the settings file's values, which these override):\n"
    "  --paused             start paused on step 1\n"
    "  --speed N            steps per second to run at: 1, 2, 5, 10 (default), 20,\n"
    "                       50, 100, 200, 500, 1000 or max (as fast as it goes;\n"
    "                       the status line then says the rate measured)\n"
    "  --theme NAME         default, high-contrast (for projectors; key c toggles\n"
    "                       it) or mono (no colours)\n"
    "  --high-contrast      the same as --theme high-contrast\n"
    "  --ascii, --no-ascii  plain ASCII drawing, even in a UTF-8 locale, or not\n"
    "  --mouse, --no-mouse  clicks and the wheel (on by default; key m toggles)\n"
    "  --explain, --no-explain\n"
    "                       the explanation panel at the start (on with --emma)\n"
    "Settings file:\n"
    "  --config FILE        read the settings from FILE instead of\n"
    "                       $XDG_CONFIG_HOME/microgpt-tui/config (by default\n"
    "                       ~/.config/microgpt-tui/config)\n"
    "  --no-config          read no settings file\n"
    "  -h, --help           show this help and exit\n"
    "  -V, --version        show the version and exit\n"
    "\n"
    "In the UI, press ? for the keys (space runs, n steps, b rewinds, q quits).\n"
    "Numbers are written bare: no spaces around them.  An option given twice: the\n"
    "last counts (--change and --probe add up; --compare once).  A long option may\n"
    "be cut to a prefix no other shares.\n"
    "\n"
    "Exit status: 0 on success; 2 on bad input or usage (options, the settings\n"
    "file, data file, a CSV file that cannot be created, a model too large, no\n"
    "terminal for the UI); 1 on a failure while running (out of memory, an output\n"
    "that cannot be written).\n"
    "See README.md and docs/ for more.\n";

const char *cli_help(void) { return help_text; }

static const char *opt_name(int id)
{
    for (const struct option *o = long_options; o->name; o++)
        if (o->val == id)
            return o->name;
    return "?";
}

/* When arg ("--n", "--n=3") abbreviates several long options, says so in err
 * with the candidates and returns 1. */
static int ambiguous(const char *arg, char err[CLI_ERRLEN])
{
    if (strncmp(arg, "--", 2) != 0)
        return 0;
    const char *name = arg + 2;
    size_t len = strcspn(name, "=");
    int hits = 0;
    char list[256] = "";
    for (const struct option *o = long_options; o->name; o++)
        if (len > 0 && strncmp(o->name, name, len) == 0) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s--%s", hits ? ", " : "", o->name);
            hits++;
        }
    if (hits < 2)
        return 0;
    snprintf(err, CLI_ERRLEN, "ambiguous option '%.*s' (%s)", (int)(len < 64 ? len + 2 : 66), arg, list);
    return 1;
}

/* Numbers are the bare number, with nothing around it: no whitespace before
 * or after (strtol and strtod skip it before, Python's int() and float()
 * strip it both sides, and a value of one shell word holding a space is a
 * quoting slip), as no underscores or hexadecimal. */
static int bare(const char *s)
{
    return *s != '\0' && !isspace((unsigned char)*s);
}

/* A decimal integer in [lo, hi], the whole string. */
static int parse_int(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!bare(s) || *end != '\0' || errno == ERANGE || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* Any integer with |n| < 2^64, as random.seed(n) takes it. */
static int parse_seed(const char *s, unsigned long long *out)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(p, &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

/* One of `names` (n of them): its index, or -1. */
static int pick(const char *s, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* The last --variant of argv (course when none): the defaults that every
 * other option then overrides, wherever it stands.  Errors other than a bad
 * --variant value are left to the second pass, which reports them in order. */
static int find_variant(Variant *v, int argc, char **argv, char err[CLI_ERRLEN])
{
    optind = 0; /* glibc: 0 also re-initialises getopt's internal state */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, SHORT_OPTIONS, long_options, NULL)) != -1)
        if (c == OPT_VARIANT && variant_parse(optarg, v) != 0) {
            snprintf(err, CLI_ERRLEN, "--variant: '%s' is not course or gist", optarg);
            return -1;
        }
    return 0;
}

/* --change STEP:NAME=VALUE[,NAME=VALUE...] into c (the step checked against
 * the number of steps later). */
static int parse_change(Changes *c, const char *arg, char err[CLI_ERRLEN])
{
    char buf[256];
    const char *colon = strchr(arg, ':');
    long long step;
    if (!colon || strlen(arg) >= sizeof buf) {
        snprintf(err, CLI_ERRLEN, "--change: '%s' is not STEP:NAME=VALUE[,NAME=VALUE...]", arg);
        return -1;
    }
    memcpy(buf, arg, (size_t)(colon - arg));
    buf[colon - arg] = '\0';
    if (parse_int(buf, 1, 100000000, &step) != 0) {
        snprintf(err, CLI_ERRLEN, "--change: '%s': the step is not an integer from 1 to 100000000", arg);
        return -1;
    }
    snprintf(buf, sizeof buf, "%s", colon + 1);
    if (!buf[0]) {
        snprintf(err, CLI_ERRLEN, "--change: '%s' changes nothing (NAME=VALUE after the ':')", arg);
        return -1;
    }
    if (buf[strlen(buf) - 1] == ',') {
        snprintf(err, CLI_ERRLEN, "--change: '%s' ends in ',' (NAME=VALUE after each ',')", arg);
        return -1;
    }
    char *tokens[CHANGE_FIELDS + 1];
    for (int i = 0; i <= CHANGE_FIELDS; i++)
        tokens[i] = (char *)change_field_name(i);
    for (char *p = buf, *value; *p;) {
        const char *item = p;
        int f = getsubopt(&p, tokens, &value);
        double v;
        const char *bad;
        char why[96];
        if (f < 0) {
            snprintf(err, CLI_ERRLEN, "--change: '%.*s' is not lr, beta1, beta2 or temperature",
                     (int)strcspn(item, "="), item);
            return -1;
        }
        if (!value) {
            snprintf(err, CLI_ERRLEN, "--change: %s needs a value (%s=X)", tokens[f], tokens[f]);
            return -1;
        }
        bad = py_float(value, &v) != 0 ? change_check(f, NAN) : change_check(f, v);
        if (bad) {
            snprintf(err, CLI_ERRLEN, "--change: %s: '%s' is %s", tokens[f], value, bad);
            return -1;
        }
        if (changes_set(c, (int)step - 1, f, v, 0, why, sizeof why) != 0) {
            snprintf(err, CLI_ERRLEN, "--change: %s", why);
            return -1;
        }
    }
    return 0;
}

static int parse_args(Options *o, int argc, char **argv, int twin_from, const Settings *file,
                      char err[CLI_ERRLEN]);

/* The options a twin cannot have: the data (the panels compare the runs
 * position by position, on one vocabulary), the final samples (compared
 * slot by slot) and the front end's. */
static int twin_refuses(int id)
{
    static const int refused[] = {
        OPT_DATA, OPT_SAMPLES, OPT_HEADLESS, OPT_TRACE, OPT_EMMA, OPT_PAUSED, OPT_ASCII,
        OPT_HIGH_CONTRAST, OPT_HELP, OPT_VERSION, OPT_COMPARE, OPT_CONFIG, OPT_NO_CONFIG, OPT_THEME,
        OPT_MOUSE, OPT_NO_MOUSE, OPT_SPEED, OPT_NO_ASCII, OPT_EXPLAIN, OPT_NO_EXPLAIN, OPT_PROBE,
        OPT_LESSON, OPT_EXPORT_SCREENS, OPT_EXPORT_SIZE,
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (refused[i] == id)
            return 1;
    return 0;
}

/* --compare: words[0 .. n) alone, for what a twin may not have and for its
 * own --csv. */
static int twin_words(Options *o, int n, char **words, char err[CLI_ERRLEN])
{
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(n, words, ":", long_options, NULL)) != -1) {
        if (c >= OPT_DATA && twin_refuses(c)) {
            snprintf(err, CLI_ERRLEN, "--compare: --%s is not for the twin (%s)", opt_name(c),
                     c == OPT_DATA ? "both runs train on the same data"
                     : c == OPT_SAMPLES ? "both runs draw the same number of samples"
                     : "it is the front end's: give it outside --compare");
            return -1;
        }
        if (c == OPT_CSV && snprintf(o->twin_csv, sizeof o->twin_csv, "%s", optarg) >= (int)sizeof o->twin_csv) {
            snprintf(err, CLI_ERRLEN, "--compare: --csv: the file name is too long");
            return -1;
        }
    }
    return 0;
}

/* --compare OPTIONS: split into words, then this run's arguments followed by
 * them parsed as one command line: the twin's configuration. */
static int parse_twin(Options *o, int argc, char **argv, const Settings *file, char err[CLI_ERRLEN])
{
    wordexp_t we;
    int rc = wordexp(o->compare, &we, WRDE_NOCMD | WRDE_UNDEF);
    if (rc != 0) {
        const char *why = rc == WRDE_BADCHAR ? "an unquoted |, &, ;, <, >, (, ), {, } or newline"
                        : rc == WRDE_BADVAL ? "an undefined variable"
                        : rc == WRDE_CMDSUB ? "a command substitution (not run)"
                        : rc == WRDE_SYNTAX ? "a syntax error (an unmatched quote?)" : "no memory left";
        snprintf(err, CLI_ERRLEN, "--compare: %s in '%s'", why, o->compare);
        if (rc == WRDE_NOSPACE)
            wordfree(&we);
        return -1;
    }
    const int n = (int)we.we_wordc;
    if (n == 0) {       /* nothing differs: the twin would be run A again */
        snprintf(err, CLI_ERRLEN, "--compare: no options (the twin would be this run itself)");
        wordfree(&we);
        return -1;
    }
    char **av = malloc(((size_t)argc + (size_t)n + 2) * sizeof *av);
    Options *t = malloc(sizeof *t);
    char why[CLI_ERRLEN];
    rc = -1;
    if (!av || !t) {
        snprintf(err, CLI_ERRLEN, "out of memory");
        goto out;
    }
    av[0] = argv[0];
    memcpy(av + 1, we.we_wordv, (size_t)n * sizeof *av);
    av[n + 1] = NULL;
    if (twin_words(o, n + 1, av, err) != 0)
        goto out;
    memcpy(av, argv, (size_t)argc * sizeof *av);
    memcpy(av + argc, we.we_wordv, (size_t)n * sizeof *av);
    av[argc + n] = NULL;
    if (parse_args(t, argc + n, av, argc, file, why) != 0) {
        snprintf(err, CLI_ERRLEN, "--compare: %.*s", CLI_ERRLEN - 16, why);
        goto out;
    }
    o->twin = t->train;
    o->twin_variant = t->variant;
    if (t->train.adam.num_steps != o->train.adam.num_steps) {
        snprintf(err, CLI_ERRLEN, "--compare: the twin trains %d steps and this run %d: both must "
                 "train as many (give --steps)", t->train.adam.num_steps, o->train.adam.num_steps);
        goto out;
    }
    if (o->twin_csv[0] && o->csv && strcmp(o->twin_csv, o->csv) == 0) {
        snprintf(err, CLI_ERRLEN, "--compare: --csv: the twin's file must be another one than '%s'", o->csv);
        goto out;
    }
    rc = 0;
out:
    free(av);
    free(t);
    wordfree(&we);
    return rc;
}

/* One command line into o.  twin_from > 0: it is a twin's (see parse_twin):
 * --compare is ignored and the --change values from argv[twin_from] on
 * replace those before at the same step. */
static int parse_args(Options *o, int argc, char **argv, int twin_from, const Settings *file,
                      char err[CLI_ERRLEN])
{
    memset(o, 0, sizeof *o);
    settings_clear(&o->set);
    o->variant = file ? (Variant)settings_get(file, SET_VARIANT, VARIANT_COURSE) : VARIANT_COURSE;
    if (find_variant(&o->variant, argc, argv, err) != 0)
        return -1;
    o->train = train_config_variant(o->variant);
    o->samples = 20;
    Changes own = { 0 };    /* a twin's own --change values */
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, SHORT_OPTIONS, long_options, NULL)) != -1) {
        long long iv = 0;
        double dv = 0.0;
        if ((c == OPT_DATA || c == OPT_CSV || c == OPT_LESSON || c == OPT_EXPORT_SCREENS || c == OPT_CONFIG) &&
            !optarg[0]) {
            snprintf(err, CLI_ERRLEN, "--%s: the %s name is empty", opt_name(c),
                     c == OPT_EXPORT_SCREENS ? "directory" : "file");
            return -1;
        }
        switch (c) {
        case OPT_DATA: o->data = optarg; break;
        case OPT_CSV: o->csv = optarg; break;
        case OPT_LESSON: o->lesson = optarg; break;
        case OPT_EXPORT_SCREENS: o->export_dir = optarg; break;
        case OPT_EXPORT_SIZE: {
            long long w, h;
            char *x = strchr(optarg, 'x'), buf[32];
            snprintf(buf, sizeof buf, "%.*s", x ? (int)(x - optarg) : 0, optarg);
            if (!x || strlen(optarg) >= sizeof buf || parse_int(buf, 80, 400, &w) != 0 ||
                parse_int(x + 1, 24, 200, &h) != 0) {
                snprintf(err, CLI_ERRLEN, "--export-size: '%s' is not COLSxROWS from 80x24 to 400x200", optarg);
                return -1;
            }
            o->export_w = (int)w;
            o->export_h = (int)h;
            break;
        }
        case OPT_PROBE:
            if (o->nprobe == CLI_PROBES) {
                snprintf(err, CLI_ERRLEN, "--probe: at most %d names", CLI_PROBES);
                return -1;
            }
            o->probe[o->nprobe++] = optarg;
            break;
        case OPT_NO_SHUFFLE: o->train.shuffle = 0; break;
        case OPT_HEADLESS: o->headless = 1; break;
        case OPT_PAUSED: o->paused = 1; break;
        case OPT_ASCII: case OPT_NO_ASCII: o->set.value[SET_ASCII] = c == OPT_ASCII; break;
        case OPT_MOUSE: case OPT_NO_MOUSE: o->set.value[SET_MOUSE] = c == OPT_MOUSE; break;
        case OPT_EXPLAIN: case OPT_NO_EXPLAIN: o->set.value[SET_EXPLAIN] = c == OPT_EXPLAIN; break;
        case OPT_EMMA: o->emma = 1; o->train.shuffle = 0; o->paused = 1; break;
        case OPT_TRACE: o->trace = 1; o->headless = 1; break;
        case OPT_HIGH_CONTRAST: o->set.value[SET_THEME] = THEME_HIGH_CONTRAST; break;
        case OPT_THEME: case OPT_SPEED: {
            const SettingKey k = c == OPT_THEME ? SET_THEME : SET_SPEED;
            const char *bad = settings_set(&o->set, k, optarg);
            if (bad) {
                snprintf(err, CLI_ERRLEN, "--%s: '%s' %s", opt_name(c), optarg, bad);
                return -1;
            }
            break;
        }
        case OPT_CONFIG: o->config = optarg; o->no_config = 0; break;
        case OPT_NO_CONFIG: o->no_config = 1; o->config = NULL; break;
        case OPT_HELP: case 'h': o->help = 1; break;
        case OPT_VERSION: case 'V': o->version = 1; break;
        case OPT_VARIANT: o->set.value[SET_VARIANT] = (int)o->variant; break; /* read by find_variant */
        case OPT_COMPARE:
            if (!twin_from && o->compare) {
                snprintf(err, CLI_ERRLEN, "--compare: given twice (one twin; in the UI, f branches more runs)");
                return -1;
            }
            if (!twin_from)
                o->compare = optarg;
            break;
        case OPT_CHANGE:
            if (parse_change(twin_from && optind - 1 >= twin_from ? &own : &o->train.changes, optarg, err) != 0)
                return -1;
            break;
        case OPT_ZERO_INIT_PROJ: o->train.model.zero_init_proj = 1; break;
        case OPT_NO_ZERO_INIT_PROJ: o->train.model.zero_init_proj = 0; break;
        case OPT_ACTIVATION: case OPT_LR_SCHEDULE: {
            /* in the order of the Activation and LrSchedule enums */
            static const char *const acts[] = { "relu2", "relu" }, *const scheds[] = { "cosine", "linear" };
            const char *const *names = c == OPT_ACTIVATION ? acts : scheds;
            int k = pick(optarg, names, 2);
            if (k < 0) {
                snprintf(err, CLI_ERRLEN, "--%s: '%s' is not %s or %s", opt_name(c), optarg, names[0], names[1]);
                return -1;
            }
            if (c == OPT_ACTIVATION) o->train.model.activation = (Activation)k;
            else o->train.adam.schedule = (LrSchedule)k;
            break;
        }
        case OPT_SEED:
            if (parse_seed(optarg, &o->train.seed) != 0) {
                snprintf(err, CLI_ERRLEN, "--seed: '%s' is not an integer below 2^64 in magnitude", optarg);
                return -1;
            }
            break;
        case OPT_STEPS: case OPT_N_EMBD: case OPT_N_HEAD: case OPT_N_LAYER:
        case OPT_BLOCK_SIZE: case OPT_SAMPLES: {
            static const struct { int id; long long lo, hi; } lim[] = {
                { OPT_STEPS, 1, 100000000 }, { OPT_N_EMBD, 1, 512 }, { OPT_N_HEAD, 1, 512 },
                { OPT_N_LAYER, 1, 32 }, { OPT_BLOCK_SIZE, 1, 256 }, { OPT_SAMPLES, 0, 1000000 },
            };
            size_t k = 0;
            while (lim[k].id != c)
                k++;
            if (parse_int(optarg, lim[k].lo, lim[k].hi, &iv) != 0) {
                snprintf(err, CLI_ERRLEN, "--%s: '%s' is not an integer from %lld to %lld",
                         opt_name(c), optarg, lim[k].lo, lim[k].hi);
                return -1;
            }
            int v = (int)iv;
            if (c == OPT_STEPS) o->train.adam.num_steps = v;
            else if (c == OPT_N_EMBD) o->train.model.n_embd = v;
            else if (c == OPT_N_HEAD) o->train.model.n_head = v;
            else if (c == OPT_N_LAYER) o->train.model.n_layer = v;
            else if (c == OPT_BLOCK_SIZE) o->train.model.block_size = v;
            else o->samples = v;
            break;
        }
        case OPT_LR: case OPT_BETA1: case OPT_BETA2: case OPT_TEMPERATURE: case OPT_INIT_STD: {
            /* the ranges of the values --change takes too (change_check) */
            const int field = c == OPT_LR ? 0 : c == OPT_BETA1 ? 1 : c == OPT_BETA2 ? 2
                            : c == OPT_TEMPERATURE ? 3 : 0;
            const char *bad = py_float(optarg, &dv) != 0 ? change_check(field, NAN)
                            : change_check(field, dv);
            if (bad) {
                snprintf(err, CLI_ERRLEN, "--%s: '%s' is %s", opt_name(c), optarg, bad);
                return -1;
            }
            if (c == OPT_LR) o->train.adam.lr = dv;
            else if (c == OPT_BETA1) o->train.adam.beta1 = dv;
            else if (c == OPT_BETA2) o->train.adam.beta2 = dv;
            else if (c == OPT_INIT_STD) o->train.model.init_std = dv;
            else o->train.temperature = dv;
            break;
        }
        case ':':
            snprintf(err, CLI_ERRLEN, "option '%s' needs a value", argv[optind - 1]);
            return -1;
        default:
            if (optopt >= 256)
                snprintf(err, CLI_ERRLEN, "option '--%s' takes no value", opt_name(optopt));
            else if (optopt)
                snprintf(err, CLI_ERRLEN, "unknown option '-%c'", optopt);
            else if (!ambiguous(argv[optind - 1], err))
                snprintf(err, CLI_ERRLEN, "unknown option '%s'", argv[optind - 1]);
            return -1;
        }
    }
    if (optind < argc) {
        snprintf(err, CLI_ERRLEN, "unexpected argument '%s'", argv[optind]);
        return -1;
    }
    const ModelConfig *m = &o->train.model;
    if (m->n_embd % m->n_head != 0) {
        snprintf(err, CLI_ERRLEN, "--n-embd (%d) must be divisible by --n-head (%d)", m->n_embd, m->n_head);
        return -1;
    }
    /* a twin's own changes replace its first run's at the same step */
    for (int i = 0; i < own.count; i++)
        for (int f = 0; f < CHANGE_FIELDS; f++)
            if ((own.at[i].set & (1u << f)) &&
                changes_set(&o->train.changes, own.at[i].step, f, own.at[i].value[f], 1, err, CLI_ERRLEN) != 0)
                return -1;
    const Changes *ch = &o->train.changes;
    if (ch->count > 0 && ch->at[ch->count - 1].step >= o->train.adam.num_steps) {
        snprintf(err, CLI_ERRLEN, "--change: step %d is past the last step (%d)",
                 ch->at[ch->count - 1].step + 1, o->train.adam.num_steps);
        return -1;
    }
    if (file)
        settings_merge(&o->set, file);
    if (!twin_from && (o->lesson || o->export_dir) && o->headless) {
        snprintf(err, CLI_ERRLEN, "--%s: not with --%s (it %s)", o->export_dir ? "export-screens" : "lesson",
                 o->trace ? "trace" : "headless", o->export_dir ? "writes screens, not the run's output"
                 : "plays in the interface, or with --export-screens");
        return -1;
    }
    if (!twin_from && o->export_w && !o->export_dir) {
        snprintf(err, CLI_ERRLEN, "--export-size: goes with --export-screens DIR");
        return -1;
    }
    if (o->compare && !twin_from)
        return parse_twin(o, argc, argv, file, err);
    return 0;
}

int cli_parse_with(Options *o, int argc, char **argv, const Settings *file, char err[CLI_ERRLEN])
{
    int rc = parse_args(o, argc, argv, 0, file, err);
    /* The message quotes what was typed: keep it on one line (and keep
     * terminal control characters out of it). */
    if (rc != 0)
        message_scrub(err);
    return rc;
}

int cli_parse(Options *o, int argc, char **argv, char err[CLI_ERRLEN])
{
    return cli_parse_with(o, argc, argv, NULL, err);
}

void cli_prescan(int argc, char **argv, CliPre *pre)
{
    memset(pre, 0, sizeof *pre);
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, SHORT_OPTIONS, long_options, NULL)) != -1)
        switch (c) {
        case OPT_CONFIG: pre->config = optarg; pre->no_config = 0; break;
        case OPT_NO_CONFIG: pre->no_config = 1; pre->config = NULL; break;
        case OPT_HELP: case 'h': case OPT_VERSION: case 'V': pre->help_or_version = 1; break;
        default: break;
        }
}
