/* render_parts.h: small pieces the renderers share: panel frames, token
 * labels, number formats.  Internal to the render*.c files. */
#ifndef MICROGPT_RENDER_PARTS_H
#define MICROGPT_RENDER_PARTS_H

#include "core/dataset.h"
#include "render/render.h"
#include "render/ui_canvas.h"
#include "session/markup.h"

/* Draws a rounded frame around r with a title at the left of its top edge
 * and an optional note at the right; returns the inside, with one blank
 * column of padding each side (w or h may be 0 when r is tiny). */
Rect frame(Canvas *c, Rect r, const char *title, const char *note);
/* A panel's title: `title`, or drawn beside another run's panel (v->side)
 * with the run's letter first ("B: Loss at each position"); in buf. */
const char *side_title(char *buf, size_t len, const View *v, const char *title);
/* Clears r to blanks. */
void blank(Canvas *c, Rect r);

/* Right-aligns s in a field of w columns at (x, y). */
void text_right(Canvas *c, int x, int y, int w, const char *s, Role role);
/* Centres s in a field of w columns at (x, y). */
void text_center(Canvas *c, int x, int y, int w, const char *s, Role role);
/* Decimal digits of a non-negative int. */
int digits(long v);

/* Writes s (with markup, session/markup.h, starting as ROLE_TEXT) into r
 * from row y on, word wrapped at spaces, continuation lines indented by
 * `indent` columns; '\n' starts a new line.  Nothing is drawn outside r.
 * Returns the rows the text takes (drawn or not). */
int flow_text(Canvas *c, Rect r, int y, const char *s, int indent);
/* Like flow_text, but when s takes more rows than r has from y on: as many
 * of its words as fit there, the last followed by an ellipsis (GL_ELL), or
 * nothing when not even one fits.  *cut: 1 when s was not drawn whole.
 * Returns the rows drawn. */
int flow_text_cut(Canvas *c, Rect r, int y, const char *s, int indent, int *cut);
/* An error message (plain text) in ROLE_WARN, word wrapped in r, cut with
 * an ellipsis when it needs more rows. */
void warn_text(Canvas *c, Rect r, const char *s);
/* The rows flow_text would take in a width of w columns. */
int flow_rows(int ascii, int w, const char *s, int indent);

/* The display width of s without its markup (spaces and NBSP count). */
int markup_width(const char *s, int ascii);

/* Redraws the frame of r in the focused style (heavy lines, ROLE_FOCUS),
 * leaving its title and note as they are. */
void focus_frame(Canvas *c, Rect r);

/* Pieces of panels that the phase panel reuses, drawn inside a (a panel's
 * inside, no frame): the probability list of position pos (legend, bars);
 * the guess-mode question for position pos; the learning-rate curve; the
 * loss curve. */
void render_probs_list(Canvas *c, Rect a, const View *v, int pos);
void render_guess_box(Canvas *c, Rect a, const View *v, int pos);
void render_lr_body(Canvas *c, Rect a, const View *v);
void render_loss_body(Canvas *c, Rect a, const View *v);
/* "This step made "emma" 0.28 nats easier.": the step's name again after its
 * update (v->inside.in must be had). */
void update_verdict(const View *v, char *buf, size_t len);

#endif
