/* lesson.h: the lesson's worked example ("The Training Loop", sections 1-5)
 * with one step's real numbers, written once for both its readers:
 * --trace prints its lines as plain text (markup_plain), the phase panel
 * flows them with their roles (render/render_classroom.c).
 *
 * Each line is a statement of the lesson, in markup (session/markup.h),
 * worded once: both readers show the same text.  They differ only in which
 * lines they show (--trace prints every gradient norm; the panel drops the
 * least important lines when short, and shows some only there).  No
 * curses, no I/O. */
#ifndef MICROGPT_LESSON_H
#define MICROGPT_LESSON_H

#include <stddef.h>

#include "core/adam.h"
#include "core/dataset.h"
#include "core/model.h"
#include "core/train.h"
#include "session/names.h"

typedef struct Lesson Lesson;
struct Lesson {
    const Dataset *ds;
    const StepInfo *in;         /* the step */
    const Model *model;         /* matrix names, the parameter count */
    AdamConfig adam;            /* the schedule and Adam's constants */
    int num_steps;
    const char *follow_name;    /* the parameter followed through Adam: "lm_head[4][0]" */
    const AdamTrace *follow;    /* ... and what the update did to it; NULL: in->follow */
    const char *log_end;        /* what ends the log line: "\n", or the gist's "\r" */
    const Cuts *cuts;           /* names cut at the block size (NULL: not said) */
    int ascii;                  /* tokens labelled for ASCII (token_label: "U+674E") */
};

/* The lesson's lines; arg is the position (Forward), the matrix (NORM) or
 * an option, as said.  (screen) marks a line only the phase panel shows;
 * --trace prints the others. */
typedef enum {
    /* 1. Sample */
    LL_DOC,             /* doc = docs[0 % 32033] = "emma" */
    LL_TOKENS,          /* tokens = [26, 4, 12, 12, 0, 26]  (the cut marked: [..., 24, ┊ 13, 13, 26]) */
    LL_CHARS,           /* # [BOS, e, m, m, a, BOS]  (arg 1: quoted, 'e') */
    LL_N_RULE,          /* n = min(block_size, len(tokens) - 1)  (screen) */
    LL_N,               /*   = min(8, 6 - 1) = 5  (arg 1: n = min(8, 6 - 1) = 5) */
    LL_CUT,             /* what the block size cuts, or nothing */
    LL_PREDICTIONS,     /* 5 predictions to make:  (screen) */
    LL_PAIRS,           /* [BOS]→e e→m m→m m→a a→[BOS]  (screen) */
    LL_CYCLING,         /* The list cycles: docs[step % 32033]. ...  (screen) */
    LL_CUT_RATE,        /* how often the block size cuts a name, in the data and in the run (the
                         * lesson's "rarely"; none at block size 16)  (screen) */
    /* 2. Forward, at position arg */
    LL_INPUT,           /* input e (4) → target m (12); arg + 1000: the target hidden */
    LL_LOGITS,          /* logits = gpt(4, 1, ...) → 27 scores;  probs = softmax(logits)  (screen) */
    LL_LOGITS_ONLY,     /* logits = gpt(4, 1, ...)  (screen, narrow) */
    LL_PROBS_RULE,      /* probs = softmax(logits)  (screen, narrow) */
    LL_POS_LOSS,        /* loss_1 = -log(0.0396) = 3.2279; arg + 1000: hidden */
    /* 2. Loss */
    LL_LOSS_SUM,        /* loss = (3.39 + ... + 3.36) / 5, arg decimals */
    LL_LOSS_MEAN,       /*      = 3.2764; arg: the decimals LL_LOSS_SUM showed: "≈" when its
                         * terms, as shown, do not add up to the mean */
    LL_CHANCE,          /* chance = -log(1/27) = 3.2958 */
    LL_CHOICES,         /* exp(loss) = 26.5 choices (chance: 27): the effective number of choices */
    LL_VERDICT,         /* 0.02 below chance: the model has learned something. */
    LL_HARDEST,         /* Hardest: position 0, [BOS] → e (loss 3.39).  (screen; none when n = 1) */
    LL_ILLUSTRATION,    /* the lesson's "e.g." figures were illustrations  (screen; step 1 only) */
    /* 3. Backward */
    LL_BACKWARD,        /* loss.backward(): every one of the 4064 parameters gets a gradient. */
    LL_NORMS,           /* gradient norm of each matrix: */
    LL_NORM_NAME,       /* matrix arg's name: wte (arg -1: all 4064) */
    LL_NORM,            /* matrix arg's gradient norm: 1.396 (arg -1: all parameters') */
    LL_NO_GRAD,         /* which matrices got no gradient, and (step 1, attn_wo and mlp_fc2
                         * starting at 0) why  (none when all got one) */
    /* 4. Update */
    LL_LR,              /* lr_t = 0.01 × 0.5 × (1 + cos(π × 0 / 500)) = 0.010000 */
    LL_ADAM_ON,         /* Adam on lm_head[4][0]: */
    LL_GRAD,            /* grad = -0.124877 */
    LL_M,               /* m = 0.9 * 0 + (1 - 0.9) * -0.124877 = -0.0124877 */
    LL_V,               /* v = 0.95 * 0 + (1 - 0.95) * (-0.124877)^2 = 0.00077971 */
    LL_M_HAT,           /* m_hat = m / (1 - 0.9^1) = -0.124877 */
    LL_V_HAT,           /* v_hat = v / (1 - 0.95^1) = 0.0155942 */
    LL_P,               /* p = -0.0330403 - 0.01 * m_hat / (v_hat^0.5 + 1e-08) = -0.0230403 */
    LL_UPDATED,         /* All 4064 parameters updated (1808 changed value); gradients reset to 0. */
    /* 5. Log */
    LL_PRINT,           /* print(f"step {step+1:4d} / ...")  (screen) */
    LL_LOG,             /* step    1 /  500 | loss 3.2764 */
    LL_NEXT,            /* Next: step 2 trains on docs[1] = "olivia", ...  (screen) */
    LL_COUNT
} LessonLine;

/* The hidden form (guess mode) of LL_INPUT and LL_POS_LOSS (arg +
 * LESSON_HIDDEN), of the Sample phase's lines (LL_DOC .. LL_PAIRS: only BOS
 * is known; LL_CUT and LL_PAIRS say nothing) and of LL_NEXT (the next name
 * untold): the screen's. */
enum { LESSON_HIDDEN = 1000 };

/* Writes line `line` of the lesson into buf (len bytes, NUL-terminated);
 * returns its length.  A line never holds '\n'. */
size_t lesson_line(const Lesson *l, LessonLine line, int arg, char *buf, size_t len);

/* The run's learning-rate schedule as a formula, in markup, from the core's
 * (adam_lr_formula) in --help's words: "lr_t = lr × (1 - step / steps)".
 * Returns its length. */
size_t lesson_lr_formula(char *buf, size_t len, LrSchedule schedule);

/* A learning rate as the screen shows it (everywhere lr_t shows), always
 * LESSON_LR_CHARS characters for a run's (finite, >= 0): fixed point with as
 * many decimals as fit from 0.0001 to 9999.999 (0.010000, 0.000987,
 * 2.500000, 1234.568; 0 is 0.000000), three significant digits in scientific
 * notation outside (9.87e-08, 1.23e+04; 1.8e+308 with a three-digit
 * exponent). */
enum { LESSON_LR_CHARS = 8 };
void lesson_lr_text(char *buf, size_t len, double lr);

#endif
