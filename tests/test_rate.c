/* test_rate.c: the speed measured while running (session/rate.h): the
 * meter's windows and its figure over the last two, from given times (the
 * input loop's clock), and the words the status line says it in. */
#include "testutil.h"

#include "session/rate.h"

static void expect_rate(const RateMeter *m, double want)
{
    if (m->rate < want - 1e-9 || m->rate > want + 1e-9)
        fail_msg("rate %.12g, expected %.12g", m->rate, want);
}

/* Windows of at least RATE_WINDOW seconds; the figure is the steps of the
 * last two over their time, and changes only when a window closes. */
static void test_meter_windows(void **state)
{
    (void)state;
    RateMeter m;
    rate_start(&m, 10.0);
    expect_rate(&m, 0);
    assert_int_equal(rate_count(&m, 10.1, 100), 0);     /* no figure before a window */
    assert_int_equal(rate_count(&m, 10.3, 100), 0);
    expect_rate(&m, 0);
    assert_int_equal(rate_count(&m, 10.5, 100), 1);     /* 300 steps in 0.5 s */
    expect_rate(&m, 600);
    assert_int_equal(rate_count(&m, 10.8, 150), 0);     /* the figure holds meanwhile */
    expect_rate(&m, 600);
    assert_int_equal(rate_count(&m, 11.0, 50), 1);      /* (200 + 300) / (0.5 + 0.5) */
    expect_rate(&m, 500);
    assert_int_equal(rate_count(&m, 11.5, 100), 1);     /* the first window is forgotten */
    expect_rate(&m, 300);
    assert_int_equal(rate_count(&m, 13.0, 50), 1);      /* a long step: its whole time counts */
    expect_rate(&m, 150.0 / 2.0);
    assert_int_equal(rate_count(&m, 14.5, 50), 1);      /* (50 + 50) / (1.5 + 1.5) */
    expect_rate(&m, 100.0 / 3.0);
    assert_int_equal(rate_count(&m, 16.0, 50), 0);      /* the same figure: no change */
    expect_rate(&m, 100.0 / 3.0);
}

/* A run paced at a set speed measures that speed; a restart forgets all. */
static void test_meter_paced(void **state)
{
    (void)state;
    RateMeter m;
    rate_start(&m, 100.0);
    int changed = 0;
    for (int i = 1; i <= 40; i++)       /* 20 steps/s: a step every 0.05 s, for 2 s */
        changed += rate_count(&m, 100.0 + 0.05 * i, 1);
    assert_true(changed >= 1 && changed <= 4);      /* at most twice a second */
    if (m.rate < 19.99 || m.rate > 20.01)
        fail_msg("paced at 20 steps/s, measured %.6g", m.rate);
    rate_start(&m, 200.0);
    expect_rate(&m, 0);
    assert_int_equal(rate_count(&m, 200.2, 5), 0);
}

static void expect_text(int speed, double rate, const char *want, const char *brief)
{
    char got[64];
    rate_text(got, sizeof got, speed, rate, 0);
    if (strcmp(got, want) != 0)
        fail_msg("speed %d, rate %g: '%s', expected '%s'", speed, rate, got, want);
    rate_text(got, sizeof got, speed, rate, 1);
    if (strcmp(got, brief) != 0)
        fail_msg("speed %d, rate %g, brief: '%s', expected '%s'", speed, rate, got, brief);
}

/* The words: the setting, or the rate measured where it says more. */
static void test_text(void **state)
{
    (void)state;
    /* max speed: the rate, three significant digits (two below 100) */
    expect_text(0, 0, "max speed", "max speed");
    expect_text(0, 3483.2, "max 3,480 steps/s", "max 3480/s");
    expect_text(0, 3485.0, "max 3,490 steps/s", "max 3490/s");
    expect_text(0, 12345.6, "max 12,300 steps/s", "max 12300/s");
    expect_text(0, 123456.0, "max 123,000 steps/s", "max 123000/s");
    expect_text(0, 999.6, "max 1,000 steps/s", "max 1000/s");
    expect_text(0, 412.4, "max 412 steps/s", "max 412/s");
    expect_text(0, 99.7, "max 100 steps/s", "max 100/s");
    expect_text(0, 87.3, "max 87 steps/s", "max 87/s");
    expect_text(0, 9.87, "max 9.9 steps/s", "max 9.9/s");
    expect_text(0, 0.374, "max 0.37 steps/s", "max 0.37/s");
    /* a set speed: the setting while it is reached (95% of it and more) */
    expect_text(10, 0, "10 steps/s", "10 steps/s");
    expect_text(1, 0, "1 step/s", "1 step/s");
    expect_text(10, 10.2, "10 steps/s", "10 steps/s");
    expect_text(1000, 950.0, "1000 steps/s", "1000 steps/s");
    /* ... and not reached: the rate, said against it */
    expect_text(1000, 949.0, "949 of 1000 steps/s", "only 949/s");
    expect_text(1000, 712.4, "712 of 1000 steps/s", "only 712/s");
    expect_text(1, 0.374, "0.37 of 1 step/s", "only 0.37/s");
    /* a short buffer: cut, ended */
    char small[6];
    rate_text(small, sizeof small, 0, 3483.2, 0);
    assert_string_equal(small, "max 3");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meter_windows),
        cmocka_unit_test(test_meter_paced),
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
