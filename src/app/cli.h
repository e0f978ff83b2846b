/* cli.h: the command line: options, their checks, --help and --version.
 * Pure: parsing fills an Options or returns a one-line error message. */
#ifndef MICROGPT_CLI_H
#define MICROGPT_CLI_H

#include <stddef.h>

#include "app/settings.h"
#include "core/train.h"

#define MICROGPT_VERSION "0.1.0"

enum { CLI_PATHLEN = 4096 };
/* At most this many --probe names. */
enum { CLI_PROBES = 8 };

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
    int emma;               /* --emma: file order (step 1 is "emma"), paused, phase by phase */
    int trace;              /* --trace: headless, each step as the lesson's worked example */
    Settings set;           /* --theme (--high-contrast), --[no-]mouse, --speed, --variant,
                             * --[no-]ascii, --[no-]explain: over the settings file's
                             * (cli_parse_with), each -1 when neither gives it */
    const char *lesson;     /* --lesson FILE: a lesson script to play, or NULL */
    const char *export_dir; /* --export-screens DIR: write screens there, no UI; or NULL */
    int export_w, export_h; /* --export-size COLSxROWS, or 0: 80x24 */
    const char *config;     /* --config FILE, or NULL: the default file */
    int no_config;          /* --no-config */
    int help, version;
    const char *probe[CLI_PROBES];  /* --probe NAME: names scored under the models (the
                                     * characters are checked against the data by main.c) */
    int nprobe;
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
/* The same over the settings of a file (NULL: none): its variant is the one
 * whose defaults the options override, and o->set gets its values where the
 * command line gives none. */
int cli_parse_with(Options *o, int argc, char **argv, const Settings *file, char err[CLI_ERRLEN]);

/* What must be known before the settings file is read. */
typedef struct {
    const char *config;     /* --config FILE (the last), or NULL */
    int no_config;          /* --no-config */
    int help_or_version;    /* -h, --help, -V, --version: no file is read */
} CliPre;
/* A first look at argv for the above; errors are left to cli_parse. */
void cli_prescan(int argc, char **argv, CliPre *pre);
/* The text of --help. */
const char *cli_help(void);

#endif
