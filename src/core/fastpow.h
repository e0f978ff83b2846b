/* fastpow.h: Python's x ** 2.0, x ** 0.5 and x ** 1.0 for x >= 0, bit for bit
 * what CPython returns (float_pow, which ends in libm's pow), mostly without
 * calling pow.
 *
 * parity: the argument (docs/performance.md has it at length).  glibc's pow
 * (sysdeps/ieee754/dbl-64/e_pow.c, since glibc 2.28) documents its error as
 * below ulperr_exp + |y log x| * relerr_log * 2^53 ULP, with ulperr_exp =
 * 0.511 ULP and relerr_log = 1.5 * 2^-68 (the figures without FMA; with FMA
 * they are smaller).  For a result r with 2^-R <= r < 2^(R+1) (R =
 * FASTPOW_RANGE), |y log x| = |log r| < (R + 1) log 2, so pow is within
 * 0.5 + FASTPOW_BOUND ULP of the exact x^y.  When the exact x^y is more than
 * FASTPOW_MARGIN (> FASTPOW_BOUND) ULP away from the midpoint between two
 * doubles, the only double that close to it is the correctly rounded one,
 * so pow returns exactly that.  x * x and sqrt(x) are correctly rounded, and
 * their exact error is one more operation (x * x - hi with an exact product,
 * x - s * s for sqrt), so the distance to the midpoint is known exactly.  The
 * fast path returns the rounded value only when that distance exceeds the
 * margin, the result is within the range, and it is not a power of two (where
 * the ULP below is half the ULP above); everything else (about 3% of calls,
 * and 0, subnormals, infinities, NaN, which go through py_pow) calls pow.
 * x ** 1.0 is x itself: any double other than x is at least 1 ULP from it.
 *
 * The assumption is checked once, at the first use: glibc 2.28 or newer, and
 * a self-test of inputs that sit right at the margin (the hardest the fast
 * path accepts) against pow.  If either fails, every call is plain pow.
 * The environment variable MICROGPT_POW picks a mode: `libm` (always pow),
 * `verify` (the fast path, every result also computed with pow and compared;
 * see fastpow_stats), anything else or unset: the fast path. */
#ifndef MICROGPT_FASTPOW_H
#define MICROGPT_FASTPOW_H

#include <stdint.h>
#include <string.h>

#include "core/pymath.h"

/* The results taken on the fast path have an exponent in [-R, R]. */
#define FASTPOW_RANGE 128
/* pow's documented error beyond 0.5 ULP in that range: 0.011 + 129 * log(2) * 1.5 * 2^-15. */
#define FASTPOW_BOUND 0.0151
/* The distance from a midpoint, in ULP, beyond which the fast path answers:
 * the bound with about 15% to spare. */
#define FASTPOW_MARGIN 0.0175

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

/* 1 if r (> 0) is in the fast path's range and not a power of two. */
static inline int fastpow_in_range(uint64_t rb)
{
    const uint64_t e = rb >> 52; /* biased exponent (r is positive) */
    return e - (uint64_t)(1023 - FASTPOW_RANGE) <= 2 * FASTPOW_RANGE && (rb & 0xfffffffffffffull) != 0;
}

/* The threshold for |exact - rounded|: (1/2 - margin) ULP of r. */
static inline double fastpow_threshold(uint64_t rb, double r)
{
    const double ulp = fastpow_double(rb + 1) - r; /* exact: neighbouring doubles */
    return (0.5 - FASTPOW_MARGIN) * ulp;
}

/* Dekker's exact product without FMA: a * a = hi + lo exactly (-ffp-contract=off
 * keeps each operation as written; no overflow or underflow in the range). */
static inline double fastpow_sq_lo(double a, double hi)
{
    const double c = 134217729.0 * a; /* 2^27 + 1: Veltkamp's split */
    const double ah = c - (c - a), al = a - ah;
    return ((ah * ah - hi) + 2.0 * (ah * al)) + al * al;
}

/* x ** 2.0 for x >= 0 on the fast path: 1 and *out, or 0 (use pow). */
static inline int fastpow_sq_fast(double x, double *out)
{
    const double hi = x * x;
    const uint64_t hb = fastpow_bits(hi);
    if (!fastpow_in_range(hb))
        return 0;
    const double lo = fastpow_sq_lo(x, hi);
    if (!(__builtin_fabs(lo) < fastpow_threshold(hb, hi)))
        return 0;
    *out = hi;
    return 1;
}

/* x ** 0.5 for x >= 0 on the fast path: 1 and *out, or 0 (use pow). */
static inline int fastpow_sqrt_fast(double x, double *out)
{
    const double s = __builtin_sqrt(x);
    const uint64_t sb = fastpow_bits(s);
    if (!fastpow_in_range(sb))
        return 0;
    /* x - s * s exactly: s * s = ph + pl; x - ph is exact (Sterbenz) and so
     * is the remainder of a correctly rounded square root. */
    const double ph = s * s, pl = fastpow_sq_lo(s, ph);
    const double rem = (x - ph) - pl;
    /* sqrt(x) - s = rem / (sqrt(x) + s), and sqrt(x) + s > 2s(1 - 2^-52):
     * the 1e-9 more margin covers that and the roundings of the threshold. */
    const double thr = (0.5 - FASTPOW_MARGIN - 1e-9) * (fastpow_double(sb + 1) - s) * (2.0 * s);
    if (!(__builtin_fabs(rem) < thr))
        return 0;
    *out = s;
    return 1;
}

/* x ** 1.0 for x >= 0 on the fast path. */
static inline int fastpow_one_fast(double x, double *out)
{
    if (!fastpow_in_range(fastpow_bits(x)))
        return 0;
    *out = x;
    return 1;
}

/* Python's x ** 2.0, x ** 0.5, x ** 1.0 for x >= 0 (or NaN), exactly, in
 * the given mode (fastpow_mode()).  Zero is answered directly, as py_pow
 * does: +0.0 for ** 2.0 and ** 0.5, x itself for ** 1.0. */
static inline double fastpow_sq(double x, FastPowMode mode)
{
    double r;
    if (x == 0.0 && mode != FASTPOW_LIBM)
        return 0.0;
    int fast = mode != FASTPOW_LIBM && fastpow_sq_fast(x, &r);
    if (mode == FASTPOW_VERIFY)
        return fastpow_verify(x, 2.0, fast ? r : 0.0, fast);
    return fast ? r : py_pow(x, 2.0);
}
static inline double fastpow_sqrt(double x, FastPowMode mode)
{
    double r;
    if (x == 0.0 && mode != FASTPOW_LIBM)
        return 0.0;
    int fast = mode != FASTPOW_LIBM && fastpow_sqrt_fast(x, &r);
    if (mode == FASTPOW_VERIFY)
        return fastpow_verify(x, 0.5, fast ? r : 0.0, fast);
    return fast ? r : py_pow(x, 0.5);
}
static inline double fastpow_one(double x, FastPowMode mode)
{
    double r;
    if (x == 0.0 && mode != FASTPOW_LIBM)
        return x;
    int fast = mode != FASTPOW_LIBM && fastpow_one_fast(x, &r);
    if (mode == FASTPOW_VERIFY)
        return fastpow_verify(x, 1.0, fast ? r : 0.0, fast);
    return fast ? r : py_pow(x, 1.0);
}

#endif
