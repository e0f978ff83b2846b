/* explain.h: the explanation panel's texts: one or two plain sentences and a
 * formula in the lesson's (Python's) terms, per phase of a step, per panel,
 * and for guess mode.  No curses, no I/O. */
#ifndef MICROGPT_EXPLAIN_H
#define MICROGPT_EXPLAIN_H

#include <stddef.h>

#include "core/adam.h"
#include "core/train.h"
#include "core/variant.h"
#include "session/names.h"
#include "session/panel.h"
#include "session/phase.h"

/* The numbers an explanation quotes, and what is true of the run shown
 * (the course's texts are not all true of the gist's). */
typedef struct {
    int vocab_size;
    size_t nparams;
    int block_size;
    int num_steps;
    int live_every;
    LrSchedule schedule;    /* the run's learning-rate decay */
    const char *log_end;    /* what ends its log line: "\n", or the gist's "\r" */
    const Cuts *cuts;       /* names cut at the block size (NULL: not said) */
    int no_grad_at_start;   /* the step is step 1 and some matrices got no gradient,
                             * attn_wo and mlp_fc2 starting at 0 */
    int zero_init_proj;     /* attn_wo and mlp_fc2 start at 0 (the course's) */
} ExplainCtx;

typedef struct {
    char title[48];
    char text[400];         /* one or two plain sentences */
    char formula[160];      /* in the lesson's (Python's) terms */
} Explanation;

/* The explanation of a phase kind. */
void explain_phase(PhaseKind kind, const ExplainCtx *c, Explanation *e);
/* The explanation of a panel; a panel without its own (the phase panel, the
 * explanation, PANEL_NONE) gets the one of a whole training step. */
void explain_panel(PanelId panel, const ExplainCtx *c, Explanation *e);
/* Guess mode's: guess first, then reveal. */
void explain_guess(Explanation *e);

/* The "what differs" card, in markup (session/markup.h): the fields of the
 * run's configuration c (printing as program v) that are not the course's
 * (core/configtable), "label: value" each; or that it is the course's. */
void explain_differences(const TrainConfig *c, Variant v, char *buf, size_t len);

#endif
