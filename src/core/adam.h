/* adam.h: the reference's optimiser: learning-rate decay (the course's cosine
 * or the gist's linear) and Adam. */
#ifndef MICROGPT_ADAM_H
#define MICROGPT_ADAM_H

#include <stddef.h>

/* How lr_t decays over the run: the course's cosine or the gist's linear. */
typedef enum { LR_COSINE, LR_LINEAR } LrSchedule;

typedef struct {
    double lr, beta1, beta2, eps;
    int num_steps;
    LrSchedule schedule;
} AdamConfig;

/* One parameter followed through an update (for the classroom view). */
typedef struct {
    double grad, m_old, v_old, m, v, m_hat, v_hat, p_old, p_new;
} AdamTrace;

/* lr_t of step `step` (0-based), as the reference's line computes it:
 * cosine: learning_rate * 0.5 * (1 + cos(pi * step / num_steps));
 * linear: learning_rate * (1 - step / num_steps). */
double adam_lr(const AdamConfig *c, int step);

/* That line's right-hand side as the reference writes it, e.g.
 * "learning_rate * (1 - step / num_steps)". */
const char *adam_lr_formula(LrSchedule s);

/* The same with the run's numbers for step `step`, as snprintf does:
 * "0.01 * (1 - 3 / 1000)" (lr as %g). */
int adam_lr_worked(const AdamConfig *c, int step, char *buf, size_t len);

/* The update loop of step `step` (0-based) over n parameters: moments, bias
 * correction, p -= lr_t * m_hat / (v_hat ** 0.5 + eps), grad = 0.  When
 * trace is given, parameter `follow` is recorded in it.  Returns how many
 * parameters changed value. */
size_t adam_update(const AdamConfig *c, int step, double lr_t, double *p, double *grad,
                 double *m, double *v, size_t n, size_t follow, AdamTrace *trace);

/* What adam_update of step `step` does to one parameter p with gradient g
 * and moments m, v: the same numbers, bit for bit. */
AdamTrace adam_trace(const AdamConfig *c, int step, double lr_t, double p, double g, double m, double v);

#endif
