/* adam_avx2.c: the Adam update, four parameters at a time (AVX2).  Each lane
 * does exactly adam_one()'s operations (IEEE multiply, add, divide, square
 * root: the same roundings); a lane whose power is not pow's on the fast
 * path gets the scalar answer before it is used. */
#include "core/adam_kernel.h"

#if SIMD_HAVE_AVX2
#include "core/fastpow_avx2.h"

SIMD_AVX2_FN size_t adam_avx2(const AdamStep *s, double *p, double *grad, double *m, double *v, size_t n,
                              FastPowMode mode)
{
    const __m256d b1 = _mm256_set1_pd(s->b1), b2 = _mm256_set1_pd(s->b2);
    const __m256d omb1 = _mm256_set1_pd(s->omb1), omb2 = _mm256_set1_pd(s->omb2);
    const __m256d c1 = _mm256_set1_pd(s->c1), c2 = _mm256_set1_pd(s->c2);
    const __m256d lr = _mm256_set1_pd(s->lr_t), eps = _mm256_set1_pd(s->eps);
    const int libm = mode == FASTPOW_LIBM;
    size_t changed = 0;
    for (size_t i = 0; i < n; i += 4) {
        const __m256d g = _mm256_loadu_pd(grad + i), p_old = _mm256_loadu_pd(p + i);
        const __m256d mi = _mm256_add_pd(_mm256_mul_pd(b1, _mm256_loadu_pd(m + i)), _mm256_mul_pd(omb1, g));
        const __m256d ag = fp4_abs(g);
        int ok = 0;
        __m256d sq = fp4_sq(ag, &ok);
        sq = fp4_fix(ag, sq, libm ? 0 : ok, 2.0, mode);
        const __m256d vi = _mm256_add_pd(_mm256_mul_pd(b2, _mm256_loadu_pd(v + i)), _mm256_mul_pd(omb2, sq));
        const __m256d m_hat = _mm256_div_pd(mi, c1), v_hat = _mm256_div_pd(vi, c2);
        __m256d root = fp4_sqrt(v_hat, &ok);
        root = fp4_fix(v_hat, root, libm ? 0 : ok, 0.5, mode);
        const __m256d step = _mm256_div_pd(_mm256_mul_pd(lr, m_hat), _mm256_add_pd(root, eps));
        const __m256d p_new = _mm256_sub_pd(p_old, step);
        _mm256_storeu_pd(m + i, mi);
        _mm256_storeu_pd(v + i, vi);
        _mm256_storeu_pd(p + i, p_new);
        _mm256_storeu_pd(grad + i, _mm256_setzero_pd());
        const int same = _mm256_movemask_pd(_mm256_cmp_pd(p_new, p_old, _CMP_EQ_OQ));
        changed += 4 - (size_t)__builtin_popcount((unsigned)same);
    }
    return changed;
}
#endif
