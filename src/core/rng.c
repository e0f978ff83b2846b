/* rng.c: CPython 3.11's Mersenne Twister (Modules/_randommodule.c) and the
 * pure-Python methods of Lib/random.py that the reference calls, line for line. */
#include "core/rng.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#define RNG_M 397
#define RNG_MATRIX_A 0x9908b0dfu
#define RNG_UPPER_MASK 0x80000000u
#define RNG_LOWER_MASK 0x7fffffffu

/* rng_choices keeps its running sums on the stack up to this many weights. */
#define RNG_CHOICES_STACK 256

/* Python's math.tau, which random.py imports as TWOPI: 2 * pi (doubling is exact). */
#define RNG_TWOPI (2.0 * M_PI)

static void init_genrand(Rng *r, uint32_t s)
{
    uint32_t *mt = r->mt;
    mt[0] = s;
    for (int i = 1; i < RNG_N; i++)
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    r->mti = RNG_N;
}

static void init_by_array(Rng *r, const uint32_t *key, int len)
{
    uint32_t *mt = r->mt;
    init_genrand(r, 19650218u);
    int i = 1, j = 0;
    for (int k = RNG_N > len ? RNG_N : len; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= RNG_N) {
            mt[0] = mt[RNG_N - 1];
            i = 1;
        }
        if (j >= len)
            j = 0;
    }
    for (int k = RNG_N - 1; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= RNG_N) {
            mt[0] = mt[RNG_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u; /* MSB is 1, assuring a non-zero initial array */
}

void rng_seed(Rng *r, uint64_t magnitude)
{
    /* The 32-bit words of |n|, least significant first; 0 is the one word [0]. */
    uint32_t key[2] = { (uint32_t)magnitude, (uint32_t)(magnitude >> 32) };
    int len = key[1] != 0 ? 2 : 1;
    init_by_array(r, key, len);
    r->has_gauss = 0;
    r->gauss_next = 0.0;
}

uint32_t rng_next32(Rng *r)
{
    uint32_t *mt = r->mt;
    uint32_t y;

    if (r->mti >= RNG_N) {
        int kk;
        for (kk = 0; kk < RNG_N - RNG_M; kk++) {
            y = (mt[kk] & RNG_UPPER_MASK) | (mt[kk + 1] & RNG_LOWER_MASK);
            mt[kk] = mt[kk + RNG_M] ^ (y >> 1) ^ ((y & 0x1u) ? RNG_MATRIX_A : 0x0u);
        }
        for (; kk < RNG_N - 1; kk++) {
            y = (mt[kk] & RNG_UPPER_MASK) | (mt[kk + 1] & RNG_LOWER_MASK);
            mt[kk] = mt[kk + (RNG_M - RNG_N)] ^ (y >> 1) ^ ((y & 0x1u) ? RNG_MATRIX_A : 0x0u);
        }
        y = (mt[RNG_N - 1] & RNG_UPPER_MASK) | (mt[0] & RNG_LOWER_MASK);
        mt[RNG_N - 1] = mt[RNG_M - 1] ^ (y >> 1) ^ ((y & 0x1u) ? RNG_MATRIX_A : 0x0u);
        r->mti = 0;
    }

    y = mt[r->mti++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= (y >> 18);
    return y;
}

double rng_random(Rng *r)
{
    /* parity: two calls in this order (a first), then CPython's exact expression. */
    uint32_t a = rng_next32(r) >> 5, b = rng_next32(r) >> 6;
    return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}

uint32_t rng_getrandbits(Rng *r, int k)
{
    assert(k >= 1 && k <= 32);
    return rng_next32(r) >> (32 - k);
}

uint32_t rng_randbelow(Rng *r, uint32_t n)
{
    assert(n >= 1);
    int k = 0; /* n.bit_length() */
    for (uint32_t t = n; t != 0; t >>= 1)
        k++;
    uint32_t v = rng_getrandbits(r, k);
    while (v >= n)
        v = rng_getrandbits(r, k);
    return v;
}

/* Exchange two distinct `size`-byte elements through a small stack buffer. */
static void swap_bytes(unsigned char *a, unsigned char *b, size_t size)
{
    unsigned char tmp[64];
    while (size > 0) {
        size_t chunk = size < sizeof tmp ? size : sizeof tmp;
        memcpy(tmp, a, chunk);
        memcpy(a, b, chunk);
        memcpy(b, tmp, chunk);
        a += chunk;
        b += chunk;
        size -= chunk;
    }
}

void rng_shuffle(Rng *r, void *base, size_t count, size_t size)
{
    unsigned char *x = base;
    assert(count <= (size_t)UINT32_MAX);
    for (size_t i = count > 0 ? count - 1 : 0; i >= 1; i--) {
        size_t j = rng_randbelow(r, (uint32_t)(i + 1));
        /* Python's x[i], x[j] = x[j], x[i] is a no-op when j == i. */
        if (j != i)
            swap_bytes(x + i * size, x + j * size, size);
    }
}

double rng_gauss(Rng *r, double mu, double sigma)
{
    double z = r->gauss_next;
    int have = r->has_gauss;
    r->has_gauss = 0;
    r->gauss_next = 0.0;
    if (!have) {
        /* parity: random() * TWOPI, then the second random() inside the log, as random.py. */
        double x2pi = rng_random(r) * RNG_TWOPI;
        double g2rad = sqrt(-2.0 * log(1.0 - rng_random(r)));
        z = cos(x2pi) * g2rad;
        r->gauss_next = sin(x2pi) * g2rad;
        r->has_gauss = 1;
    }
    /* parity: mu + (z * sigma), never fused. */
    return mu + z * sigma;
}

/* bisect.bisect_right(a, x, lo, hi) with a[mid] read through `cum` if given,
 * else recomputed as the same left-to-right running sum of `w`. */
static size_t bisect_right(const double *cum, const double *w, double x, size_t lo, size_t hi)
{
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        double a_mid;
        if (cum) {
            a_mid = cum[mid];
        } else {
            a_mid = w[0];
            for (size_t i = 1; i <= mid; i++)
                a_mid = a_mid + w[i]; /* parity: accumulate() order */
        }
        if (x < a_mid)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

size_t rng_choices(Rng *r, const double *weights, size_t n, double *cum)
{
    assert(n >= 1);
    double stack_cum[RNG_CHOICES_STACK];
    const double *sums = NULL;
    double last;

    if (!cum && n <= RNG_CHOICES_STACK)
        cum = stack_cum;
    if (cum) {
        /* parity: itertools.accumulate: cum[i] = cum[i-1] + w[i], left to right. */
        cum[0] = weights[0];
        for (size_t i = 1; i < n; i++)
            cum[i] = cum[i - 1] + weights[i];
        last = cum[n - 1];
        sums = cum;
    } else {
        /* No scratch and too many weights for the stack: same sums, not stored. */
        last = weights[0];
        for (size_t i = 1; i < n; i++)
            last = last + weights[i]; /* parity: accumulate() order */
    }
    /* parity: total = cum_weights[-1] + 0.0 (turns -0.0 into 0.0). */
    double total = last + 0.0;
    /* parity: random() * total, then bisect(cum_weights, ., 0, n - 1). */
    double x = rng_random(r) * total;
    return bisect_right(sums, weights, x, 0, n - 1);
}
