/* mouse.h: the mouse, as the session knows it: an event (a click, a
 * double-click, the wheel) at a cell, what the frame shows there (a Hit:
 * the renderers find it from the frame's layout, render/hit.h), and the
 * actions they make (session_mouse).  The keyboard does all of it too. */
#ifndef MICROGPT_MOUSE_H
#define MICROGPT_MOUSE_H

#include "session/panel.h"

typedef enum { MOUSE_CLICK, MOUSE_DOUBLE, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN } MouseKind;

typedef struct {
    MouseKind kind;
    int x, y;               /* the cell, 0-based from the top left */
} MouseEvent;

/* What a cell of the frame shows, beyond its panel (the renderers tag the
 * cells they draw: render/ui_canvas.h). */
typedef enum {
    HIT_NONE,
    HIT_POSITION,           /* a position's row, or its input token: value, the position */
    HIT_STEP,               /* a column of the loss or learning-rate curve: value, its step (0-based) */
    HIT_PHASE,              /* a phase of the lesson line's strip: value, its index in the step */
    HIT_KEY,                /* a hint of the key line: value, the key */
    HIT_PROBS,              /* the list of probabilities (the wheel scrolls it) */
    HIT_SAMPLES,            /* the final samples (the wheel pages them) */
} HitKind;

typedef struct {
    PanelId panel;          /* the panel there, or PANEL_NONE */
    HitKind kind;
    int value;
} Hit;

#endif
