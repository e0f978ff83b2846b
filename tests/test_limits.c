/* test_limits.c: the binary at the edges of its input, each run in a child
 * process with a time limit (a hang fails the test instead of blocking it)
 * and its own peak RSS (wait4's rusage):
 *   - 2,000,000 names load and the first step is done, with a peak RSS under
 *     three times the file's size (how fast: make bench, tests/bench_cost.c);
 *   - a single 1 MB line trains, cut to block_size tokens as the reference
 *     does (n = block_size);
 *   - 5,000 distinct characters train (vocab size 5001); one more than
 *     DATASET_MAX_CHARS is refused with a message naming the limit;
 *   - --steps 1000000 runs in bounded memory: the same peak RSS as 10,000 steps
 *     (within 1 MB);
 *   - --data naming a directory, a FIFO, /dev/zero or a pipe on stdin fails at
 *     once with a clear message, never waits for input;
 *   - output that cannot be written (/dev/full), --help and --version included,
 *     is an error (exit status 1), not a silent success.
 * Runs from the repository root (./microgpt-tui must exist); its files go to
 * build/.  Built with sanitizers (make check-asan), it checks only behaviour:
 * times and memory are then not the program's own. */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/dataset.h"
#include "namegen.h"

#define BIN "./microgpt-tui"
#define OUT "build/test_limits.out"
#define ERR "build/test_limits.err"

typedef struct {
    int status;         /* the exit status, or -1 if killed by a signal */
    int timed_out;
    double seconds;     /* wall clock */
    long maxrss_kb;     /* the child's peak RSS */
} Run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The address-space limit of the next run_bin's child (0: none). */
static rlim_t child_as_limit;

/* Runs BIN with args (NULL-terminated, after argv[0]), stdout to `out` (or
 * closed when NULL) and stderr to ERR; stdin from `in_fd` (or /dev/null when
 * -1).  Kills it after `limit` seconds. */
static Run run_bin(const char *const *args, const char *out, int in_fd, double limit)
{
    const char *argv[32];
    int argc = 0;
    Run r = { -1, 0, 0.0, 0 };
    argv[argc++] = BIN;
    for (; *args; args++) {
        assert_true(argc < 31);
        argv[argc++] = *args;
    }
    argv[argc] = NULL;
    fflush(NULL);
    double t0 = now();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int o = out ? open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644) : 1;
        int e = open(ERR, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int i = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || i < 0 || (out && dup2(o, 1) < 0) || dup2(e, 2) < 0 || dup2(i, 0) < 0)
            _exit(126);
        if (!out)
            close(1);
        struct rlimit lim = { child_as_limit, child_as_limit };
        if (child_as_limit && setrlimit(RLIMIT_AS, &lim) != 0)
            _exit(126);
        execv(BIN, (char *const *)argv);
        _exit(127);
    }
    for (;;) {
        int st;
        struct rusage ru;
        pid_t w = wait4(pid, &st, WNOHANG, &ru);
        assert_true(w >= 0 || errno == EINTR);
        if (w == pid) {
            r.seconds = now() - t0;
            r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
            r.maxrss_kb = ru.ru_maxrss;
            break;
        }
        if (now() - t0 > limit) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            r.timed_out = 1;
            r.seconds = now() - t0;
            break;
        }
        usleep(2000);
    }
    assert_int_not_equal(r.status, 127);   /* could not run ./microgpt-tui: run from the repository root */
    return r;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("\"%.300s\" does not contain \"%s\"", hay, needle);
}

/* Exit status 2 within the time limit, and one line on stderr saying `what`
 * about `path`. */
static void expect_refused(const char *path, int in_fd, const char *what)
{
    const char *args[] = { "--headless", "--data", path, NULL };
    Run r = run_bin(args, OUT, in_fd, 5.0);
    if (r.timed_out)
        fail_msg("--data %s: still running after 5 s (waiting for input?)", path);
    assert_int_equal(r.status, 2);
    size_t n;
    char *err = slurp(ERR, &n);
    assert_contains(err, path);
    assert_contains(err, what);
    assert_true(n > 0 && err[n - 1] == '\n' && memchr(err, '\n', n - 1) == NULL);
    free(err);
}

/* ---- 2,000,000 lines ------------------------------------------------------ */

/* 2,000,000 names load and train their first step, in a peak RSS under
 * three times the file's size (ru_maxrss: the load of the machine does not
 * move it).  The only time limit is a hang's: the goal of 2 s is measured by
 * make bench (tests/bench_cost.c, side by side with 200,000 names), not here,
 * where a loaded machine made it fail.  A load that grew quadratic would
 * still fail: 2,000,000 squared is 4e12 steps of work, hours. */
static void test_two_million_lines(void **state)
{
    (void)state;
    enum { LINES = 2000000 };
    const char *path = "build/limits_2m.txt";
    char *buf = malloc(NAMEGEN_MAX_BYTES(LINES));
    assert_non_null(buf);
    size_t size = namegen_write(buf, LINES);
    write_file(path, buf, size);
    free(buf);

    const char *args[] = { "--headless", "--data", path, "--steps", "1", "--samples", "0", NULL };
    Run r = run_bin(args, OUT, -1, 120.0);
    if (r.timed_out)
        fail_msg("still running after %.0f s: a hang, or work that grows faster than the data", r.seconds);
    assert_int_equal(r.status, 0);
    char *out = slurp(OUT, NULL);
    assert_contains(out, "num docs: 2000000\nvocab size: 27\n");
    assert_contains(out, "step    1 /    1 | loss ");
    free(out);
    print_message("  2,000,000 lines (%.1f MB): first step done in %.2f s, peak RSS %.1f MB\n",
                  (double)size / 1e6, r.seconds, (double)r.maxrss_kb * 1024 / 1e6);
    if (!SANITIZED && (double)r.maxrss_kb * 1024 >= 3.0 * (double)size)
        fail_msg("peak RSS %ld KB is not under 3 x %zu bytes", r.maxrss_kb, size);
    unlink(path);
}

/* ---- one line of 1 MB -------------------------------------------------------- */

/* The `n` field of each CSV row (step,doc,n,loss,lr,position_losses): the
 * fourth comma from the end precedes it.  Returns the number of rows. */
static int csv_n_fields(char *csv, int *n, int max)
{
    int rows = 0;
    char *line = strstr(csv, "\r\n");
    assert_non_null(line);
    line += 2;
    while (*line) {
        char *end = strstr(line, "\r\n");
        assert_non_null(end);
        char *q = end;
        for (int commas = 0; commas < 4; q--) {
            assert_true(q > line);
            commas += q[-1] == ',';
        }
        assert_true(rows < max);
        n[rows++] = atoi(q + 1);
        line = end + 2;
    }
    return rows;
}

static void test_one_megabyte_line(void **state)
{
    (void)state;
    enum { LEN = 1 << 20 };
    const char *path = "build/limits_1mb.txt";
    char *buf = malloc(LEN + 1);
    assert_non_null(buf);
    for (int i = 0; i < LEN; i++)
        buf[i] = (char)('a' + i % 26);
    buf[LEN] = '\n';
    write_file(path, buf, LEN + 1);
    free(buf);

    static const char *const block[] = { "8", "3", "16" };
    for (int b = 0; b < 3; b++) {
        const char *args[] = { "--headless", "--data", path, "--steps", "3", "--samples", "2",
                               "--block-size", block[b], "--csv", "build/limits_1mb.csv", NULL };
        Run r = run_bin(args, OUT, -1, 60.0);
        assert_false(r.timed_out);
        assert_int_equal(r.status, 0);
        char *out = slurp(OUT, NULL);
        assert_contains(out, "num docs: 1\nvocab size: 27\n");
        assert_contains(out, "step    3 /    3 | loss ");
        assert_contains(out, "sample  2: ");
        free(out);
        size_t len;
        char *csv = slurp("build/limits_1mb.csv", &len);
        int n[4];
        assert_int_equal(csv_n_fields(csv, n, 4), 3);
        for (int k = 0; k < 3; k++)
            assert_int_equal(n[k], atoi(block[b]));   /* n = min(block_size, len(tokens) - 1) */
        assert_true(len > 3u * LEN);                    /* the doc, whole, in every row */
        free(csv);
    }
    unlink(path);
    unlink("build/limits_1mb.csv");
}

/* ---- large vocabularies ------------------------------------------------------ */

/* `count` distinct code points from U+4E00 up (no whitespace there; the
 * surrogates skipped), `per_line` to a line. */
static char *distinct_chars(size_t count, size_t per_line, size_t *size)
{
    char *buf = malloc(count * 5 + 1), *p = buf;
    uint32_t cp = 0x4E00;
    assert_non_null(buf);
    for (size_t k = 0; k < count; k++, cp++) {
        if (cp == 0xD800)
            cp = 0xE000;
        if (cp < 0x10000) {
            *p++ = (char)(0xE0 | cp >> 12);
            *p++ = (char)(0x80 | (cp >> 6 & 0x3F));
            *p++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *p++ = (char)(0xF0 | cp >> 18);
            *p++ = (char)(0x80 | (cp >> 12 & 0x3F));
            *p++ = (char)(0x80 | (cp >> 6 & 0x3F));
            *p++ = (char)(0x80 | (cp & 0x3F));
        }
        if ((k + 1) % per_line == 0 || k + 1 == count)
            *p++ = '\n';
    }
    *size = (size_t)(p - buf);
    return buf;
}

static void test_five_thousand_chars(void **state)
{
    (void)state;
    const char *path = "build/limits_5000.txt";
    size_t size;
    char *buf = distinct_chars(5000, 10, &size);
    write_file(path, buf, size);
    free(buf);
    const char *args[] = { "--headless", "--data", path, "--steps", "5", "--samples", "3", NULL };
    Run r = run_bin(args, OUT, -1, 60.0);
    assert_false(r.timed_out);
    assert_int_equal(r.status, 0);
    char *out = slurp(OUT, NULL);
    /* params: wte and lm_head 5001 x 16 each, wpe 8 x 16, one layer 12 x 16 x 16 */
    assert_contains(out, "num docs: 500\nvocab size: 5001\nnum params: 163232\n");
    assert_contains(out, "step    5 /    5 | loss ");
    assert_contains(out, "sample  3: ");
    free(out);
    unlink(path);
}

static void test_too_many_chars(void **state)
{
    (void)state;
    const char *path = "build/limits_65537.txt";
    size_t size;
    char *buf = distinct_chars(DATASET_MAX_CHARS + 1, 100, &size);
    write_file(path, buf, size);
    free(buf);
    char limit[32];
    snprintf(limit, sizeof limit, "the limit is %d", DATASET_MAX_CHARS);
    expect_refused(path, -1, "too many distinct characters (65537; ");
    char *err = slurp(ERR, NULL);
    assert_contains(err, limit);
    free(err);
    unlink(path);
}

/* ---- a million steps ---------------------------------------------------------- */

static void test_million_steps_bounded_memory(void **state)
{
    (void)state;
    if (SANITIZED)
        skip();   /* ASan's own memory and speed say nothing here */
    const char *path = "build/limits_tiny.txt";
    write_file(path, "ab\nba\nabba\nb\n", 13);
    long rss[2];
    static const char *const steps[2] = { "10000", "1000000" };
    for (int k = 0; k < 2; k++) {
        const char *args[] = { "--headless", "--data", path, "--steps", steps[k], "--samples", "0",
                               "--n-embd", "1", "--n-head", "1", "--n-layer", "1", "--block-size", "1", NULL };
        Run r = run_bin(args, "/dev/null", -1, 60.0);
        assert_false(r.timed_out);
        assert_int_equal(r.status, 0);
        rss[k] = r.maxrss_kb;
        print_message("  --steps %s: %.2f s, peak RSS %ld KB\n", steps[k], r.seconds, r.maxrss_kb);
    }
    if (rss[1] > rss[0] + 1024)
        fail_msg("peak RSS grew from %ld KB (10,000 steps) to %ld KB (1,000,000 steps)", rss[0], rss[1]);
    unlink(path);
}

/* ---- --data that is not a regular file ----------------------------------------- */

static void test_data_not_a_file(void **state)
{
    (void)state;
    const char *fifo = "build/limits_fifo";
    expect_refused("build", -1, "is a directory");
    unlink(fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    expect_refused(fifo, -1, "not a regular file");   /* no writer: must not wait for one */
    unlink(fifo);
    expect_refused("/dev/zero", -1, "not a regular file");   /* endless: must not be read */
    int fds[2];
    assert_int_equal(pipe(fds), 0);   /* stdin a pipe that stays open and silent */
    expect_refused("/dev/stdin", fds[0], "not a regular file");
    close(fds[0]);
    close(fds[1]);
}

/* ---- output that cannot be written ------------------------------------------------ */

static void expect_write_error(const char *const *args, const char *out, const char *what)
{
    Run r = run_bin(args, out, -1, 30.0);
    assert_false(r.timed_out);
    assert_int_equal(r.status, 1);
    size_t n;
    char *err = slurp(ERR, &n);
    assert_contains(err, what);
    assert_true(n > 0 && err[n - 1] == '\n' && memchr(err, '\n', n - 1) == NULL);
    free(err);
}

static void test_write_errors(void **state)
{
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    const char *help[] = { "--help", NULL }, *version[] = { "--version", NULL };
    const char *run[] = { "--headless", "--steps", "3", NULL };
    const char *csv[] = { "--headless", "--steps", "3", "--csv", "/dev/full", NULL };
    expect_write_error(help, "/dev/full", "standard output: write error: No space left on device");
    expect_write_error(version, "/dev/full", "standard output: write error");
    expect_write_error(run, "/dev/full", "standard output: write error");
    expect_write_error(csv, OUT, "/dev/full: write error: No space left on device");
    /* the first write that fails stops the run: of 40,000 steps, the CSV
     * beside it holds the rows of the first stdio buffer's worth of lines */
    const char *far[] = { "--headless", "--steps", "40000", "--csv", "build/limits_full.csv", NULL };
    expect_write_error(far, "/dev/full", "standard output: write error");
    size_t n;
    char *rows = slurp("build/limits_full.csv", &n);
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += rows[i] == '\n';
    free(rows);
    print_message("stdout to /dev/full: stopped after %zu steps of 40000\n", lines - 1);
    assert_true(lines >= 2 && lines < 1000);
    unlink("build/limits_full.csv");
}

/* With stdout closed (>&-), the CSV does not take fd 1: it gets its rows
 * only, and the first log line fails to be written (exit 1). */
static void test_closed_stdout(void **state)
{
    (void)state;
    const char *args[] = { "--headless", "--steps", "3", "--csv", "build/limits_closed.csv", NULL };
    Run r = run_bin(args, NULL, -1, 30.0);
    assert_false(r.timed_out);
    assert_int_equal(r.status, 1);
    size_t n;
    char *err = slurp(ERR, &n), *csv = slurp("build/limits_closed.csv", NULL);
    assert_contains(err, "standard output: write error: Bad file descriptor");
    assert_true(n > 0 && memchr(err, '\n', n - 1) == NULL);
    assert_true(strncmp(csv, "step,doc,n,loss,lr,position_losses\r\n", 36) == 0);
    assert_null(strstr(csv, "num docs"));
    free(err);
    free(csv);
    unlink("build/limits_closed.csv");
}

/* Files that say they are empty but are not (/proc): read to the end.  A
 * read error is a failure while running (1), not bad input. */
static void test_proc_files(void **state)
{
    (void)state;
    if (access("/proc/cpuinfo", R_OK) != 0)
        skip();
    const char *args[] = { "--headless", "--data", "/proc/cpuinfo", "--steps", "2", "--samples", "0", NULL };
    Run r = run_bin(args, OUT, -1, 30.0);
    assert_int_equal(r.status, 0);
    char *out = slurp(OUT, NULL);
    unsigned long docs = 0;
    assert_int_equal(sscanf(out, "num docs: %lu", &docs), 1);
    assert_true(docs > 0);
    free(out);
    const char *mem[] = { "--headless", "--data", "/proc/self/mem", NULL };
    r = run_bin(mem, OUT, -1, 30.0);
    assert_int_equal(r.status, 1);
    char *err = slurp(ERR, NULL);
    assert_contains(err, "/proc/self/mem: read error");
    free(err);
}

/* Out of memory is a failure while running (1); a model the size check
 * refuses is bad input (2), before anything large is allocated. */
static void test_out_of_memory(void **state)
{
    (void)state;
    if (SANITIZED)
        skip();     /* the sanitizers need more address space than the limit */
    const char *big[] = { "--headless", "--block-size", "128", "--n-embd", "64", NULL };
    child_as_limit = (rlim_t)60000 * 1024;      /* ulimit -v 60000 */
    Run r = run_bin(big, OUT, -1, 60.0);
    child_as_limit = 0;
    assert_int_equal(r.status, 1);
    char *err = slurp(ERR, NULL);
    assert_contains(err, "out of memory");
    free(err);
    const char *huge[] = { "--headless", "--n-embd", "512", "--n-layer", "32", "--block-size", "256", NULL };
    r = run_bin(huge, OUT, -1, 30.0);
    assert_int_equal(r.status, 2);
    err = slurp(ERR, NULL);
    assert_contains(err, "model too large");
    free(err);
    assert_true(r.maxrss_kb < 64 * 1024);
}

/* Usage is checked before the work: no terminal for the UI is refused
 * before a model that takes seconds and gigabytes to build is built. */
static void test_usage_before_work(void **state)
{
    (void)state;
    const char *args[] = { "--n-embd", "512", "--n-head", "1", NULL };
    Run r = run_bin(args, OUT, -1, 30.0);
    assert_int_equal(r.status, 2);
    char *err = slurp(ERR, NULL);
    assert_contains(err, "standard output is not a terminal");
    free(err);
    print_message("refused in %.3f s, peak RSS %ld kB\n", r.seconds, r.maxrss_kb);
    if (!SANITIZED)
        assert_true(r.maxrss_kb < 32 * 1024);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_million_lines),
        cmocka_unit_test(test_one_megabyte_line),
        cmocka_unit_test(test_five_thousand_chars),
        cmocka_unit_test(test_too_many_chars),
        cmocka_unit_test(test_million_steps_bounded_memory),
        cmocka_unit_test(test_data_not_a_file),
        cmocka_unit_test(test_write_errors),
        cmocka_unit_test(test_closed_stdout),
        cmocka_unit_test(test_proc_files),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_usage_before_work),
    };
    return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
