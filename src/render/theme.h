/* theme.h: how each role looks in each theme, curses-free, so that the
 * terminal (tui/terminal.c) and the exported screens (render/export.c)
 * look the same.
 *
 * Two themes, each with colours or in monochrome (the mono theme, NO_COLOR,
 * a terminal without colours): the default one, the colour-blind-safe
 * Okabe-Ito palette on the terminal's own background; the high-contrast
 * one, bright colours on black, bold, nothing dim (for projectors).  A
 * colour is an xterm-256 index with an 8-colour stand-in (ANSI numbers:
 * 0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white). */
#ifndef MICROGPT_THEME_H
#define MICROGPT_THEME_H

#include "render/ui_style.h"

/* Attributes (bits). */
enum { STYLE_BOLD = 1, STYLE_DIM = 2, STYLE_UNDERLINE = 4, STYLE_REVERSE = 8 };

typedef struct {
    short fg256, fg8;       /* the foreground, or -1: the terminal's own */
    short bg256, bg8;       /* the background, or -1 */
    unsigned attrs;         /* STYLE_* */
} Style;

/* How role r looks: in the high-contrast theme or the default one, with
 * colours or without. */
Style theme_style(Role r, int high, int colour);
/* 1 when role r is dim in the theme, with colours or without (no role a
 * class must read may be: docs/ui.md). */
int theme_role_dim(Role r, int high);
/* The RGB of an xterm-256 colour (0xRRGGBB). */
unsigned theme_rgb(int xterm256);

#endif
