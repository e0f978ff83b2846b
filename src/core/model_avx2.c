/* model_avx2.c: the forward's matrix-vector products with AVX2 (see
 * model_kernel.h): sixteen rows at a time, then four, then one by one. */
#include "core/model_kernel.h"

#if SIMD_HAVE_AVX2
#include <immintrin.h>

SIMD_AVX2_FN void matvec_t_avx2(const double *wt, const double *x, int nout, int nin, double *out)
{
    const __m256d zero = _mm256_setzero_pd();
    int o = 0;
    for (; o + 16 <= nout; o += 16) {
        __m256d xb = _mm256_set1_pd(x[0]);
        /* parity: w[0] * x[0] + 0, as Python's sum() starts from the integer 0 */
        __m256d a0 = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(wt + o), xb), zero);
        __m256d a1 = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(wt + o + 4), xb), zero);
        __m256d a2 = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(wt + o + 8), xb), zero);
        __m256d a3 = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(wt + o + 12), xb), zero);
        for (int i = 1; i < nin; i++) {
            const double *row = wt + (size_t)i * nout + o;
            xb = _mm256_set1_pd(x[i]);
            a0 = _mm256_add_pd(a0, _mm256_mul_pd(_mm256_loadu_pd(row), xb));
            a1 = _mm256_add_pd(a1, _mm256_mul_pd(_mm256_loadu_pd(row + 4), xb));
            a2 = _mm256_add_pd(a2, _mm256_mul_pd(_mm256_loadu_pd(row + 8), xb));
            a3 = _mm256_add_pd(a3, _mm256_mul_pd(_mm256_loadu_pd(row + 12), xb));
        }
        _mm256_storeu_pd(out + o, a0);
        _mm256_storeu_pd(out + o + 4, a1);
        _mm256_storeu_pd(out + o + 8, a2);
        _mm256_storeu_pd(out + o + 12, a3);
    }
    for (; o + 4 <= nout; o += 4) {
        __m256d a = _mm256_add_pd(_mm256_mul_pd(_mm256_loadu_pd(wt + o), _mm256_set1_pd(x[0])), zero);
        for (int i = 1; i < nin; i++)
            a = _mm256_add_pd(a, _mm256_mul_pd(_mm256_loadu_pd(wt + (size_t)i * nout + o), _mm256_set1_pd(x[i])));
        _mm256_storeu_pd(out + o, a);
    }
    for (; o < nout; o++) {
        double s = wt[o] * x[0] + 0.0;
        for (int i = 1; i < nin; i++)
            s = s + wt[(size_t)i * nout + o] * x[i];
        out[o] = s;
    }
}

SIMD_AVX2_FN void transpose_avx2(const double *src, int nout, int nin, double *dst)
{
    const int o4 = nout & ~3, i4 = nin & ~3;
    for (int o = 0; o < o4; o += 4)
        for (int i = 0; i < i4; i += 4) {
            const double *s = src + (size_t)o * nin + i;
            const __m256d r0 = _mm256_loadu_pd(s), r1 = _mm256_loadu_pd(s + nin);
            const __m256d r2 = _mm256_loadu_pd(s + 2 * (size_t)nin), r3 = _mm256_loadu_pd(s + 3 * (size_t)nin);
            const __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
            const __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
            double *d = dst + (size_t)i * nout + o;
            _mm256_storeu_pd(d, _mm256_permute2f128_pd(t0, t2, 0x20));
            _mm256_storeu_pd(d + nout, _mm256_permute2f128_pd(t1, t3, 0x20));
            _mm256_storeu_pd(d + 2 * (size_t)nout, _mm256_permute2f128_pd(t0, t2, 0x31));
            _mm256_storeu_pd(d + 3 * (size_t)nout, _mm256_permute2f128_pd(t1, t3, 0x31));
        }
    for (int o = 0; o < nout; o++) /* the edges */
        for (int i = o < o4 ? i4 : 0; i < nin; i++)
            dst[(size_t)i * nout + o] = src[(size_t)o * nin + i];
}
#endif
