/* hit.h: what a cell of the frame shows, for the mouse: its panel, from the
 * frame's layout (computed once per frame: render/frame.h), and what the
 * renderers tagged it with as they drew it (a position's row, a step of a
 * curve, a phase, a key's hint ...), so that a click means what the user
 * saw there. */
#ifndef MICROGPT_HIT_H
#define MICROGPT_HIT_H

#include "render/layout.h"
#include "render/ui_canvas.h"
#include "session/mouse.h"

/* What cell (x, y) of canvas c, drawn with layout l (zoom applied), shows. */
Hit render_hit(const Layout *l, const Canvas *c, int x, int y);

#endif
