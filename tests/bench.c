/* bench.c: `make bench`: training steps per second of the core and peak RSS,
 * for the reference's configuration and a larger one, each in its own
 * process.  The default run is checked against the golden losses first. */
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

/* Trains `steps` steps `reps` times from scratch; prints the best time. */
static int bench(const char *label, int n_embd, int n_layer, int block, int steps, int reps, const char *golden)
{
    Dataset ds;
    if (!load_names(&ds))
        return 1;
    TrainConfig c = train_config_default();
    c.model.n_embd = n_embd;
    c.model.n_layer = n_layer;
    c.model.block_size = block;
    c.adam.num_steps = steps;
    double best = 1e30;
    int exact = -1;
    for (int r = 0; r < reps; r++) {
        Dataset copy = ds; /* trainer_init shuffles the docs in place */
        DocRef *docs = malloc(ds.count * sizeof *docs);
        memcpy(docs, ds.docs, ds.count * sizeof *docs);
        copy.docs = docs;
        Trainer t;
        char terr[256];
        if (trainer_init(&t, &copy, &c, terr, sizeof terr) != 0) {
            fprintf(stderr, "bench: %s\n", terr);
            return 1;
        }
        double *loss = malloc((size_t)steps * sizeof *loss);
        double t0 = now();
        for (int s = 0; s < steps; s++) {
            trainer_step(&t);
            loss[s] = t.info.loss;
        }
        double dt = now() - t0;
        if (dt < best)
            best = dt;
        if (golden && r == 0) {
            FILE *f = fopen(golden, "r");
            char line[4096];
            exact = f != NULL;
            for (int s = 0; f && s < steps && fgets(line, sizeof line, f); s++) {
                char *p = strchr(strchr(line, '\t') + 1, '\t') + 1;
                if (strtod(p, NULL) != loss[s])
                    exact = 0;
            }
            if (f)
                fclose(f);
        }
        free(loss);
        trainer_free(&t);
        free(docs);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%-44s %6d steps  %8.4f s  %9.0f steps/s  peak RSS %6.1f MB%s\n", label, steps, best,
           steps / best, ru.ru_maxrss / 1024.0,
           exact < 0 ? "" : exact ? "  (bit-exact vs golden)" : "  (NOT EXACT vs golden)");
    dataset_free(&ds);
    return exact == 0;
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

/* Runs one benchmark in a child so that its peak RSS is its own. */
static int in_child(const char *label, int n_embd, int n_layer, int block, int steps, int reps, const char *golden)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
    {
        int rc = bench(label, n_embd, n_layer, block, steps, reps, golden);
        fflush(stdout);
        _exit(rc);
    }
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int main(void)
{
    printf("microgpt-tui core benchmark (one core, best of several runs)\n");
    int bad = 0;
    bad |= in_child("default (16 embd, 1 layer, block 8)", 16, 1, 8, 500, 7, "tests/golden/reference-default.tsv");
    bad |= in_child("larger (--n-embd 32 --n-layer 2 --block-size 16)", 32, 2, 16, 500, 3, NULL);
    fflush(stdout);
    bad |= bench_rewind(500);
    fflush(stdout);
    if (getenv("BENCH_QUICK") == NULL) {
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
