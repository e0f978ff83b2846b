/* headless.c: the reference's output, byte for byte, and the per-step CSV. */
#include "app/headless.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/logline.h"
#include "core/message.h"
#include "core/sample.h"
#include "session/lesson.h"
#include "session/markup.h"

void csv_write_header(FILE *f)
{
    fputs("step,doc,n,loss,lr,position_losses\r\n", f);
}

/* A field, quoted when it holds a comma, a quote, CR or LF (quotes doubled). */
static void csv_field(FILE *f, const char *s, size_t len)
{
    int quote = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            quote = 1;
    if (!quote) {
        fwrite(s, 1, len, f);
        return;
    }
    fputc('"', f);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i], f);
    }
    fputc('"', f);
}

void csv_write_row(FILE *f, const Dataset *ds, const StepInfo *in)
{
    const DocRef *d = &ds->docs[in->doc];
    fprintf(f, "%d,", in->step + 1);
    csv_field(f, ds->buf + d->off, d->len);
    fprintf(f, ",%d,%.17g,%.17g,", in->n, in->loss, in->lr_t);
    for (int i = 0; i < in->n; i++)
        fprintf(f, i ? " %.17g" : "%.17g", in->pos_loss[i]);
    fputs("\r\n", f);
}

/* Writes line `line` of the lesson as plain text, then `end`. */
static void trace_line(FILE *f, const Lesson *l, LessonLine line, int arg, const char *end)
{
    char mk[4096], plain[4096];
    size_t n = lesson_line(l, line, arg, mk, sizeof mk);
    fwrite(plain, 1, markup_plain(plain, sizeof plain, mk, n), f);
    fputs(end, f);
}

void trace_write_step(FILE *f, const Trainer *t)
{
    const StepInfo *in = &t->info;
    char name[64];
    trainer_param_name(t, in->follow_index, name, sizeof name);
    const Lesson l = {
        .ds = t->ds, .in = in, .model = &t->model, .adam = t->cfg.adam,
        .num_steps = t->cfg.adam.num_steps, .follow_name = name, .trace = 1,
    };
    fprintf(f, "=== step %d / %d ===\n\n1. Sample\n", in->step + 1, l.num_steps);
    trace_line(f, &l, LL_DOC, 0, "\n");
    trace_line(f, &l, LL_TOKENS, 0, "\n");
    trace_line(f, &l, LL_N, 0, "\n\n2. Forward pass + loss\n");
    for (int p = 0; p < in->n; p++)
        trace_line(f, &l, LL_INPUT, p, "\n");
    trace_line(f, &l, LL_LOSS_SUM, 4, "\n\n3. Backward pass\n");
    trace_line(f, &l, LL_NORMS, 0, "\n\n4. Parameter update (Adam)\n");
    for (LessonLine k = LL_LR; k <= LL_UPDATED; k++)
        if (k != LL_ADAM_ON)
            trace_line(f, &l, k, 0, "\n");
    fputs("\n5. Log\n", f);
    trace_line(f, &l, LL_LOG, 0, "\n\n");
}

/* After a write to f: 0, or 1 with a message when it failed (named `what`). */
static int write_failed(FILE *f, const char *what, FILE *err)
{
    if (!ferror(f))
        return 0;
    char msg[DATASET_ERRLEN];
    message_about(msg, sizeof msg, what, "write error: %s", strerror(errno));
    fprintf(err, "microgpt-tui: %s\n", msg);
    return 1;
}

int headless_run(const Options *o, Trainer *t, FILE *out, FILE *csv, FILE *err)
{
    const int steps = t->cfg.adam.num_steps;
    const VariantInfo *vi = variant_info(o->variant);
    char line[128];
    fprintf(out, "num docs: %zu\n", t->ds->count);
    fprintf(out, "vocab size: %d\n", t->model.cfg.vocab_size);
    fprintf(out, "num params: %zu\n", t->model.nparams);
    /* a write that fails (a full disk, a closed stdout) stops the run there */
    for (int s = 0; s < steps; s++) {
        trainer_step(t);
        if (o->trace) {
            trace_write_step(out, t);
        } else {
            format_log_line(line, sizeof line, s + 1, steps, t->info.loss);
            fprintf(out, "%s%s", line, vi->log_end);
        }
        if (write_failed(out, "standard output", err))
            return 1;
        if (csv) {
            csv_write_row(csv, t->ds, &t->info);
            if (write_failed(csv, o->csv, err))
                return 1;
        }
    }
    if (o->samples > 0 || vi->header_without_samples)
        fprintf(out, "\n%s\n", vi->inference_header);
    if (o->samples > 0) {
        Sampler sp;
        char *name = malloc((size_t)t->model.cfg.block_size * 4 + 1);
        if (!name || sampler_init(&sp, &t->model) != 0) {
            free(name);
            fprintf(err, "microgpt-tui: out of memory\n");
            return 1;
        }
        for (int i = 0; i < o->samples && !ferror(out); i++) {
            size_t len = sampler_name(&sp, trainer_params(t), &t->rng, o->temperature, t->ds, name);
            fprintf(out, "sample %2d: ", i + 1);
            fwrite(name, 1, len, out);
            fputc('\n', out);
        }
        sampler_free(&sp);
        free(name);
    }
    fflush(out);
    return write_failed(out, "standard output", err);
}
