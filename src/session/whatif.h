/* whatif.h: the session's runs beyond the first: a --compare twin and the
 * branches the what-if form makes, and the form itself (its fields and
 * keys).  Internal to the session (session.c calls these); the public
 * functions are in session.h. */
#ifndef MICROGPT_WHATIF_H
#define MICROGPT_WHATIF_H

#include "session/session.h"

/* Sets up run r over t for num_steps steps (its names cut and seen, its
 * live samples, the untrained model's drawn now: t must stand before its
 * first step).  0, or -1. */
int run_start(Run *r, Trainer *t, int num_steps);
/* Frees what run r owns. */
void run_free(Run *r);

/* Opens the form on the values the run shown uses at the step shown; with
 * no room for another run, says so in the key line instead. */
void whatif_open(Session *s);
/* A key while the form is open: editing, Up/Down/Tab between the fields,
 * Enter branches (or says why not), Esc closes.  Returns DO_* bits. */
unsigned whatif_key(Session *s, int key);

#endif
