/* plot.h: line plots and bars drawn into a canvas.
 *
 * A Plot maps values onto a dot grid over a rectangle of cells: Braille
 * (2 x 4 dots per cell) on a UTF-8 canvas, one dot per cell with a chosen
 * ASCII mark otherwise.  Each cell keeps one role: the last series drawn on
 * a cell replaces what an earlier series left there, so draw the most
 * important series last.  Bars use eighth blocks (UTF-8) or '#'. */
#ifndef MICROGPT_PLOT_H
#define MICROGPT_PLOT_H

#include "render/ui_canvas.h"

typedef struct {
    Canvas *c;
    Rect r;                 /* the cells plotted on */
    int ascii;
    int xdots, ydots;       /* dot grid: x to the right, y downwards */
    double ymin, ymax;      /* the value at the bottom and at the top dot row */
    unsigned char *bits;    /* per cell: Braille dots */
    unsigned char *role;    /* per cell: Role, or 0xff when empty */
    const char **mark;      /* per cell: ASCII mark */
} Plot;

/* Starts a plot over r with values ymin (bottom) to ymax (top).  Returns 0,
 * or -1 when r is empty or memory runs out (then plot_end is a no-op). */
int plot_begin(Plot *p, Canvas *c, Rect r, double ymin, double ymax);
/* Writes the non-empty cells to the canvas and frees the plot. */
void plot_end(Plot *p);

/* The dot row of value v (clamped to the grid; NaN goes to the bottom). */
int plot_y(const Plot *p, double v);
/* The dot column of point i of n spread over the width (first left, last right). */
int plot_x(const Plot *p, long i, long n);
/* Sets one dot; mark is the ASCII glyph for it. */
void plot_dot(Plot *p, int dx, int dy, Role role, const char *mark);
/* A connected line from (x0, y0) to (x1, y1), x0 <= x1, in dots. */
void plot_line(Plot *p, int x0, int y0, int x1, int y1, Role role, const char *mark);
/* The connected line through v[0 .. count), point i at plot_x(i, total). */
void plot_series(Plot *p, const double *v, long count, long total, Role role, const char *mark);
/* The points v[0 .. count) as unconnected dots, point i at plot_x(i, total). */
void plot_points(Plot *p, const double *v, long count, long total, Role role, const char *mark);
/* A horizontal line at value y across the plot; dashed leaves gaps. */
void plot_hline(Plot *p, double y, int dashed, Role role, const char *mark);
/* Tags every cell of the plot with the point of n (over the width, as
 * plot_x spreads them) its column stands for: a click there means that
 * point (HIT_STEP for a curve over the steps). */
void plot_tag_x(const Plot *p, Canvas *c, long n, HitKind hit);
/* The cell (relative to the canvas) holding dot (dx, dy). */
void plot_cell_of(const Plot *p, int dx, int dy, int *x, int *y);

/* A bar of frac (clamped to [0, 1]) of width cells from (x, y), rounded to
 * eighths of a cell (UTF-8) or whole cells (ASCII).  Returns cells drawn. */
int plot_hbar(Canvas *c, int x, int y, int width, double frac, Role role);

#endif
