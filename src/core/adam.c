/* adam.c: the five lines of the reference's parameter update, kept verbatim. */
#include "core/adam.h"

#include <math.h>
#include <stdio.h>

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

size_t adam_update(const AdamConfig *c, int step, double lr_t, double *p, double *grad,
                 double *m, double *v, size_t n, size_t follow, AdamTrace *trace)
{
    const double b1 = c->beta1, b2 = c->beta2, eps = c->eps;
    /* parity: 1 - beta ** (step + 1) with pow, the same value for every parameter. */
    const double c1 = 1.0 - py_pow(b1, (double)(step + 1));
    const double c2 = 1.0 - py_pow(b2, (double)(step + 1));
    size_t changed = 0;
    for (size_t i = 0; i < n; i++) {
        double g = grad[i];
        double m_old = m[i], v_old = v[i], p_old = p[i];
        /* parity: (1 - beta) is computed in double, and grad ** 2 / v_hat ** 0.5 are pow. */
        m[i] = b1 * m[i] + (1.0 - b1) * g;
        /* parity: Python's g ** 2 computes pow(|g|, 2.0) for a negative g. */
        v[i] = b2 * v[i] + (1.0 - b2) * py_pow(fabs(g), 2.0);
        double m_hat = m[i] / c1;
        double v_hat = v[i] / c2;
        p[i] -= lr_t * m_hat / (py_pow(v_hat, 0.5) + eps);
        grad[i] = 0.0;
        changed += p[i] != p_old;
        if (trace && i == follow)
            *trace = (AdamTrace){ g, m_old, v_old, m[i], v[i], m_hat, v_hat, p_old, p[i] };
    }
    return changed;
}
