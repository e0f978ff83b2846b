/* test_fastpow.c: the exact fast powers (core/fastpow) and the Adam kernels
 * built on them: Python's own results where libm's pow is not the correctly
 * rounded value, special values, a few hundred thousand inputs against pow,
 * verify mode's counts, and the AVX2 and portable Adam kernels against plain
 * pow, bit for bit. */
#include "testutil.h"

#include <math.h>

#include "core/adam.h"
#include "core/fastpow.h"
#include "core/simd.h"

static double hex(const char *s) { return strtod(s, NULL); }

/* CPython 3.11 on this machine: x ** 0.5 != math.sqrt(x) and x ** 2.0 != x * x
 * for these x (glibc's pow is not correctly rounded there): the fast path
 * must leave them to pow and so return Python's value. */
static void test_python_vectors(void **state)
{
    (void)state;
    static const char *const root[][2] = {
        { "0x1.bfbc3b66808a5p-11", "0x1.deca66804a54ep-6" },
        { "0x1.1c11da60ddbe1p-13", "0x1.7d5eee615cba6p-7" },
        { "0x1.55d141d78f3e2p-11", "0x1.a257b355a93a5p-6" },
        { "0x1.8b6a1b72926d4p-11", "0x1.c1f26827ed777p-6" },
    };
    static const char *const square[][2] = {
        { "0x1.99650a4d66a1fp-1", "0x1.475a016639b74p-1" },
        { "0x1.e26f2b37f3ed1p-1", "0x1.c69367829a2d0p-1" },
        { "0x1.68df79653f949p-3", "0x1.fcb548817ac78p-6" },
        { "0x1.a343f021d4315p-6", "0x1.5753bb0b27c6fp-11" },
    };
    assert_int_equal(fastpow_set_mode(FASTPOW_FAST), 0);
    for (int i = 0; i < 4; i++) {
        double r;
        assert_false(fastpow_sqrt_fast(hex(root[i][0]), &r));
        assert_bits_equal(fastpow_sqrt(hex(root[i][0]), FASTPOW_FAST), hex(root[i][1]));
        assert_true(sqrt(hex(root[i][0])) != hex(root[i][1]));
        assert_false(fastpow_sq_fast(hex(square[i][0]), &r));
        assert_bits_equal(fastpow_sq(hex(square[i][0]), FASTPOW_FAST), hex(square[i][1]));
        assert_true(hex(square[i][0]) * hex(square[i][0]) != hex(square[i][1]));
    }
}

/* Zero, signed zero, subnormals, powers of two, infinities and NaN: as py_pow. */
static void test_special_values(void **state)
{
    (void)state;
    const double xs[] = { 0.0, -0.0, 1.0, 2.0, 0.5, 0x1p-1074, 0x1p-1022, 0x1.8p-1030, 0x1p-600, 0x1.3p700,
                          1e300, INFINITY, NAN, 3.0, 1e-10 };
    const FastPowMode modes[] = { FASTPOW_FAST, FASTPOW_VERIFY, FASTPOW_LIBM };
    for (size_t m = 0; m < 3; m++)
        for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
            const double x = xs[i];
            if (!(x < 0.0) && !signbit(x)) {
                assert_bits_equal(fastpow_sq(x, modes[m]), py_pow(x, 2.0));
                assert_bits_equal(fastpow_sqrt(x, modes[m]), py_pow(x, 0.5));
            }
            assert_bits_equal(fastpow_one(x, modes[m]), py_pow(x, 1.0));
        }
    /* -0.0 (|g| never is, but v_hat ** 0.5 of a -0.0 would be): Python gives +0.0 */
    assert_bits_equal(fastpow_sqrt(-0.0, FASTPOW_FAST), 0.0);
    assert_bits_equal(fastpow_sq(-0.0, FASTPOW_FAST), 0.0);
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

/* 300,000 inputs over and beyond the fast path's range: every result is
 * pow's, and the fast path answers most of them. */
static void test_against_pow(void **state)
{
    (void)state;
    uint64_t seed = 12345;
    long fast = 0, n = 100000;
    for (long i = 0; i < n; i++) {
        const int e = (int)(next(&seed) % 400) - 200;
        const double x = ldexp(1.0 + (double)(next(&seed) >> 11) * 0x1p-53, e);
        double r;
        fast += fastpow_sq_fast(x, &r);
        fast += fastpow_sqrt_fast(x, &r);
        fast += fastpow_one_fast(x, &r);
        if (fastpow_sq(x, FASTPOW_FAST) != pow(x, 2.0) || fastpow_sqrt(x, FASTPOW_FAST) != pow(x, 0.5) ||
            fastpow_one(x, FASTPOW_FAST) != pow(x, 1.0))
            fail_msg("x = %a: a fast power differs from pow", x);
    }
    /* the range covers |exponent| <= 128 of the result: about two thirds of these */
    assert_true(fast > 3 * n * 55 / 100);
}

/* Verify mode counts every nonzero power, and how many took the fast path. */
static void test_verify_counts(void **state)
{
    (void)state;
    assert_int_equal(fastpow_set_mode(FASTPOW_VERIFY), 0);
    fastpow_reset_stats();
    uint64_t seed = 7;
    for (int i = 0; i < 1000; i++) {
        const double x = ldexp(1.0 + (double)(next(&seed) >> 11) * 0x1p-53, (int)(next(&seed) % 40) - 20);
        assert_bits_equal(fastpow_sq(x, FASTPOW_VERIFY), pow(x, 2.0));
        assert_bits_equal(fastpow_sqrt(x, FASTPOW_VERIFY), pow(x, 0.5));
    }
    fastpow_sq(0.0, FASTPOW_VERIFY); /* zero is not a pow call */
    FastPowStats st = fastpow_stats();
    assert_int_equal(st.calls, 2000);
    assert_true(st.fast > 1850 && st.fast < 2000);
    assert_int_equal(st.mismatches, 0);
    /* a wrong fast result is counted, and pow's value is what is used */
    assert_bits_equal(fastpow_verify(3.0, 2.0, nextafter(9.0, 10.0), 1), 9.0);
    assert_int_equal(fastpow_stats().mismatches, 1);
    assert_int_equal(fastpow_set_mode(FASTPOW_FAST), 0);
}

/* The glibc here (2.36) passes the start-up check. */
static void test_libm_check(void **state)
{
    (void)state;
    assert_true(fastpow_libm_ok());
}

/* One Adam update of n parameters with the given kernels and powers. */
static size_t adam_with(SimdLevel level, FastPowMode mode, double *p, double *g, double *m, double *v, size_t n,
                        int step, AdamTrace *tr)
{
    assert_int_equal(simd_set_level(level), 0);
    assert_int_equal(fastpow_set_mode(mode), 0);
    AdamConfig c = { .lr = 0.01, .beta1 = 0.9, .beta2 = 0.95, .eps = 1e-8, .num_steps = 100 };
    return adam_update(&c, step, adam_lr(&c, step), p, g, m, v, n, 37, tr);
}

/* The Adam kernels (AVX2 when the CPU has it, and the portable one, with the
 * fast powers and with plain pow) give the same bits over several steps of
 * random gradients, zeros and tiny values included. */
static void test_adam_kernels_agree(void **state)
{
    (void)state;
    enum { N = 1003, RUNS = 3 };
    const SimdLevel lv[RUNS] = { SIMD_SCALAR, SIMD_SCALAR, SIMD_AVX2 };
    const FastPowMode md[RUNS] = { FASTPOW_LIBM, FASTPOW_FAST, FASTPOW_FAST };
    const int runs = simd_set_level(SIMD_AVX2) == 0 ? RUNS : RUNS - 1;
    double *buf = calloc((size_t)RUNS * 4 * N, sizeof *buf);
    assert_non_null(buf);
    uint64_t seed = 99;
    for (int step = 0; step < 6; step++) {
        double g[N];
        for (size_t i = 0; i < N; i++) {
            const uint64_t r = next(&seed);
            g[i] = r % 7 == 0 ? 0.0 : ldexp((double)(r >> 11) * 0x1p-53 - 0.5, (int)(r % 40) - 30);
        }
        size_t changed[RUNS];
        AdamTrace tr[RUNS];
        for (int k = 0; k < runs; k++) {
            double *p = buf + (size_t)k * 4 * N, *gr = p + N, *m = gr + N, *v = m + N;
            memcpy(gr, g, sizeof g);
            changed[k] = adam_with(lv[k], md[k], p, gr, m, v, N, step, &tr[k]);
            assert_true(changed[k] > N / 2);
        }
        for (int k = 1; k < runs; k++) {
            assert_int_equal(changed[k], changed[0]);
            assert_memory_equal(buf + (size_t)k * 4 * N, buf, 4 * N * sizeof *buf);
            assert_memory_equal(&tr[k], &tr[0], sizeof tr[0]);
        }
    }
    free(buf);
    simd_set_level(SIMD_AVX2);
    assert_int_equal(fastpow_set_mode(FASTPOW_FAST), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_python_vectors),
        cmocka_unit_test(test_special_values),
        cmocka_unit_test(test_against_pow),
        cmocka_unit_test(test_verify_counts),
        cmocka_unit_test(test_libm_check),
        cmocka_unit_test(test_adam_kernels_agree),
    };
    return cmocka_run_group_tests_name("fastpow", tests, NULL, NULL);
}
