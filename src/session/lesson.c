/* lesson.c: the lesson's worked example, line by line. */
#include "session/lesson.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/logline.h"
#include "core/pymath.h"
#include "session/markup.h"

/* A line being written: appends clamp at the end of the buffer. */
typedef struct {
    char *b;
    size_t cap, n;
} Out;

static void put(Out *o, const char *fmt, ...)
{
    if (o->n + 1 >= o->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(o->b + o->n, o->cap - o->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        o->n = o->n + (size_t)k >= o->cap ? o->cap - 1 : o->n + (size_t)k;
}

/* A token as the panels label it ("[BOS]", "e", "U+00DC" in ASCII). */
static void put_token(Out *o, const Lesson *l, int tok)
{
    char lab[16];
    token_label(l->ds, tok, l->ascii, lab);
    put(o, "%s", lab);
}

/* The doc's ids (at most SHOW of them) and how many characters it has. */
enum { SHOW = 40 };
static size_t doc_ids(const Lesson *l, int ids[SHOW], size_t *shown)
{
    size_t chars = dataset_encode(l->ds, l->in->doc, ids, SHOW);
    *shown = chars < SHOW ? chars : SHOW;
    return chars;
}

/* The Sample phase's lines in guess mode: the name, its tokens and its
 * length are the answers to come; only BOS is known. */
static void sample_hidden(Out *o, const Lesson *l, LessonLine line, int arg)
{
    const int BOS = l->model->cfg.vocab_size - 1;
    switch (line) {
    case LL_DOC:
        put(o, "doc" NBSP "=" NBSP "docs[%d" NBSP "%%" NBSP "%zu]" " =" NBSP MK_TARGET "?", l->in->step,
            l->ds->count);
        break;
    case LL_TOKENS:
        put(o, "tokens" NBSP "=" NBSP MK_VALUE "[%d," NBSP MK_TARGET "?" MK_VALUE "," NBSP GL_ELL "]", BOS);
        break;
    case LL_CHARS:
        put(o, MK_LABEL "#" NBSP "[BOS," NBSP "?," NBSP GL_ELL "]");
        break;
    case LL_N:
        put(o, arg & 1 ? "n" NBSP : NBSP NBSP);
        put(o, "=" NBSP "min(%d," NBSP "?" NBSP "-" NBSP "1)" " =" NBSP MK_TARGET "?", l->model->cfg.block_size);
        break;
    case LL_PREDICTIONS:
        put(o, MK_TARGET "?" MK_TEXT " predictions to make: the tokens show one at a time, as the "
            "model reads them.");
        break;
    default:
        break;
    }
}

static void sample_line(Out *o, const Lesson *l, LessonLine line, int arg)
{
    const StepInfo *in = l->in;
    const int BOS = l->model->cfg.vocab_size - 1, n = in->n;
    int ids[SHOW];
    if (arg >= LESSON_HIDDEN) {
        sample_hidden(o, l, line, arg - LESSON_HIDDEN);
        return;
    }
    size_t shown, chars = doc_ids(l, ids, &shown);
    switch (line) {
    case LL_DOC: {
        char name[300];
        doc_text(l->ds, in->doc, name, sizeof name - 1);
        put(o, "doc" NBSP "=" NBSP "docs[%d" NBSP "%%" NBSP "%zu]" " =" NBSP MK_VALUE "\"%s\"",
            in->step, l->ds->count, name);
        break;
    }
    case LL_TOKENS:
        /* where the block size cuts (after token n) is marked */
        put(o, "tokens" NBSP "=" NBSP MK_VALUE "[%d", BOS);
        for (size_t i = 0; i < shown; i++) {
            put(o, ",");
            if ((int)i == n)
                put(o, " " MK_LABEL GL_CUT MK_CUT);
            put(o, " %d", ids[i]);
        }
        if (shown < chars)
            put(o, ", " GL_ELL " (%zu" NBSP "more)", chars - shown);
        put(o, ",");
        if ((int)chars == n)
            put(o, " " MK_LABEL GL_CUT MK_CUT);
        put(o, " %d]", BOS);
        break;
    case LL_CHARS:
        /* the characters, quoted or not (arg) */
        put(o, MK_LABEL "#" NBSP "[BOS");
        for (size_t i = 0; i < shown; i++) {
            put(o, arg ? ", '" : ", ");
            put_token(o, l, ids[i]);
            put(o, arg ? "'" : "");
        }
        if (shown < chars)
            put(o, ", " GL_ELL " (%zu" NBSP "more)", chars - shown);
        put(o, ", BOS]");
        break;
    case LL_N_RULE:
        put(o, "n" NBSP "=" NBSP "min(block_size, len(tokens)" NBSP "-" NBSP "1)");
        break;
    case LL_N:
        put(o, arg & 1 ? "n" NBSP : NBSP NBSP);
        put(o, "=" NBSP "min(%d," NBSP "%zu" NBSP "-" NBSP "1)" " =" NBSP MK_VALUE "%d",
            l->model->cfg.block_size, chars + 2, n);
        break;
    case LL_CUT:
        if (chars + 1 == (size_t)n + 1)
            put(o, MK_CUT "cut at the block size: the final BOS (after " GL_CUT ") is never predicted.");
        else if (chars + 1 > (size_t)n)
            put(o, MK_CUT "cut at the block size: the last %zu tokens (after " GL_CUT ") are never predicted.",
                chars + 1 - (size_t)n);
        break;
    case LL_PREDICTIONS:
        put(o, MK_VALUE "%d" MK_TEXT " prediction%s to make:", n, n == 1 ? "" : "s");
        break;
    case LL_PAIRS:
        for (int p = 0; p < n; p++) {
            put(o, p ? " " : "");
            put_token(o, l, in->tokens[p]);
            put(o, GL_TO);
            put_token(o, l, in->tokens[p + 1]);
            put(o, " ");
        }
        break;
    case LL_CYCLING: {
        size_t D = l->ds->count, N = (size_t)l->num_steps, used = N < D ? N : D;
        put(o, MK_LABEL "The list cycles: docs[step" NBSP "%%" NBSP "%zu]. %d steps use %zu of its names: "
            "%.2f%%%s", D, l->num_steps, used, 100.0 * (double)used / (double)D,
            N > D ? ", some more than once" : "");
        /* the lesson's own figure, where the run is the lesson's */
        if (N == 500 && D == 32033)
            put(o, " (the lesson's \"about 1.5%%\" rounds down)");
        put(o, ".");
        break;
    }
    case LL_CUT_RATE: {
        const Cuts *c = l->cuts;
        if (!c || c->docs == 0)
            break;
        if (c->cut == 0) {
            put(o, MK_LABEL "At block size %d no name of the %zu is cut: each is trained on to its end.",
                c->block_size, c->docs);
            break;
        }
        const double pct = 100.0 * (double)c->cut / (double)c->docs;
        put(o, MK_LABEL "The lesson's \"rarely\": " MK_VALUE "%zu" MK_LABEL " of the %zu names (%.*f%%) are "
            "cut at block size %d; " MK_VALUE "%zu" MK_LABEL " of this run's %zu steps train on one.",
            c->cut, c->docs, pct >= 1 ? 0 : 1, pct, c->block_size, c->run, c->steps);
        break;
    }
    default:
        break;
    }
}

static void forward_line(Out *o, const Lesson *l, LessonLine line, int arg)
{
    const StepInfo *in = l->in;
    const int V = l->model->cfg.vocab_size;
    const int hidden = arg >= LESSON_HIDDEN, pos = hidden ? arg - LESSON_HIDDEN : arg;
    if (pos < 0 || pos >= in->n)
        return;
    const int tok = in->tokens[pos], tgt = in->tokens[pos + 1];
    const double p = in->probs[(size_t)pos * (size_t)V + (size_t)tgt];
    switch (line) {
    case LL_INPUT:
        put(o, "input " MK_SELECT);
        put_token(o, l, tok);
        put(o, MK_LABEL NBSP "(%d)", tok);
        put(o, MK_TEXT " " GL_TO " target " MK_TARGET);
        if (hidden) {
            put(o, "?");
            break;
        }
        put_token(o, l, tgt);
        put(o, MK_LABEL NBSP "(%d)", tgt);
        break;
    case LL_LOGITS:
        put(o, MK_LABEL "logits" NBSP "=" NBSP "gpt(%d," NBSP "%d," NBSP "...)" NBSP GL_TO NBSP "%d" NBSP
            "scores;" NBSP NBSP "probs" NBSP "=" NBSP "softmax(logits)", tok, pos, V);
        break;
    case LL_LOGITS_ONLY:
        put(o, MK_LABEL "logits" NBSP "=" NBSP "gpt(%d," NBSP "%d," NBSP "...)", tok, pos);
        break;
    case LL_PROBS_RULE:
        put(o, MK_LABEL "probs" NBSP "=" NBSP "softmax(logits)");
        break;
    case LL_POS_LOSS:
        if (hidden)
            put(o, "loss_%d" NBSP "=" NBSP "-log(" MK_TARGET "?" MK_TEXT ")" " =" NBSP MK_TARGET "?", pos);
        else
            put(o, "loss_%d" NBSP "=" NBSP "-log(" MK_TARGET "%.4f" MK_TEXT ")" " =" NBSP MK_VALUE "%.4f",
                pos, py_shown(p), py_shown(in->pos_loss[pos]));
        break;
    default:
        break;
    }
}

/* The chance level, -log(1 / vocab_size): a model guessing uniformly. */
static double chance(const Lesson *l)
{
    return -log(1.0 / l->model->cfg.vocab_size);
}

/* A number as printed with dec decimals (at most 9), in units of 10^-dec. */
static long long printed_units(double v, int dec)
{
    char buf[64], digits[64];
    snprintf(buf, sizeof buf, "%.*f", dec, v);
    size_t k = 0;
    for (const char *p = buf; *p && k < sizeof digits - 1; p++)
        if (*p != '.')
            digits[k++] = *p;
    digits[k] = '\0';
    return strtoll(digits, NULL, 10);
}

/* Whether the sum of the terms as printed with dec decimals, divided by n,
 * gives the mean as printed (four decimals): "=" then, else "≈". */
static int sum_adds_up(const StepInfo *in, int dec)
{
    if (dec < 0 || dec > 4 || in->n < 1 || !isfinite(in->loss))
        return 0;
    long long sum = 0, scale = 1;
    for (int p = 0; p < in->n; p++)
        sum += printed_units(in->pos_loss[p], dec);
    for (int d = dec; d < 4; d++)
        scale *= 10;
    /* sum * scale / n rounds to the mean's units (either way at a tie) */
    long long diff = sum * scale - printed_units(in->loss, 4) * (long long)in->n;
    return 2 * (diff < 0 ? -diff : diff) <= in->n;
}

static void loss_line(Out *o, const Lesson *l, LessonLine line, int arg)
{
    const StepInfo *in = l->in;
    const int V = l->model->cfg.vocab_size, n = in->n;
    const int dec = arg;
    switch (line) {
    case LL_LOSS_SUM:
        put(o, "loss" NBSP "=" NBSP "(");
        for (int p = 0; p < n; p++)
            put(o, p ? " +" NBSP "%.*f" : "%.*f", dec, in->pos_loss[p]);
        put(o, ")" NBSP "/" NBSP "%d", n);
        break;
    case LL_LOSS_MEAN:
        put(o, NBSP NBSP NBSP NBSP NBSP "%s" NBSP MK_VALUE "%.4f", sum_adds_up(in, dec) ? "=" : GL_APPROX,
            py_shown(in->loss));
        break;
    case LL_CHANCE:
        put(o, MK_CHANCE "chance" NBSP "=" NBSP "-log(1/%d)" " = %.4f", V, chance(l));
        break;
    case LL_CHOICES:    /* as unsure as choosing among that many tokens */
        put(o, MK_TEXT "exp(loss)" NBSP "=" NBSP MK_VALUE "%.1f" MK_TEXT " choices (chance: %d)", exp(in->loss), V);
        break;
    case LL_VERDICT: {
        double d = in->loss - chance(l);
        if (fabs(d) < 0.1)
            put(o, "The model is at " MK_CHANCE "chance" MK_TEXT ": about as good as guessing.");
        else if (d < 0)
            put(o, MK_VALUE "%.2f" MK_TEXT " below " MK_CHANCE "chance" MK_TEXT ": the model has learned "
                "something.", -d);
        else
            put(o, MK_VALUE "%.2f" MK_TEXT " above " MK_CHANCE "chance" MK_TEXT ": worse than guessing, on "
                "this name.", d);
        break;
    }
    case LL_ILLUSTRATION:
        if (in->step == 0)
            put(o, MK_LABEL "The lesson's \"e.g.\" figures for \"emma\" (3.29 " GL_ELL " 3.302) were "
                "illustrations; these are this run's real ones.");
        break;
    case LL_HARDEST: {
        if (n < 2)
            break;
        int worst = 0;
        for (int p = 1; p < n; p++)
            if (in->pos_loss[p] > in->pos_loss[worst])
                worst = p;
        put(o, MK_LABEL "Hardest: position %d, ", worst);
        put_token(o, l, in->tokens[worst]);
        put(o, " " GL_TO " ");
        put_token(o, l, in->tokens[worst + 1]);
        put(o, " (loss %.2f).", py_shown(in->pos_loss[worst]));
        break;
    }
    default:
        break;
    }
}

static void backward_line(Out *o, const Lesson *l, LessonLine line, int arg)
{
    const StepInfo *in = l->in;
    const Model *m = l->model;
    switch (line) {
    case LL_BACKWARD:
        put(o, MK_LABEL "loss.backward():" MK_TEXT " every one of the " MK_VALUE "%zu" MK_TEXT
            " parameters gets a gradient.", m->nparams);
        break;
    case LL_NORMS:
        put(o, MK_LABEL "gradient norm of each matrix:");
        break;
    case LL_NORM_NAME:
        if (arg >= 0 && arg < m->nmat)
            put(o, "%s", m->mat[arg].name);
        else
            put(o, "all %zu", m->nparams);
        break;
    case LL_NORM:
        put(o, "%.4g", py_shown(arg >= 0 && arg < m->nmat ? in->grad_norm[arg] : in->grad_norm_total));
        break;
    case LL_NO_GRAD: {
        int zero = 0, said = 0;
        for (int i = 0; i < m->nmat; i++)
            zero += in->grad_norm[i] == 0;
        if (zero == 0)
            break;
        put(o, "No gradient for ");
        for (int i = 0; i < m->nmat; i++) {
            if (in->grad_norm[i] != 0)
                continue;
            /* one layer: the matrix's own name ("attn_wq", not "layer0.attn_wq") */
            const char *name = m->mat[i].name, *dot = strchr(name, '.');
            said++;
            put(o, "%s%s", said == 1 ? "" : said == zero ? " and " : ", ",
                m->cfg.n_layer == 1 && dot ? dot + 1 : name);
        }
        if (in->step == 0 && m->cfg.zero_init_proj)
            put(o, ": attn_wo and mlp_fc2 start at 0, so nothing flows back through them yet.");
        else
            put(o, ".");
        break;
    }
    default:
        break;
    }
}

static int isalpha_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A formula as the core writes it (Python, in ASCII: "0.01 * (1 - 3 / 1000)")
 * on screen: "*" as ×, the word pi as π, spaces that break a line only
 * before a factor in parentheses and before a function call.  text is
 * consumed (strtok). */
static void put_formula(Out *o, char *text)
{
    char *tok[32];
    int nt = 0;
    for (char *p = strtok(text, " "); p && nt < 32; p = strtok(NULL, " "))
        tok[nt++] = p;
    for (int i = 0; i < nt; i++) {
        int brk = (strcmp(tok[i], "*") == 0 && i + 1 < nt && tok[i + 1][0] == '(') ||
                  (tok[i][0] >= 'a' && tok[i][0] <= 'z' && strchr(tok[i], '('));
        put(o, brk ? " " : NBSP);
        if (strcmp(tok[i], "*") == 0) {
            put(o, GL_TIMES);
            continue;
        }
        for (const char *c = tok[i]; *c; c++) {     /* pi, a word of its own, is π */
            int word = c[0] == 'p' && c[1] == 'i' && (c == tok[i] || !isalpha_ascii(c[-1])) &&
                       !isalpha_ascii(c[2]);
            if (word) {
                put(o, GL_PI);
                c++;
            } else {
                put(o, "%c", *c);
            }
        }
    }
}

/* lr_t's formula with the run's numbers: the core's (adam_lr_worked, in
 * ASCII), with × and π. */
static void lr_line(Out *o, const Lesson *l)
{
    char worked[128], text[32];
    adam_lr_worked(&l->adam, l->in->step, worked, sizeof worked);
    put(o, "lr_t" NBSP "=");
    put_formula(o, worked);
    lesson_lr_text(text, sizeof text, l->in->lr_t);
    put(o, " =" NBSP MK_VALUE "%s", text);
}

static void update_line(Out *o, const Lesson *l, LessonLine line)
{
    const StepInfo *in = l->in;
    const AdamConfig *ad = &l->adam;
    const AdamTrace *f = l->follow ? l->follow : &in->follow;
    switch (line) {
    case LL_LR:
        lr_line(o, l);
        break;
    case LL_ADAM_ON:
        put(o, MK_TEXT "Adam on " MK_VALUE "%s" MK_TEXT ":", l->follow_name);
        break;
    case LL_GRAD:
        put(o, "grad" NBSP "=" NBSP MK_VALUE "%.6g", py_shown(f->grad));
        break;
    case LL_M:
        put(o, "m" NBSP "=" NBSP "%g" NBSP "*" NBSP "%.6g" NBSP "+" NBSP "(1" NBSP "-" NBSP "%g)" NBSP "*" NBSP
            "%.6g" " =" NBSP MK_VALUE "%.6g", ad->beta1, py_shown(f->m_old), ad->beta1, py_shown(f->grad), py_shown(f->m));
        break;
    case LL_V:
        /* a negative gradient squared is written in parentheses */
        put(o, f->grad < 0 ? "v" NBSP "=" NBSP "%g" NBSP "*" NBSP "%.6g" NBSP "+" NBSP "(1" NBSP "-" NBSP "%g)"
                             NBSP "*" NBSP "(%.6g)^2" " =" NBSP MK_VALUE "%.6g"
                           : "v" NBSP "=" NBSP "%g" NBSP "*" NBSP "%.6g" NBSP "+" NBSP "(1" NBSP "-" NBSP "%g)"
                             NBSP "*" NBSP "%.6g^2" " =" NBSP MK_VALUE "%.6g",
            ad->beta2, py_shown(f->v_old), ad->beta2, py_shown(f->grad), py_shown(f->v));
        break;
    case LL_M_HAT:
        put(o, "m_hat" NBSP "=" NBSP "m" NBSP "/" NBSP "(1" NBSP "-" NBSP "%g^%d)" " =" NBSP MK_VALUE "%.6g",
            ad->beta1, in->step + 1, py_shown(f->m_hat));
        break;
    case LL_V_HAT:
        put(o, "v_hat" NBSP "=" NBSP "v" NBSP "/" NBSP "(1" NBSP "-" NBSP "%g^%d)" " =" NBSP MK_VALUE "%.6g",
            ad->beta2, in->step + 1, py_shown(f->v_hat));
        break;
    case LL_P:
        put(o, "p" NBSP "=" NBSP "%.6g" NBSP "-" NBSP "%.6g" NBSP "*" NBSP "m_hat" NBSP "/" NBSP "(v_hat^0.5"
            NBSP "+" NBSP "%g)" " =" NBSP MK_VALUE "%.6g", py_shown(f->p_old), py_shown(in->lr_t), ad->eps, py_shown(f->p_new));
        break;
    case LL_UPDATED:
        put(o, "All " MK_VALUE "%zu" MK_TEXT " parameters updated (%zu changed value); gradients reset to 0.",
            l->model->nparams, in->params_updated);
        break;
    default:
        break;
    }
}

static void log_line(Out *o, const Lesson *l, LessonLine line, int arg)
{
    const StepInfo *in = l->in;
    switch (line) {
    case LL_PRINT:
        /* the gist's ends its line with a carriage return */
        put(o, MK_LABEL "print(f\"step {step+1:4d} / {num_steps:4d} | loss {loss.data:.4f}\"%s)",
            l->log_end && strcmp(l->log_end, "\r") == 0 ? ", end='\\r'" : "");
        break;
    case LL_LOG: {
        char text[128];
        format_log_line(text, sizeof text, in->step + 1, l->num_steps, in->loss);
        put(o, "%s", text);
        break;
    }
    case LL_NEXT:
        if (in->step + 1 < l->num_steps && arg >= LESSON_HIDDEN) {     /* guess mode: its answer */
            put(o, MK_LABEL "Next: step %d trains on docs[%zu], with the parameters just updated.",
                in->step + 2, (size_t)(in->step + 1) % l->ds->count);
        } else if (in->step + 1 < l->num_steps) {
            size_t next = (size_t)(in->step + 1) % l->ds->count;
            char name[300];
            doc_text(l->ds, next, name, sizeof name - 1);
            put(o, MK_LABEL "Next: step %d trains on docs[%zu] = " MK_VALUE "\"%s\"" MK_LABEL
                ", with the parameters just updated.", in->step + 2, next, name);
        } else {
            put(o, MK_LABEL "That was the last step: the model is trained.");
        }
        break;
    default:
        break;
    }
}

size_t lesson_line(const Lesson *l, LessonLine line, int arg, char *buf, size_t len)
{
    Out o = { buf, len, 0 };
    if (len == 0)
        return 0;
    buf[0] = '\0';
    if (line <= LL_CUT_RATE)
        sample_line(&o, l, line, arg);
    else if (line <= LL_POS_LOSS)
        forward_line(&o, l, line, arg);
    else if (line <= LL_ILLUSTRATION)
        loss_line(&o, l, line, arg);
    else if (line <= LL_NO_GRAD)
        backward_line(&o, l, line, arg);
    else if (line <= LL_UPDATED)
        update_line(&o, l, line);
    else
        log_line(&o, l, line, arg);
    return o.n;
}

size_t lesson_lr_formula(char *buf, size_t len, LrSchedule schedule)
{
    Out o = { buf, len, 0 };
    if (len == 0)
        return 0;
    buf[0] = '\0';
    /* the core's formula (learning_rate, num_steps) in --help's words */
    char f[128], text[128];
    snprintf(f, sizeof f, "%s", adam_lr_formula(schedule));
    size_t k = 0;
    for (const char *p = f; *p && k < sizeof text - 1;) {
        const char *w = !strncmp(p, "learning_rate", 13) ? "lr" : !strncmp(p, "num_steps", 9) ? "steps" : NULL;
        if (w) {
            k += (size_t)snprintf(text + k, sizeof text - k, "%s", w);
            p += w[0] == 'l' ? 13 : 9;
        } else {
            text[k++] = *p++;
        }
    }
    text[k < sizeof text ? k : sizeof text - 1] = '\0';
    put(&o, "lr_t" NBSP "=");
    put_formula(&o, text);
    return o.n;
}

void lesson_lr_text(char *buf, size_t len, double lr)
{
    char t[32];
    if (!isfinite(lr) || lr < 0.0) {    /* never a run's (lr >= 0, finite) */
        snprintf(buf, len, "%g", lr);
        return;
    }
    if (lr == 0.0 || (lr >= 1e-4 && lr < 1e4)) {
        /* fixed point, as many decimals as the characters hold: 0.009911,
         * 2.500000, 1234.568 (one fewer when rounding adds a digit: 9.9999999
         * is 10.00000) */
        const int whole = snprintf(t, sizeof t, "%.0f", floor(lr));
        for (int d = LESSON_LR_CHARS - 1 - whole; d >= LESSON_LR_CHARS - 2 - whole && d >= 1; d--)
            if (snprintf(t, sizeof t, "%.*f", d, lr) == LESSON_LR_CHARS) {
                snprintf(buf, len, "%s", t);
                return;
            }
    }
    /* three significant digits, two with a three-digit exponent: 9.87e-08,
     * 1.23e+04, 1.8e+308 */
    if (snprintf(t, sizeof t, "%.2e", lr) > LESSON_LR_CHARS)
        snprintf(t, sizeof t, "%.1e", lr);
    snprintf(buf, len, "%s", t);
}
