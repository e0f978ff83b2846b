/* testutil.h: what every cmocka test file includes. */
#ifndef MICROGPT_TESTUTIL_H
#define MICROGPT_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Every test binary's group runs through test_run_group (the two cmocka
 * macros below are redefined to it), so that any binary can run its tests
 * alone or in another order, to show that none depends on another's
 * leftovers (tests/checks/order.sh, make check-order):
 *   TEST_ONLY=name      only the tests whose name matches (cmocka's filter:
 *                       * and ? as wildcards)
 *   TEST_ORDER=reverse  the tests in the reverse order */
static inline int test_run_group(const char *name, const struct CMUnitTest *tests, size_t n,
                                 CMFixtureFunction setup, CMFixtureFunction teardown)
{
    const char *only = getenv("TEST_ONLY"), *order = getenv("TEST_ORDER");
    if (only && *only)
        cmocka_set_test_filter(only);
    if (!order || strcmp(order, "reverse") != 0)
        return _cmocka_run_group_tests(name, tests, n, setup, teardown);
    struct CMUnitTest *rev = malloc((n ? n : 1) * sizeof *rev);
    if (!rev)
        return 1;
    for (size_t i = 0; i < n; i++)
        rev[i] = tests[n - 1 - i];
    int rc = _cmocka_run_group_tests(name, rev, n, setup, teardown);
    free(rev);
    return rc;
}
#undef cmocka_run_group_tests
#undef cmocka_run_group_tests_name
#define cmocka_run_group_tests(tests, setup, teardown) \
    test_run_group(#tests, tests, sizeof(tests) / sizeof((tests)[0]), setup, teardown)
#define cmocka_run_group_tests_name(name, tests, setup, teardown) \
    test_run_group(name, tests, sizeof(tests) / sizeof((tests)[0]), setup, teardown)

/* 1 in a build with AddressSanitizer (make check-asan): times, memory and
 * address-space limits are then not the program's own. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

/* The program reads a settings file (src/app/config.h): no test may read the
 * developer's.  Every test binary (and the programs it starts) runs with HOME
 * and XDG_CONFIG_HOME in build/test-home, which holds none. */
__attribute__((constructor)) static void testutil_no_settings(void)
{
    char cwd[2048], dir[2100];
    if (!getcwd(cwd, sizeof cwd))
        return;
    snprintf(dir, sizeof dir, "%s/build/test-home", cwd);
    setenv("HOME", dir, 1);
    snprintf(dir, sizeof dir, "%s/build/test-home/.config", cwd);
    setenv("XDG_CONFIG_HOME", dir, 1);
}

/* Bitwise equality of two doubles (so -0.0 != 0.0 and NaN == same NaN). */
static inline int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }
#define assert_bits_equal(a, b) do { double a_ = (a), b_ = (b); \
    if (!same_bits(a_, b_)) fail_msg("%.17g != %.17g", a_, b_); } while (0)

/* The whole file at path, NUL-terminated (its length in *len if given). */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

/* Writes n bytes to path (created or truncated). */
static inline void write_file(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* The names after "sample N: " in the reference's log
 * (tests/golden/reference-default.log), into names[0 .. max); returns how many. */
static inline int reference_samples(char names[][64], int max)
{
    FILE *ref = fopen("tests/golden/reference-default.log", "r");
    assert_non_null(ref);
    char line[256];
    int n = 0;
    while (fgets(line, sizeof line, ref))
        if (strncmp(line, "sample ", 7) == 0) {
            assert_true(n < max);
            line[strcspn(line, "\n")] = '\0';
            snprintf(names[n++], 64, "%s", strchr(line, ':') + 2);
        }
    fclose(ref);
    return n;
}

/* A loss curve (core/losscurve.h) holds exactly the losses ref[0 .. n) of
 * the first n steps and nothing else: per bucket the count, the NaN and
 * infinite ones, and the finite ones' min, max and sum in step order, bit
 * for bit (with one step per bucket: every loss itself). */
#include "core/losscurve.h"
#include <math.h>
static inline void curve_check(const LossCurve *c, const double *ref, int n)
{
    assert_int_equal(c->filled, n > 0 ? losscurve_bucket(c, n - 1) + 1 : 0);
    for (int i = 0; i < c->filled; i++) {
        LossBucket want = { 0 };
        for (int s = losscurve_first(c, i); s <= losscurve_last(c, i) && s < n; s++) {
            want.count++;
            if (isnan(ref[s])) {
                want.nan++;
            } else if (isinf(ref[s])) {
                want.inf++;
            } else {
                if (!want.finite || ref[s] < want.min)
                    want.min = ref[s];
                if (!want.finite || ref[s] > want.max)
                    want.max = ref[s];
                want.sum += ref[s];
                want.finite++;
            }
        }
        const LossBucket *b = &c->b[i];
        if (b->count != want.count || b->finite != want.finite || b->nan != want.nan || b->inf != want.inf ||
            (want.finite && (memcmp(&b->min, &want.min, sizeof b->min) != 0 ||
                             memcmp(&b->max, &want.max, sizeof b->max) != 0 ||
                             memcmp(&b->sum, &want.sum, sizeof b->sum) != 0)))
            fail_msg("loss curve bucket %d (steps %d-%d) differs", i, losscurve_first(c, i), losscurve_last(c, i));
    }
}

/* A long operation's progress callback (session_seek_progress and the
 * like): counts its calls, keeps the last target and total, and answers
 * `answer` once `stop_at` steps are done (0: go on). */
typedef struct {
    int stop_at, answer, calls, target, total;
} SeekProg;

static inline int seek_prog_cb(void *ctx, int target, int done, int total)
{
    SeekProg *p = ctx;
    p->calls++;
    p->target = target;
    p->total = total;
    return done >= p->stop_at ? p->answer : 0;
}

#endif
