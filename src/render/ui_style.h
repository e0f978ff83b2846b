/* ui_style.h: the style roles a canvas cell can carry.
 *
 * Renderers say what a cell *means* (a target, a border, the average line);
 * the terminal layer (terminal.c) decides how that looks: a colour from a
 * colour-blind-safe palette plus an attribute, or an attribute alone in the
 * monochrome theme.  Meaning is always carried by glyphs and words too.
 * Dim is for frames and decoration only: no role that holds words or
 * figures a class must read is drawn dim (on a projector dim text washes
 * out); the tail of a name cut at the block size is greyed on purpose (it
 * is never trained on), after its marker. */
#ifndef MICROGPT_UI_STYLE_H
#define MICROGPT_UI_STYLE_H

typedef enum {
    ROLE_TEXT,      /* ordinary text */
    ROLE_LABEL,     /* secondary words and figures: labels, units, notes, axis
                     * labels, hints (never dim: a class reads them) */
    ROLE_TITLE,     /* panel titles */
    ROLE_BORDER,    /* panel frames */
    ROLE_VALUE,     /* key numbers (loss, lr_t, step) */
    ROLE_TARGET,    /* the target token, its bar and its marker */
    ROLE_TOP,       /* the model's top choice */
    ROLE_BAR,       /* probability bars */
    ROLE_LOSSBAR,   /* per-position loss bars */
    ROLE_RAW,       /* the loss of every step */
    ROLE_AVG,       /* the moving average of the loss */
    ROLE_CHANCE,    /* the random-chance level */
    ROLE_LR,        /* the learning-rate curve */
    ROLE_MARKER,    /* the current step on a curve */
    ROLE_SELECT,    /* the selected position's row */
    ROLE_RUN,       /* RUNNING */
    ROLE_PAUSE,     /* PAUSED */
    ROLE_KEY,       /* a key name in hints and help */
    ROLE_WARN,      /* the too-small message */
    ROLE_CUT,       /* the tail of a name cut at the block size (never trained on) */
    ROLE_FOCUS,     /* the frame of the focused panel */
    ROLE_GHOST,     /* the run compared with: its curve and its figures */
    ROLE_AHEAD,     /* the losses of steps computed beyond the one shown (after a
                     * rewind): greyed, past the current step's marker */
    ROLE_COUNT
} Role;

#endif
