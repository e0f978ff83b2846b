/* headless.c: the reference's output, byte for byte, and the per-step CSV. */
#include "app/headless.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/logline.h"
#include "core/message.h"
#include "core/probe.h"
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

int csv_sink_step(void *ctx, const Trainer *t)
{
    CsvSink *k = ctx;
    csv_write_row(k->f, t->ds, &t->info);
    if (fflush(k->f) != 0 || ferror(k->f)) {
        k->failed = 1;
        k->err = errno;
        return -1;
    }
    return 0;
}

/* Writes `pre`, line `line` of the lesson as plain text, then `end`. */
static void trace_line(FILE *f, const Lesson *l, const char *pre, LessonLine line, int arg, const char *end)
{
    char mk[4096], plain[4096];
    size_t n = lesson_line(l, line, arg, mk, sizeof mk);
    fputs(pre, f);
    fwrite(plain, 1, markup_plain(plain, sizeof plain, mk, n), f);
    fputs(end, f);
}

/* A line of the lesson when the step has one (LL_CUT, LL_NO_GRAD). */
static void trace_line_if(FILE *f, const Lesson *l, LessonLine line)
{
    char mk[4096];
    if (lesson_line(l, line, 0, mk, sizeof mk) > 0)
        trace_line(f, l, "", line, 0, "\n");
}

void trace_write_step(FILE *f, const Trainer *t)
{
    const StepInfo *in = &t->info;
    char name[64];
    trainer_param_name(t, in->follow_index, name, sizeof name);
    const Lesson l = {
        .ds = t->ds, .in = in, .model = &t->model, .adam = in->adam,  /* the step's, its changes applied */
        .num_steps = t->cfg.adam.num_steps, .follow_name = name,   /* tokens in UTF-8 */
    };
    fprintf(f, "=== step %d / %d ===\n\n1. Sample\n", in->step + 1, l.num_steps);
    trace_line(f, &l, "", LL_DOC, 0, "\n");
    trace_line(f, &l, "", LL_TOKENS, 0, "   ");
    trace_line(f, &l, "", LL_CHARS, 1, "\n");
    trace_line(f, &l, "", LL_N, 1, "\n");
    trace_line_if(f, &l, LL_CUT);
    fputs("\n2. Forward pass + loss\n", f);
    for (int p = 0; p < in->n; p++) {
        trace_line(f, &l, "", LL_INPUT, p, "   ");
        trace_line(f, &l, "", LL_POS_LOSS, p, "\n");
    }
    trace_line(f, &l, "", LL_LOSS_SUM, 4, "\n");
    trace_line(f, &l, "", LL_LOSS_MEAN, 4, "\n");
    trace_line(f, &l, "", LL_CHANCE, 0, "\n");
    trace_line(f, &l, "", LL_CHOICES, 0, "\n");
    trace_line(f, &l, "", LL_VERDICT, 0, "\n\n3. Backward pass\n");
    trace_line(f, &l, "", LL_BACKWARD, 0, "\n");
    trace_line(f, &l, "", LL_NORMS, 0, "\n");
    /* every matrix's norm (the panel shows those it has room for), then all */
    int nw = 0;
    for (int i = -1; i < t->model.nmat; i++) {
        char nm[64];
        int w = (int)lesson_line(&l, LL_NORM_NAME, i, nm, sizeof nm);
        nw = w > nw ? w : nw;
    }
    for (int i = 0; i <= t->model.nmat; i++) {
        const int m = i < t->model.nmat ? i : -1;
        char nm[64], num[32];
        lesson_line(&l, LL_NORM_NAME, m, nm, sizeof nm);
        lesson_line(&l, LL_NORM, m, num, sizeof num);
        fprintf(f, "  %-*s %s\n", nw, nm, num);
    }
    trace_line_if(f, &l, LL_NO_GRAD);
    fputs("\n4. Parameter update (Adam)\n", f);
    trace_line(f, &l, "", LL_LR, 0, "\n");
    trace_line(f, &l, "", LL_ADAM_ON, 0, "\n");
    for (LessonLine k = LL_GRAD; k <= LL_P; k++)
        trace_line(f, &l, "  ", k, 0, "\n");
    trace_line(f, &l, "", LL_UPDATED, 0, "\n\n5. Log\n");
    trace_line(f, &l, "", LL_LOG, 0, "\n\n");
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

/* One run's output: the reference's stdout (or the trace) to `out`, a row
 * per step to `csv` (or NULL) named csv_name in messages. */
typedef struct {
    Trainer *t;
    const VariantInfo *vi;
    FILE *out, *csv;
    const char *out_name, *csv_name;
} Job;

/* The reference's first lines. */
static void job_begin(const Job *j)
{
    fprintf(j->out, "num docs: %zu\n", j->t->ds->count);
    fprintf(j->out, "vocab size: %d\n", j->t->model.cfg.vocab_size);
    fprintf(j->out, "num params: %zu\n", j->t->model.nparams);
}

/* One training step and what it writes: 0, or 1 when a write failed (a
 * full disk, a closed stdout: that stops the run). */
static int job_step(const Job *j, int trace, FILE *err)
{
    Trainer *t = j->t;
    trainer_step(t);
    if (trace) {
        trace_write_step(j->out, t);
    } else {
        char line[128];
        format_log_line(line, sizeof line, t->info.step + 1, t->cfg.adam.num_steps, t->info.loss);
        fprintf(j->out, "%s%s", line, j->vi->log_end);
    }
    if (write_failed(j->out, j->out_name, err))
        return 1;
    if (j->csv) {
        csv_write_row(j->csv, t->ds, &t->info);
        if (write_failed(j->csv, j->csv_name, err))
            return 1;
    }
    return 0;
}

/* --probe: each name's per-position losses and their mean under the final
 * model, one line each ("probe emma: 2.0412 ... | mean 1.8347"): 0, or 1
 * (out of memory). */
static int job_probes(const Job *j, const Options *o, FILE *err)
{
    Trainer *t = j->t;
    Probe pr;
    const int B = t->model.cfg.block_size;
    int *tokens = malloc(((size_t)B + 1) * sizeof *tokens);
    double *loss = malloc((size_t)B * sizeof *loss);
    int ok = tokens && loss && probe_init(&pr, &t->model) == 0;
    for (int i = 0; ok && i < o->nprobe && !ferror(j->out); i++) {
        char why[256];
        const int n = probe_encode(t->ds, B, o->probe[i], strlen(o->probe[i]), tokens, why, sizeof why);
        if (n < 1)
            continue;   /* main.c refused it before the run */
        const double mean = probe_score(&pr, trainer_params(t), tokens, n, NULL, loss, NULL);
        fprintf(j->out, "probe %s:", o->probe[i]);
        for (int p = 0; p < n; p++)
            fprintf(j->out, " %.4f", loss[p]);
        fprintf(j->out, " | mean %.4f\n", mean);
    }
    if (tokens && loss && ok)
        probe_free(&pr);
    free(tokens);
    free(loss);
    if (!ok)
        fprintf(err, "microgpt-tui: out of memory\n");
    return !ok;
}

/* The inference section, then the probes: 0, or 1 (out of memory, a write
 * error). */
static int job_finish(const Job *j, const Options *o, FILE *err)
{
    const int samples = o->samples;
    Trainer *t = j->t;
    if (samples > 0 || j->vi->header_without_samples)
        fprintf(j->out, "\n%s\n", j->vi->inference_header);
    if (samples > 0) {
        /* the temperature assigned last: the changes of every step apply */
        const double temperature = sample_temperature(t);
        Sampler sp;
        char *name = malloc((size_t)t->model.cfg.block_size * 4 + 1);
        if (!name || sampler_init(&sp, &t->model) != 0) {
            free(name);
            fprintf(err, "microgpt-tui: out of memory\n");
            return 1;
        }
        for (int i = 0; i < samples && !ferror(j->out); i++) {
            size_t len = sampler_name(&sp, trainer_params(t), &t->rng, temperature, t->ds, name);
            fprintf(j->out, "sample %2d: ", i + 1);
            fwrite(name, 1, len, j->out);
            fputc('\n', j->out);
        }
        sampler_free(&sp);
        free(name);
    }
    if (o->nprobe > 0 && job_probes(j, o, err) != 0)
        return 1;
    fflush(j->out);
    return write_failed(j->out, j->out_name, err);
}

int headless_run(const Options *o, Trainer *t, FILE *out, FILE *csv, FILE *err)
{
    const Job j = { t, variant_info(o->variant), out, csv, "standard output", o->csv };
    job_begin(&j);
    for (int s = 0; s < t->cfg.adam.num_steps; s++)
        if (job_step(&j, o->trace, err) != 0)
            return 1;
    return job_finish(&j, o, err);
}

int headless_compare(const Options *o, Trainer *a, Trainer *b, FILE *out, FILE *csv_a, FILE *csv_b,
                     FILE *err)
{
    /* run B's output waits in a temporary file while both train in lockstep */
    FILE *tmp = tmpfile();
    if (!tmp) {
        fprintf(err, "microgpt-tui: cannot make a temporary file: %s\n", strerror(errno));
        return 1;
    }
    const Job ja = { a, variant_info(o->variant), out, csv_a, "standard output", o->csv };
    const Job jb = { b, variant_info(o->twin_variant), tmp, csv_b, "a temporary file", o->twin_csv };
    Sampler sa, sb;
    const int has_a = sampler_init(&sa, &a->model) == 0, has_b = has_a && sampler_init(&sb, &b->model) == 0;
    int status = has_b ? 0 : 1;
    if (!has_b)
        fprintf(err, "microgpt-tui: out of memory\n");
    fprintf(out, "=== run A ===\n");
    job_begin(&ja);
    job_begin(&jb);
    /* the sampled names of the models before the first step and after each
     * one, until they differ: while the runs train alike and sample at the
     * same temperature they cannot */
    const int steps = a->cfg.adam.num_steps, diverge = train_config_diverge(&a->cfg, &b->cfg);
    int differ_at = -1;     /* the steps done when they first differ */
    for (int s = -1; s < steps && status == 0; s++) {
        if (s >= 0 && (job_step(&ja, o->trace, err) != 0 || job_step(&jb, o->trace, err) != 0))
            status = 1;
        else if (differ_at < 0 && (s < 0 || s >= diverge || sample_temperature(a) != sample_temperature(b))) {
            int d = sampled_names_differ(&sa, a, &sb, b);
            if (d < 0) {
                fprintf(err, "microgpt-tui: out of memory\n");
                status = 1;
            }
            differ_at = d > 0 ? s + 1 : -1;
        }
    }
    if (has_a)
        sampler_free(&sa);
    if (has_b)
        sampler_free(&sb);
    if (status == 0 && (job_finish(&ja, o, err) != 0 || job_finish(&jb, o, err) != 0))
        status = 1;
    if (status == 0) {
        fprintf(out, "=== run B: --compare '%s' ===\n", o->compare);
        rewind(tmp);
        char buf[8192];
        for (size_t n; (n = fread(buf, 1, sizeof buf, tmp)) > 0;)
            fwrite(buf, 1, n, out);
        if (ferror(tmp)) {
            fprintf(err, "microgpt-tui: cannot read back a temporary file: %s\n", strerror(errno));
            status = 1;
        }
    }
    fclose(tmp);
    if (status != 0)
        return status;
    fprintf(out, "=== runs A and B ===\n");
    if (differ_at < 0)
        fprintf(out, "sampled names: the same after every step\n");
    else if (differ_at == 0)
        fprintf(out, "sampled names: differ from the start (before step 1)\n");
    else
        fprintf(out, "sampled names: first differ after step %d\n", differ_at);
    fprintf(out, "(the sampled names: %d names drawn from each model before step 1 and after every "
            "step, name i with random.seed(%u + i))\n", SAMPLE_FIXED, SAMPLE_FIXED_SEED);
    fflush(out);
    return write_failed(out, "standard output", err);
}
