/* headless.c: the reference's output, byte for byte, and the per-step CSV. */
#include "headless.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sample.h"

int format_log_line(char *buf, size_t len, int step, int num_steps, double loss)
{
    return snprintf(buf, len, "step %4d / %4d | loss %.4f", step, num_steps, loss);
}

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

int headless_run(const Options *o, Trainer *t, FILE *out, FILE *err)
{
    FILE *csv = NULL;
    if (o->csv) {
        csv = fopen(o->csv, "w");
        if (!csv) {
            fprintf(err, "microgpt-tui: cannot write '%s': %s\n", o->csv, strerror(errno));
            return 2;
        }
        csv_write_header(csv);
    }
    const int steps = t->cfg.adam.num_steps;
    char line[128];
    fprintf(out, "num docs: %zu\n", t->ds->count);
    fprintf(out, "vocab size: %d\n", t->model.cfg.vocab_size);
    fprintf(out, "num params: %zu\n", t->model.nparams);
    for (int s = 0; s < steps; s++) {
        trainer_step(t);
        format_log_line(line, sizeof line, s + 1, steps, t->info.loss);
        fprintf(out, "%s\n", line);
        if (csv)
            csv_write_row(csv, t->ds, &t->info);
    }
    int status = 0;
    if (csv && fclose(csv) != 0) {
        fprintf(err, "microgpt-tui: error writing '%s': %s\n", o->csv, strerror(errno));
        status = 1;
    }
    if (o->samples > 0) {
        Sampler sp;
        int *ids = malloc((size_t)t->model.cfg.block_size * sizeof *ids);
        if (!ids || sampler_init(&sp, &t->model) != 0) {
            free(ids);
            fprintf(err, "microgpt-tui: out of memory\n");
            return 1;
        }
        fprintf(out, "\n--- inference ---\n");
        for (int i = 0; i < o->samples; i++) {
            int len = sampler_draw(&sp, trainer_params(t), &t->rng, o->temperature, ids);
            fprintf(out, "sample %2d: ", i + 1);
            for (int k = 0; k < len; k++) {
                char u[5];
                fwrite(u, 1, dataset_token_utf8(t->ds, ids[k], u), out);
            }
            fputc('\n', out);
        }
        sampler_free(&sp);
        free(ids);
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "microgpt-tui: error writing output: %s\n", strerror(errno));
        status = 1;
    }
    return status;
}
