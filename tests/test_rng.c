/* test_rng.c: src/rng.c against CPython 3.11's `random`, bit for bit.
 *
 * Every expected value below was printed by python3 (CPython 3.11.7) with
 * repr(); the comment above each vector is the expression that produced it,
 * with r = random.Random(seed). */
#include "testutil.h"

#include "core/rng.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Generator states are equal when the words, the index and the gauss cache are. */
static void assert_same_state(const Rng *a, const Rng *b)
{
    assert_memory_equal(a->mt, b->mt, sizeof a->mt);
    assert_int_equal(a->mti, b->mti);
    assert_int_equal(a->has_gauss, b->has_gauss);
    if (a->has_gauss)
        assert_bits_equal(a->gauss_next, b->gauss_next);
}

static void test_seed42_state(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 42);
    /* st = random.Random(42).getstate(); st[1][0], st[1][1], st[1][2], st[1][311], st[1][623], st[1][624] */
    assert_int_equal(r.mt[0], 2147483648u);
    assert_int_equal(r.mt[1], 3564348608u);
    assert_int_equal(r.mt[2], 1266698288u);
    assert_int_equal(r.mt[311], 3918217378u);
    assert_int_equal(r.mt[623], 3831079317u);
    assert_int_equal(r.mti, 624);
    assert_int_equal(r.has_gauss, 0);
}

static void test_seed42_random(void **state)
{
    (void)state;
    /* [r.random() for _ in range(6)] with r = random.Random(42) */
    static const double want[] = {
        0.6394267984578837, 0.025010755222666936, 0.27502931836911926,
        0.22321073814882275, 0.7364712141640124, 0.6766994874229113,
    };
    Rng r;
    rng_seed(&r, 42);
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        assert_bits_equal(rng_random(&r), want[i]);
}

static void test_seed42_next32(void **state)
{
    (void)state;
    /* [r.getrandbits(32) for _ in range(6)] with r = random.Random(42) */
    static const uint32_t want[] = { 2746317213u, 478163327u, 107420369u,
                                     3184935163u, 1181241943u, 1051802512u };
    Rng r, s;
    rng_seed(&r, 42);
    rng_seed(&s, 42);
    for (size_t i = 0; i < ARRAY_LEN(want); i++) {
        assert_int_equal(rng_getrandbits(&r, 32), want[i]);
        assert_int_equal(rng_next32(&s), want[i]);
    }
}

static void test_seed42_first_refill(void **state)
{
    (void)state;
    /* [r.getrandbits(32) for _ in range(623)]; [r.getrandbits(32) for _ in range(4)]
     * with r = random.Random(42): words 624..627, across the first refill. */
    static const uint32_t want[] = { 2929454134u, 1071722055u, 2864457210u, 441495235u };
    Rng r;
    rng_seed(&r, 42);
    for (int i = 0; i < 623; i++)
        rng_next32(&r);
    assert_int_equal(r.mti, 623);
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        assert_int_equal(rng_next32(&r), want[i]);
    assert_int_equal(r.mti, 3);
}

static void test_seed42_long_run(void **state)
{
    (void)state;
    /* [r.random() for _ in range(999)]; [r.random() for _ in range(6)] with
     * r = random.Random(42): the 1000th..1005th values, three refills in. */
    static const double want[] = {
        0.8554501933059546, 0.09935462460613032, 0.6856802654812854,
        0.5444658614821449, 0.9778425294520467, 0.35867384121231793,
    };
    Rng r;
    rng_seed(&r, 42);
    for (int i = 0; i < 999; i++)
        rng_random(&r);
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        assert_bits_equal(rng_random(&r), want[i]);
}

static void test_other_seeds(void **state)
{
    (void)state;
    /* [random.Random(seed).random() ... three values] for each seed below
     * (2**32 and up make a two-word key; random.Random(-42) equals Random(42)). */
    static const struct { uint64_t seed; double want[3]; } cases[] = {
        { 0u, { 0.8444218515250481, 0.7579544029403025, 0.420571580830845 } },
        { 1u, { 0.13436424411240122, 0.8474337369372327, 0.763774618976614 } },
        { 123456789u, { 0.6414006161858726, 0.5421892680969495, 0.9931750662832721 } },
        { 4294967295u /* 2**32-1 */, { 0.6353574441341173, 0.20319993954407756, 0.6073666030347188 } },
        { 4294967296u /* 2**32 */, { 0.11299430095636409, 0.41782886486292836, 0.0166763664992291 } },
        { 9223372036854775813u /* 2**63+5 */, { 0.3442386103531446, 0.4613981665936734, 0.10248021807011609 } },
        { 18446744073709551615u /* 2**64-1 */, { 0.021825695401270107, 0.3380953268613758, 0.21196748656082065 } },
        { 42u /* |-42| */, { 0.6394267984578837, 0.025010755222666936, 0.27502931836911926 } },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        Rng r;
        rng_seed(&r, cases[c].seed);
        for (int i = 0; i < 3; i++)
            assert_bits_equal(rng_random(&r), cases[c].want[i]);
    }
}

static void test_getrandbits(void **state)
{
    (void)state;
    /* [r.getrandbits(k) for k in [1, 2, 3, 7, 8, 16, 17, 31, 32, 5]]; r.random()
     * with r = random.Random(7) */
    static const int ks[] = { 1, 2, 3, 7, 8, 16, 17, 31, 32, 5 };
    static const uint32_t want[] = { 0u, 3u, 1u, 50u, 166u, 3164u, 9494u,
                                     1763673106u, 2301595691u, 3u };
    Rng r;
    rng_seed(&r, 7);
    for (size_t i = 0; i < ARRAY_LEN(ks); i++)
        assert_int_equal(rng_getrandbits(&r, ks[i]), want[i]);
    assert_bits_equal(rng_random(&r), 0.36568891691258554);
}

static void test_randbelow(void **state)
{
    (void)state;
    /* [r._randbelow(n) for n in ns]; r.random() with r = random.Random(42) and
     * ns = [1, 2, 3, 4, 5, 8, 10, 16, 27, 100, 1000, 1024, 2**31, 2**31+1, 2**32-1, 1, 7] */
    static const uint32_t ns[] = { 1u, 2u, 3u, 4u, 5u, 8u, 10u, 16u, 27u, 100u, 1000u, 1024u,
                                   2147483648u, 2147483649u, 4294967295u, 1u, 7u };
    static const uint32_t want[] = { 0u, 0u, 2u, 2u, 1u, 3u, 2u, 3u, 21u, 94u, 913u, 178u,
                                     1812140441u, 136505587u, 127978094u, 0u, 1u };
    Rng r;
    rng_seed(&r, 42);
    for (size_t i = 0; i < ARRAY_LEN(ns); i++)
        assert_int_equal(rng_randbelow(&r, ns[i]), want[i]);
    assert_bits_equal(rng_random(&r), 0.2326608933907396);
}

static void test_randbelow_one_rejects(void **state)
{
    (void)state;
    /* _randbelow(1) draws getrandbits(1) until it is 0, so it spends words:
     * r._randbelow(1); r.getstate()[1][624], r.random() with r = random.Random(seed) */
    static const struct { uint64_t seed; int words; double next; } cases[] = {
        { 1, 1, 0.5692038748222122 },
        { 5, 2, 0.7417869892607294 },
        { 2, 5, 0.09158478740507359 },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        Rng r, twin;
        rng_seed(&r, cases[c].seed);
        rng_seed(&twin, cases[c].seed);
        assert_int_equal(rng_randbelow(&r, 1), 0);
        assert_int_equal(r.mti, cases[c].words);
        for (int i = 0; i < cases[c].words; i++)
            rng_next32(&twin);
        assert_same_state(&r, &twin);
        assert_bits_equal(rng_random(&r), cases[c].next);
    }
}

static void test_shuffle10(void **state)
{
    (void)state;
    /* x = list(range(10)); r.shuffle(x); x, r.random() with r = random.Random(42) */
    static const int want[10] = { 7, 3, 2, 8, 5, 6, 9, 4, 0, 1 };
    int x[10];
    for (int i = 0; i < 10; i++)
        x[i] = i;
    Rng r;
    rng_seed(&r, 42);
    rng_shuffle(&r, x, 10, sizeof x[0]);
    assert_memory_equal(x, want, sizeof want);
    assert_bits_equal(rng_random(&r), 0.5904925124490397);
}

static void test_shuffle1000(void **state)
{
    (void)state;
    /* x = list(range(1000)); r.shuffle(x); [x[p] for p in pos],
     * sum(i * v for i, v in enumerate(x)), r.random() with r = random.Random(42) */
    static const size_t pos[] = { 0, 1, 2, 3, 499, 500, 997, 998, 999 };
    static const uint32_t want[] = { 776, 507, 895, 922, 442, 927, 25, 114, 654 };
    uint32_t x[1000];
    for (uint32_t i = 0; i < 1000; i++)
        x[i] = i;
    Rng r;
    rng_seed(&r, 42);
    rng_shuffle(&r, x, 1000, sizeof x[0]);
    for (size_t i = 0; i < ARRAY_LEN(pos); i++)
        assert_int_equal(x[pos[i]], want[i]);
    uint64_t weighted = 0;
    for (uint64_t i = 0; i < 1000; i++)
        weighted += i * x[i];
    assert_int_equal(weighted, 250181598u);
    assert_bits_equal(rng_random(&r), 0.40851757266002664);
}

/* x = list(range(37)); r.shuffle(x); x, r.random() with r = random.Random(3) */
static const int perm37[37] = { 5, 9, 16, 3, 11, 18, 32, 14, 13, 1, 29, 33, 28, 2, 10, 24, 31, 12, 21,
                                20, 25, 27, 22, 6, 7, 17, 35, 36, 26, 0, 19, 4, 30, 23, 8, 34, 15 };
static const double after37 = 0.7141294836112025;

static void test_shuffle_struct8(void **state)
{
    (void)state;
    typedef struct { int32_t id; float tag; } Item;
    _Static_assert(sizeof(Item) == 8, "Item is 8 bytes");
    Item x[37];
    for (int i = 0; i < 37; i++)
        x[i] = (Item){ i, (float)i * 0.5f };
    Rng r;
    rng_seed(&r, 3);
    rng_shuffle(&r, x, 37, sizeof x[0]);
    for (int i = 0; i < 37; i++) {
        assert_int_equal(x[i].id, perm37[i]);
        assert_true(x[i].tag == (float)perm37[i] * 0.5f);
    }
    assert_bits_equal(rng_random(&r), after37);
}

static void test_shuffle_struct_large(void **state)
{
    (void)state;
    /* 100-byte elements: wider than the swap buffer, so swapped in pieces. */
    typedef struct { unsigned char b[100]; } Big;
    static Big x[37];
    for (int i = 0; i < 37; i++)
        for (int k = 0; k < 100; k++)
            x[i].b[k] = (unsigned char)(i * 7 + k);
    Rng r;
    rng_seed(&r, 3);
    rng_shuffle(&r, x, 37, sizeof x[0]);
    for (int i = 0; i < 37; i++)
        for (int k = 0; k < 100; k++)
            assert_int_equal(x[i].b[k], (unsigned char)(perm37[i] * 7 + k));
    assert_bits_equal(rng_random(&r), after37);
}

static void test_shuffle_short(void **state)
{
    (void)state;
    /* x = [0]; r.shuffle(x); r.random() with r = random.Random(42): nothing drawn. */
    int one = 9;
    Rng r;
    rng_seed(&r, 42);
    rng_shuffle(&r, &one, 1, sizeof one);
    rng_shuffle(&r, NULL, 0, sizeof one);
    assert_int_equal(one, 9);
    assert_bits_equal(rng_random(&r), 0.6394267984578837);
}

static void test_gauss_odd_count(void **state)
{
    (void)state;
    /* [r.gauss(0, 0.02) for _ in range(5)]; r.random() with r = random.Random(42):
     * the fifth value leaves its pair cached, which random() does not touch. */
    static const double want[] = {
        -0.002881806591558567, -0.0034580720066303863, -0.0022263172313532493,
        0.014039674501977262, -0.0025517656756577417,
    };
    Rng r;
    rng_seed(&r, 42);
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        assert_bits_equal(rng_gauss(&r, 0.0, 0.02), want[i]);
    assert_int_equal(r.has_gauss, 1);
    assert_bits_equal(rng_random(&r), 0.8921795677048454);
}

static void test_gauss_interleaved(void **state)
{
    (void)state;
    /* [r.gauss(0, 0.02), r.random(), r.gauss(0, 0.02), r.random(), r.gauss(0, 0.02),
     *  r.gauss(0, 0.02), r.gauss(0, 0.02), r.random()] with r = random.Random(42) */
    Rng r;
    rng_seed(&r, 42);
    assert_bits_equal(rng_gauss(&r, 0.0, 0.02), -0.002881806591558567);
    assert_bits_equal(rng_random(&r), 0.27502931836911926);
    assert_bits_equal(rng_gauss(&r, 0.0, 0.02), -0.0034580720066303863);
    assert_bits_equal(rng_random(&r), 0.22321073814882275);
    assert_bits_equal(rng_gauss(&r, 0.0, 0.02), -0.0025517656756577417);
    assert_bits_equal(rng_gauss(&r, 0.0, 0.02), -0.02994706828681915);
    assert_bits_equal(rng_gauss(&r, 0.0, 0.02), 0.006646366881354305);
    assert_bits_equal(rng_random(&r), 0.4219218196852704);
}

static void test_gauss_mu_sigma(void **state)
{
    (void)state;
    /* [r.gauss(1.5, 3.0) for _ in range(3)] + [r.gauss(-2.0, 0.5)] with
     * r = random.Random(9): the cached value is scaled by the later call's mu, sigma. */
    Rng r;
    rng_seed(&r, 9);
    assert_bits_equal(rng_gauss(&r, 1.5, 3.0), -1.322270652085463);
    assert_bits_equal(rng_gauss(&r, 1.5, 3.0), 2.168059019264953);
    assert_bits_equal(rng_gauss(&r, 1.5, 3.0), 5.380432083696295);
    assert_bits_equal(rng_gauss(&r, -2.0, 0.5), -1.2326749833791608);
}

static void test_seed_clears_gauss(void **state)
{
    (void)state;
    /* r = random.Random(42); r.gauss(0, 1); r.seed(42); r.gauss(0, 0.02) */
    Rng r;
    rng_seed(&r, 42);
    rng_gauss(&r, 0.0, 1.0);
    assert_int_equal(r.has_gauss, 1);
    rng_seed(&r, 42);
    assert_int_equal(r.has_gauss, 0);
    assert_bits_equal(rng_gauss(&r, 0.0, 0.02), -0.002881806591558567);
}

/* Draw `count` choices, checking each index and that each draw spends exactly
 * one random() (a twin generator does just that and must stay in step). */
static void check_choices(uint64_t seed, const double *w, size_t n, const size_t *want,
                          size_t count, double next, int use_scratch)
{
    Rng r, twin;
    rng_seed(&r, seed);
    rng_seed(&twin, seed);
    double scratch[512];
    assert_true(n <= ARRAY_LEN(scratch));
    for (size_t i = 0; i < count; i++) {
        size_t got = rng_choices(&r, w, n, use_scratch ? scratch : NULL);
        if (got != want[i])
            fail_msg("seed %llu draw %zu: got %zu, want %zu", (unsigned long long)seed, i,
                     got, want[i]);
        rng_random(&twin);
        assert_same_state(&r, &twin);
    }
    assert_bits_equal(rng_random(&r), next);
}

static void test_choices_small(void **state)
{
    (void)state;
    /* [r.choices(range(len(w)), weights=w)[0] for _ in range(16)]; r.random()
     * with r = random.Random(seed), for each (seed, w) below. */
    static const struct {
        uint64_t seed;
        size_t n;
        double w[5];
        size_t want[16];
        double next;
    } cases[] = {
        { 1, 4, { 1.0, 2.0, 3.0, 4.0 },
          { 1, 3, 3, 1, 2, 2, 3, 3, 0, 0, 3, 2, 3, 0, 2, 3 }, 0.22876222127045265 },
        { 2, 5, { 0.1, 0.0, 0.2, 0.0, 0.7 },
          { 4, 4, 0, 0, 4, 4, 4, 4, 4, 4, 4, 2, 4, 4, 4, 4 }, 0.9493954730932436 },
        { 3, 3, { 0.0, 0.0, 1.0 },
          { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, 0.6348606582851885 },
        { 4, 3, { 1.0, 0.0, 0.0 },
          { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0.8289200487784194 },
        { 5, 4, { 0.0, 0.0, 5.0, 0.0 },
          { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, 0.013114189588902203 },
        { 6, 1, { 2.5 },
          { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0.1929848757640874 },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        check_choices(cases[c].seed, cases[c].w, cases[c].n, cases[c].want, 16, cases[c].next, 1);
        check_choices(cases[c].seed, cases[c].w, cases[c].n, cases[c].want, 16, cases[c].next, 0);
    }
}

static void test_choices_softmax27(void **state)
{
    (void)state;
    /* logits = [math.sin(i * 1.7) * 2.0 for i in range(27)]; m = max(logits);
     * e = [math.exp(l - m) for l in logits]; s = sum(e); p = [x / s for x in e] */
    static const double p[27] = {
        0.01644034177933842, 0.11947029939042825, 0.009861674431698678, 0.002580824223154415,
        0.04416642482958552, 0.08118353081787257, 0.004055154563953975, 0.004775334168592641,
        0.09165777539676269, 0.03635091316676653, 0.0024035413088249703, 0.012203711506055995,
        0.12142830170756258, 0.01322970907463071, 0.0023540595065378992, 0.03371203471973392,
        0.09541962806529138, 0.005096038631347498, 0.0038305815915588457, 0.07719957547922543,
        0.047365946922112254, 0.002665535126088294, 0.009119317592554544, 0.11802999375027559,
        0.017834320049989034, 0.0022424413767020398, 0.02532299082335537,
    };
    /* [r.choices(range(27), weights=p)[0] for _ in range(20)]; r.random() with r = random.Random(42) */
    static const size_t want[20] = { 16, 1, 6, 5, 19, 16, 23, 1, 11, 1,
                                     5, 12, 1, 5, 16, 12, 5, 15, 20, 0 };
    check_choices(42, p, 27, want, 20, 0.8058192518328079, 1);
    check_choices(42, p, 27, want, 20, 0.8058192518328079, 0);
}

static void test_choices_300(void **state)
{
    (void)state;
    /* w = [((i * 37) % 11) * 0.25 for i in range(300)];
     * [r.choices(range(300), weights=w)[0] for _ in range(12)]; r.random() with r = random.Random(11).
     * Without scratch, 300 weights exceed the stack array: the unstored path must agree. */
    static double w[300];
    for (int i = 0; i < 300; i++)
        w[i] = (double)((i * 37) % 11) * 0.25;
    static const size_t want[12] = { 136, 168, 277, 140, 152, 175, 56, 153, 189, 238, 29, 92 };
    check_choices(11, w, 300, want, 12, 0.0906705374918394, 1);
    check_choices(11, w, 300, want, 12, 0.0906705374918394, 0);
}

static void test_choices_boundary_is_right(void **state)
{
    (void)state;
    /* u = random.Random(42).random() = 0.6394267984578837; 1.0 - u = 0.36057320154211625
     * and u + (1.0 - u) == 1.0, so random() * total lands exactly on cum[0]:
     * random.Random(42).choices(range(2), weights=[u, 1.0 - u])[0] == 1 (bisect_right). */
    const double w[2] = { 0.6394267984578837, 0.36057320154211625 };
    Rng r;
    rng_seed(&r, 42);
    assert_int_equal(rng_choices(&r, w, 2, NULL), 1);
    /* One ulp more in front: w0 = math.nextafter(u, 1.0) = 0.6394267984578839, the
     * total is still 1.0 and u < w0, so
     * random.Random(42).choices(range(2), weights=[w0, 1.0 - u])[0] == 0. */
    const double up[2] = { 0.6394267984578839, 0.36057320154211625 };
    rng_seed(&r, 42);
    assert_int_equal(rng_choices(&r, up, 2, NULL), 0);
}

static void test_choices_fills_scratch(void **state)
{
    (void)state;
    /* list(itertools.accumulate([0.1, 0.2, 0.3])) */
    const double w[3] = { 0.1, 0.2, 0.3 };
    double cum[3] = { -1.0, -1.0, -1.0 };
    Rng r;
    rng_seed(&r, 1);
    rng_choices(&r, w, 3, cum);
    assert_bits_equal(cum[0], 0.1);
    assert_bits_equal(cum[1], 0.30000000000000004);
    assert_bits_equal(cum[2], 0.6000000000000001);
}

static void test_training_prefix_state(void **state)
{
    (void)state;
    /* r = random.Random(42); x = list(range(32033)); r.shuffle(x);
     * [r.gauss(0, 0.08) for _ in range(4064)]; x[:5], x[-3:], r.random() */
    static uint32_t x[32033];
    for (uint32_t i = 0; i < 32033; i++)
        x[i] = i;
    Rng r;
    rng_seed(&r, 42);
    rng_shuffle(&r, x, 32033, sizeof x[0]);
    static const uint32_t head[5] = { 26785, 23366, 20900, 29382, 25333 };
    static const uint32_t tail[3] = { 819, 3648, 20952 };
    assert_memory_equal(x, head, sizeof head);
    assert_memory_equal(x + 32033 - 3, tail, sizeof tail);
    for (int i = 0; i < 4064; i++)
        rng_gauss(&r, 0.0, 0.08);
    assert_int_equal(r.has_gauss, 0);
    assert_bits_equal(rng_random(&r), 0.6805459378000519);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed42_state),
        cmocka_unit_test(test_seed42_random),
        cmocka_unit_test(test_seed42_next32),
        cmocka_unit_test(test_seed42_first_refill),
        cmocka_unit_test(test_seed42_long_run),
        cmocka_unit_test(test_other_seeds),
        cmocka_unit_test(test_getrandbits),
        cmocka_unit_test(test_randbelow),
        cmocka_unit_test(test_randbelow_one_rejects),
        cmocka_unit_test(test_shuffle10),
        cmocka_unit_test(test_shuffle1000),
        cmocka_unit_test(test_shuffle_struct8),
        cmocka_unit_test(test_shuffle_struct_large),
        cmocka_unit_test(test_shuffle_short),
        cmocka_unit_test(test_gauss_odd_count),
        cmocka_unit_test(test_gauss_interleaved),
        cmocka_unit_test(test_gauss_mu_sigma),
        cmocka_unit_test(test_seed_clears_gauss),
        cmocka_unit_test(test_choices_small),
        cmocka_unit_test(test_choices_softmax27),
        cmocka_unit_test(test_choices_300),
        cmocka_unit_test(test_choices_boundary_is_right),
        cmocka_unit_test(test_choices_fills_scratch),
        cmocka_unit_test(test_training_prefix_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
