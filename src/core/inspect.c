/* inspect.c: a step's update looked into. */
#include "core/inspect.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/carve.h"

int steplook_init(StepLook *k, size_t n)
{
    memset(k, 0, sizeof *k);
    k->step = -1;
    k->n = n;
    Carve cv = CARVE_INIT;
    do {
        k->p = carve_take(&cv, n, sizeof *k->p);
        k->g = carve_take(&cv, n, sizeof *k->g);
        k->m = carve_take(&cv, n, sizeof *k->m);
        k->v = carve_take(&cv, n, sizeof *k->v);
    } while (carve_next(&cv));
    k->block = cv.base;
    return k->block ? 0 : -1;
}

void steplook_free(StepLook *k)
{
    free(k->block);
    memset(k, 0, sizeof *k);
    k->step = -1;
}

void steplook_capture(StepLook *k, const Trainer *t)
{
    const size_t bytes = k->n * sizeof(double);
    k->step = t->info.step;
    k->adam = t->info.adam;
    k->lr_t = t->info.lr_t;
    memcpy(k->p, trainer_params(t), bytes);
    memcpy(k->g, trainer_grads(t), bytes);
    memcpy(k->m, t->m, bytes);
    memcpy(k->v, t->v, bytes);
}

AdamTrace steplook_trace(const StepLook *k, size_t i)
{
    return adam_trace(&k->adam, k->step, k->lr_t, k->p[i], k->g[i], k->m[i], k->v[i]);
}

/* a moved more than b (|delta| larger, or equal with a lower index) */
static int before(const Mover *a, const Mover *b)
{
    const double x = fabs(a->delta), y = fabs(b->delta);
    return x > y || (x == y && a->index < b->index);
}

int steplook_movers(const StepLook *k, Mover *out, int max)
{
    int count = 0;
    for (size_t i = 0; i < k->n && max > 0; i++) {
        Mover mv = { .index = i, .tr = steplook_trace(k, i) };
        mv.delta = mv.tr.p_new - mv.tr.p_old;
        if (mv.delta == 0.0 || (count == max && !before(&mv, &out[count - 1])))
            continue;
        /* insertion into the ranked list, the last one dropped when full */
        int j = count < max ? count++ : count - 1;
        while (j > 0 && before(&mv, &out[j - 1])) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = mv;
    }
    return count;
}
