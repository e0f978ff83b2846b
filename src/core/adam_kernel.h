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

/* |g| ** 2 where the fast path did not answer (r = ag * ag; 0 with plain
 * pow).  parity: pow's result is r or the double on the exact square's other
 * side (fastpow_sq_other: its error is below 1 ULP); when v = b2*v + (1-b2)*g**2
 * comes out the same with both, r gives the exact v without pow. */
static inline double adam_square_slow(double ag, double r, double v_old, const AdamStep *s, FastPowMode mode)
{
    const double other = mode == FASTPOW_LIBM ? 0.0 : fastpow_sq_other(ag, r);
    if (other != 0.0) {
        const double va = s->b2 * v_old + s->omb2 * r, vb = s->b2 * v_old + s->omb2 * other;
        if (fastpow_bits(va) == fastpow_bits(vb)) {
            if (mode == FASTPOW_VERIFY)
                fastpow_verify_outcome(fastpow_bits(s->b2 * v_old + s->omb2 * py_pow(ag, 2.0)) == fastpow_bits(va));
            return r;
        }
    }
    return fastpow_answer(ag, 2.0, 0, 0.0, mode);
}

/* v_hat ** 0.5 where the fast path did not answer (r = sqrt(v_hat)), the
 * same way: when p -= lr_t * m_hat / (root + eps) comes out the same with
 * both doubles around the exact root, r gives the exact p without pow. */
static inline double adam_root_slow(double vh, double r, double p_old, double m_hat, const AdamStep *s,
                                    FastPowMode mode)
{
    const double other = mode == FASTPOW_LIBM ? 0.0 : fastpow_sqrt_other(vh, r);
    if (other != 0.0) {
        const double pa = p_old - s->lr_t * m_hat / (r + s->eps), pb = p_old - s->lr_t * m_hat / (other + s->eps);
        if (fastpow_bits(pa) == fastpow_bits(pb)) {
            if (mode == FASTPOW_VERIFY)
                fastpow_verify_outcome(fastpow_bits(p_old - s->lr_t * m_hat / (py_pow(vh, 0.5) + s->eps)) ==
                                       fastpow_bits(pa));
            return r;
        }
    }
    return fastpow_answer(vh, 0.5, 0, 0.0, mode);
}

/* The update of one parameter; returns 1 if its value changed.
 * parity: m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g**2 (g**2 is pow(|g|, 2.0),
 * as Python computes it for a negative g); m_hat = m / c1; v_hat = v / c2;
 * p -= (lr_t * m_hat) / (v_hat**0.5 + eps); g = 0. */
static inline int adam_one(const AdamStep *s, double *p, double *grad, double *m, double *v, FastPowMode mode)
{
    const double g = *grad, p_old = *p, ag = fabs(g);
    const int fast = mode != FASTPOW_LIBM;
    double sq = 0.0, root = 0.0;
    *m = s->b1 * *m + s->omb1 * g;
    if (fast && (ag == 0.0 || fastpow_sq_fast(ag, &sq)))
        sq = ag == 0.0 ? 0.0 : mode == FASTPOW_VERIFY ? fastpow_verify(ag, 2.0, sq, 1) : sq;
    else
        sq = adam_square_slow(ag, sq, *v, s, mode);
    *v = s->b2 * *v + s->omb2 * sq;
    const double m_hat = *m / s->c1, v_hat = *v / s->c2;
    if (fast && (v_hat == 0.0 || fastpow_sqrt_fast(v_hat, &root)))
        root = v_hat == 0.0 ? 0.0 : mode == FASTPOW_VERIFY ? fastpow_verify(v_hat, 0.5, root, 1) : root;
    else
        root = adam_root_slow(v_hat, root, p_old, m_hat, s, mode);
    *p -= s->lr_t * m_hat / (root + s->eps);
    *grad = 0.0;
    return *p != p_old;
}

#if SIMD_HAVE_AVX2
/* Parameters [0, n) with n a multiple of 4; returns how many changed. */
size_t adam_avx2(const AdamStep *s, double *p, double *grad, double *m, double *v, size_t n, FastPowMode mode);
#endif

#endif
