/* names.c: distinct names seen, and the live samples. */
#include "session/names.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ data cycling */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int seen_init(Seen *s, const Dataset *ds)
{
    memset(s, 0, sizeof *s);
    s->count = ds->count;
    s->prefix = malloc((ds->count + 1) * sizeof *s->prefix);
    size_t cap = 16;
    while (cap < 2 * ds->count)
        cap *= 2;
    uint32_t *slot = malloc(cap * sizeof *slot);     /* doc index + 1, 0 empty */
    if (!s->prefix || !slot) {
        free(slot);
        seen_free(s);
        return -1;
    }
    memset(slot, 0, cap * sizeof *slot);
    size_t distinct = 0;
    s->prefix[0] = 0;
    for (size_t i = 0; i < ds->count; i++) {
        const DocRef *d = &ds->docs[i];
        const char *p = ds->buf + d->off;
        size_t k = (size_t)hash_bytes(p, d->len) & (cap - 1);
        int dup = 0;
        while (slot[k]) {
            const DocRef *o = &ds->docs[slot[k] - 1];
            if (o->len == d->len && memcmp(ds->buf + o->off, p, d->len) == 0) {
                dup = 1;
                break;
            }
            k = (k + 1) & (cap - 1);
        }
        if (!dup) {
            slot[k] = (uint32_t)(i + 1);
            distinct++;
        }
        s->prefix[i + 1] = (uint32_t)distinct;
    }
    s->distinct = distinct;
    free(slot);
    return 0;
}

void seen_free(Seen *s)
{
    free(s->prefix);
    memset(s, 0, sizeof *s);
}

size_t seen_by_step(const Seen *s, int step)
{
    if (!s->prefix || step < 0)
        return 0;
    size_t k = (size_t)step + 1;
    return s->prefix[k < s->count ? k : s->count];
}

/* ------------------------------------------------------------- truncation */

void cuts_count(Cuts *c, const Dataset *ds, int block_size, int num_steps)
{
    memset(c, 0, sizeof *c);
    c->block_size = block_size;
    c->docs = ds->count;
    c->steps = num_steps > 0 ? (size_t)num_steps : 0;
    if (ds->count == 0)
        return;
    /* the run takes docs[step % len(docs)]: whole passes, then the first
     * steps % len(docs) docs once more */
    const size_t passes = c->steps / ds->count, rest = c->steps % ds->count;
    size_t head = 0;
    for (size_t i = 0; i < ds->count; i++) {
        const int cut = dataset_encode(ds, i, NULL, 0) + 1 > (size_t)block_size;
        c->cut += (size_t)cut;
        if (i < rest)
            head += (size_t)cut;
    }
    c->run = passes * c->cut + head;
}

/* ------------------------------------------------------------ live samples */

int live_age(int age, int every)
{
    if (age < 0)
        age = 0;
    return age / every * every;
}

int live_init(Live *l, const Trainer *t)
{
    memset(l, 0, sizeof *l);
    const int N = t->cfg.adam.num_steps, B = t->model.cfg.block_size;
    l->every = N / 50 < 1 ? 1 : N / 50;
    l->nbuckets = N / l->every + 1;
    l->name_bytes = B * 4 + 1;
    l->have = calloc((size_t)l->nbuckets, 1);
    l->names = calloc((size_t)l->nbuckets * LIVE_SLOTS, (size_t)l->name_bytes);
    if (!l->have || !l->names || sampler_init(&l->sp, &t->model) != 0) {
        free(l->have);
        free(l->names);
        memset(l, 0, sizeof *l);
        return -1;
    }
    return 0;
}

void live_free(Live *l)
{
    if (l->have)
        sampler_free(&l->sp);
    free(l->have);
    free(l->names);
    memset(l, 0, sizeof *l);
}

int live_draw(Live *l, const Trainer *t)
{
    int age = t->step;
    if (!l->have || age % l->every != 0)
        return 0;
    int b = age / l->every;
    if (b >= l->nbuckets || l->have[b])
        return 0;
    char *out = l->names + (size_t)b * LIVE_SLOTS * (size_t)l->name_bytes;
    const double temperature = sample_temperature(t);
    for (int i = 0; i < LIVE_SLOTS; i++)
        sampler_fixed_name(&l->sp, trainer_params(t), i, temperature, t->ds,
                           out + (size_t)i * (size_t)l->name_bytes);
    l->have[b] = 1;
    return 1;
}

const char *live_get(const Live *l, int age)
{
    if (!l->have)
        return NULL;
    int b = live_age(age, l->every) / l->every;
    if (b < 0 || b >= l->nbuckets || !l->have[b])
        return NULL;
    return l->names + (size_t)b * LIVE_SLOTS * (size_t)l->name_bytes;
}
