/* phase.h: the phases of one training step, as the lesson walks them: the
 * UI's central state machine.
 *
 * A step is Sample, Forward at each position 0 .. n-1, Loss, Backward,
 * Update, Log: n + 5 phases.  A phase is a display state over a step the
 * Timeline has computed whole: these functions say what the step has
 * computed *so far* at each phase.  Step mode shows the last phase (Log):
 * the whole step.  No curses, no I/O. */
#ifndef MICROGPT_PHASE_H
#define MICROGPT_PHASE_H

typedef enum {
    PHASE_SAMPLE, PHASE_FORWARD, PHASE_LOSS, PHASE_BACKWARD, PHASE_UPDATE, PHASE_LOG,
    PHASE_KINDS
} PhaseKind;

typedef struct {
    PhaseKind kind;
    int pos;                /* PHASE_FORWARD: the position; otherwise 0 */
} Phase;

/* The first phase of a step (Sample) and the last (Log: the whole step). */
Phase phase_first(void);
Phase phase_last(void);
/* The forward phase at position pos. */
Phase phase_forward(int pos);
/* p within a step of n positions: a forward position clamped to [0, n). */
Phase phase_clamp(Phase p, int n);
/* The phase after / before p in a step of n positions (the last and the
 * first give themselves). */
Phase phase_next(Phase p, int n);
Phase phase_prev(Phase p, int n);
/* 1 when p is the step's first / last phase. */
int phase_is_first(Phase p);
int phase_is_last(Phase p);

/* Phases of a step with n positions: n + 5. */
int phase_count(int n);
/* The place of p in its step, 0 .. phase_count(n) - 1, and back. */
int phase_index(Phase p, int n);
Phase phase_at(int index, int n);

/* What the step has computed by phase p: */
int phase_positions_done(Phase p, int n);   /* positions with probs and loss_t */
int phase_has_loss(Phase p);                /* the mean loss */
int phase_has_update(Phase p);              /* lr_t, Adam: the model changed */
int phase_has_log(Phase p);                 /* the log line: the curve's new point */

#endif
