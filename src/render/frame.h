/* frame.h: one frame of a session: the layout, computed once, the view and
 * the screen.  What the input loop (tui/ui.c) draws and what the screen
 * tests (tests/test_render.c) compare with their goldens. */
#ifndef MICROGPT_FRAME_H
#define MICROGPT_FRAME_H

#include "render/layout.h"
#include "render/ui_canvas.h"
#include "session/session.h"

/* Draws the session into the canvas (its size is the screen's): the layout
 * for what the session asks (phase mode, explanation, live samples), the
 * session's view with the panels it places (for the focus), the zoom, the
 * screen.  Returns the layout: the session's keys move the focus among its
 * unzoomed panels and its spare ones (Layout.panels | Layout.spare: a spare
 * panel, focused, takes another's place in the next frame).  It tells the
 * session how many final samples a page holds at this size
 * (Layout.samples_per_page: s pages through them), and how far the
 * probabilities scroll (session_set_probs_max: the wheel, < and >). */
Layout render_frame(Canvas *c, Session *s);

#endif
