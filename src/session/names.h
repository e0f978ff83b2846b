/* names.h: names, for the lesson line and the live-samples panel.
 *
 * - Data cycling: how many distinct names the run has seen by a step.
 * - Live samples: names drawn from the current parameters with generators of
 *   their own (never the trainer's), slot i always seeded the same way.
 *
 * No curses, no I/O. */
#ifndef MICROGPT_NAMES_H
#define MICROGPT_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/sample.h"
#include "core/train.h"

/* ------------------------------------------------------------ data cycling */

typedef struct {
    size_t count;           /* docs */
    size_t distinct;        /* distinct names in the data */
    uint32_t *prefix;       /* prefix[k]: distinct names among docs[0 .. k), k <= count */
} Seen;

/* Counts over ds's docs in training order (call after trainer_init, which
 * shuffles them).  Returns 0, or -1 when out of memory. */
int seen_init(Seen *s, const Dataset *ds);
void seen_free(Seen *s);
/* Distinct names among the docs steps 0 .. step (0-based) have used:
 * docs[0 .. min(step + 1, count)). */
size_t seen_by_step(const Seen *s, int step);

/* ------------------------------------------------------------- truncation */

/* How often the block size cuts a name (n = min(block_size, len(tokens) -
 * 1): a name of at least block_size characters loses its end, BOS, and
 * more), in the data and in the run's steps; the lesson says "rarely". */
typedef struct {
    int block_size;
    size_t docs;            /* names in the data */
    size_t cut;             /* ... cut at the block size */
    size_t steps;           /* the run's steps */
    size_t run;             /* ... that train on a cut name (docs[step % len(docs)]) */
} Cuts;

/* Counts over ds's docs in training order (after trainer_init). */
void cuts_count(Cuts *c, const Dataset *ds, int block_size, int num_steps);

/* ------------------------------------------------------------ live samples */

/* The live samples are the model's sampled names (core/sample.h): slot i's
 * generator is random.seed(SAMPLE_FIXED_SEED + i), afresh for every draw. */
enum { LIVE_SLOTS = SAMPLE_FIXED };

typedef struct {
    int every;              /* a draw every this many steps: num_steps / 50, at least 1 */
    int nbuckets;           /* ages 0, every, 2 every, ... up to num_steps */
    int name_bytes;         /* room per name: block_size * 4 + 1 */
    unsigned char *have;    /* [nbuckets]: drawn */
    char *names;            /* [nbuckets][LIVE_SLOTS][name_bytes] */
    Sampler sp;             /* its own tape: the trainer's is never touched */
} Live;

/* The age (steps done) whose samples stand for age: the last multiple of
 * `every` at or below it. */
int live_age(int age, int every);
/* Returns 0, or -1 when out of memory. */
int live_init(Live *l, const Trainer *t);
void live_free(Live *l);
/* When t's age (t->step, steps done) is a multiple of l->every and not yet
 * drawn, draws the LIVE_SLOTS names from t's parameters (sampler_fixed_name
 * at sample_temperature()).  Reads the trainer,
 * changes nothing in it.  Returns 1 when it drew, else 0. */
int live_draw(Live *l, const Trainer *t);
/* The names for age (live_age'd), or NULL when not drawn yet.  Name i is
 * names + i * l->name_bytes (NUL-terminated UTF-8; "" when the model ended
 * the name at once). */
const char *live_get(const Live *l, int age);

#endif
