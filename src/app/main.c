/* main.c: parse the options, load the data, then run headless or the UI. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/cli.h"
#include "core/dataset.h"
#include "app/headless.h"
#include "core/train.h"
#include "tui/ui.h"

int main(int argc, char **argv)
{
    Options o;
    char err[CLI_ERRLEN];
    if (cli_parse(&o, argc, argv, err) != 0) {
        fprintf(stderr, "microgpt-tui: %s (try --help)\n", err);
        return 2;
    }
    if (o.help || o.version) {
        if (o.help)
            fputs(cli_help(), stdout);
        else
            printf("microgpt-tui %s\n", MICROGPT_VERSION);
        if (fflush(stdout) != 0 || ferror(stdout)) {   /* e.g. --help >/dev/full */
            fprintf(stderr, "microgpt-tui: error writing output: %s\n", strerror(errno));
            return 1;
        }
        return 0;
    }
    if (!o.headless && !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "microgpt-tui: standard output is not a terminal; use --headless for plain output\n");
        return 2;
    }
    Dataset ds;
    char derr[DATASET_ERRLEN];
    if (dataset_load(&ds, o.data, derr) != 0) {
        fprintf(stderr, "microgpt-tui: %s\n", derr);
        return 2;
    }
    Trainer t;
    char terr[256];
    if (trainer_init(&t, &ds, &o.train, terr, sizeof terr) != 0) {
        fprintf(stderr, "microgpt-tui: %s\n", terr);
        dataset_free(&ds);
        return 2;
    }
    const SessionConfig sc = {
        .paused = o.paused, .emma = o.emma, .high_contrast = o.high_contrast, .ascii = o.ascii,
        .samples = o.samples, .temperature = o.temperature,
    };
    int status = o.headless ? headless_run(&o, &t, stdout, stderr) : ui_run(&sc, &t);
    trainer_free(&t);
    dataset_free(&ds);
    return status;
}
