/* test_losscurve.c: the loss of every step reached in bounded memory
 * (core/losscurve.h): a bucket per step up to LOSSCURVE_BUCKETS steps (every
 * loss exact), then buckets of several steps with their min, max, sum and
 * count; NaN and infinite losses counted apart; never more than
 * LOSSCURVE_BUCKETS buckets whatever the number of steps; a branch's copy of
 * the steps before its branch point. */
#include "testutil.h"

static void test_buckets(void **state)
{
    (void)state;
    /* per: the fewest steps that keep 16,384 buckets at most, rounded up to
     * a divisor of 200 (the widest window of the average) or a multiple of
     * it; the window, N / 25 from 5 to 200 (at most N), whole buckets */
    static const struct { int n, per, nb, window; } cases[] = {
        { 1, 1, 1, 1 }, { 3, 1, 3, 3 }, { 130, 1, 130, 5 }, { 500, 1, 500, 20 }, { 1000, 1, 1000, 40 },
        { 16384, 1, 16384, 200 }, { 16385, 2, 8193, 200 }, { 40000, 4, 10000, 200 },
        { 100000, 8, 12500, 200 }, { 1000000, 100, 10000, 200 }, { 3276800, 200, 16384, 200 },
        { 3276801, 400, 8193, 400 }, { 100000000, 6200, 16130, 6200 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        LossCurve c;
        assert_int_equal(losscurve_init(&c, cases[i].n), 0);
        assert_int_equal(c.per, cases[i].per);
        assert_int_equal(c.nbuckets, cases[i].nb);
        assert_int_equal(losscurve_avg_steps(&c), cases[i].window);
        assert_int_equal(losscurve_avg_buckets(&c) * c.per, cases[i].window);
        assert_true(c.nbuckets <= LOSSCURVE_BUCKETS);
        assert_int_equal(losscurve_last(&c, c.nbuckets - 1), cases[i].n - 1);
        assert_int_equal(losscurve_bucket(&c, cases[i].n - 1), c.nbuckets - 1);
        assert_int_equal(losscurve_bytes(&c), 0);   /* nothing until steps come */
        losscurve_free(&c);
    }
}

/* One step per bucket: each loss as it was; non-finite ones counted apart. */
static void test_exact(void **state)
{
    (void)state;
    LossCurve c;
    losscurve_init(&c, 500);
    double ref[500];
    for (int s = 0; s < 500; s++) {
        ref[s] = s == 7 ? NAN : s == 9 ? INFINITY : 3.0 - s * 0.001 + (s % 3) * 0.25;
        assert_int_equal(losscurve_add(&c, s, ref[s]), 0);
    }
    curve_check(&c, ref, 500);
    assert_int_equal(c.b[7].nan, 1);
    assert_int_equal(c.b[7].finite, 0);
    assert_int_equal(c.b[9].inf, 1);
    assert_true(c.b[8].sum == ref[8] && c.b[8].min == ref[8] && c.b[8].max == ref[8]);
    losscurve_free(&c);
}

/* Longer runs: per-bucket min, max, sum in step order and count. */
static void test_grouped(void **state)
{
    (void)state;
    enum { N = 40000 };
    LossCurve c;
    losscurve_init(&c, N);
    assert_int_equal(c.per, 4);
    static double ref[N];
    for (int s = 0; s < N; s++) {
        ref[s] = 2.0 + (double)((s * 7919) % 1000) / 997.0;
        if (s == 12345)
            ref[s] = NAN;
        assert_int_equal(losscurve_add(&c, s, ref[s]), 0);
    }
    curve_check(&c, ref, N);
    const LossBucket *b = &c.b[losscurve_bucket(&c, 12345)];
    assert_int_equal(b->count, 4);
    assert_int_equal(b->finite, 3);
    assert_int_equal(b->nan, 1);
    losscurve_free(&c);
}

/* The bound: whatever the number of steps and however far the run goes, at
 * most LOSSCURVE_BUCKETS buckets are held (640 KB), where a loss per step
 * would take 8 bytes per step reached (800 MB at 100,000,000). */
static void test_bound(void **state)
{
    (void)state;
    static const int sizes[] = { 16384, 16385, 1000000, 100000000 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        LossCurve c;
        losscurve_init(&c, sizes[i]);
        /* a loss in every bucket, and the last step: all the memory it takes */
        for (int k = 0; k < c.nbuckets; k++)
            assert_int_equal(losscurve_add(&c, losscurve_first(&c, k), 3.0), 0);
        assert_int_equal(losscurve_add(&c, sizes[i] - 1, 2.0), 0);
        assert_true(losscurve_bytes(&c) <= (size_t)LOSSCURVE_BUCKETS * sizeof(LossBucket));
        assert_true(losscurve_bytes(&c) <= 640 * 1024);
        assert_int_equal(c.filled, c.nbuckets);
        losscurve_free(&c);
    }
    /* a million steps of a 100,000,000-step run, one by one */
    LossCurve c;
    losscurve_init(&c, 100000000);
    for (int s = 0; s < 1000000; s++)
        assert_int_equal(losscurve_add(&c, s, 1.0 + s % 5), 0);
    assert_int_equal(c.filled, 1000000 / c.per + 1);
    assert_true(losscurve_bytes(&c) <= 256 * sizeof(LossBucket) * 1);   /* 164 buckets, 256 allocated */
    assert_int_equal(c.b[0].count, c.per);
    losscurve_free(&c);
}

/* A branch's copy: the buckets that end before the branch point, and where
 * the branch's own steps begin (the start of the bucket holding it). */
static void test_copy_before(void **state)
{
    (void)state;
    LossCurve src, a, b;
    losscurve_init(&src, 100000);   /* 8 steps a bucket */
    for (int s = 0; s < 1000; s++)
        losscurve_add(&src, s, s * 0.5);
    losscurve_init(&a, 100000);
    assert_int_equal(losscurve_copy_before(&a, &src, 800), 800);
    assert_int_equal(a.filled, 100);
    assert_memory_equal(a.b, src.b, 100 * sizeof *a.b);
    losscurve_init(&b, 100000);
    assert_int_equal(losscurve_copy_before(&b, &src, 803), 800);  /* 800-803 the branch's own */
    assert_int_equal(b.filled, 100);
    LossCurve e;
    losscurve_init(&e, 100000);
    assert_int_equal(losscurve_copy_before(&e, &src, 5), 0);
    assert_int_equal(e.filled, 0);
    losscurve_free(&e);
    losscurve_free(&b);
    losscurve_free(&a);
    losscurve_free(&src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buckets),
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_grouped),
        cmocka_unit_test(test_bound),
        cmocka_unit_test(test_copy_before),
    };
    return cmocka_run_group_tests_name("losscurve", tests, NULL, NULL);
}
