/* adam.h: the reference's optimiser: cosine learning-rate decay and Adam. */
#ifndef MICROGPT_ADAM_H
#define MICROGPT_ADAM_H

#include <stddef.h>

typedef struct {
    double lr, beta1, beta2, eps;
    int num_steps;
} AdamConfig;

/* One parameter followed through an update (for the classroom view). */
typedef struct {
    double grad, m_old, v_old, m, v, m_hat, v_hat, p_old, p_new;
} AdamTrace;

/* lr_t = learning_rate * 0.5 * (1 + cos(pi * step / num_steps)). */
double adam_lr(const AdamConfig *c, int step);

/* The update loop of step `step` (0-based) over n parameters: moments, bias
 * correction, p -= lr_t * m_hat / (v_hat ** 0.5 + eps), grad = 0.  When
 * trace is given, parameter `follow` is recorded in it.  Returns how many
 * parameters changed value. */
size_t adam_update(const AdamConfig *c, int step, double lr_t, double *p, double *grad,
                 double *m, double *v, size_t n, size_t follow, AdamTrace *trace);

#endif
