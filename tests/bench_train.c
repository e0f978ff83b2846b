/* bench_train.c: one training benchmark in a process of its own, for `make bench`.
 *
 *   bench-train N_EMBD N_LAYER BLOCK STEPS REPS [GOLDEN_TSV]
 *
 * Trains STEPS steps on data/names.txt (seed 42, the other settings the
 * reference's) REPS times from scratch and prints one line:
 *
 *   init_ms=X steps_per_s=Y peak_rss_kb=Z hash=H golden=G
 *
 * Times are CPU time of the process (the machine is shared; waiting for a
 * core is not counted).  init_ms: the fastest trainer_init (seeding, shuffle, drawing the parameters,
 * recording and compiling the backward); steps_per_s: the fastest training
 * loop; peak_rss_kb: the process's peak resident memory; hash: a hash of the
 * bits of every step's loss and of the final parameters (two cores that agree
 * on it trained the same bits); golden: 1 or 0 when the losses were compared
 * with GOLDEN_TSV (the reference's full-precision trace), - otherwise.
 *
 * It uses only the core's oldest public interface (train.h, dataset.h), so
 * that `make bench` can build it against the current core and against the
 * baseline core (tests/bench.c runs the two side by side). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/dataset.h"
#include "core/train.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: less moved by other processes */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

/* 1 if every loss equals the third column of the golden TSV, bit for bit. */
static int matches_golden(const char *path, const double *loss, int steps)
{
    FILE *f = fopen(path, "r");
    char line[8192];
    int ok = f != NULL, s = 0;
    for (; ok && s < steps && fgets(line, sizeof line, f); s++) {
        char *p = strchr(line, '\t');
        p = p ? strchr(p + 1, '\t') : NULL;
        if (!p || strtod(p + 1, NULL) != loss[s])
            ok = 0;
    }
    if (f)
        fclose(f);
    return ok && s == steps;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: bench-train N_EMBD N_LAYER BLOCK STEPS REPS [GOLDEN_TSV]\n");
        return 2;
    }
    TrainConfig c = train_config_default();
    c.model.n_embd = atoi(argv[1]);
    c.model.n_layer = atoi(argv[2]);
    c.model.block_size = atoi(argv[3]);
    const int steps = atoi(argv[4]), reps = atoi(argv[5]);
    c.adam.num_steps = steps;
    Dataset ds;
    char err[DATASET_ERRLEN];
    if (dataset_load(&ds, "data/names.txt", err) != 0) {
        fprintf(stderr, "bench-train: %s (run `make data`)\n", err);
        return 1;
    }
    DocRef *docs = malloc(ds.count * sizeof *docs), *orig = ds.docs;
    double *loss = malloc((size_t)steps * sizeof *loss);
    if (!docs || !loss)
        return 1;
    double best_init = 1e30, best_train = 1e30;
    uint64_t hash = 1469598103934665603ull;
    int golden = -1;
    for (int r = 0; r < reps; r++) {
        memcpy(docs, orig, ds.count * sizeof *docs); /* trainer_init shuffles in place */
        ds.docs = docs;
        Trainer t;
        char terr[256];
        double t0 = now();
        if (trainer_init(&t, &ds, &c, terr, sizeof terr) != 0) {
            fprintf(stderr, "bench-train: %s\n", terr);
            return 1;
        }
        double t1 = now();
        for (int s = 0; s < steps; s++) {
            trainer_step(&t);
            loss[s] = t.info.loss;
        }
        double t2 = now();
        if (t1 - t0 < best_init)
            best_init = t1 - t0;
        if (t2 - t1 < best_train)
            best_train = t2 - t1;
        if (r == 0) {
            hash = fnv(hash, loss, (size_t)steps * sizeof *loss);
            hash = fnv(hash, trainer_params(&t), t.model.nparams * sizeof(double));
            if (argc > 6)
                golden = matches_golden(argv[6], loss, steps);
        }
        trainer_free(&t);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("init_ms=%.3f steps_per_s=%.1f peak_rss_kb=%ld hash=%016llx golden=%s\n", best_init * 1e3,
           steps / best_train, ru.ru_maxrss, (unsigned long long)hash,
           golden < 0 ? "-" : golden ? "1" : "0");
    ds.docs = orig;
    free(docs);
    free(loss);
    dataset_free(&ds);
    return 0;
}
