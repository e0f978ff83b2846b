/* fastpow.c: the mode of the fast powers, the start-up check of the libm,
 * and verify mode's counters.  See fastpow.h for the argument. */
#include "core/fastpow.h"

#include <math.h>
#include <stdlib.h>

#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

static int decided;         /* the check has run */
static int libm_ok;         /* ... and passed */
static FastPowMode mode;
static FastPowStats stats;

/* glibc 2.28 brought the pow whose error bound fastpow.h relies on. */
static int glibc_version_ok(void)
{
#ifdef __GLIBC__
    int major = 0, minor = 0;
    const char *v = gnu_get_libc_version();
    char *end;
    major = (int)strtol(v, &end, 10);
    if (*end == '.')
        minor = (int)strtol(end + 1, NULL, 10);
    return major > 2 || (major == 2 && minor >= 28);
#else
    return 0;
#endif
}

/* A deterministic stream of doubles in [1, 2) (xorshift64*), scaled. */
static uint64_t next_u64(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}
static double next_double(uint64_t *s, int exp2)
{
    uint64_t b = ((uint64_t)(1023 + exp2) << 52) | (next_u64(s) >> 12);
    return fastpow_double(b);
}

/* The self-test: 16,000 inputs spread over both ranges (subnormal inputs of
 * x ** 0.5 included); those whose exact power is within the outermost 3% of
 * what the fast path accepts (just beyond the margin from a midpoint: the
 * hardest cases it answers), and one in 64 of the others, must get pow's
 * result.  Returns the number of disagreements (0 when the libm is as
 * documented), or -1 if too few hard cases came up to say. */
static int self_test(void)
{
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    int bad = 0, hard = 0;
    for (int i = 0; i < 16000; i++) {
        const int wide = i % 4 == 0;
        const int span = wide ? FASTPOW_WIDE_RANGE : FASTPOW_RANGE;
        const int e = (int)(next_u64(&seed) % (uint64_t)(span + 1)) - span / 2;
        const double x = next_double(&seed, e);
        const double y = wide && i % 8 == 0 ? fastpow_double(next_u64(&seed) >> 12) /* subnormal */
                                            : next_double(&seed, 2 * e);
        double err, thr, r;
        r = fastpow_sq_parts(x, &err, &thr);
        if (fabs(err) < thr && (fabs(err) > 0.97 * thr || i % 64 == 0)) {
            hard += fabs(err) > 0.97 * thr;
            bad += r != pow(x, 2.0);
        }
        r = fastpow_sqrt_parts(y, &err, &thr);
        if (fabs(err) < thr && (fabs(err) > 0.97 * thr || i % 64 == 0)) {
            hard += fabs(err) > 0.97 * thr;
            bad += r != pow(y, 0.5);
        }
        if (i % 64 == 0 && fastpow_one_fast(x, &r))
            bad += r != pow(x, 1.0);
    }
    return hard >= 400 ? bad : -1;
}

static void decide(void)
{
    if (decided)
        return;
    decided = 1;
    libm_ok = glibc_version_ok() && self_test() == 0;
    const char *env = getenv("MICROGPT_POW");
    if (!libm_ok || (env && strcmp(env, "libm") == 0))
        mode = FASTPOW_LIBM;
    else if (env && strcmp(env, "verify") == 0)
        mode = FASTPOW_VERIFY;
    else
        mode = FASTPOW_FAST;
}

FastPowMode fastpow_mode(void)
{
    decide();
    return mode;
}

int fastpow_libm_ok(void)
{
    decide();
    return libm_ok;
}

int fastpow_set_mode(FastPowMode m)
{
    decide();
    if (m != FASTPOW_LIBM && !libm_ok)
        return -1;
    mode = m;
    return 0;
}

FastPowStats fastpow_stats(void)
{
    return stats;
}

void fastpow_reset_stats(void)
{
    memset(&stats, 0, sizeof stats);
}

void fastpow_verify_outcome(int same)
{
    stats.calls++;
    stats.fast++;
    stats.mismatches += !same;
}

double fastpow_verify(double x, double y, double r, int fast)
{
    const double want = py_pow(x, y);
    stats.calls++;
    if (fast) {
        stats.fast++;
        stats.mismatches += fastpow_bits(r) != fastpow_bits(want);
    }
    return want;
}
