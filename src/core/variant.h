/* variant.h: the two programs reproduced bit for bit: the course's
 * microgpt.py and Karpathy's final gist.  Their configurations are
 * train_config_variant() (train.h); here are their names and what their
 * print() calls write around the numbers. */
#ifndef MICROGPT_VARIANT_H
#define MICROGPT_VARIANT_H

typedef enum { VARIANT_COURSE, VARIANT_GIST } Variant;

typedef struct {
    const char *name;             /* "course", "gist": what --variant takes */
    const char *log_end;          /* what ends a step's log line: "\n", or the gist's end='\r' */
    const char *inference_header; /* printed after an empty line, before the samples */
    int header_without_samples;   /* printed even when no sample is drawn (the gist's is unconditional) */
} VariantInfo;

const VariantInfo *variant_info(Variant v);

/* The variant called `name` ("course", "gist").  Returns 0, or -1 when none is. */
int variant_parse(const char *name, Variant *out);

#endif
