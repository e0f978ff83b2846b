/* train.h: the reference's training loop, one step (or one phase) at a time.
 *
 * A Trainer owns the model, its parameters and Adam moments, the generator and
 * the autograd tape.  trainer_step() is one iteration of the reference's loop;
 * afterwards `info` holds everything that step computed.  The training state
 * can be saved and restored exactly, so a step can be undone. */
#ifndef MICROGPT_TRAIN_H
#define MICROGPT_TRAIN_H

#include <stddef.h>

#include "core/adam.h"
#include "core/change.h"
#include "core/dataset.h"
#include "core/model.h"
#include "core/rng.h"
#include "core/tape.h"
#include "core/variant.h"

typedef struct {
    ModelConfig model;      /* vocab_size is filled in from the dataset */
    AdamConfig adam;
    unsigned long long seed;/* |seed| as random.seed takes it */
    int shuffle;            /* random.shuffle(docs) after seeding */
    double temperature;     /* of the samples (inference only) */
    Changes changes;        /* values assigned at the top of later steps (--change) */
} TrainConfig;

/* The defaults of a variant: the course's (seed 42, 16/4/1/8, std 0.02 with
 * attn_wo and mlp_fc2 at 0, relu ** 2, lr 0.01, betas 0.9/0.95, cosine decay,
 * 500 steps) or the gist's (block size 16, std 0.08 everywhere, relu, betas
 * 0.85/0.99, linear decay, 1000 steps; the rest the same); temperature
 * 0.5, no changes. */
TrainConfig train_config_variant(Variant v);
/* The course's: train_config_variant(VARIANT_COURSE). */
TrainConfig train_config_default(void);
/* The Adam settings of step `step` (0-based): c->adam with c's changes up
 * to that step. */
AdamConfig train_adam_at(const TrainConfig *c, int step);
/* lr_t of step `step`: adam_lr() with that step's settings. */
double train_lr_at(const TrainConfig *c, int step);
/* The largest learning_rate the run uses (the base or a change's). */
double train_lr_peak(const TrainConfig *c);
/* The sampling temperature in force at step `step`. */
double train_temperature_at(const TrainConfig *c, int step);
/* 1 when c trains and samples exactly as variant v's program does (its
 * defaults: the same seed, data order, model, schedule, steps and
 * temperature, no changes); 0 when an option changed any of them. */
int train_config_is_variant(const TrainConfig *c, Variant v);
/* The first step (0-based) whose training may differ between a run of a and
 * one of b: 0 when the data order, the model or the schedule differ, else the
 * first step whose Adam settings differ; INT_MAX when none does (the
 * temperature, used by inference only, is not compared). */
int train_config_diverge(const TrainConfig *a, const TrainConfig *b);

/* What the last computed step did; arrays are owned by the Trainer. */
typedef struct {
    int step;               /* 0-based */
    size_t doc;             /* index into the (shuffled) docs: step % len(docs) */
    size_t doc_chars;       /* code points in the doc (tokens = doc_chars + 2) */
    int *tokens;            /* the first n + 1 tokens: [BOS] + ids + [BOS], cut */
    int n;                  /* min(block_size, len(tokens) - 1) */
    double *logits;         /* [n][vocab_size] */
    double *probs;          /* [n][vocab_size]: softmax(logits) */
    double *pos_loss;       /* [n]: -log(probs[t][tokens[t + 1]]) */
    double loss;            /* (1 / n) * sum(pos_loss) */
    double lr_t;
    AdamConfig adam;        /* the Adam settings of this step (its changes applied) */
    double *grad_norm;      /* [model.nmat]: L2 norm of each matrix's gradient */
    double grad_norm_total; /* over all parameters */
    size_t params_updated;  /* parameters whose value the update changed */
    size_t follow_index;    /* the parameter followed through Adam */
    AdamTrace follow;       /* ... and what the update did to it */
} StepInfo;

/* The state that determines every later step. */
typedef struct {
    int step;               /* steps done */
    Rng rng;
    double *params, *m, *v; /* nparams each */
} TrainState;

/* Where a Trainer is within a step: trainer_forward, trainer_backward and
 * trainer_update move it along, in that order. */
typedef enum {
    TRAIN_IDLE,             /* between steps: the next call is trainer_forward */
    TRAIN_FORWARD_DONE,     /* loss computed; next trainer_backward */
    TRAIN_BACKWARD_DONE,    /* gradients computed; next trainer_update */
} TrainPhase;

typedef struct {
    Dataset *ds;            /* not owned; docs reordered by the shuffle */
    TrainConfig cfg;
    Model model;
    ModelWork work;
    Tape tape;
    double *m, *v;          /* Adam moments */
    int step;               /* steps done = the next step's index */
    Rng rng;                /* after the shuffle and the initialisation */
    size_t follow;          /* parameter traced through Adam ... */
    int follow_auto;        /* ... or, when set (the default), lm_head[target of position 0][0] */
    StepInfo info;
    TrainPhase phase;
    int reference;          /* backward on the recorded graph (slow; for tests) */
    /* private */
    TapeOrder order;        /* reference: the bodies' depth-first post-order */
    TapeProg prog;          /* otherwise: that order compiled */
    size_t *seg;            /* [block_size][2]: position p's events (reference) or
                               instructions are [seg[2p], seg[2p + 1]) */
    size_t *emb;            /* [block_size][n_embd]: the instructions that read wte[token] */
    NodeId *xf;             /* [block_size][n_embd] last residual nodes per position */
    double *xd, *e, *total; /* per position: last residual data, exps, their sum */
    TapeRow *head_rows;     /* [vocab_size]: the head's rows in the backward's order */
    double *head_g;         /* [vocab_size]: their upstream gradients */
    void *block;            /* the one allocation m, v, xf, xd, e, total, head_* and info's arrays are carved from */
} Trainer;

/* Whether a trainer for cfg on ds can be built: the model's checks
 * (model_init) and the size check (the graph within TRAIN_MAX_NODES), before
 * anything large is allocated.  Returns 0, or with a message -1 (refused: bad
 * input) or -2 (out of memory). */
int trainer_check(const TrainConfig *cfg, const Dataset *ds, char *err, size_t errlen);
/* Does what the reference does before its loop: seed, shuffle the docs (when
 * cfg->shuffle), draw the parameters.  Returns 0, or with a message -1 when
 * trainer_check refuses the configuration or -2 when out of memory. */
int trainer_init(Trainer *t, Dataset *ds, const TrainConfig *cfg, char *err, size_t errlen);
/* A trainer for cfg in `from`'s exact current state (step, parameters,
 * moments, generator), on from's dataset (already in training order): the
 * start of a branch.  cfg must train as from's does before the steps it
 * changes: the same seed, shuffle, model and number of steps.  Returns 0,
 * or -1 with a message. */
int trainer_fork(Trainer *t, const Trainer *from, const TrainConfig *cfg, char *err, size_t errlen);
void trainer_free(Trainer *t);
/* The parameters, nparams of them. */
const double *trainer_params(const Trainer *t);
/* "lm_head[4][0]": the matrix, row and column of parameter `index`. */
void trainer_param_name(const Trainer *t, size_t index, char *buf, size_t len);
/* The gradients (valid between trainer_backward and trainer_update). */
const double *trainer_grads(const Trainer *t);

/* Backward through the recorded graph with Value.backward's loop instead of
 * the compiled program (slower, the same bits): for tests of the program.
 * Returns 0, or -1 when out of memory. */
int trainer_set_reference(Trainer *t, int on);

/* The largest autograd graph a step may build (about 3.5 GB of tape). */
#define TRAIN_MAX_NODES (1 << 26)

/* One whole step: forward, backward, update. */
void trainer_step(Trainer *t);
/* The phases of a step, in order. */
void trainer_forward(Trainer *t);   /* sample, forward, loss: fills doc..loss, lr_t */
void trainer_backward(Trainer *t);  /* gradients and their norms */
void trainer_update(Trainer *t);    /* Adam; the step is done */

/* Training state, saved and restored exactly. */
int trainstate_alloc(TrainState *s, const Trainer *t);
void trainstate_free(TrainState *s);
void trainer_save(const Trainer *t, TrainState *s);
void trainer_restore(Trainer *t, const TrainState *s);

#endif
