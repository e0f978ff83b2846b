/* classroom.h: the lesson "The Training Loop" as data for the UI.
 *
 * - The phases of one step, as the lesson walks them: Sample, Forward at
 *   each position 0 .. n-1, Loss, Backward, Update, Log.  A phase is a
 *   display state over a step the Timeline has computed whole: these
 *   functions say what the step has computed *so far* at each phase.
 * - The arc of training: the lesson's six milestones (steps 1, 50, 100, 200,
 *   300, 500, scaled to other run lengths) and its wording for each.
 * - Explanations: one or two plain sentences and a formula per phase and per
 *   panel.
 * - Data cycling: how many distinct names the run has seen by a step.
 * - Live samples: names drawn from the current parameters with generators of
 *   their own (never the trainer's), slot i always seeded the same way.
 *
 * No curses, no I/O: tests drive all of it directly. */
#ifndef MICROGPT_CLASSROOM_H
#define MICROGPT_CLASSROOM_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"
#include "core/sample.h"
#include "core/train.h"

/* ------------------------------------------------------------------ phases */

enum {
    PHASE_SAMPLE, PHASE_FORWARD, PHASE_LOSS, PHASE_BACKWARD, PHASE_UPDATE, PHASE_LOG,
    PHASE_KINDS
};

/* "The last phase of the step, whatever its n": what step mode shows. */
#define PHASE_END 0x3fffffff

/* Phases of a step with n positions: Sample, n Forward, Loss, Backward,
 * Update, Log = n + 5.  Phase indices run 0 .. phase_count(n) - 1. */
int phase_count(int n);
/* phase clamped to [0, phase_count(n) - 1] (PHASE_END gives the last). */
int phase_clamp(int phase, int n);
/* The kind (PHASE_*) of phase index `phase`; *pos is the position of a
 * Forward phase (else -1).  pos may be NULL. */
int phase_kind(int phase, int n, int *pos);
/* The index of the first phase of a kind (Forward: position 0). */
int phase_index(int kind, int n);
/* "Sample", "Forward", "Loss", "Backward", "Update", "Log". */
const char *phase_kind_name(int kind);
/* The lesson's section number of a kind: 1 Sample, 2 Forward and Loss,
 * 3 Backward, 4 Update, 5 Log. */
int phase_section(int kind);

/* What the step has computed by phase `phase` (already clamped or not): */
int phase_positions_done(int phase, int n);  /* positions with probs and loss_t */
int phase_has_loss(int phase, int n);        /* the mean loss */
int phase_has_grads(int phase, int n);       /* loss.backward() */
int phase_has_update(int phase, int n);      /* lr_t, Adam: the model changed */
int phase_has_log(int phase, int n);         /* the log line: the curve's new point */

/* --------------------------------------------------------- arc of training */

enum { ARC_STAGES = 6 };

/* The milestones (1-based steps) for a run of num_steps: the lesson's 1, 50,
 * 100, 200, 300, 500 for 500 steps; 1 and num_steps/10, /5, 2/5, 3/5, 1 of
 * the run otherwise (rounded, at least 1, never decreasing). */
void arc_bookmarks(int num_steps, int out[ARC_STAGES]);
/* The stage of 1-based step `step1`: the last milestone at or before it. */
int arc_stage(int step1, int num_steps);
/* The lesson's sentence for a stage ("Common characters are predicted more
 * often.") and a short form for the status ("common characters"). */
const char *arc_text(int stage);
const char *arc_short(int stage);

/* ------------------------------------------------------------ explanations */

/* The numbers an explanation quotes. */
typedef struct {
    int vocab_size;
    size_t nparams;
    int block_size;
    size_t ndocs;
    int num_steps;
    int live_every;
} ExplainCtx;

/* What a panel is, for explain_panel (the LAY_* ids of layout.h are mapped
 * onto these by the renderer). */
enum {
    EXPLAIN_NAME, EXPLAIN_POSITIONS, EXPLAIN_PROBS, EXPLAIN_LR, EXPLAIN_LOSS, EXPLAIN_LIVE,
    EXPLAIN_STEP, EXPLAIN_GUESS, EXPLAIN_PANELS
};

typedef struct {
    char title[48];
    char text[400];         /* one or two plain sentences */
    char formula[160];      /* in the lesson's (Python's) terms */
} Explanation;

/* The explanation of a phase kind. */
void explain_phase(int kind, const ExplainCtx *c, Explanation *e);
/* The explanation of a panel (EXPLAIN_*). */
void explain_panel(int panel, const ExplainCtx *c, Explanation *e);

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

/* ------------------------------------------------------------ live samples */

enum { LIVE_SLOTS = 12 };
/* Slot i's generator is random.seed(LIVE_SEED + i), afresh for every draw. */
#define LIVE_SEED 1000u

typedef struct {
    int every;              /* a draw every this many steps */
    int nbuckets;           /* ages 0, every, 2 every, ... up to num_steps */
    int name_bytes;         /* room per name: block_size * 4 + 1 */
    double temperature;
    unsigned char *have;    /* [nbuckets]: drawn */
    char *names;            /* [nbuckets][LIVE_SLOTS][name_bytes] */
    Sampler sp;             /* its own tape: the trainer's is never touched */
} Live;

/* How often live samples are drawn in a run of num_steps: every num_steps /
 * 50 steps (10 for 500), at least 1. */
int live_every(int num_steps);
/* The age (steps done) whose samples stand for age: the last multiple of
 * `every` at or below it. */
int live_age(int age, int every);
/* Returns 0, or -1 when out of memory. */
int live_init(Live *l, const Trainer *t, double temperature);
void live_free(Live *l);
/* When t's age (t->step, steps done) is a multiple of l->every and not yet
 * drawn, draws the LIVE_SLOTS names from t's parameters.  Reads the trainer,
 * changes nothing in it.  Returns 1 when it drew, else 0. */
int live_draw(Live *l, const Trainer *t);
/* The names for age (live_age'd), or NULL when not drawn yet.  Name i is
 * names + i * l->name_bytes (NUL-terminated UTF-8; "" when the model ended
 * the name at once). */
const char *live_get(const Live *l, int age);

#endif
