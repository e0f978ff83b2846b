/* sample.c: inference as the reference does it, on a tape of its own. */
#include "core/sample.h"

#include <stdlib.h>
#include <string.h>

#include "core/pymath.h"

int sampler_init(Sampler *s, const Model *m)
{
    const ModelConfig *c = &m->cfg;
    size_t V = (size_t)c->vocab_size, E = (size_t)c->n_embd;
    memset(s, 0, sizeof *s);
    s->model = m;
    /* room for a whole sample: block_size positions, never more */
    size_t nodes = (size_t)model_tape_nodes(&m->cfg, m->cfg.block_size);
    if (tape_init(&s->tape, m->nparams, m->nparams + 1 + nodes) != 0 || modelwork_init(&s->work, m) != 0)
        goto fail;
    tape_set_mode(&s->tape, TAPE_DATA); /* inference needs no backward */
    s->xf = malloc(E * sizeof *s->xf);
    s->x = malloc(E * sizeof *s->x);
    s->logits = malloc(V * sizeof *s->logits);
    s->e = malloc(V * sizeof *s->e);
    s->probs = malloc(V * sizeof *s->probs);
    s->cum = malloc(V * sizeof *s->cum);
    s->ids = malloc((size_t)c->block_size * sizeof *s->ids);
    if (!s->xf || !s->x || !s->logits || !s->e || !s->probs || !s->cum || !s->ids)
        goto fail;
    return 0;
fail:
    sampler_free(s);
    return -1;
}

void sampler_free(Sampler *s)
{
    tape_free(&s->tape);
    modelwork_free(&s->work);
    free(s->xf);
    free(s->x);
    free(s->logits);
    free(s->e);
    free(s->probs);
    free(s->cum);
    free(s->ids);
    memset(s, 0, sizeof *s);
}

int sampler_draw(Sampler *s, const double *params, Rng *rng, double temperature, int *ids)
{
    const Model *m = s->model;
    const int V = m->cfg.vocab_size, E = m->cfg.n_embd, BOS = V - 1;
    /* parity: l / temperature is l * temperature ** -1. */
    const double inv_t = py_pow(temperature, -1.0);
    int len = 0, token = BOS;
    memcpy(s->tape.data + 1, params, m->nparams * sizeof *params);
    tape_reset(&s->tape);
    modelwork_reset(&s->work);
    modelwork_load(&s->work, m, params);
    for (int pos = 0; pos < m->cfg.block_size; pos++) {
        model_forward(m, &s->work, &s->tape, token, pos, s->xf);
        for (int j = 0; j < E; j++)
            s->x[j] = s->tape.data[s->xf[j]];
        model_logits(m, &s->work, params, s->x, s->logits);
        for (int i = 0; i < V; i++)
            s->logits[i] = s->logits[i] * inv_t;
        softmax_data(s->logits, V, s->e, s->probs);
        token = (int)rng_choices(rng, s->probs, (size_t)V, s->cum);
        if (token == BOS)
            break;
        ids[len++] = token;
    }
    tape_reset(&s->tape);
    return len;
}

size_t sampler_name(Sampler *s, const double *params, Rng *rng, double temperature,
                    const Dataset *ds, char *out)
{
    int len = sampler_draw(s, params, rng, temperature, s->ids);
    size_t n = 0;
    for (int k = 0; k < len; k++)
        n += dataset_token_utf8(ds, s->ids[k], out + n);
    out[n] = '\0';
    return n;
}

double sample_temperature(const Trainer *t)
{
    return train_temperature_at(&t->cfg, t->step > 0 ? t->step - 1 : 0);
}

size_t sampler_fixed_name(Sampler *s, const double *params, int i, double temperature,
                          const Dataset *ds, char *out)
{
    Rng rng;    /* the name's own generator, seeded the same way every time */
    rng_seed(&rng, (uint64_t)SAMPLE_FIXED_SEED + (uint64_t)i);
    return sampler_name(s, params, &rng, temperature, ds, out);
}

int sampled_names_differ(Sampler *sa, const Trainer *a, Sampler *sb, const Trainer *b)
{
    const size_t room_a = (size_t)a->model.cfg.block_size * 4 + 1, room_b = (size_t)b->model.cfg.block_size * 4 + 1;
    char *na = malloc(room_a), *nb = malloc(room_b);
    int differ = !na || !nb ? -1 : 0;
    const double ta = sample_temperature(a), tb = sample_temperature(b);
    for (int i = 0; i < SAMPLE_FIXED && differ == 0; i++) {
        size_t la = sampler_fixed_name(sa, trainer_params(a), i, ta, a->ds, na);
        size_t lb = sampler_fixed_name(sb, trainer_params(b), i, tb, b->ds, nb);
        differ = la != lb || memcmp(na, nb, la) != 0;
    }
    free(na);
    free(nb);
    return differ;
}

int samples_draw(Samples *s, const Trainer *t, int total, int cap, double temperature)
{
    memset(s, 0, sizeof *s);
    s->step = t->info.step;
    s->total = total;
    s->temperature = temperature;
    int want = total < cap ? total : cap;
    if (want <= 0)
        return 0;
    const size_t room = (size_t)t->model.cfg.block_size * 4 + 1;
    Sampler sp;
    s->names = calloc((size_t)want, sizeof *s->names);
    if (!s->names || sampler_init(&sp, &t->model) != 0) {
        samples_free(s);
        return -1;
    }
    Rng rng = t->rng;
    int rc = 0;
    for (int i = 0; i < want && rc == 0; i++) {
        char *name = malloc(room);
        if (!name)
            rc = -1;
        else {
            sampler_name(&sp, trainer_params(t), &rng, temperature, t->ds, name);
            s->names[s->count++] = name;
        }
    }
    sampler_free(&sp);
    if (rc != 0)
        samples_free(s);
    return rc;
}

void samples_free(Samples *s)
{
    for (int i = 0; i < s->count; i++)
        free(s->names[i]);
    free(s->names);
    memset(s, 0, sizeof *s);
}
