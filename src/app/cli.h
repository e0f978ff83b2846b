/* cli.h: the command line: options, their checks, --help and --version.
 * Pure: parsing fills an Options or returns a one-line error message. */
#ifndef MICROGPT_CLI_H
#define MICROGPT_CLI_H

#include <stddef.h>

#include "core/train.h"

#define MICROGPT_VERSION "0.1.0"

enum { CLI_PATHLEN = 4096 };

typedef struct {
    const char *data;       /* --data FILE, or NULL: the default (app/datafile.h) */
    const char *csv;        /* --csv FILE, or NULL */
    Variant variant;        /* --variant: the program whose defaults and output format are used */
    TrainConfig train;      /* the variant's defaults, then --steps --seed --lr --beta1 --beta2 --n-embd
                             * --n-head --n-layer --block-size --no-shuffle --init-std
                             * --[no-]zero-init-proj --activation --lr-schedule --temperature
                             * --change */
    int samples;            /* --samples */
    int headless;           /* --headless */
    int paused;             /* --paused (UI) */
    int ascii;              /* --ascii (UI) */
    int emma;               /* --emma: file order (step 1 is "emma"), paused, phase by phase */
    int trace;              /* --trace: headless, each step as the lesson's worked example */
    int high_contrast;      /* --high-contrast (UI): the theme for projectors */
    int help, version;
    /* --compare OPTIONS: a second run, the twin, with these options over this run's */
    const char *compare;    /* the OPTIONS as given, or NULL */
    TrainConfig twin;       /* its configuration */
    Variant twin_variant;   /* its --variant (its headless output's format) */
    char twin_csv[CLI_PATHLEN]; /* its own --csv FILE, or "" */
} Options;

enum { CLI_ERRLEN = 512 };

/* Parses argv into o: the defaults of --variant first (wherever it stands),
 * then every other option over them.  With --compare, the twin's options are
 * this run's followed by OPTIONS split into words by wordexp(3) (no command
 * substitution, no undefined variables); its own --change values replace
 * this run's at the same step.  Returns 0, or -1 with a one-line message in
 * err.  Uses getopt_long, so it resets getopt's state itself. */
int cli_parse(Options *o, int argc, char **argv, char err[CLI_ERRLEN]);
/* The text of --help. */
const char *cli_help(void);

#endif
