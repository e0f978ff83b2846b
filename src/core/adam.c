/* adam.c: the five lines of the reference's parameter update, kept verbatim. */
#include "core/adam.h"

#include <math.h>
#include <stdio.h>

#include "core/adam_kernel.h"
#include "core/pymath.h"

double adam_lr(const AdamConfig *c, int step)
{
    if (c->schedule == LR_LINEAR)
        /* parity: lr * (1 - step / num_steps), step / num_steps a true division. */
        return c->lr * (1.0 - (double)step / (double)c->num_steps);
    /* parity: evaluated left to right as Python does: (lr * 0.5) * (1 + cos((pi * step) / num_steps)). */
    return c->lr * 0.5 * (1.0 + cos(M_PI * (double)step / (double)c->num_steps));
}

const char *adam_lr_formula(LrSchedule s)
{
    return s == LR_LINEAR ? "learning_rate * (1 - step / num_steps)"
                          : "learning_rate * 0.5 * (1 + cos(pi * step / num_steps))";
}

int adam_lr_worked(const AdamConfig *c, int step, char *buf, size_t len)
{
    if (c->schedule == LR_LINEAR)
        return snprintf(buf, len, "%g * (1 - %d / %d)", c->lr, step, c->num_steps);
    return snprintf(buf, len, "%g * 0.5 * (1 + cos(pi * %d / %d))", c->lr, step, c->num_steps);
}

/* The constants of step `step`'s update. */
static AdamStep step_constants(const AdamConfig *c, int step, double lr_t)
{
    /* parity: 1 - beta ** (step + 1) with pow, the same value for every parameter. */
    return (AdamStep){
        .b1 = c->beta1, .b2 = c->beta2, .omb1 = 1.0 - c->beta1, .omb2 = 1.0 - c->beta2,
        .c1 = 1.0 - py_pow(c->beta1, (double)(step + 1)), .c2 = 1.0 - py_pow(c->beta2, (double)(step + 1)),
        .lr_t = lr_t, .eps = c->eps,
    };
}

AdamTrace adam_trace(const AdamConfig *c, int step, double lr_t, double p, double g, double m, double v)
{
    const AdamStep s = step_constants(c, step, lr_t);
    AdamTrace t = { .grad = g, .m_old = m, .v_old = v, .p_old = p };
    adam_one(&s, &p, &g, &m, &v, fastpow_mode());
    t.m = m;
    t.v = v;
    t.m_hat = m / s.c1;     /* the same division as the update's */
    t.v_hat = v / s.c2;
    t.p_new = p;
    return t;
}

size_t adam_update(const AdamConfig *c, int step, double lr_t, double *p, double *grad,
                 double *m, double *v, size_t n, size_t follow, AdamTrace *trace)
{
    const AdamStep s = step_constants(c, step, lr_t);
    const FastPowMode mode = fastpow_mode();
    AdamTrace t = { 0 };
    if (trace && follow < n)
        t = (AdamTrace){ .grad = grad[follow], .m_old = m[follow], .v_old = v[follow], .p_old = p[follow] };
    size_t changed = 0, i = 0;
#if SIMD_HAVE_AVX2
    if (simd_level() == SIMD_AVX2) {
        i = n & ~(size_t)3;
        changed = adam_avx2(&s, p, grad, m, v, i, mode);
    }
#endif
    for (; i < n; i++)
        changed += (size_t)adam_one(&s, p + i, grad + i, m + i, v + i, mode);
    if (trace && follow < n) {
        t.m = m[follow];
        t.v = v[follow];
        t.m_hat = m[follow] / s.c1; /* the same division as the update's */
        t.v_hat = v[follow] / s.c2;
        t.p_new = p[follow];
        *trace = t;
    }
    return changed;
}
