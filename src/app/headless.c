/* headless.c: the reference's output, byte for byte, and the per-step CSV. */
#include "app/headless.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/logline.h"
#include "core/sample.h"

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

/* A token as the lesson writes it: 'e'(4), or BOS(26). */
static void put_token(FILE *f, const Dataset *ds, int tok, int bos)
{
    char u[5];
    if (tok == bos) {
        fprintf(f, "BOS(%d)", tok);
        return;
    }
    size_t n = dataset_token_utf8(ds, tok, u);
    fputc('\'', f);
    fwrite(u, 1, n, f);
    fprintf(f, "'(%d)", tok);
}

void trace_write_step(FILE *f, const Trainer *t)
{
    const StepInfo *in = &t->info;
    const Dataset *ds = t->ds;
    const ModelConfig *c = &t->model.cfg;
    const AdamConfig *a = &t->cfg.adam;
    const int V = c->vocab_size, BOS = V - 1;
    const DocRef *d = &ds->docs[in->doc];
    enum { SHOW = 64 };
    int ids[SHOW];
    size_t len = dataset_encode(ds, in->doc, ids, SHOW);
    size_t shown = len < SHOW ? len : SHOW;

    fprintf(f, "=== step %d / %d ===\n\n1. Sample\n", in->step + 1, a->num_steps);
    fputs("doc = \"", f);
    fwrite(ds->buf + d->off, 1, d->len, f);
    fprintf(f, "\"   # docs[%d %% %zu] = docs[%zu]\n", in->step, ds->count, in->doc);
    fprintf(f, "tokens = [%d", BOS);
    for (size_t i = 0; i < shown; i++)
        fprintf(f, ", %d", ids[i]);
    if (shown < len)
        fprintf(f, ", ... (%zu more)", len - shown);
    fprintf(f, ", %d]   # [BOS", BOS);
    for (size_t i = 0; i < shown; i++) {
        char u[5];
        size_t n = dataset_token_utf8(ds, ids[i], u);
        fputs(", '", f);
        fwrite(u, 1, n, f);
        fputc('\'', f);
    }
    fprintf(f, "%s, BOS]\n", shown < len ? ", ..." : "");
    fprintf(f, "n = min(%d, %zu - 1) = %d\n\n2. Forward pass + loss\n", c->block_size, len + 2, in->n);
    for (int p = 0; p < in->n; p++) {
        int tgt = in->tokens[p + 1];
        double prob = in->probs[(size_t)p * V + tgt];
        fprintf(f, "Position %d: input ", p);
        put_token(f, ds, in->tokens[p], BOS);
        fputs(" -> target ", f);
        put_token(f, ds, tgt, BOS);
        fprintf(f, "   p(target) = %.4f   loss_%d = -log(%.4f) = %.4f\n", prob, p, prob, in->pos_loss[p]);
    }
    fputs("loss = (", f);
    for (int p = 0; p < in->n; p++)
        fprintf(f, p ? " + %.4f" : "%.4f", in->pos_loss[p]);
    fprintf(f, ") / %d = %.4f   # chance: -log(1/%d) = %.4f\n\n", in->n, in->loss, V, -log(1.0 / V));
    fprintf(f, "3. Backward pass\ngradient norms:");
    for (int i = 0; i < t->model.nmat; i++)
        fprintf(f, "%s%s %.4g", i % 4 ? ", " : "\n  ", t->model.mat[i].name, in->grad_norm[i]);
    fprintf(f, "\n  all %zu parameters: %.4g\n\n", t->model.nparams, in->grad_norm_total);
    const AdamTrace *ft = &in->follow;
    char name[64];
    trainer_param_name(t, in->follow_index, name, sizeof name);
    fprintf(f, "4. Parameter update (Adam)\n");
    char lr_text[96];
    adam_lr_worked(a, in->step, lr_text, sizeof lr_text);
    fprintf(f, "lr_t = %s = %.6g\n", lr_text, in->lr_t);
    fprintf(f, "%s: grad %.6g\n", name, ft->grad);
    fprintf(f, "  m = %g * %.6g + (1 - %g) * %.6g = %.6g\n", a->beta1, ft->m_old, a->beta1, ft->grad, ft->m);
    fprintf(f, ft->grad < 0 ? "  v = %g * %.6g + (1 - %g) * (%.6g)^2 = %.6g\n" : "  v = %g * %.6g + (1 - %g) * %.6g^2 = %.6g\n",
            a->beta2, ft->v_old, a->beta2, ft->grad, ft->v);
    fprintf(f, "  m_hat = m / (1 - %g^%d) = %.6g\n", a->beta1, in->step + 1, ft->m_hat);
    fprintf(f, "  v_hat = v / (1 - %g^%d) = %.6g\n", a->beta2, in->step + 1, ft->v_hat);
    fprintf(f, "  p = %.6g - %.6g * m_hat / (v_hat^0.5 + %g) = %.6g\n", ft->p_old, in->lr_t, a->eps, ft->p_new);
    fprintf(f, "%zu parameters updated (%zu changed value), gradients reset to 0\n\n",
            t->model.nparams, in->params_updated);
    char line[128];
    format_log_line(line, sizeof line, in->step + 1, a->num_steps, in->loss);
    fprintf(f, "5. Log\n%s\n\n", line);
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
    const VariantInfo *vi = variant_info(o->variant);
    char line[128];
    fprintf(out, "num docs: %zu\n", t->ds->count);
    fprintf(out, "vocab size: %d\n", t->model.cfg.vocab_size);
    fprintf(out, "num params: %zu\n", t->model.nparams);
    for (int s = 0; s < steps; s++) {
        trainer_step(t);
        if (o->trace) {
            trace_write_step(out, t);
        } else {
            format_log_line(line, sizeof line, s + 1, steps, t->info.loss);
            fprintf(out, "%s%s", line, vi->log_end);
        }
        if (csv)
            csv_write_row(csv, t->ds, &t->info);
    }
    int status = 0;
    if (csv) {
        /* A write that failed earlier leaves the error flag set even when
         * the final flush in fclose succeeds. */
        int bad = ferror(csv);
        if (fclose(csv) != 0 || bad) {
            fprintf(err, "microgpt-tui: error writing '%s': %s\n", o->csv, strerror(errno));
            status = 1;
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
        for (int i = 0; i < o->samples; i++) {
            size_t len = sampler_name(&sp, trainer_params(t), &t->rng, o->temperature, t->ds, name);
            fprintf(out, "sample %2d: ", i + 1);
            fwrite(name, 1, len, out);
            fputc('\n', out);
        }
        sampler_free(&sp);
        free(name);
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(err, "microgpt-tui: error writing output: %s\n", strerror(errno));
        status = 1;
    }
    return status;
}
