/* main.c: a run in order: the standard descriptors, the options, every check
 * of what was given (before any work), the CSV file, the data, the model, then
 * headless or the UI.
 *
 * Exit status, one rule (README, --help and the man page say the same):
 * 0 success; 2 bad input or usage (options, the settings file, the data file, a CSV file that
 * cannot be created, a model the size check refuses, no terminal for the UI);
 * 1 a failure while running (out of memory, a read or write error); 128 + N
 * when the UI dies of signal N (the terminal restored first). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/cli.h"
#include "app/config.h"
#include "app/lesson_file.h"
#include "app/screens.h"
#include "app/datafile.h"
#include "app/headless.h"
#include "core/dataset.h"
#include "core/fastpow.h"
#include "core/message.h"
#include "core/train.h"
#include "session/inside.h"
#include "tui/terminal.h"
#include "tui/ui.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* Makes sure descriptors 0-2 are open, so that no file the program opens
 * takes one (with stdout closed, the CSV would get fd 1 and the log lines).
 * A closed one gets /dev/null opened the other way round, so that using it
 * still fails as it would have (gnulib's stdopen does the same).  0 or -1. */
static int std_fds_open(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int n = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (n != fd) {
            if (n >= 0)
                close(n);
            return -1;
        }
    }
    return 0;
}

/* Prints "microgpt-tui: msg" on stderr and returns status. */
static int fail(int status, const char *msg)
{
    fprintf(stderr, "microgpt-tui: %s\n", msg);
    return status;
}

/* The CSV file of --csv, created and its header row written out; NULL with
 * a message in err and *status set: 2 when it cannot be created (a wrong
 * path: bad input), 1 when the header cannot be written (a full disk). */
static FILE *csv_create(const char *path, char *err, size_t len, int *status)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        message_about(err, len, path, "cannot write: %s", strerror(errno));
        *status = EXIT_USAGE;
        return NULL;
    }
    csv_write_header(f);
    if (fflush(f) != 0) {
        message_about(err, len, path, "write error: %s", strerror(errno));
        fclose(f);
        *status = EXIT_RUNTIME;
        return NULL;
    }
    return f;
}

/* Closes a CSV file of the run (NULL: none) and returns the exit status:
 * `status`, or 1 when a write to it failed (a message then). */
static int csv_close(FILE *csv, const char *path, int status)
{
    if (!csv)
        return status;
    /* a write that failed earlier leaves the error flag set even when the
     * final flush in fclose succeeds */
    int bad = ferror(csv);
    if ((fclose(csv) != 0 || bad) && status != EXIT_RUNTIME) {
        char err[CLI_ERRLEN];
        message_about(err, sizeof err, path, "write error: %s", strerror(errno));
        status = fail(EXIT_RUNTIME, err);
    }
    return status;
}

/* --probe: every name one the probe panel takes (session/inside's
 * inside_name: at most INSIDE_NAME_BYTES - 1 bytes, of the data's
 * characters), in every mode; 0, or -1 with a message ("--probe 'Emma': 'E'
 * is not in the vocabulary: a-z"). */
static int probes_check(const Options *o, const Dataset *ds, char *err, size_t len)
{
    for (int i = 0; i < o->nprobe; i++) {
        ProbeName pn;
        char why[256], name[INSIDE_NAME_BYTES + 16];
        if (inside_name(&pn, ds, o->train.model.block_size, o->probe[i], why, sizeof why) != 0) {
            /* a name too long is quoted by its start, cut between characters */
            const char *p = o->probe[i];
            size_t cut = strlen(p);
            if (cut >= INSIDE_NAME_BYTES) {
                cut = 24;
                while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
                    cut--;
            }
            snprintf(name, sizeof name, "--probe '%.*s%s'", (int)cut, p, p[cut] ? "..." : "");
            message_about(err, len, name, "%s", why);
            return -1;
        }
    }
    return 0;
}

/* With MICROGPT_POW=verify, one line on stderr: how many powers were
 * computed, how many without pow, how many of those differed from pow (any:
 * exit status 1; pow's results were used, so the run itself stays exact). */
static int verify_report(int status)
{
    if (fastpow_mode() != FASTPOW_VERIFY)
        return status;
    const FastPowStats st = fastpow_stats();
    fprintf(stderr, "microgpt-tui: MICROGPT_POW=verify: %llu powers, %.2f%% without pow, %llu mismatches\n",
            (unsigned long long)st.calls, st.calls ? 100.0 * (double)st.fast / (double)st.calls : 0.0,
            (unsigned long long)st.mismatches);
    return st.mismatches && status == 0 ? EXIT_RUNTIME : status;
}

/* --lesson FILE, read for the run's data and model (its errors are bad
 * input); its data order becomes the run's.  0, or -1 (-2 out of memory)
 * with a message. */
static int lesson_read(Options *o, const Dataset *ds, Script *script, char *err, size_t len)
{
    ModelConfig c = o->train.model;
    c.vocab_size = (int)ds->nchars + 1;
    Model m;
    const int made = model_init(&m, c, err, len);     /* trainer_check took the configuration */
    if (made != 0)
        return made;
    const LessonRun r = { .num_steps = o->train.adam.num_steps, .ds = ds, .model = &m };
    const int rc = lesson_load(script, o->lesson, &r, err, len);
    model_free(&m);
    if (rc == 0 && script->order >= 0)
        o->train.shuffle = o->twin.shuffle = script->order;
    return rc;
}

/* The run once the options are read: returns the exit status. */
static int run(Options *o)
{
    char err[CLI_ERRLEN];
    if (!o->headless && !o->export_dir && term_check(err, sizeof err) != 0)
        return fail(EXIT_USAGE, err);
    char found[1024];
    const char *path = o->data ? o->data : datafile_default(found, sizeof found);
    if (!path) {
        const char *hint = "give --data FILE (one name per line), or run 'make data' in the source tree";
        message_scrub(found);
        if (found[0])
            fprintf(stderr, "microgpt-tui: no dataset: neither %s nor %s exists; %s\n", DATAFILE_LOCAL, found, hint);
        else
            fprintf(stderr, "microgpt-tui: no dataset: %s does not exist; %s\n", DATAFILE_LOCAL, hint);
        return EXIT_USAGE;
    }
    /* --compare: the twin's copy of the data (it shuffles it its own way) */
    Dataset ds, ds2 = { 0 };
    char derr[DATASET_ERRLEN];
    int rc = dataset_load(&ds, path, derr);
    if (rc != 0)
        return fail(rc == DATASET_FAILED ? EXIT_RUNTIME : EXIT_USAGE, derr);
    if (o->compare && dataset_copy(&ds2, &ds) != 0) {
        dataset_free(&ds);
        return fail(EXIT_RUNTIME, "out of memory");
    }
    FILE *csv = NULL, *csv2 = NULL;
    const char *twin_csv = o->twin_csv[0] ? o->twin_csv : NULL;
    Trainer t, t2;
    int status = EXIT_USAGE, made = 0;
    char twin_err[CLI_ERRLEN];
    Script script = { .order = -1 };
    if ((rc = trainer_check(&o->train, &ds, err, sizeof err)) != 0 ||
        (o->lesson && (rc = lesson_read(o, &ds, &script, err, sizeof err)) != 0) ||
        (o->nprobe > 0 && (rc = probes_check(o, &ds, err, sizeof err)) != 0) ||
        (o->compare && (rc = trainer_check(&o->twin, &ds2, twin_err, sizeof twin_err)) != 0 &&
         snprintf(err, sizeof err, "--compare: %.*s", CLI_ERRLEN - 16, twin_err) > 0) ||
        (o->csv && !(csv = csv_create(o->csv, err, sizeof err, &status))) ||
        (twin_csv && !(csv2 = csv_create(twin_csv, err, sizeof err, &status))) ||
        (rc = trainer_init(&t, &ds, &o->train, err, sizeof err)) != 0 || (made = 1, 0) ||
        (o->lesson && (rc = lesson_check_docs(&script, o->lesson, t.ds, o->train.model.block_size, err,
                                              sizeof err)) != 0) ||
        (o->compare && (rc = trainer_init(&t2, &ds2, &o->twin, err, sizeof err)) != 0)) {
        if (csv)
            fclose(csv);
        if (csv2)
            fclose(csv2);
        if (made)
            trainer_free(&t);
        script_free(&script);
        dataset_free(&ds);
        dataset_free(&ds2);
        return fail(rc == -2 ? EXIT_RUNTIME : status, err);
    }
    /* the UI writes each step's row the first time it computes the step,
     * and the twin's to its own file */
    CsvSink sink = { .f = csv }, sink2 = { .f = csv2 };
    const int theme = settings_get(&o->set, SET_THEME, THEME_DEFAULT);
    const int explain = settings_get(&o->set, SET_EXPLAIN, -1), speed = settings_get(&o->set, SET_SPEED, -1);
    const SessionConfig sc = {
        .paused = o->paused, .emma = o->emma, .high_contrast = theme == THEME_HIGH_CONTRAST,
        .mono = theme == THEME_MONO, .ascii = settings_get(&o->set, SET_ASCII, 0),
        .samples = o->samples, .variant = o->variant, .speed = speed < 0 ? 0 : speed == 0 ? -1 : speed,
        .explain = explain < 0 ? 0 : explain ? 1 : -1, .mouse = settings_get(&o->set, SET_MOUSE, 1),
        .sink = csv ? csv_sink_step : NULL, .sink_ctx = &sink,
        .twin = o->compare ? &t2 : NULL, .twin_desc = o->compare,
        .twin_variant = o->twin_variant,
        .twin_sink = csv2 ? csv_sink_step : NULL, .twin_sink_ctx = &sink2,
        .script = o->lesson ? &script : NULL,
        .probe = o->probe, .nprobe = o->nprobe,
    };
    if (o->export_dir) {
        const ScreensOut out = {
            .dir = o->export_dir, .w = o->export_w ? o->export_w : 80, .h = o->export_h ? o->export_h : 24,
            .ascii = sc.ascii,
            .high = sc.high_contrast, .colour = !sc.mono,
        };
        status = screens_export(&sc, &t, &out, stdout, stderr);
    } else if (!o->headless) {
        status = ui_run(&sc, &t);
        for (int k = 0; k < 2; k++) {   /* said now that the terminal is back */
            const CsvSink *f = k ? &sink2 : &sink;
            if (f->failed) {
                message_about(err, sizeof err, k ? twin_csv : o->csv, "write error: %s", strerror(f->err));
                status = fail(EXIT_RUNTIME, err);
            }
        }
    } else if (o->compare) {
        status = headless_compare(o, &t, &t2, stdout, csv, csv2, stderr);
    } else {
        status = headless_run(o, &t, stdout, csv, stderr);
    }
    status = csv_close(csv, o->csv, status);
    status = csv_close(csv2, twin_csv, status);
    trainer_free(&t);
    if (o->compare)
        trainer_free(&t2);
    script_free(&script);
    dataset_free(&ds);
    dataset_free(&ds2);
    return verify_report(status);
}

int main(int argc, char **argv)
{
    if (std_fds_open() != 0)
        return EXIT_RUNTIME;    /* no /dev/null: nowhere to say so either */
    Options o;
    char err[CLI_ERRLEN];
    /* the settings file first (unless --no-config, or for --help): the
     * options override it */
    CliPre pre;
    Settings file;
    settings_clear(&file);
    cli_prescan(argc, argv, &pre);
    if (!pre.no_config && !pre.help_or_version && !(pre.config && !pre.config[0])) {  /* "": cli says */
        char path[CLI_PATHLEN];
        const char *cfg = pre.config;
        if (!cfg && config_default_path(path, sizeof path, getenv("XDG_CONFIG_HOME"), getenv("HOME")) == 0)
            cfg = path;
        if (cfg && config_load(&file, cfg, pre.config != NULL, stderr, err, sizeof err) != 0)
            return fail(EXIT_USAGE, err);
    }
    if (cli_parse_with(&o, argc, argv, &file, err) != 0) {
        fprintf(stderr, "microgpt-tui: %s (try --help)\n", err);
        return EXIT_USAGE;
    }
    if (o.help || o.version) {
        if (o.help)
            fputs(cli_help(), stdout);
        else
            printf("microgpt-tui %s\n", MICROGPT_VERSION);
        if (fflush(stdout) != 0 || ferror(stdout)) {   /* e.g. --help >/dev/full */
            snprintf(err, sizeof err, "standard output: write error: %s", strerror(errno));
            return fail(EXIT_RUNTIME, err);
        }
        return 0;
    }
    return run(&o);
}
