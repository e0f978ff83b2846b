/* probe.h: a name under any weights, without training on it: what a
 * training step's forward computes for it (per position p(target) and
 * loss_t, their mean, each head's attention weights), bit for bit, under
 * the parameters given (those a step's forward used, the first step's, the
 * final model's...).  Its own tape and caches (a Sampler's), so probing
 * never disturbs a run.  No curses, no I/O. */
#ifndef MICROGPT_PROBE_H
#define MICROGPT_PROBE_H

#include <stddef.h>

#include "core/dataset.h"
#include "core/model.h"
#include "core/sample.h"

typedef struct {
    Sampler s;              /* the engine: a tape and attention caches of its own */
} Probe;

int probe_init(Probe *p, const Model *m);
void probe_free(Probe *p);

/* A name as a training step takes it: tokens = [BOS] + ids + [BOS], cut to
 * n + 1 of them, n = min(block_size, len(tokens) - 1).  name is len bytes of
 * UTF-8; tokens has room for block_size + 1.  Returns n; or -1 with a
 * one-line message in err when the name is empty, not UTF-8 or holds a
 * character outside the vocabulary ("'E' is not in the vocabulary: a-z"). */
int probe_encode(const Dataset *ds, int block_size, const char *name, size_t len, int *tokens,
                 char *err, size_t errlen);
/* The vocabulary in a few words, for messages: "a-z", "space, A-Z, a-z, é"
 * (runs of consecutive characters as ranges, a quote or a control character
 * as U+XXXX; cut with "..." to fit len). */
void probe_vocabulary(const Dataset *ds, char *buf, size_t len);

/* tokens[0 .. n] scored under params as trainer_forward scores a step:
 * per position p(target) and loss_t = -log p(target) into p_target[n] and
 * pos_loss[n] (either may be NULL), each head's attention weights into attn
 * (model_attn_index; may be NULL); returns loss = (1 / n) * sum(losses). */
double probe_score(Probe *p, const double *params, const int *tokens, int n, double *p_target,
                   double *pos_loss, double *attn);

/* Doubles an attention array holds (model_attn_index). */
size_t probe_attn_size(const ModelConfig *c);
/* How far from uniform the attention of positions 0 .. n-1 is: the largest
 * |w - 1 / (pos + 1)| over every layer, head, position pos and cached
 * position (0 when every head weighs the positions so far equally). */
double probe_attn_spread(const ModelConfig *c, const double *attn, int n);

#endif
