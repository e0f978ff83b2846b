/* plot.c: dot-grid plots and bars. */
#include "render/plot.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/ui_glyphs.h"

int plot_begin(Plot *p, Canvas *c, Rect r, double ymin, double ymax)
{
    memset(p, 0, sizeof *p);
    if (r.w < 1 || r.h < 1)
        return -1;
    size_t n = (size_t)r.w * (size_t)r.h;
    p->c = c;
    p->r = r;
    p->ascii = c->ascii;
    p->xdots = c->ascii ? r.w : 2 * r.w;
    p->ydots = c->ascii ? r.h : 4 * r.h;
    p->ymin = ymin;
    p->ymax = ymax > ymin ? ymax : ymin + 1.0;
    p->bits = calloc(n, 1);
    p->role = malloc(n);
    p->mark = calloc(n, sizeof *p->mark);
    if (!p->bits || !p->role || !p->mark) {
        plot_end(p);
        return -1;
    }
    memset(p->role, 0xff, n);
    return 0;
}

void plot_end(Plot *p)
{
    if (p->c && p->bits && p->role && p->mark) {
        for (int y = 0; y < p->r.h; y++)
            for (int x = 0; x < p->r.w; x++) {
                size_t i = (size_t)y * (size_t)p->r.w + (size_t)x;
                if (p->role[i] == 0xff)
                    continue;
                if (p->ascii) {
                    canvas_put(p->c, p->r.x + x, p->r.y + y, p->mark[i] ? p->mark[i] : "*",
                               (Role)p->role[i]);
                } else {
                    char g[4];
                    glyph_braille(p->bits[i], g);
                    canvas_put(p->c, p->r.x + x, p->r.y + y, g, (Role)p->role[i]);
                }
            }
    }
    free(p->bits);
    free(p->role);
    free(p->mark);
    memset(p, 0, sizeof *p);
}

int plot_y(const Plot *p, double v)
{
    if (!isfinite(v))
        return v > 0 ? 0 : p->ydots - 1;   /* NaN and -inf at the bottom, +inf at the top */
    double f = (p->ymax - v) / (p->ymax - p->ymin);
    long d = lround(f * (p->ydots - 1));
    if (d < 0)
        d = 0;
    if (d > p->ydots - 1)
        d = p->ydots - 1;
    return (int)d;
}

int plot_x(const Plot *p, long i, long n)
{
    if (n <= 1 || p->xdots <= 1)
        return 0;
    return (int)((double)i * (p->xdots - 1) / (double)(n - 1) + 0.5);
}

void plot_tag_x(const Plot *p, Canvas *c, long n, HitKind hit)
{
    for (int cx = 0; cx < p->r.w; cx++) {
        /* the columns spread over the points as plot_x spreads the points
         * over the dots: the first is the first point, the last the last */
        long i = p->r.w > 1 && n > 1 ? lround((double)cx * (double)(n - 1) / (p->r.w - 1)) : 0;
        i = i < 0 ? 0 : i > n - 1 ? n - 1 : i;
        canvas_tag(c, (Rect){ p->r.x + cx, p->r.y, 1, p->r.h }, hit, (int)i);
    }
}

void plot_cell_of(const Plot *p, int dx, int dy, int *x, int *y)
{
    *x = p->r.x + (p->ascii ? dx : dx / 2);
    *y = p->r.y + (p->ascii ? dy : dy / 4);
}

void plot_dot(Plot *p, int dx, int dy, Role role, const char *mark)
{
    if (!p->bits || dx < 0 || dy < 0 || dx >= p->xdots || dy >= p->ydots)
        return;
    int cx = p->ascii ? dx : dx / 2, cy = p->ascii ? dy : dy / 4;
    size_t i = (size_t)cy * (size_t)p->r.w + (size_t)cx;
    if (p->role[i] != (unsigned char)role) {
        p->bits[i] = 0;
        p->role[i] = (unsigned char)role;
    }
    p->mark[i] = mark;
    if (!p->ascii) {
        static const unsigned char bit[4][2] = {
            { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
        };
        p->bits[i] |= bit[dy % 4][dx % 2];
    }
}

/* A vertical run of dots at column x between rows a and b (inclusive). */
static void vrun(Plot *p, int x, int a, int b, Role role, const char *mark)
{
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    for (int y = a; y <= b; y++)
        plot_dot(p, x, y, role, mark);
}

void plot_line(Plot *p, int x0, int y0, int x1, int y1, Role role, const char *mark)
{
    if (x1 <= x0) {
        vrun(p, x0, y0, y1, role, mark);
        return;
    }
    /* Each column covers the rows the line crosses within it (from half a
     * column left to half a column right), so steep lines stay connected. */
    const double slope = (double)(y1 - y0) / (double)(x1 - x0);
    for (int x = x0; x <= x1; x++) {
        double a = x - 0.5 < x0 ? x0 : x - 0.5, b = x + 0.5 > x1 ? x1 : x + 0.5;
        int ya = (int)lround(y0 + (a - x0) * slope), yb = (int)lround(y0 + (b - x0) * slope);
        vrun(p, x, ya, yb, role, mark);
    }
}

void plot_series(Plot *p, const double *v, long count, long total, Role role, const char *mark)
{
    int px = 0, py = 0;
    for (long i = 0; i < count; i++) {
        int x = plot_x(p, i, total), y = plot_y(p, v[i]);
        if (i == 0)
            plot_dot(p, x, y, role, mark);
        else if (x == px)
            vrun(p, x, py, y, role, mark);
        else
            plot_line(p, px, py, x, y, role, mark);
        px = x;
        py = y;
    }
}

void plot_points(Plot *p, const double *v, long count, long total, Role role, const char *mark)
{
    for (long i = 0; i < count; i++)
        plot_dot(p, plot_x(p, i, total), plot_y(p, v[i]), role, mark);
}

void plot_hline(Plot *p, double y, int dashed, Role role, const char *mark)
{
    int dy = plot_y(p, y);
    for (int x = 0; x < p->xdots; x++) {
        if (dashed && (p->ascii ? x % 2 : (x / 2) % 2))
            continue;
        plot_dot(p, x, dy, role, mark);
    }
}

int plot_hbar(Canvas *c, int x, int y, int width, double frac, Role role)
{
    if (width <= 0)
        return 0;
    if (!(frac > 0.0))
        frac = 0.0;
    if (frac > 1.0)
        frac = 1.0;
    const Glyphs *g = glyphs_get(c->ascii);
    if (c->ascii) {
        int n = (int)lround(frac * width);
        for (int i = 0; i < n; i++)
            canvas_put(c, x + i, y, g->bar_full, role);
        return n;
    }
    long e = lround(frac * width * 8);
    int full = (int)(e / 8), part = (int)(e % 8);
    for (int i = 0; i < full; i++)
        canvas_put(c, x + i, y, g->bar_full, role);
    if (part)
        canvas_put(c, x + full, y, g->bar_part[part], role);
    return full + (part ? 1 : 0);
}
