/* cli.h: the command line: options, their checks, --help and --version.
 * Pure: parsing fills an Options or returns a one-line error message. */
#ifndef MICROGPT_CLI_H
#define MICROGPT_CLI_H

#include <stddef.h>

#include "core/train.h"

#define MICROGPT_VERSION "0.1.0"

typedef struct {
    const char *data;       /* --data FILE, or NULL: the default (app/datafile.h) */
    const char *csv;        /* --csv FILE, or NULL */
    Variant variant;        /* --variant: the program whose defaults and output format are used */
    TrainConfig train;      /* the variant's defaults, then --steps --seed --lr --beta1 --beta2 --n-embd
                             * --n-head --n-layer --block-size --no-shuffle --init-std
                             * --[no-]zero-init-proj --activation --lr-schedule */
    double temperature;     /* --temperature */
    int samples;            /* --samples */
    int headless;           /* --headless */
    int paused;             /* --paused (UI) */
    int ascii;              /* --ascii (UI) */
    int emma;               /* --emma: file order (step 1 is "emma"), paused, phase by phase */
    int trace;              /* --trace: headless, each step as the lesson's worked example */
    int high_contrast;      /* --high-contrast (UI): the theme for projectors */
    int help, version;
} Options;

enum { CLI_ERRLEN = 512 };

/* Parses argv into o: the defaults of --variant first (wherever it stands),
 * then every other option over them.  Returns 0, or -1 with a one-line
 * message in err.  Uses getopt_long, so it resets getopt's state itself. */
int cli_parse(Options *o, int argc, char **argv, char err[CLI_ERRLEN]);
/* The text of --help. */
const char *cli_help(void);

#endif
