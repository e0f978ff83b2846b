/* sample.h: the reference's inference: names drawn from the model. */
#ifndef MICROGPT_SAMPLE_H
#define MICROGPT_SAMPLE_H

#include "core/model.h"
#include "core/rng.h"
#include "core/tape.h"

/* Its own tape and caches, so sampling never disturbs a training step. */
typedef struct {
    const Model *model;
    Tape tape;
    ModelWork work;
    NodeId *xf;
    double *x, *logits, *e, *probs, *cum;
} Sampler;

int sampler_init(Sampler *s, const Model *m);
void sampler_free(Sampler *s);

/* One sample: fresh caches, token = BOS; for each position up to block_size:
 * logits = gpt(token, pos); probs = softmax(logits / temperature); token =
 * random.choices(range(vocab_size), weights=probs) with `rng`; stop at BOS.
 * Writes the token ids (without BOS) to ids (block_size of room) and returns
 * how many. */
int sampler_draw(Sampler *s, const double *params, Rng *rng, double temperature, int *ids);

#endif
