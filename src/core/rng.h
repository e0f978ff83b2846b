/* rng.h: CPython's `random` module, reimplemented bit for bit.
 *
 * MT19937 seeded the way random.seed(int) seeds it, and the few methods the
 * reference uses: random(), getrandbits(), _randbelow(), shuffle(), gauss()
 * (with its cached second value) and choices() with weights.  Pure: no I/O. */
#ifndef MICROGPT_RNG_H
#define MICROGPT_RNG_H

#include <stddef.h>
#include <stdint.h>

#define RNG_N 624

typedef struct {
    uint32_t mt[RNG_N];
    int mti;            /* index of the next word; RNG_N means "refill first" */
    int has_gauss;      /* gauss() keeps its second value for the next call */
    double gauss_next;
} Rng;

/* random.seed(n) for the integer n = sign * magnitude: only |n| matters. */
void rng_seed(Rng *r, uint64_t magnitude);
/* The next tempered 32-bit word (CPython's genrand_uint32). */
uint32_t rng_next32(Rng *r);
/* random.random(): 53 random bits in [0, 1). */
double rng_random(Rng *r);
/* random.getrandbits(k) for 1 <= k <= 32. */
uint32_t rng_getrandbits(Rng *r, int k);
/* random._randbelow(n) for 1 <= n < 2**32: rejection sampling on bit_length(n) bits
 * (so even n == 1 draws words until getrandbits(1) gives 0). */
uint32_t rng_randbelow(Rng *r, uint32_t n);
/* random.shuffle(x) on `count` elements of `size` bytes each (count < 2**32). */
void rng_shuffle(Rng *r, void *base, size_t count, size_t size);
/* random.gauss(mu, sigma), including the cached second value. */
double rng_gauss(Rng *r, double mu, double sigma);
/* random.choices(range(n), weights=w)[0]: running sums left to right, total =
 * cum[n-1] + 0.0, bisect_right over cum[0..n-2] of random() * total.  Spends
 * exactly one random().  Needs n >= 1; Python also demands a positive, finite
 * total (it raises otherwise), which is left to the caller here.
 * `cum` is scratch space for n doubles, left holding the running sums; it may
 * be NULL for n <= 256 (a stack array is used).  Never allocates: with NULL and
 * n > 256 the same sums are recomputed per bisection step, O(n log n). */
size_t rng_choices(Rng *r, const double *weights, size_t n, double *cum);

#endif
