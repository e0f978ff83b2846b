/* hit.h: what a cell of the frame shows, for the mouse: found from the
 * frame's layout (computed once per frame: render/frame.h) and the view the
 * frame drew, so that a click means what the user saw there. */
#ifndef MICROGPT_HIT_H
#define MICROGPT_HIT_H

#include "render/layout.h"
#include "session/mouse.h"
#include "session/view.h"

/* The panel (and what in it) at cell (x, y) of a frame drawn with layout l
 * (zoom applied) and view v. */
Hit render_hit(const Layout *l, const View *v, int x, int y);

#endif
