/* inside.h: what the panels that look inside the model show, computed by
 * the core on demand and kept per run (recomputed only when the step shown
 * or the names change): the step shown looked into (its name's attention
 * under the weights its forward used, the name again after its update, the
 * parameters the update moved most), the probed names under the step's
 * model, the first step's and the final one, and the first step whose
 * attention is no longer near uniform.  Internal to the session (session.c
 * drives it); the renderers read it through ViewInside (view.h). */
#ifndef MICROGPT_INSIDE_H
#define MICROGPT_INSIDE_H

#include "core/inspect.h"
#include "core/probe.h"
#include "core/timeline.h"
#include "core/train.h"
#include "session/field.h"

enum {
    INSIDE_NAMES = 8,       /* probed names kept (--probe takes as many) */
    /* a name as typed, UTF-8, NUL included: the line editor's (t) room, the
     * one limit of every probed name (--probe, a lesson's probe =, t) */
    INSIDE_NAME_BYTES = FIELD_MAX + 1,
    INSIDE_MAX_TOKENS = 257,    /* block_size + 1 at most */
    INSIDE_MOVERS = 24,     /* the parameters the update moved most, kept */
    INSIDE_SCAN = 2000,     /* steps looked at for the attention's uniformity, at most */
};

/* What the line editor edits (Session.editing, ViewInside.editing). */
enum { EDIT_NAME = 1, EDIT_PARAM = 2 };

/* The models a name is scored under. */
enum { MODEL_STEP, MODEL_FIRST, MODEL_FINAL, INSIDE_MODELS };

/* The attention is "near uniform" while every weight is within this of
 * 1 / (positions so far). */
#define INSIDE_UNIFORM 0.05

/* A name to probe, as typed (or given with --probe), and its tokens as a
 * training step takes them. */
typedef struct {
    char text[INSIDE_NAME_BYTES];
    int n;                              /* positions: min(block_size, characters + 1) */
    int tokens[INSIDE_MAX_TOKENS];      /* [BOS] + ids + [BOS], the first n + 1 */
} ProbeName;

/* text as a name to probe of ds's data, as a training step at this block
 * size takes it, into *out.  Returns 0, or -1 with a one-line message in
 * err (too long; empty, not UTF-8 or a character outside the vocabulary:
 * "'Z' is not in the vocabulary: a-z"). */
int inside_name(ProbeName *out, const Dataset *ds, int block_size, const char *text, char *err, size_t errlen);

/* One name under one model: per position loss and p(target), the mean. */
typedef struct {
    int have;               /* computed (the final model may not be yet) */
    double mean;
    double *loss, *p;       /* [block_size] each (in RunInside.block) */
} ProbeScore;

/* What a run shows of its insides. */
typedef struct {
    int ready;              /* the buffers below are allocated */
    int B;                  /* block_size */
    Probe pr;               /* the engine: a tape of its own */
    StepLook look;          /* the step looked into (look.step; -1: none yet) */
    double *attn;           /* its name's attention under look.p (model_attn_index) */
    double spread;          /* probe_attn_spread of it */
    double *after;          /* [B]: its name's losses under the parameters its update made */
    double after_mean;
    Mover movers[INSIDE_MOVERS];
    int nmovers;
    /* the probed names: scores[name][model] */
    ProbeScore scores[INSIDE_NAMES][INSIDE_MODELS];
    int scored_step;        /* the step whose model MODEL_STEP is (-1: none) */
    unsigned scored_version;    /* the names' version they were scored for */
    double *final;          /* the final model's parameters, once had */
    int final_state;        /* 0 not tried, 1 had, -1 too far to compute here */
    /* the first step (0-based) whose attention is no longer near uniform:
     * -1 none among the steps looked at, [0, uniform_scanned) */
    int uniform_until;
    int uniform_scanned;
    double *scan_attn;      /* the trainer's attention while scanning */
    void *block;            /* the buffers' one allocation */
} RunInside;

/* Allocates what `in` needs for t's model (once; nothing when ready).
 * Returns 0, or -1 when out of memory. */
int inside_ready(RunInside *in, const Trainer *t);
void inside_free(RunInside *in);

/* Step `step` of t's run looked into: the timeline recomputes it, catching
 * its parameters, gradients and moments before the update, and stands at it
 * afterwards (as timeline_goto leaves it); when it was looked into already,
 * the timeline only goes there.  progress (may be NULL), with pctx, hears of
 * a long way there.  Returns 0, or what the timeline returned (1 stopped
 * short, -1 out of memory, TIMELINE_SINK_FAILED). */
int inside_look(RunInside *in, Trainer *t, Timeline *tl, int step, TimelineProgress progress, void *pctx);

/* The names scored under the models of step `step` (inside_look's),
 * of step 1 and the final one (see inside_final).  version changes whenever
 * the names do.  Returns 0, or as inside_look. */
int inside_score(RunInside *in, Trainer *t, Timeline *tl, int step, const ProbeName *names, int count,
                 unsigned version, TimelineProgress progress, void *pctx);

/* The final model (the parameters after the run's last step): the
 * timeline's once reached; else computed now in a trainer of its own from t
 * (which must stand at the step shown, after its update: the run itself
 * does not move) when the steps left are few enough (about a quarter of a
 * second of training; progress hears of the steps), else not (final_state
 * -1: the user goes there).  Returns the parameters, or NULL. */
const double *inside_final(RunInside *in, Trainer *t, Timeline *tl, TimelineProgress progress, void *pctx);

/* Looks at the attention of steps [uniform_scanned, upto] (at most up to
 * INSIDE_SCAN steps in all) for the first whose spread exceeds
 * INSIDE_UNIFORM (progress hears of the steps); the timeline then goes back
 * to step `back`.  Returns 0, or as inside_look. */
int inside_uniform(RunInside *in, Trainer *t, Timeline *tl, int upto, int back, TimelineProgress progress,
                   void *pctx);

#endif
