/* configtable.h: a run's configuration field by field, in words: one table
 * for what the two programs reproduced differ in (README's table of the
 * course and the gist, which tests/test_configtable.c checks against it)
 * and for the "what differs" card, the run's fields that are not the
 * course's (the help overlay).  Pure: no printing. */
#ifndef MICROGPT_CONFIGTABLE_H
#define MICROGPT_CONFIGTABLE_H

#include <stddef.h>

#include "core/train.h"
#include "core/variant.h"

typedef struct {
    const char *label;      /* "block_size", "init", "MLP activation", ... */
    const char *option;     /* the option(s) that set it, or how it follows ("(the variant's)") */
    int programs;           /* the course and the gist differ in it: a row of README's table */
    int effect;             /* it changes what the run computes or prints (not so: the data
                             * row, whose two readings give the same list for any file) */
} ConfigField;

/* The fields, in the table's order; *count of them. */
const ConfigField *configtable_fields(int *count);

/* Field i's value for a run of configuration c (its vocab_size filled in)
 * printing as program v (its output: the log line's end, the inference
 * header), as the table writes it ("16", "gauss(0, 0.08) for every
 * matrix", "relu(x)", "4,192", ...).  NUL-terminated, cut to len. */
void configtable_value(int i, const TrainConfig *c, Variant v, char *buf, size_t len);

/* The fields (indices into out, at most cap) where a run differs from the
 * course's defaults (train_config_default() with the run's vocabulary,
 * printing as the course), those without effect left out; returns how
 * many. */
int configtable_differences(const TrainConfig *c, Variant v, int *out, int cap);

#endif
