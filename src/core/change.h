/* change.h: "what if": hyperparameters changed from a step on.
 *
 * A change list is part of a run's configuration (TrainConfig.changes): at
 * the top of step s's loop iteration the reference assigns the values of
 * every change at step s, so that step s and every later one use them.  The
 * names are the reference's variables: learning_rate (lr_t keeps its
 * schedule's formula), beta1 and beta2 (the bias corrections too, with the
 * same step + 1 exponent) and temperature (the samples).  Adam's moments carry
 * over.  Pure: no printing; errors come back as messages. */
#ifndef MICROGPT_CHANGE_H
#define MICROGPT_CHANGE_H

#include <stddef.h>

#include "core/adam.h"

/* What a change sets (bits), in the order of change_field_name(). */
enum { CHANGE_LR = 1, CHANGE_BETA1 = 2, CHANGE_BETA2 = 4, CHANGE_TEMPERATURE = 8 };
enum { CHANGE_FIELDS = 4 };

typedef struct {
    int step;               /* 0-based: the step whose iteration assigns the values */
    unsigned set;           /* CHANGE_* bits */
    double value[CHANGE_FIELDS];    /* by field index (lr, beta1, beta2, temperature) */
} Change;

/* At most this many steps with changes in a run (the list is a value, so
 * that copying a configuration copies it). */
enum { CHANGES_MAX = 32 };

typedef struct {
    int count;
    Change at[CHANGES_MAX]; /* by step, ascending; one entry per step */
} Changes;

/* A field's name as --change takes it ("lr", "beta1", "beta2",
 * "temperature"), by index; NULL past the last. */
const char *change_field_name(int field);
/* The field index of a name, or -1. */
int change_field(const char *name);
/* NULL when v is a valid value for field (the ranges of the matching
 * options: lr >= 0, betas in [0, 1), temperature > 0 with a finite
 * 1 / temperature), else what is wrong, to follow "'X' is ": "not a
 * number >= 0", "too small (1 / temperature overflows)". */
const char *change_check(int field, double v);

/* Sets field to v at step (0-based) in c: merged with the step's other
 * fields.  Returns 0; -1 when the field is already set at that step (unless
 * `replace`: then the new value wins) or the list is full (a message in
 * err). */
int changes_set(Changes *c, int step, int field, double v, int replace, char *err, size_t errlen);

/* The Adam settings step `step` uses: base with every change at or before
 * it applied, in step order. */
AdamConfig changes_adam(const Changes *c, const AdamConfig *base, int step);
/* The temperature in force at step `step` (base with the changes up to it). */
double changes_temperature(const Changes *c, double base, int step);
/* A change in words, as --change takes it: "100:lr=0.003,beta1=0.8"
 * (the step 1-based, values as %g; NUL-terminated, cut to len). */
void change_format(const Change *ch, char *buf, size_t len);

#endif
