/* ui_canvas.h: an in-memory screen: a grid of cells, each one glyph (UTF-8)
 * and a style role.  Renderers draw into a canvas, terminal.c copies it to the
 * terminal; tests dump it as text.  No curses, no I/O.
 *
 * In ASCII mode every glyph written is plain ASCII: text is sanitised on the
 * way in (anything else becomes '?'), so a canvas built for a non-UTF-8
 * terminal can never hold a byte above 0x7f. */
#ifndef MICROGPT_UI_CANVAS_H
#define MICROGPT_UI_CANVAS_H

#include <stddef.h>

#include "render/ui_style.h"
#include "session/mouse.h"

typedef struct { int x, y, w, h; } Rect;

enum { CELL_GLYPH = 8 };    /* one code point (4 bytes) + one combining mark (3) + NUL */

typedef struct {
    char g[CELL_GLYPH];     /* UTF-8; "" on the right half of a wide glyph */
    unsigned char role;     /* a Role */
    unsigned char cont;     /* 1: right half of the wide glyph to its left */
    unsigned char hit;      /* what the cell means for the mouse (a HitKind), or HIT_NONE */
    int value;              /* ... which one (a position, a step ...) */
} Cell;

typedef struct {
    int w, h;
    int ascii;              /* plain ASCII only */
    Cell *cells;            /* h rows of w cells */
} Canvas;

/* A w x h canvas of blanks.  Returns 0, or -1 when out of memory (sizes < 1
 * give an empty canvas). */
int canvas_init(Canvas *c, int w, int h, int ascii);
void canvas_free(Canvas *c);
/* Resizes (contents become blank).  Returns 0 or -1. */
int canvas_resize(Canvas *c, int w, int h);
/* Copies into c the cells of src that fit there, from the top left (a
 * wide glyph cut in half a blank); the rest of c stays as it was. */
void canvas_blit(Canvas *c, const Canvas *src);
/* Every cell blank (a space, ROLE_TEXT). */
void canvas_clear(Canvas *c);
/* The cell at (x, y), or NULL outside the canvas. */
Cell *canvas_at(Canvas *c, int x, int y);
const Cell *canvas_cell(const Canvas *c, int x, int y);

/* Puts one glyph of display width 1 (a literal the renderer chose from
 * ui_glyphs.h, already right for the mode) at (x, y); clipped silently. */
void canvas_put(Canvas *c, int x, int y, const char *glyph, Role role);
/* Fills r with one glyph. */
void canvas_fill(Canvas *c, Rect r, const char *glyph, Role role);

/* Tags the cells of r with what they mean for the mouse: a click or the
 * wheel there acts on it (render/hit.h).  Drawing over a cell drops its
 * tag, so a renderer tags what it drew after drawing it. */
void canvas_tag(Canvas *c, Rect r, HitKind hit, int value);

/* Writes UTF-8 text from (x, y), at most maxw columns (and never past the
 * canvas edge); wide characters take two columns, combining marks join the
 * previous cell, C0 controls, DEL and invalid bytes become '?', and a
 * character the screen cannot show (any non-ASCII one in ASCII mode, a C1
 * control) its code point, U+00E9, as a token's label has it (whole, or
 * not at all).  Returns the columns written. */
int canvas_text(Canvas *c, int x, int y, int maxw, const char *s, Role role);
/* Like canvas_text but cut with an ellipsis when longer than maxw. */
int canvas_text_fit(Canvas *c, int x, int y, int maxw, const char *s, Role role);
/* Display width of s as canvas_text would draw it (a character shown by its
 * code point, U+00E9, as many columns as the code has: every non-ASCII one
 * in ASCII). */
int text_width(const char *s, int ascii);

/* The canvas as text: one line per row, trailing blanks removed, each line
 * ending in '\n'.  Returns a malloc'd string (NULL when out of memory). */
char *canvas_dump(const Canvas *c);
/* The roles as text, one letter per cell ('a' + role; '.' for ROLE_TEXT
 * blanks), same shape as canvas_dump. */
char *canvas_dump_roles(const Canvas *c);

#endif
