/* probe.c: a name scored under any weights, exactly as a training step's
 * forward scores its own name. */
#include "core/probe.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

int probe_init(Probe *p, const Model *m)
{
    return sampler_init(&p->s, m);
}

void probe_free(Probe *p)
{
    sampler_free(&p->s);
}

/* A code point as a message names it: 'x' (quoted) or x (bare) when
 * printable, "space", or U+XXXX (a quote, control characters). */
static void cp_name(uint32_t cp, int quoted, char out[16])
{
    if (cp == ' ') {
        snprintf(out, 16, "space");
    } else if (cp > 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0) && cp != '\'') {
        char u[5];
        u[utf8_encode(cp, u)] = '\0';
        snprintf(out, 16, quoted ? "'%s'" : "%s", u);
    } else {
        snprintf(out, 16, "U+%04X", (unsigned)cp);
    }
}

void probe_vocabulary(const Dataset *ds, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ds->nchars;) {
        size_t j = i;
        while (j + 1 < ds->nchars && ds->chars[j + 1] == ds->chars[j] + 1)
            j++;
        char a[16], b[16], item[40];
        cp_name(ds->chars[i], 0, a);
        cp_name(ds->chars[j], 0, b);
        if (j == i)
            snprintf(item, sizeof item, "%s%s", i ? ", " : "", a);
        else
            snprintf(item, sizeof item, "%s%s%s%s", i ? ", " : "", a, j == i + 1 ? ", " : "-", b);
        size_t il = strlen(item);
        if (o + il + 5 > len) {     /* room for ", ..." */
            snprintf(buf + o, len - o, "%s...", i ? ", " : "");
            return;
        }
        memcpy(buf + o, item, il + 1);
        o += il;
        i = j + 1;
    }
}

int probe_encode(const Dataset *ds, int block_size, const char *name, size_t len, int *tokens,
                 char *err, size_t errlen)
{
    const int BOS = (int)ds->nchars;
    if (len == 0) {
        snprintf(err, errlen, "the name is empty");
        return -1;
    }
    int n = 0;
    tokens[0] = BOS;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = utf8_decode((const unsigned char *)name + i, len - i, &cp);
        if (l == 0) {
            snprintf(err, errlen, "the name is not valid UTF-8");
            return -1;
        }
        int tok = dataset_token(ds, cp);
        if (tok < 0) {
            char q[16], voc[96];
            cp_name(cp, 1, q);
            probe_vocabulary(ds, voc, sizeof voc);
            snprintf(err, errlen, "%s is not in the vocabulary: %s", q, voc);
            return -1;
        }
        if (n < block_size)     /* [BOS] + ids + [BOS], cut to block_size + 1 */
            tokens[++n] = tok;
        else
            n++;
        i += l;
    }
    /* n counts the characters: the last position predicts BOS unless cut */
    if (n + 1 <= block_size) {
        tokens[n + 1] = BOS;
        return n + 1;
    }
    return block_size;
}

double probe_score(Probe *p, const double *params, const int *tokens, int n, double *p_target,
                   double *pos_loss, double *attn)
{
    Sampler *s = &p->s;
    const Model *m = s->model;
    const int V = m->cfg.vocab_size, E = m->cfg.n_embd;
    memcpy(s->tape.data + 1, params, m->nparams * sizeof *params);
    tape_reset(&s->tape);
    modelwork_reset(&s->work);
    modelwork_load(&s->work, m, params);
    s->work.attn = attn;
    double sum = 0.0;
    /* parity: trainer_forward's loop, position by position */
    for (int pos = 0; pos < n; pos++) {
        model_forward(m, &s->work, &s->tape, tokens[pos], pos, s->xf);
        for (int j = 0; j < E; j++)
            s->x[j] = s->tape.data[s->xf[j]];
        model_logits(m, &s->work, params, s->x, s->logits);
        softmax_data(s->logits, V, s->e, s->probs);
        const double pt = s->probs[tokens[pos + 1]];
        /* parity: loss_t = -probs[target].log() is log(p) * -1; sum() from 0 */
        const double l = log(pt) * -1.0;
        sum = pos == 0 ? l + 0.0 : sum + l;
        if (p_target)
            p_target[pos] = pt;
        if (pos_loss)
            pos_loss[pos] = l;
    }
    s->work.attn = NULL;
    tape_reset(&s->tape);
    /* parity: loss = (1 / n) * sum(losses) */
    return sum * (1.0 / n);
}

size_t probe_attn_size(const ModelConfig *c)
{
    return (size_t)c->n_layer * (size_t)c->n_head * (size_t)c->block_size * (size_t)c->block_size;
}

double probe_attn_spread(const ModelConfig *c, const double *attn, int n)
{
    double most = 0.0;
    for (int l = 0; l < c->n_layer; l++)
        for (int h = 0; h < c->n_head; h++)
            for (int pos = 0; pos < n; pos++) {
                const double u = 1.0 / (pos + 1);
                for (int s = 0; s <= pos; s++) {
                    double d = fabs(attn[model_attn_index(c, l, h, pos, s)] - u);
                    most = d > most ? d : most;
                }
            }
    return most;
}
