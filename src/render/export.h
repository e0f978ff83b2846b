/* export.h: a screen (a canvas) written out, for a slide or a printout:
 * as plain UTF-8 text (canvas_dump's lines: trailing blanks dropped) and as
 * an SVG image in the theme's colours (render/theme.h) and a monospace
 * font, whose text, row by row, is the same text.  What the export key and
 * --export-screens write. */
#ifndef MICROGPT_EXPORT_H
#define MICROGPT_EXPORT_H

#include <stddef.h>

#include "render/ui_canvas.h"

/* The canvas as an SVG document: a cell 8.4 x 17 units, one <text> a row
 * (each character at its cell), the high-contrast theme or the default
 * one, with colours or without.  Returns a malloc'd string, or NULL when
 * out of memory. */
char *export_svg(const Canvas *c, int high, int colour);

/* Writes base.txt and base.svg.  Returns 0, or -1 with a message in err
 * naming the file that could not be written. */
int export_write(const Canvas *c, const char *base, int high, int colour, char *err, size_t len);

/* The first base name "dir/microgpt-tui-NNN" (NNN from 001) whose .txt and
 * .svg do not exist yet.  Returns 0, or -1 when all 999 are taken. */
int export_next_base(const char *dir, char *out, size_t len);

#endif
