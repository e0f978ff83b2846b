/* fastpow_avx2.h: fastpow.h's test, four lanes at a time (AVX2 with FMA).
 * The same ranges, margins and thresholds as the scalar test, so that both
 * take the fast path for exactly the same inputs; the exact error comes from
 * one FMA here and from Dekker's product there (both exact).  Include only
 * where SIMD_HAVE_AVX2. */
#ifndef MICROGPT_FASTPOW_AVX2_H
#define MICROGPT_FASTPOW_AVX2_H

#include <immintrin.h>

#include "core/fastpow.h"
#include "core/simd.h"

/* fastpow_keep, lane by lane: 1/2 - margin, or 0 outside the ranges and
 * for powers of two. */
static inline SIMD_AVX2_FN __m256d fp4_keep(__m256i rb)
{
    const __m256i e = _mm256_srli_epi64(rb, 52);
    const __m256i narrow = _mm256_and_si256(_mm256_cmpgt_epi64(e, _mm256_set1_epi64x(1023 - FASTPOW_RANGE - 1)),
                                            _mm256_cmpgt_epi64(_mm256_set1_epi64x(1023 + FASTPOW_RANGE + 1), e));
    const __m256i wide =
        _mm256_and_si256(_mm256_cmpgt_epi64(e, _mm256_set1_epi64x(1023 - FASTPOW_WIDE_RANGE - 1)),
                         _mm256_cmpgt_epi64(_mm256_set1_epi64x(1023 + FASTPOW_WIDE_RANGE + 1), e));
    const __m256i mant = _mm256_and_si256(rb, _mm256_set1_epi64x(0xfffffffffffffll));
    const __m256i pow2 = _mm256_cmpeq_epi64(mant, _mm256_setzero_si256());
    const __m256d keep = _mm256_blendv_pd(_mm256_set1_pd(0.5 - FASTPOW_WIDE_MARGIN), _mm256_set1_pd(0.5 - FASTPOW_MARGIN),
                                          _mm256_castsi256_pd(narrow));
    return _mm256_and_pd(keep, _mm256_castsi256_pd(_mm256_andnot_si256(pow2, wide)));
}

/* ULP of r: the next double up minus r (exact). */
static inline SIMD_AVX2_FN __m256d fp4_ulp(__m256i rb, __m256d r)
{
    return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(rb, _mm256_set1_epi64x(1))), r);
}

static inline SIMD_AVX2_FN __m256d fp4_abs(__m256d x)
{
    return _mm256_andnot_pd(_mm256_set1_pd(-0.0), x);
}

/* The other double around the exact power, lane by lane (fastpow_other):
 * r's neighbour on the side of err's sign (r itself where err is 0). */
static inline SIMD_AVX2_FN __m256d fp4_other(__m256i rb, __m256d err)
{
    const __m256i up = _mm256_castpd_si256(_mm256_cmp_pd(err, _mm256_setzero_pd(), _CMP_GT_OQ));
    const __m256i down = _mm256_castpd_si256(_mm256_cmp_pd(err, _mm256_setzero_pd(), _CMP_LT_OQ));
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_sub_epi64(rb, up), down)); /* masks are -1 */
}

/* A power's lanes: r (x * x or sqrt(x)); ok, the lanes where r is pow's
 * result (zero included); near, the lanes that are not but whose pow result
 * is r or `other` (in the ranges, not next to a power of two). */
typedef struct {
    __m256d r, other;
    int ok, near;
} Fp4;

static inline SIMD_AVX2_FN Fp4 fp4_result(__m256d x, __m256d r, __m256i rb, __m256d err, __m256d thr, __m256d keep)
{
    const __m256d zero = _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_EQ_OQ);
    const __m256d ok = _mm256_or_pd(_mm256_cmp_pd(fp4_abs(err), thr, _CMP_LT_OQ), zero);
    const __m256d near = _mm256_andnot_pd(ok, _mm256_cmp_pd(keep, _mm256_setzero_pd(), _CMP_GT_OQ));
    return (Fp4){ r, fp4_other(rb, err), _mm256_movemask_pd(ok), _mm256_movemask_pd(near) };
}

/* x ** 2.0 for lanes x >= 0. */
static inline SIMD_AVX2_FN Fp4 fp4_sq(__m256d x)
{
    const __m256d hi = _mm256_mul_pd(x, x);
    const __m256d lo = _mm256_fmsub_pd(x, x, hi); /* x * x - hi, exact */
    const __m256i hb = _mm256_castpd_si256(hi);
    const __m256d keep = fp4_keep(hb);
    return fp4_result(x, hi, hb, lo, _mm256_mul_pd(keep, fp4_ulp(hb, hi)), keep);
}

/* x ** 0.5 for lanes x >= 0. */
static inline SIMD_AVX2_FN Fp4 fp4_sqrt(__m256d x)
{
    const __m256d s = _mm256_sqrt_pd(x);
    const __m256i sb = _mm256_castpd_si256(s);
    const __m256d keep = fp4_keep(sb);
    const __m256d small = _mm256_cmp_pd(x, _mm256_set1_pd(FASTPOW_SCALE_BELOW), _CMP_LT_OQ);
    const __m256d xs = _mm256_blendv_pd(x, _mm256_mul_pd(x, _mm256_set1_pd(0x1p108)), small);
    const __m256d ss = _mm256_blendv_pd(s, _mm256_mul_pd(s, _mm256_set1_pd(0x1p54)), small);
    const __m256d rem = _mm256_fnmadd_pd(ss, ss, xs); /* x - s * s, exact */
    const __m256d thr = _mm256_mul_pd(_mm256_mul_pd(_mm256_sub_pd(keep, _mm256_set1_pd(1e-9)),
                                                    fp4_ulp(_mm256_castpd_si256(ss), ss)),
                                      _mm256_add_pd(ss, ss));
    return fp4_result(x, s, sb, rem, thr, keep);
}

/* 4-bit mask of the lanes where a and b differ in any bit. */
static inline SIMD_AVX2_FN int fp4_differ(__m256d a, __m256d b)
{
    const __m256i eq = _mm256_cmpeq_epi64(_mm256_castpd_si256(a), _mm256_castpd_si256(b));
    return ~_mm256_movemask_pd(_mm256_castsi256_pd(eq)) & 0xf;
}

#endif
