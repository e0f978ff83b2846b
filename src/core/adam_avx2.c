/* adam_avx2.c: the Adam update, four parameters at a time (AVX2).  Each lane
 * does exactly adam_one()'s operations (IEEE multiply, add, divide, square
 * root: the same roundings).  A block of parameters goes through four
 * passes (m and g ** 2; v; v_hat and its root; the parameter).  A lane whose
 * power is too near a midpoint for the fast path is settled in the vector
 * code when its v (or p) comes out the same with both doubles around the
 * exact power (adam_kernel.h); only the rest (about 0.15%) go to the scalar
 * code.  The passes have few unpredictable branches, so the processor
 * overlaps the divisions and roots of many lanes. */
#include "core/adam_kernel.h"

#if SIMD_HAVE_AVX2
#include <stdint.h>

#include "core/fastpow_avx2.h"

enum { BLOCK = 256 }; /* parameters per block: its arrays stay in the L1 cache */

/* The lanes of a power at one vector: its input (x_out), result (r_out)
 * and the double on the exact value's other side (alt_out); the lanes that
 * need more than the fast test (fail: all with plain pow), those near a
 * midpoint (near) and those on the fast path (ok). */
typedef struct {
    uint8_t fail, near, ok;
} Lanes;

static SIMD_AVX2_FN Lanes keep_power(double *x_out, double *r_out, double *alt_out, __m256d x, Fp4 f, int libm)
{
    _mm256_store_pd(x_out, x);
    _mm256_store_pd(r_out, f.r);
    _mm256_store_pd(alt_out, f.other);
    return (Lanes){ (uint8_t)(libm ? 0xf : ~f.ok & 0xf), (uint8_t)(libm ? 0 : f.near), (uint8_t)(libm ? 0 : f.ok) };
}

/* Recomputes v for the lanes of a vector flagged in left (their g ** 2
 * needs adam_square_slow: pow, or the scalar check of the two candidates).
 * In verify mode also checks the others: fast lanes (ok) against pow, and
 * the lanes the vector code settled (fail but not left) by v with pow's
 * value; pow's result is then the one used. */
static void fix_v(const AdamStep *s, const double *ag, double *sq, const double *vold, double *v, int fail, int left,
                  int ok, FastPowMode mode)
{
    for (int j = 0; j < 4; j++) {
        if ((left >> j) & 1) {
            sq[j] = adam_square_slow(ag[j], sq[j], vold[j], s, mode);
        } else if (mode != FASTPOW_VERIFY || ag[j] == 0.0) {
            continue;
        } else if ((ok >> j) & 1) {
            sq[j] = fastpow_verify(ag[j], 2.0, sq[j], 1);
        } else if ((fail >> j) & 1) {
            sq[j] = py_pow(ag[j], 2.0);
            fastpow_verify_outcome(fastpow_bits(s->b2 * vold[j] + s->omb2 * sq[j]) == fastpow_bits(v[j]));
        }
        v[j] = s->b2 * vold[j] + s->omb2 * sq[j];
    }
}

/* The same for p in lanes whose v_hat ** 0.5 needs adam_root_slow. */
static SIMD_AVX2_FN __m256d fix_p(const AdamStep *s, __m256d p_old, __m256d m_hat, __m256d p_new, const double *vh,
                                  const double *root, int fail, int left, int ok, FastPowMode mode)
{
    double po[4], mh[4], pn[4];
    _mm256_storeu_pd(po, p_old);
    _mm256_storeu_pd(mh, m_hat);
    _mm256_storeu_pd(pn, p_new);
    for (int j = 0; j < 4; j++) {
        double r;
        if ((left >> j) & 1) {
            r = adam_root_slow(vh[j], root[j], po[j], mh[j], s, mode);
        } else if (mode != FASTPOW_VERIFY || vh[j] == 0.0) {
            continue;
        } else if ((ok >> j) & 1) {
            r = fastpow_verify(vh[j], 0.5, root[j], 1);
        } else if ((fail >> j) & 1) {
            r = py_pow(vh[j], 0.5);
            fastpow_verify_outcome(fastpow_bits(po[j] - s->lr_t * mh[j] / (r + s->eps)) == fastpow_bits(pn[j]));
        } else {
            continue;
        }
        pn[j] = po[j] - s->lr_t * mh[j] / (r + s->eps);
    }
    return _mm256_loadu_pd(pn);
}

SIMD_AVX2_FN size_t adam_avx2(const AdamStep *s, double *p, double *grad, double *m, double *v, size_t n,
                              FastPowMode mode)
{
    const __m256d b1 = _mm256_set1_pd(s->b1), b2 = _mm256_set1_pd(s->b2);
    const __m256d omb1 = _mm256_set1_pd(s->omb1), omb2 = _mm256_set1_pd(s->omb2);
    const __m256d c1 = _mm256_set1_pd(s->c1), c2 = _mm256_set1_pd(s->c2);
    const __m256d lr = _mm256_set1_pd(s->lr_t), eps = _mm256_set1_pd(s->eps);
    const int libm = mode == FASTPOW_LIBM, verify = mode == FASTPOW_VERIFY; /* plain pow: every lane the slow way */
    double ag[BLOCK] __attribute__((aligned(32))), sq[BLOCK] __attribute__((aligned(32)));
    double alt[BLOCK] __attribute__((aligned(32))), vold[BLOCK] __attribute__((aligned(32)));
    Lanes ln[BLOCK / 4];
    size_t changed = 0;
    for (size_t base = 0; base < n; base += BLOCK) {
        const size_t nb = n - base < BLOCK ? n - base : BLOCK;
        double *pb = p + base, *gb = grad + base, *mb = m + base, *vb = v + base;
        /* m = b1*m + (1-b1)*g; |g| ** 2 and the double on its other side */
        for (size_t i = 0; i < nb; i += 4) {
            const __m256d g = _mm256_loadu_pd(gb + i);
            _mm256_storeu_pd(mb + i, _mm256_add_pd(_mm256_mul_pd(b1, _mm256_loadu_pd(mb + i)), _mm256_mul_pd(omb1, g)));
            const __m256d a = fp4_abs(g);
            ln[i / 4] = keep_power(ag + i, sq + i, alt + i, a, fp4_sq(a), libm);
        }
        /* v = b2*v + (1-b2)*g**2, also with the other double: a lane near a
         * midpoint whose v is the same with both is settled */
        for (size_t i = 0; i < nb; i += 4) {
            const __m256d vo = _mm256_loadu_pd(vb + i);
            const __m256d vi = _mm256_add_pd(_mm256_mul_pd(b2, vo), _mm256_mul_pd(omb2, _mm256_load_pd(sq + i)));
            _mm256_store_pd(vold + i, vo);
            _mm256_storeu_pd(vb + i, vi);
            const Lanes l = ln[i / 4];
            int left = l.fail;
            if (left) {
                const __m256d va = _mm256_add_pd(_mm256_mul_pd(b2, vo), _mm256_mul_pd(omb2, _mm256_load_pd(alt + i)));
                left &= ~(l.near & ~fp4_differ(vi, va));
            }
            if (left || verify)
                fix_v(s, ag + i, sq + i, vold + i, vb + i, l.fail, left, l.ok, mode);
        }
        /* v_hat = v / c2 and its root, with the other double (alt, vold reused) */
        for (size_t i = 0; i < nb; i += 4) {
            const __m256d v_hat = _mm256_div_pd(_mm256_loadu_pd(vb + i), c2);
            ln[i / 4] = keep_power(vold + i, sq + i, alt + i, v_hat, fp4_sqrt(v_hat), libm);
        }
        /* p -= lr_t * (m / c1) / (v_hat ** 0.5 + eps); grad = 0 */
        for (size_t i = 0; i < nb; i += 4) {
            const __m256d p_old = _mm256_loadu_pd(pb + i);
            const __m256d m_hat = _mm256_div_pd(_mm256_loadu_pd(mb + i), c1);
            const __m256d num = _mm256_mul_pd(lr, m_hat);
            __m256d p_new = _mm256_sub_pd(p_old, _mm256_div_pd(num, _mm256_add_pd(_mm256_load_pd(sq + i), eps)));
            const Lanes l = ln[i / 4];
            int left = l.fail;
            if (left) {
                const __m256d pa = _mm256_sub_pd(p_old, _mm256_div_pd(num, _mm256_add_pd(_mm256_load_pd(alt + i), eps)));
                left &= ~(l.near & ~fp4_differ(p_new, pa));
            }
            if (left || verify)
                p_new = fix_p(s, p_old, m_hat, p_new, vold + i, sq + i, l.fail, left, l.ok, mode);
            _mm256_storeu_pd(pb + i, p_new);
            _mm256_storeu_pd(gb + i, _mm256_setzero_pd());
            const int same = _mm256_movemask_pd(_mm256_cmp_pd(p_new, p_old, _CMP_EQ_OQ));
            changed += 4 - (size_t)__builtin_popcount((unsigned)same);
        }
    }
    return changed;
}
#endif
