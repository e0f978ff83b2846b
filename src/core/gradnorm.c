/* gradnorm.c: the squared norm of a gradient, portable and AVX2 (gradnorm.h). */
#include "core/gradnorm.h"

#include "core/simd.h"

#if SIMD_HAVE_AVX2
#include <immintrin.h>
#endif

static double combine(const double s[8])
{
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

static double sumsq_scalar(const double *g, size_t n)
{
    double s[8] = { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 };
    for (size_t j = 0; j < n; j++)
        s[j % 8] = s[j % 8] + g[j] * g[j];
    return combine(s);
}

#if SIMD_HAVE_AVX2
static SIMD_AVX2_FN double sumsq_avx2(const double *g, size_t n)
{
    __m256d lo = _mm256_setzero_pd(), hi = _mm256_setzero_pd();
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const __m256d a = _mm256_loadu_pd(g + j), b = _mm256_loadu_pd(g + j + 4);
        lo = _mm256_add_pd(lo, _mm256_mul_pd(a, a));
        hi = _mm256_add_pd(hi, _mm256_mul_pd(b, b));
    }
    double s[8];
    _mm256_storeu_pd(s, lo);
    _mm256_storeu_pd(s + 4, hi);
    for (; j < n; j++)
        s[j % 8] = s[j % 8] + g[j] * g[j];
    return combine(s);
}
#endif

double grad_sumsq(const double *g, size_t n)
{
#if SIMD_HAVE_AVX2
    if (simd_level() == SIMD_AVX2)
        return sumsq_avx2(g, n);
#endif
    return sumsq_scalar(g, n);
}
