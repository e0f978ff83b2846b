/* ui_samples.c: inference for the UI's last screen. */
#include "session/ui_samples.h"

#include <stdlib.h>
#include <string.h>

#include "core/sample.h"

int samples_draw(Samples *s, const Trainer *t, int total, int cap, double temperature)
{
    memset(s, 0, sizeof *s);
    s->step = t->info.step;
    s->total = total;
    s->temperature = temperature;
    int want = total < cap ? total : cap;
    if (want <= 0)
        return 0;
    const int B = t->model.cfg.block_size;
    Sampler sp;
    int *ids = malloc((size_t)B * sizeof *ids);
    s->names = calloc((size_t)want, sizeof *s->names);
    if (!ids || !s->names || sampler_init(&sp, &t->model) != 0) {
        free(ids);
        samples_free(s);
        return -1;
    }
    Rng rng = t->rng;
    int rc = 0;
    for (int i = 0; i < want; i++) {
        int len = sampler_draw(&sp, trainer_params(t), &rng, temperature, ids);
        char *name = malloc((size_t)len * 4 + 1), *p = name;
        if (!name) {
            rc = -1;
            break;
        }
        for (int k = 0; k < len; k++)
            p += dataset_token_utf8(t->ds, ids[k], p);
        *p = '\0';
        s->names[s->count++] = name;
    }
    sampler_free(&sp);
    free(ids);
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
