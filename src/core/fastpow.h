/* fastpow.h: Python's x ** 2.0, x ** 0.5 and x ** 1.0 for x >= 0, bit for bit
 * what CPython returns (float_pow, which ends in libm's pow), mostly without
 * calling pow.
 *
 * parity: the argument (docs/performance.md has it at length).  glibc's pow
 * (sysdeps/ieee754/dbl-64/e_pow.c, since glibc 2.28) documents its error as
 * below ulperr_exp + |y log x| * relerr_log * 2^53 ULP, with ulperr_exp =
 * 0.511 ULP and relerr_log = 1.5 * 2^-68 (the figures without FMA; with FMA
 * they are smaller).  For a result r with 2^e <= r < 2^(e+1), |y log x| =
 * |log r| < (|e| + 1) log 2, so within |e| <= R pow is less than 0.5 + B(R)
 * ULP from the exact x^y, B(R) = 0.011 + (R + 1) log(2) 1.5 2^-15.  When the
 * exact x^y is more than a margin M > B(R) ULP away from the midpoint
 * between two doubles, the only double that close to it is the correctly
 * rounded one, so pow returns exactly that.  x * x and sqrt(x) are correctly
 * rounded, and their exact error is one more operation (x * x - hi with an
 * exact product, x - s * s for sqrt), so the distance to the midpoint is
 * known exactly.  The fast path returns the rounded value only when that
 * distance exceeds the margin, the result is within the range, and it is not
 * a power of two (where the ULP below is half the ULP above); everything else
 * (about 3.5% of calls, and 0, infinities, NaN, which go through py_pow)
 * calls pow.  Two ranges: |e| <= 128 with M = 0.0175 (B = 0.0151), and
 * |e| <= 540 with M = 0.032 (B = 0.0282).  x ** 1.0 is x itself: any double
 * other than x is at least 1 ULP from it.
 *
 * The assumption is checked once, at the first use: glibc 2.28 or newer, and
 * a self-test of inputs that sit right at the margins (the hardest the fast
 * path accepts) against pow.  If either fails, every call is plain pow.
 * The environment variable MICROGPT_POW picks a mode: `libm` (always pow),
 * `verify` (the fast path, every result also computed with pow and compared;
 * see fastpow_stats), anything else or unset: the fast path. */
#ifndef MICROGPT_FASTPOW_H
#define MICROGPT_FASTPOW_H

#include <stdint.h>
#include <string.h>

#include "core/pymath.h"

/* The results taken on the fast path have an exponent in [-R, R] (margin M)
 * or, further out, in [-W, W] (margin MW); see the argument above. */
#define FASTPOW_RANGE 128
#define FASTPOW_MARGIN 0.0175
#define FASTPOW_WIDE_RANGE 540
#define FASTPOW_WIDE_MARGIN 0.032

typedef enum {
    FASTPOW_LIBM,       /* every power is pow (the libm check failed, or MICROGPT_POW=libm) */
    FASTPOW_FAST,       /* the fast path, falling back to pow near midpoints */
    FASTPOW_VERIFY,     /* the fast path, each of its results compared with pow */
} FastPowMode;

/* The mode, decided at the first call (libm check, MICROGPT_POW). */
FastPowMode fastpow_mode(void);
/* 1 if the libm passed the start-up check (the fast path may be used). */
int fastpow_libm_ok(void);
/* Overrides the mode (for tests and tools); FAST and VERIFY are refused
 * (returns -1, mode unchanged) when the libm check failed. */
int fastpow_set_mode(FastPowMode m);

/* What verify mode counted since the last reset: results computed, results
 * that took the fast path, and fast results that differ from pow's. */
typedef struct {
    uint64_t calls, fast, mismatches;
} FastPowStats;
FastPowStats fastpow_stats(void);
void fastpow_reset_stats(void);
/* Verify mode's check of one result `r` of x ** y (fast: 1 if it took the
 * fast path); counts it; returns py_pow(x, y), the value to use. */
double fastpow_verify(double x, double y, double r, int fast);
/* Verify mode's count of a power settled without pow by a caller whose
 * result was the same with either double around it: same is 1 if the
 * result computed with pow's value is that result too. */
void fastpow_verify_outcome(int same);

/* ---- the scalar fast path (the SIMD kernels have their own copy of the
 * same test, lane by lane) ---------------------------------------------- */

static inline uint64_t fastpow_bits(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}
static inline double fastpow_double(uint64_t b)
{
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

/* For a result r > 0 (its bits rb): 1/2 - margin, or 0 if r is outside the
 * ranges or a power of two (no fast path). */
static inline double fastpow_keep(uint64_t rb)
{
    const uint64_t e = rb >> 52; /* biased exponent (r is positive) */
    if ((rb & 0xfffffffffffffull) == 0)
        return 0.0;
    if (e - (uint64_t)(1023 - FASTPOW_RANGE) <= 2 * FASTPOW_RANGE)
        return 0.5 - FASTPOW_MARGIN;
    if (e - (uint64_t)(1023 - FASTPOW_WIDE_RANGE) <= 2 * FASTPOW_WIDE_RANGE)
        return 0.5 - FASTPOW_WIDE_MARGIN;
    return 0.0;
}

/* ULP of r (> 0, finite): the next double up minus r (exact). */
static inline double fastpow_ulp(uint64_t rb, double r)
{
    return fastpow_double(rb + 1) - r;
}

/* Dekker's exact product without FMA: a * a = hi + lo exactly (-ffp-contract=off
 * keeps each operation as written; no overflow or underflow in the range). */
static inline double fastpow_sq_lo(double a, double hi)
{
    const double c = 134217729.0 * a; /* 2^27 + 1: Veltkamp's split */
    const double ah = c - (c - a), al = a - ah;
    return ((ah * ah - hi) + 2.0 * (ah * al)) + al * al;
}

/* The test of x ** 2.0 (x >= 0): returns r = x * x with *err, the exact
 * x^2 - r, and *thr; r is pow's result when |*err| < *thr (thr is 0 outside
 * the ranges and for powers of two). */
static inline double fastpow_sq_parts(double x, double *err, double *thr)
{
    const double hi = x * x;
    const uint64_t hb = fastpow_bits(hi);
    const double keep = fastpow_keep(hb);
    *thr = keep == 0.0 ? 0.0 : keep * fastpow_ulp(hb, hi);
    *err = keep == 0.0 ? 0.0 : fastpow_sq_lo(x, hi);
    return hi;
}

/* Below this, x ** 0.5's test works on x * 2^108 and sqrt(x) * 2^54 (the
 * same relative position between doubles), so that x - s * s stays exact. */
#define FASTPOW_SCALE_BELOW 0x1p-900

/* The test of x ** 0.5 (x >= 0), as fastpow_sq_parts; *err and *thr are
 * x - s * s (of the sign of sqrt(x) - s) and the threshold for it (both
 * scaled by 2^108 for tiny x). */
static inline double fastpow_sqrt_parts(double x, double *err, double *thr)
{
    const double s = __builtin_sqrt(x);
    const double keep = fastpow_keep(fastpow_bits(s));
    const int scale = x < FASTPOW_SCALE_BELOW;
    const double xs = scale ? x * 0x1p108 : x, ss = scale ? s * 0x1p54 : s;
    /* x - s * s exactly: s * s = ph + pl; x - ph is exact (Sterbenz) and so
     * is the remainder of a correctly rounded square root. */
    const double ph = ss * ss, pl = keep == 0.0 ? 0.0 : fastpow_sq_lo(ss, ph);
    *err = keep == 0.0 ? 0.0 : (xs - ph) - pl;
    /* sqrt(x) - s = (x - s * s) / (sqrt(x) + s), and sqrt(x) + s > 2s(1 - 2^-52):
     * the 1e-9 more margin covers that and the roundings of the threshold. */
    *thr = keep == 0.0 ? 0.0 : (keep - 1e-9) * fastpow_ulp(fastpow_bits(ss), ss) * (2.0 * ss);
    return s;
}

/* x ** 2.0 and x ** 0.5 for x >= 0 on the fast path: 1 and *out, or 0 (use pow). */
static inline int fastpow_sq_fast(double x, double *out)
{
    double err, thr, r = fastpow_sq_parts(x, &err, &thr);
    *out = r;
    return __builtin_fabs(err) < thr;
}
static inline int fastpow_sqrt_fast(double x, double *out)
{
    double err, thr, r = fastpow_sqrt_parts(x, &err, &thr);
    *out = r;
    return __builtin_fabs(err) < thr;
}

/* Where the fast path does not answer, pow still returns one of the two
 * doubles around the exact power (its error is below 1 ULP): r = x * x (or
 * sqrt(x)) and its neighbour on the exact value's side, which these return
 * (r itself when the exact value is r); 0.0 outside the ranges and next to
 * powers of two, where the pair is not worked out.  A caller whose result
 * is the same with either needs no pow (adam_kernel.h). */
static inline double fastpow_other(double r, double err)
{
    const uint64_t b = fastpow_bits(r);
    return err > 0.0 ? fastpow_double(b + 1) : err < 0.0 ? fastpow_double(b - 1) : r;
}
static inline double fastpow_sq_other(double x, double r)
{
    double err, thr;
    fastpow_sq_parts(x, &err, &thr);
    return thr > 0.0 ? fastpow_other(r, err) : 0.0;
}
static inline double fastpow_sqrt_other(double x, double r)
{
    double err, thr;
    fastpow_sqrt_parts(x, &err, &thr);
    return thr > 0.0 ? fastpow_other(r, err) : 0.0;
}

/* x ** 1.0 for x >= 0 on the fast path. */
static inline int fastpow_one_fast(double x, double *out)
{
    if (fastpow_keep(fastpow_bits(x)) == 0.0)
        return 0;
    *out = x;
    return 1;
}

/* The answer once the fast path has been tried: r if it took it (fast),
 * else pow; in verify mode pow's value, the fast one compared with it. */
static inline double fastpow_answer(double x, double y, int fast, double r, FastPowMode mode)
{
    if (mode == FASTPOW_VERIFY)
        return fastpow_verify(x, y, fast ? r : 0.0, fast);
    return fast ? r : py_pow(x, y);
}

/* Python's x ** 2.0, x ** 0.5, x ** 1.0 for x >= 0 (or NaN), exactly, in
 * the given mode (fastpow_mode()).  Zero is answered directly, as py_pow
 * does: +0.0 for ** 2.0 and ** 0.5, x itself for ** 1.0. */
static inline double fastpow_sq(double x, FastPowMode mode)
{
    double r = 0.0;
    if (x == 0.0 && mode != FASTPOW_LIBM)
        return 0.0;
    const int fast = mode != FASTPOW_LIBM && fastpow_sq_fast(x, &r);
    return fastpow_answer(x, 2.0, fast, r, mode);
}
static inline double fastpow_sqrt(double x, FastPowMode mode)
{
    double r = 0.0;
    if (x == 0.0 && mode != FASTPOW_LIBM)
        return 0.0;
    const int fast = mode != FASTPOW_LIBM && fastpow_sqrt_fast(x, &r);
    return fastpow_answer(x, 0.5, fast, r, mode);
}
static inline double fastpow_one(double x, FastPowMode mode)
{
    double r = 0.0;
    if (x == 0.0 && mode != FASTPOW_LIBM)
        return x;
    const int fast = mode != FASTPOW_LIBM && fastpow_one_fast(x, &r);
    return fastpow_answer(x, 1.0, fast, r, mode);
}

#endif
