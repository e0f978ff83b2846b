/* headless.h: the run without a UI: the reference's stdout, and the CSV trace. */
#ifndef MICROGPT_HEADLESS_H
#define MICROGPT_HEADLESS_H

#include <stdio.h>

#include "app/cli.h"
#include "core/dataset.h"
#include "core/train.h"

/* Writes the CSV header row (RFC 4180, CRLF line ends). */
void csv_write_header(FILE *f);
/* Writes one row for the step in `in`: step,doc,n,loss,lr,position_losses. */
void csv_write_row(FILE *f, const Dataset *ds, const StepInfo *in);

/* The UI's CSV: a timeline sink (core/timeline.h) that writes each step's
 * row the first time the step is computed, in step order, and flushes it, so
 * that the file holds what --headless --csv writes for the steps reached,
 * even if the session is killed.  A row that cannot be written fails the
 * sink (errno kept, for the message after the UI has closed). */
typedef struct {
    FILE *f;
    int failed;             /* a write failed ... */
    int err;                /* ... with this errno */
} CsvSink;
int csv_sink_step(void *ctx, const Trainer *t);

/* The step just computed by t, written out as the lesson's worked example:
 * sample (doc, tokens, n), forward and loss per position, the mean, backward
 * (gradient norms), the Adam update (the run's lr_t formula and betas, one parameter followed),
 * and the log line.  For --trace. */
void trace_write_step(FILE *f, const Trainer *t);

/* Trains as the reference does, printing exactly its stdout (the course's or,
 * with o->variant, the gist's) to `out`, then with --probe a line per name
 * (its losses under the final model), and a row per step to `csv` (the
 * file of o->csv, its header written; or NULL).  The first write that fails
 * stops the run.  Returns the process exit status (0, or 1: a write error,
 * out of memory); messages go to `err`. */
int headless_run(const Options *o, Trainer *t, FILE *out, FILE *csv, FILE *err);

/* --compare: runs a (this run's options) and b (the twin's) in lockstep,
 * then prints "=== run A ===" and a's output (exactly what headless_run
 * prints), "=== run B: --compare '...' ===" and b's (in its variant's
 * format; its rows to csv_b, the file of o->twin_csv, or NULL), and
 * "=== runs A and B ===" with the first step after which their sampled
 * names (core/sample.h) differ.  Returns the process exit status. */
int headless_compare(const Options *o, Trainer *a, Trainer *b, FILE *out, FILE *csv_a, FILE *csv_b,
                     FILE *err);

#endif
