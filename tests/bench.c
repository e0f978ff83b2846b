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

#include "dataset.h"
#include "train.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Trains `steps` steps `reps` times from scratch; prints the best time. */
static int bench(const char *label, int n_embd, int n_layer, int block, int steps, int reps, const char *golden)
{
    Dataset ds;
    char err[DATASET_ERRLEN];
    if (dataset_load(&ds, "data/names.txt", err) != 0) {
        fprintf(stderr, "bench: %s\n", err);
        return 1;
    }
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
    return bad;
}
