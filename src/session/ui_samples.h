/* ui_samples.h: the names the trained model makes up, for the UI.
 *
 * Drawn exactly as the headless run's `--- inference ---` draws them: with
 * sampler_draw on the trainer's parameters and generator, so they are the
 * same names in the same order.  The generator is copied first, so drawing
 * again gives the same names and the trainer is left untouched. */
#ifndef MICROGPT_UI_SAMPLES_H
#define MICROGPT_UI_SAMPLES_H

#include "core/train.h"

typedef struct {
    int step;               /* the step whose parameters drew them (0-based) */
    int total;              /* how many the run asks for (--samples) */
    int count;              /* how many were drawn: min(total, the cap) */
    double temperature;
    char **names;           /* count NUL-terminated UTF-8 strings */
} Samples;

/* Draws min(total, cap) names from t's current parameters with a copy of
 * t->rng.  Returns 0, or -1 when out of memory (*s is then empty). */
int samples_draw(Samples *s, const Trainer *t, int total, int cap, double temperature);
void samples_free(Samples *s);

#endif
