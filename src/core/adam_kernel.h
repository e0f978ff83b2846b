/* adam_kernel.h: the Adam update loop's kernels (internal to adam.c and
 * adam_avx2.c).  Each parameter's update is the reference's five lines;
 * parameters are independent, so the AVX2 kernel updates four at a time,
 * and a lane whose power needs pow gets it from the scalar code. */
#ifndef MICROGPT_ADAM_KERNEL_H
#define MICROGPT_ADAM_KERNEL_H

#include <math.h>
#include <stddef.h>

#include "core/fastpow.h"
#include "core/simd.h"

/* One step's constants, the same for every parameter. */
typedef struct {
    double b1, b2;          /* beta1, beta2 */
    double omb1, omb2;      /* parity: (1 - beta1), (1 - beta2), computed in double as Python does */
    double c1, c2;          /* 1 - beta ** (step + 1) */
    double lr_t, eps;
} AdamStep;

/* The update of one parameter; returns 1 if its value changed.
 * parity: m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g**2 (g**2 is pow(|g|, 2.0),
 * as Python computes it for a negative g); m_hat = m / c1; v_hat = v / c2;
 * p -= (lr_t * m_hat) / (v_hat**0.5 + eps); g = 0. */
static inline int adam_one(const AdamStep *s, double *p, double *grad, double *m, double *v, FastPowMode mode)
{
    const double g = *grad, p_old = *p;
    *m = s->b1 * *m + s->omb1 * g;
    *v = s->b2 * *v + s->omb2 * fastpow_sq(fabs(g), mode);
    const double m_hat = *m / s->c1, v_hat = *v / s->c2;
    *p -= s->lr_t * m_hat / (fastpow_sqrt(v_hat, mode) + s->eps);
    *grad = 0.0;
    return *p != p_old;
}

#if SIMD_HAVE_AVX2
/* Parameters [0, n) with n a multiple of 4; returns how many changed. */
size_t adam_avx2(const AdamStep *s, double *p, double *grad, double *m, double *v, size_t n, FastPowMode mode);
#endif

#endif
