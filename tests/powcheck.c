/* powcheck.c: verify mode over whole training runs (`make test` runs it, see
 * mk/speed.mk).
 *
 *   powcheck VARIANT STEPS N_EMBD N_LAYER BLOCK [VARIANT STEPS N_EMBD N_LAYER BLOCK ...]
 *
 * Trains each configuration (VARIANT course or gist, with the sizes given)
 * on data/names.txt in fastpow's verify mode:
 * every power the fast path answers is also computed with libm's pow and the
 * two compared.  Prints, per run, the kernels used, how many powers were
 * computed, how many took the fast path and how many fast results differed
 * from pow (must be 0); exits 1 if any did, 2 on bad arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "core/fastpow.h"
#include "core/simd.h"
#include "core/train.h"

int main(int argc, char **argv)
{
    if (argc < 6 || (argc - 1) % 5 != 0) {
        fprintf(stderr, "usage: powcheck VARIANT STEPS N_EMBD N_LAYER BLOCK [...]\n");
        return 2;
    }
    if (fastpow_set_mode(FASTPOW_VERIFY) != 0) {
        fprintf(stderr, "powcheck: this libm failed the fast path's start-up check; nothing to verify\n");
        return 1;
    }
    int bad = 0;
    for (int a = 2; a + 3 < argc; a += 5) {
        Dataset ds;
        char err[DATASET_ERRLEN];
        if (dataset_load(&ds, "data/names.txt", err) != 0) {
            fprintf(stderr, "powcheck: %s\n", err);
            return 2;
        }
        const int gist = strcmp(argv[a - 1], "gist") == 0;
        if (!gist && strcmp(argv[a - 1], "course") != 0) {
            fprintf(stderr, "powcheck: unknown variant '%s'\n", argv[a - 1]);
            return 2;
        }
        TrainConfig c = train_config_variant(gist ? VARIANT_GIST : VARIANT_COURSE);
        c.adam.num_steps = atoi(argv[a]);
        c.model.n_embd = atoi(argv[a + 1]);
        c.model.n_layer = atoi(argv[a + 2]);
        c.model.block_size = atoi(argv[a + 3]);
        Trainer t;
        char terr[256];
        if (c.adam.num_steps < 1 || trainer_init(&t, &ds, &c, terr, sizeof terr) != 0) {
            fprintf(stderr, "powcheck: bad configuration\n");
            return 2;
        }
        fastpow_reset_stats();
        for (int s = 0; s < c.adam.num_steps; s++)
            trainer_step(&t);
        FastPowStats st = fastpow_stats();
        printf("powcheck: %s, %d steps, n_embd %d, n_layer %d, block %d (%s kernels): %llu powers, %.2f%% "
               "on the fast path, %llu mismatches\n",
               argv[a - 1], c.adam.num_steps, c.model.n_embd, c.model.n_layer, c.model.block_size, simd_name(simd_level()),
               (unsigned long long)st.calls, st.calls ? 100.0 * (double)st.fast / (double)st.calls : 0.0,
               (unsigned long long)st.mismatches);
        bad |= st.mismatches != 0 || st.fast == 0;
        trainer_free(&t);
        dataset_free(&ds);
    }
    return bad;
}
