/* adam_avx2.c: the Adam update, four parameters at a time (AVX2).  Each lane
 * does exactly adam_one()'s operations (IEEE multiply, add, divide, square
 * root: the same roundings).  A block of parameters goes through three
 * passes (moments and g ** 2; v, v_hat and its square root; the parameter),
 * and between them the few lanes whose power is not pow's on the fast path
 * get the scalar answer: the passes themselves have no unpredictable branch,
 * so the processor overlaps the divisions and roots of many lanes. */
#include "core/adam_kernel.h"

#if SIMD_HAVE_AVX2
#include <stdint.h>

#include "core/fastpow_avx2.h"

enum { BLOCK = 256 }; /* parameters per block: its arrays stay in the L1 cache */

/* Stores a power's four lanes at i, with its input, and flags the lanes that
 * need the scalar answer (all of them with plain pow); returns the flags. */
static SIMD_AVX2_FN int keep_lanes(double *x_out, double *r_out, __m256d x, __m256d r, int ok, int libm,
                                   uint8_t *fail)
{
    _mm256_store_pd(x_out, x);
    _mm256_store_pd(r_out, r);
    *fail = (uint8_t)(libm ? 0xf : ~ok & 0xf);
    return *fail;
}

/* Lanes flagged in fail[] (one 4-bit mask per vector) get their |g| ** 2
 * from adam_square_slow; in verify mode the other (fast) lanes are checked. */
static void fix_squares(const AdamStep *s, const double *ag, double *sq, const double *v, const uint8_t *fail,
                        size_t n, FastPowMode mode)
{
    for (size_t k = 0; k < n / 4; k++) {
        if (!fail[k] && mode != FASTPOW_VERIFY)
            continue;
        for (size_t i = 4 * k; i < 4 * k + 4; i++)
            if ((fail[k] >> (i - 4 * k)) & 1)
                sq[i] = adam_square_slow(ag[i], sq[i], v[i], s, mode);
            else if (mode == FASTPOW_VERIFY && ag[i] != 0.0)
                sq[i] = fastpow_verify(ag[i], 2.0, sq[i], 1);
    }
}

/* The same for v_hat ** 0.5 (adam_root_slow), before p is updated. */
static void fix_roots(const AdamStep *s, const double *vh, double *root, const double *p, const double *m,
                      const uint8_t *fail, size_t n, FastPowMode mode)
{
    for (size_t k = 0; k < n / 4; k++) {
        if (!fail[k] && mode != FASTPOW_VERIFY)
            continue;
        for (size_t i = 4 * k; i < 4 * k + 4; i++)
            if ((fail[k] >> (i - 4 * k)) & 1)
                root[i] = adam_root_slow(vh[i], root[i], p[i], m[i] / s->c1, s, mode);
            else if (mode == FASTPOW_VERIFY && vh[i] != 0.0)
                root[i] = fastpow_verify(vh[i], 0.5, root[i], 1);
    }
}

SIMD_AVX2_FN size_t adam_avx2(const AdamStep *s, double *p, double *grad, double *m, double *v, size_t n,
                              FastPowMode mode)
{
    const __m256d b1 = _mm256_set1_pd(s->b1), b2 = _mm256_set1_pd(s->b2);
    const __m256d omb1 = _mm256_set1_pd(s->omb1), omb2 = _mm256_set1_pd(s->omb2);
    const __m256d c1 = _mm256_set1_pd(s->c1), c2 = _mm256_set1_pd(s->c2);
    const __m256d lr = _mm256_set1_pd(s->lr_t), eps = _mm256_set1_pd(s->eps);
    const int libm = mode == FASTPOW_LIBM;
    double ag[BLOCK] __attribute__((aligned(32))), sq[BLOCK] __attribute__((aligned(32)));
    double vh[BLOCK] __attribute__((aligned(32))), root[BLOCK] __attribute__((aligned(32)));
    uint8_t fail[BLOCK / 4];
    size_t changed = 0;
    for (size_t base = 0; base < n; base += BLOCK) {
        const size_t nb = n - base < BLOCK ? n - base : BLOCK;
        double *pb = p + base, *gb = grad + base, *mb = m + base, *vb = v + base;
        int any = 0;
        /* m = b1*m + (1-b1)*g; |g| ** 2 */
        for (size_t i = 0; i < nb; i += 4) {
            const __m256d g = _mm256_loadu_pd(gb + i);
            _mm256_storeu_pd(mb + i, _mm256_add_pd(_mm256_mul_pd(b1, _mm256_loadu_pd(mb + i)), _mm256_mul_pd(omb1, g)));
            const __m256d a = fp4_abs(g);
            int ok;
            const __m256d r = fp4_sq(a, &ok);
            any |= keep_lanes(ag + i, sq + i, a, r, ok, libm, &fail[i / 4]);
        }
        if (any || mode == FASTPOW_VERIFY)
            fix_squares(s, ag, sq, vb, fail, nb, mode);
        /* v = b2*v + (1-b2)*g**2; v_hat = v / c2; v_hat ** 0.5 */
        any = 0;
        for (size_t i = 0; i < nb; i += 4) {
            const __m256d vi = _mm256_add_pd(_mm256_mul_pd(b2, _mm256_loadu_pd(vb + i)),
                                             _mm256_mul_pd(omb2, _mm256_load_pd(sq + i)));
            _mm256_storeu_pd(vb + i, vi);
            const __m256d v_hat = _mm256_div_pd(vi, c2);
            int ok;
            const __m256d r = fp4_sqrt(v_hat, &ok);
            any |= keep_lanes(vh + i, root + i, v_hat, r, ok, libm, &fail[i / 4]);
        }
        if (any || mode == FASTPOW_VERIFY)
            fix_roots(s, vh, root, pb, mb, fail, nb, mode);
        /* p -= lr_t * (m / c1) / (v_hat ** 0.5 + eps); grad = 0 */
        for (size_t i = 0; i < nb; i += 4) {
            const __m256d p_old = _mm256_loadu_pd(pb + i);
            const __m256d m_hat = _mm256_div_pd(_mm256_loadu_pd(mb + i), c1);
            const __m256d step = _mm256_div_pd(_mm256_mul_pd(lr, m_hat), _mm256_add_pd(_mm256_load_pd(root + i), eps));
            const __m256d p_new = _mm256_sub_pd(p_old, step);
            _mm256_storeu_pd(pb + i, p_new);
            _mm256_storeu_pd(gb + i, _mm256_setzero_pd());
            const int same = _mm256_movemask_pd(_mm256_cmp_pd(p_new, p_old, _CMP_EQ_OQ));
            changed += 4 - (size_t)__builtin_popcount((unsigned)same);
        }
    }
    return changed;
}
#endif
