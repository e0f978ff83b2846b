/* explain.h: the explanation panel's texts: one or two plain sentences and a
 * formula in the lesson's (Python's) terms, per phase of a step, per panel,
 * and for guess mode.  No curses, no I/O. */
#ifndef MICROGPT_EXPLAIN_H
#define MICROGPT_EXPLAIN_H

#include <stddef.h>

#include "session/panel.h"
#include "session/phase.h"

/* The numbers an explanation quotes. */
typedef struct {
    int vocab_size;
    size_t nparams;
    int block_size;
    int num_steps;
    int live_every;
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

#endif
