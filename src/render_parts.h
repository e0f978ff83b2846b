/* render_parts.h: small pieces the renderers share: panel frames, token
 * labels, number formats.  Internal to the render*.c files. */
#ifndef MICROGPT_RENDER_PARTS_H
#define MICROGPT_RENDER_PARTS_H

#include "dataset.h"
#include "ui_canvas.h"

/* Draws a rounded frame around r with a title at the left of its top edge
 * and an optional note at the right; returns the inside, with one blank
 * column of padding each side (w or h may be 0 when r is tiny). */
Rect frame(Canvas *c, Rect r, const char *title, const char *note);
/* Clears r to blanks. */
void blank(Canvas *c, Rect r);

/* A token as the screen shows it: "[BOS]", the character itself, a visible
 * space, ^X for a control character, U+XXXX for non-ASCII in ASCII mode. */
void token_label(const Dataset *ds, int tok, int ascii, char out[16]);

/* Right-aligns s in a field of w columns at (x, y). */
void text_right(Canvas *c, int x, int y, int w, const char *s, Role role);
/* Centres s in a field of w columns at (x, y). */
void text_center(Canvas *c, int x, int y, int w, const char *s, Role role);
/* A learning rate for display: six decimals below 1, else %.4g. */
void fmt_lr(char *buf, size_t len, double lr);
/* Decimal digits of a non-negative int. */
int digits(long v);

#endif
