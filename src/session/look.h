/* look.h: the panels that look inside the model, as the session drives
 * them: the keys that bring them up (a attention, u what the update did,
 * t a name to probe), the probed names and the line editor (t a name, # a
 * parameter), the parameter Adam is followed on (d, #), the raw scores (v),
 * and what they need computed (session/inside.h) for the view.  Internal to
 * the session (session.c calls these). */
#ifndef MICROGPT_LOOK_H
#define MICROGPT_LOOK_H

#include "session/session.h"

/* The start: no inside panel, Adam followed as the trainer does, the names
 * of --probe (SessionConfig.probe; main.c refused any not made of the
 * data's characters) in the probe panel. */
void look_start(Session *s);
/* The names probed become names[0 .. count) (made of the data's
 * characters: a lesson's file checked them), the first shown in detail. */
void look_names(Session *s, const char (*names)[INSIDE_NAME_BYTES], int count);
/* ACT_ATTENTION, ACT_UPDATE, ACT_PROBE, ACT_LOGITS, ACT_FOLLOW, ACT_PICK.
 * Returns DO_* bits. */
unsigned look_act(Session *s, Action a);
/* Closes the inside panel shown (Esc); DO_DRAW, or 0 when none shows. */
unsigned look_close(Session *s);
/* A key while the line editor is open: editing; Enter takes the name (or
 * the parameter), or says why not; Up / Down recall the names probed; Esc
 * closes it.  Returns DO_* bits. */
unsigned look_key(Session *s, int key);
/* Whether going to a step should look into run i's step on the way (an
 * inside panel, or a parameter chosen for Adam, needs it): the look costs
 * nothing more when the step is the next one. */
int look_wanted(const Session *s, int i);
/* Run i to the step shown, looking into it (timeline_retrace): as
 * session_seek (cancel: a key may stop a long way there; 0, 1 stopped short,
 * -1 the session must end). */
int look_seek(Session *s, int i, int cancel);
/* The same without a key stopping it: 0, or -1 (the session must end). */
int look_arrive(Session *s, int i);
/* Fills v->inside (computing what it needs) and, when d or # chose another
 * parameter for Adam, v->step's follow.  Out of memory fails the session. */
void look_view(Session *s, View *v);

#endif
