/* sample.h: the reference's inference: names drawn from the model, and the
 * final samples of a run (its `--- inference ---` section). */
#ifndef MICROGPT_SAMPLE_H
#define MICROGPT_SAMPLE_H

#include <stddef.h>

#include "core/dataset.h"
#include "core/model.h"
#include "core/rng.h"
#include "core/tape.h"
#include "core/train.h"

/* Its own tape and caches, so sampling never disturbs a training step. */
typedef struct {
    const Model *model;
    Tape tape;
    ModelWork work;
    NodeId *xf;
    double *x, *logits, *e, *probs, *cum;
    int *ids;               /* block_size: the last name's tokens */
} Sampler;

int sampler_init(Sampler *s, const Model *m);
void sampler_free(Sampler *s);

/* One sample: fresh caches, token = BOS; for each position up to block_size:
 * logits = gpt(token, pos); probs = softmax(logits / temperature); token =
 * random.choices(range(vocab_size), weights=probs) with `rng`; stop at BOS.
 * Writes the token ids (without BOS) to ids (block_size of room) and returns
 * how many. */
int sampler_draw(Sampler *s, const double *params, Rng *rng, double temperature, int *ids);

/* One name as the reference prints it: sampler_draw, then its tokens as
 * ds's characters in UTF-8, NUL-terminated, into out (room for block_size *
 * 4 + 1 bytes).  Returns its length in bytes (a name may hold a NUL
 * character: write it with the length). */
size_t sampler_name(Sampler *s, const double *params, Rng *rng, double temperature,
                    const Dataset *ds, char *out);

/* The temperature of names drawn from t's model as it stands (after t->step
 * steps): the one in force at the step that made it (step 0's before any). */
double sample_temperature(const Trainer *t);

/* A model's "sampled names", to follow it step by step and to compare two
 * runs: SAMPLE_FIXED names, name i drawn with a generator of its own,
 * random.seed(SAMPLE_FIXED_SEED + i), afresh every time (never the
 * trainer's), at sample_temperature(). */
enum { SAMPLE_FIXED = 12 };
#define SAMPLE_FIXED_SEED 1000u

/* Name i of the sampled names of params (sampler_name with its generator). */
size_t sampler_fixed_name(Sampler *s, const double *params, int i, double temperature,
                          const Dataset *ds, char *out);
/* 1 when the sampled names of a's and b's models (as they stand, each with
 * its own sampler) differ in any of the SAMPLE_FIXED; -1 when out of memory. */
int sampled_names_differ(Sampler *sa, const Trainer *a, Sampler *sb, const Trainer *b);

/* The names a trained model makes up, drawn exactly as the reference's
 * `--- inference ---` draws them: sampler_name on the trainer's parameters
 * with a copy of its generator, so drawing again gives the same names and
 * the trainer is left untouched. */
typedef struct {
    int step;               /* the step whose parameters drew them (0-based) */
    int total;              /* how many the run asks for (--samples) */
    int count;              /* how many were drawn: min(total, the cap) */
    double temperature;
    char **names;           /* count NUL-terminated UTF-8 strings */
} Samples;

/* Draws min(total, cap) names from t's current parameters with a copy of
 * t->rng.  Returns 0, or -1 when out of memory (*s is then empty). */
int samples_draw(Samples *s, const Trainer *t, int total, int cap, double temperature);
void samples_free(Samples *s);

#endif
