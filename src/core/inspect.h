/* inspect.h: one training step looked into: the parameters its forward used,
 * its gradients and Adam's moments before its update (caught between its
 * backward and its update: see timeline_retrace), from which what the update
 * did to any parameter follows exactly, and which parameters it moved most.
 * No curses, no I/O. */
#ifndef MICROGPT_INSPECT_H
#define MICROGPT_INSPECT_H

#include <stddef.h>

#include "core/adam.h"
#include "core/train.h"

typedef struct {
    int step;               /* the step looked into (0-based), -1 before any */
    size_t n;               /* parameters */
    AdamConfig adam;        /* the step's own Adam settings (its changes applied) */
    double lr_t;
    double *p, *g, *m, *v;  /* before the update: parameters, gradients, moments */
    void *block;            /* the one allocation they are carved from */
} StepLook;

/* Room for a model of n parameters.  Returns 0, or -1 when out of memory. */
int steplook_init(StepLook *k, size_t n);
void steplook_free(StepLook *k);
/* Copies what t holds between trainer_backward and trainer_update (a
 * TimelineLook's moment). */
void steplook_capture(StepLook *k, const Trainer *t);
/* What the step's update did to parameter i, exactly as adam_update did it. */
AdamTrace steplook_trace(const StepLook *k, size_t i);

/* A parameter the update moved. */
typedef struct {
    size_t index;
    AdamTrace tr;
    double delta;           /* tr.p_new - tr.p_old */
} Mover;

/* The `max` parameters the update moved most, |delta| descending (ties: the
 * lower index first), into out; returns how many (fewer when fewer moved at
 * all). */
int steplook_movers(const StepLook *k, Mover *out, int max);

#endif
