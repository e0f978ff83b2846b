/* test_corpus.c: replays every input kept in tests/corpus/<target>/ (the
 * fuzzers' seeds and every input that once made them fail) through the fuzz
 * targets' own checks (tests/fuzz/fuzz_*.c), so each fixed bug stays fixed
 * in the unit tests, and under ASan/UBSan in `make check-asan`.
 * Runs from the repository root. */
#include "testutil.h"

#include <dirent.h>
#include <sys/stat.h>

/* A failed check inside a target fails the test instead of aborting. */
#define FUZZ_FAIL(...) fail_msg(__VA_ARGS__)

#define LLVMFuzzerTestOneInput fuzz_dataset_one
#include "fuzz/fuzz_dataset.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_cli_one
#include "fuzz/fuzz_cli.c"
#undef LLVMFuzzerTestOneInput

static int is_input(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

/* Runs `one` on every file of `dir`; fails if there are none. */
static void replay(const char *dir, int (*one)(const uint8_t *, size_t))
{
    struct dirent **names;
    int n = scandir(dir, &names, is_input, alphasort);
    if (n < 0)
        fail_msg("cannot read %s (run from the repository root)", dir);
    assert_true(n > 0);
    for (int i = 0; i < n; i++) {
        char path[1024];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        assert_int_equal(fstat(fileno(f), &st), 0);
        size_t size = (size_t)st.st_size;
        uint8_t *buf = malloc(size ? size : 1);   /* exactly the input: overreads show under ASan */
        assert_non_null(buf);
        assert_int_equal(fread(buf, 1, size, f), size);
        fclose(f);
        print_message("  %s (%zu bytes)\n", path, size);
        one(buf, size);
        free(buf);
        free(names[i]);
    }
    free(names);
}

static void test_dataset_corpus(void **state)
{
    (void)state;
    replay("tests/corpus/fuzz_dataset", fuzz_dataset_one);
}

static void test_cli_corpus(void **state)
{
    (void)state;
    replay("tests/corpus/fuzz_cli", fuzz_cli_one);
}

/* Bugs found while writing the fuzz targets, fixed in src/cli.c. */
static int parse3(Options *o, char *err, const char *a1, const char *a2)
{
    char *argv[4] = { "microgpt-tui", (char *)a1, (char *)a2, NULL };
    return cli_parse(o, 1 + (a1 != NULL) + (a2 != NULL), argv, err);
}

static void test_cli_regressions(void **state)
{
    (void)state;
    Options o;
    char err[CLI_ERRLEN];
    /* Subnormal numbers are numbers (strtod's ERANGE on underflow is not an
     * error): float('1e-310') reads them. */
    assert_int_equal(parse3(&o, err, "--lr", "1e-310"), 0);
    assert_bits_equal(o.train.adam.lr, 1e-310);
    assert_int_equal(parse3(&o, err, "--beta2", "4.9e-324"), 0);
    assert_bits_equal(o.train.adam.beta2, 4.9e-324);
    assert_int_equal(parse3(&o, err, "--lr", "1e-400"), 0);   /* underflows to 0, as in Python */
    assert_bits_equal(o.train.adam.lr, 0.0);
    /* ... but a temperature whose ** -1 overflows is refused (Python raises). */
    assert_int_equal(parse3(&o, err, "--temperature", "2.2250738585072014e-308"), 0);
    assert_int_equal(parse3(&o, err, "--temperature", "5.6e-309"), 0);
    assert_int_equal(parse3(&o, err, "--temperature", "5.5e-309"), -1);
    assert_non_null(strstr(err, "--temperature: '5.5e-309' is too small"));
    assert_int_equal(parse3(&o, err, "--temperature", "1e-310"), -1);
    /* The message is one line even when what was typed is not. */
    assert_int_equal(parse3(&o, err, "--steps", "1\n2"), -1);
    assert_string_equal(err, "--steps: '1?2' is not an integer from 1 to 100000000");
    assert_int_equal(parse3(&o, err, "--bo\r\x1b[2Jgus", NULL), -1);
    assert_string_equal(err, "unknown option '--bo??[2Jgus'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dataset_corpus),
        cmocka_unit_test(test_cli_corpus),
        cmocka_unit_test(test_cli_regressions),
    };
    return cmocka_run_group_tests_name("corpus", tests, NULL, NULL);
}
