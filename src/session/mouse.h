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

/* What a cell of the frame shows. */
typedef struct {
    PanelId panel;          /* the panel there, or PANEL_NONE */
} Hit;

#endif
