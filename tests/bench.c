/* bench.c: `make bench`: the core's training speed side by side with the
 * baseline core (the core before the speed work, built from git by
 * mk/bench.mk), start-up time and peak memory, then rewind and frame-drawing
 * times.  The training figures come from tests/bench_train.c, run in
 * processes of their own, alternately for the two cores, several rounds; the
 * ratio printed is the median of the rounds' ratios, so that a noisy machine
 * moves both sides alike.  Both cores must train the same bits (the same hash
 * of every loss and the final parameters); the default run is also checked
 * against the reference's golden losses.
 *
 *   bench BENCH_TRAIN [BASE_BENCH_TRAIN | -]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/dataset.h"
#include "render/frame.h"
#include "session/session.h"
#include "core/timeline.h"
#include "core/train.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* data/names.txt, or a message and 0. */
static int load_names(Dataset *ds)
{
    char err[DATASET_ERRLEN];
    if (dataset_load(ds, "data/names.txt", err) == 0)
        return 1;
    fprintf(stderr, "bench: %s (run `make data`)\n", err);
    return 0;
}

/* Rewinds from the last step of a `steps`-step run to the first and to the
 * middle (default model), after reaching the end once. */
static int bench_rewind(int steps)
{
    Dataset ds;
    if (!load_names(&ds))
        return 1;
    TrainConfig c = train_config_default();
    c.adam.num_steps = steps;
    Trainer t;
    char terr[256];
    if (trainer_init(&t, &ds, &c, terr, sizeof terr) != 0)
        return 1;
    Timeline *tl = timeline_new(&t);
    double t0 = now();
    if (!tl || timeline_goto(tl, steps - 1) != 0)
        return 1;
    double reach = now() - t0;
    double first = 1e30, mid = 1e30, cold_mid = 0.0;
    for (int r = 0; r < 5; r++) {
        timeline_goto(tl, steps - 1);
        double a = now();
        timeline_goto(tl, 0);
        double b = now();
        timeline_goto(tl, steps - 1);
        double m0 = now();
        timeline_goto(tl, steps / 2 + 17);
        double m1 = now();
        if (b - a < first)
            first = b - a;
        if (m1 - m0 < mid)
            mid = m1 - m0;
        if (r == 0)
            cold_mid = m1 - m0; /* nothing near the middle saved yet but the kept states */
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("rewind, %6d-step run (default model)      last -> first %7.2f ms   last -> middle %7.2f ms"
           " (first time %.2f ms)\n        (reaching the end: %.1f s, saved states %.1f MB, peak RSS %.1f MB)\n",
           steps, first * 1e3, mid * 1e3, cold_mid * 1e3, reach, timeline_bytes(tl) / 1048576.0,
           ru.ru_maxrss / 1024.0);
    timeline_free(tl);
    trainer_free(&t);
    dataset_free(&ds);
    return 0;
}

/* Draws whole frames (render_frame of a session into a canvas, no
 * terminal) of a run at step 250 of 500, at cols x rows. */
static int bench_frame(int cols, int rows)
{
    Dataset ds;
    if (!load_names(&ds))
        return 1;
    TrainConfig c = train_config_default();
    Trainer t;
    char terr[256];
    if (trainer_init(&t, &ds, &c, terr, sizeof terr) != 0)
        return 1;
    const SessionConfig sc = { .paused = 1, .samples = 20 };
    Session s;
    if (session_init(&s, &t, &sc) != 0)
        return 1;
    session_go(&s, 250);
    s.sel = 2;
    s.running = 1;
    Canvas cv;
    if (canvas_init(&cv, cols, rows, 0) != 0)
        return 1;
    int frames = 2000;
    double best = 1e30;
    for (int r = 0; r < 3; r++) {
        double t0 = now();
        for (int f = 0; f < frames; f++)
            render_frame(&cv, &s);
        double dt = (now() - t0) / frames;
        if (dt < best)
            best = dt;
    }
    printf("frame at %3dx%-3d (render_frame to a canvas)   %7.3f ms per frame\n", cols, rows, best * 1e3);
    canvas_free(&cv);
    session_free(&s);
    trainer_free(&t);
    dataset_free(&ds);
    return 0;
}

/* What one bench-train process printed. */
typedef struct {
    double init_ms, steps_per_s;
    long rss_kb;
    char hash[17];
    char golden[2];
} TrainRun;

/* Runs `bin` with the configuration's arguments; 0 and *out, or -1. */
static int run_train(const char *bin, const char *args, TrainRun *out)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s %s", bin, args);
    fflush(stdout);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    int n = fscanf(p, "init_ms=%lf steps_per_s=%lf peak_rss_kb=%ld hash=%16s golden=%1s", &out->init_ms,
                   &out->steps_per_s, &out->rss_kb, out->hash, out->golden);
    int st = pclose(p);
    return n == 5 && st == 0 ? 0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

enum { MAX_ROUNDS = 15 };

/* One configuration, `rounds` rounds of (baseline, current) in alternating
 * order; prints steps/s, start-up and peak RSS of each and their ratios. */
static int side_by_side(const char *label, const char *args, int rounds, const char *cur, const char *base)
{
    double cs[MAX_ROUNDS], bs[MAX_ROUNDS], ratio[MAX_ROUNDS], ci[MAX_ROUNDS], bi[MAX_ROUNDS];
    TrainRun c = { 0 }, b = { 0 };
    long c_rss = 0, b_rss = 0;
    int bad = 0;
    for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
            int is_base = (r + k) % 2 == 0;
            if (is_base && !base)
                continue;
            TrainRun *run = is_base ? &b : &c;
            if (run_train(is_base ? base : cur, args, run) != 0) {
                fprintf(stderr, "bench: %s failed\n", is_base ? base : cur);
                return 1;
            }
        }
        cs[r] = c.steps_per_s;
        ci[r] = c.init_ms;
        c_rss = c.rss_kb > c_rss ? c.rss_kb : c_rss;
        if (base) {
            bs[r] = b.steps_per_s;
            bi[r] = b.init_ms;
            b_rss = b.rss_kb > b_rss ? b.rss_kb : b_rss;
            ratio[r] = c.steps_per_s / b.steps_per_s;
            if (strcmp(c.hash, b.hash) != 0)
                bad = 1;
        }
    }
    printf("%s\n", label);
    printf("  current   %9.0f steps/s   start-up %7.2f ms   peak RSS %6.1f MB%s\n", median(cs, rounds),
           median(ci, rounds), c_rss / 1024.0,
           c.golden[0] == '1' ? "   (bit-exact vs golden)" : c.golden[0] == '0' ? "   (NOT EXACT vs golden)" : "");
    if (base) {
        double bsm = median(bs, rounds), bim = median(bi, rounds);
        printf("  baseline  %9.0f steps/s   start-up %7.2f ms   peak RSS %6.1f MB\n", bsm, bim, b_rss / 1024.0);
        printf("  ratio     %9.2fx faster (median of %d alternating rounds)   start-up %.2fx   memory %.2fx   %s\n",
               median(ratio, rounds), rounds, bim / median(ci, rounds), (double)b_rss / (double)c_rss,
               bad ? "DIFFERENT BITS from the baseline" : "same bits as the baseline");
    }
    return bad || c.golden[0] == '0';
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench BENCH_TRAIN [BASE_BENCH_TRAIN | -]\n");
        return 2;
    }
    const char *cur = argv[1];
    const char *base = argc > 2 && strcmp(argv[2], "-") != 0 ? argv[2] : NULL;
    const int quick = getenv("BENCH_QUICK") != NULL;
    printf("microgpt-tui core benchmark (one core; training: 500 steps, the best of 3 per process)\n");
    if (!base)
        printf("(no baseline core: `make bench` builds it from git; see mk/bench.mk)\n");
    int bad = 0;
    bad |= side_by_side("default (16 embd, 4 heads, 1 layer, block 8)",
                        "16 1 8 500 3 tests/golden/reference-default.tsv", quick ? 3 : 7, cur, base);
    bad |= side_by_side("larger (--n-embd 32 --n-layer 2 --block-size 16)", "32 2 16 500 3", quick ? 3 : 5, cur,
                        base);
    fflush(stdout);
    bad |= bench_rewind(500);
    fflush(stdout);
    if (!quick) {
        pid_t pid = fork();
        if (pid == 0) {
            int rc = bench_rewind(100000);
            fflush(stdout);
            _exit(rc);
        }
        int st;
        waitpid(pid, &st, 0);
        bad |= !WIFEXITED(st) || WEXITSTATUS(st);
    }
    bad |= bench_frame(120, 40);
    bad |= bench_frame(240, 70);
    return bad;
}
