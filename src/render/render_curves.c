/* render_curves.c: the curves over the whole run: the learning-rate
 * schedule and the loss so far. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/plot.h"
#include "render/render.h"
#include "render/render_parts.h"
#include "render/ui_glyphs.h"
#include "session/lesson.h"

int render_avg_window(int num_steps)
{
    int w = num_steps / 25;
    return w < 5 ? 5 : w > 200 ? 200 : w;
}

/* A y axis at column x beside plot p: a tick and a label (right-aligned in
 * lab_w columns left of the axis) at each value of ticks; the labels are
 * labels[i], or the value with `decimals` decimals when labels is NULL. */
static void y_axis(Canvas *c, const Plot *p, int x, int lab_w, const double *ticks,
                   const char *const *labels, int nt, int decimals)
{
    const Glyphs *g = glyphs_get(c->ascii);
    for (int y = p->r.y; y < p->r.y + p->r.h; y++)
        canvas_put(c, x, y, g->axis_v, ROLE_BORDER);
    int last_row = -1;
    for (int i = 0; i < nt; i++) {
        int cx, cy;
        plot_cell_of(p, 0, plot_y(p, ticks[i]), &cx, &cy);
        if (cy == last_row)
            continue;
        last_row = cy;
        char lab[32];
        snprintf(lab, sizeof lab, "%.*f", decimals, ticks[i]);
        text_right(c, x - lab_w, cy, lab_w, labels ? labels[i] : lab, ROLE_LABEL);
        canvas_put(c, x, cy, g->axis_tick, ROLE_BORDER);
    }
}

/* x labels under a plot: "1" at the left, num_steps at the right, a word between. */
static void x_labels(Canvas *c, const Plot *p, int y, int num_steps, const char *word)
{
    char lab[32];
    snprintf(lab, sizeof lab, "%d", num_steps);
    int rw = (int)strlen(lab);
    canvas_text(c, p->r.x, y, p->r.w, "1", ROLE_LABEL);
    if (rw + 2 <= p->r.w)
        text_right(c, p->r.x, y, p->r.w, lab, ROLE_LABEL);
    int ww = (int)strlen(word);
    if (ww + 2 * rw + 4 <= p->r.w)
        text_center(c, p->r.x, y, p->r.w, word, ROLE_LABEL);
}

void render_lr(Canvas *c, Rect r, const View *v)
{
    char lr[32], note[48];
    if (phase_has_update(v->shown.phase)) {
        lesson_lr_text(lr, sizeof lr, v->step.info->lr_t);
        snprintf(note, sizeof note, "lr_t %s", lr);
    } else {    /* phase mode: computed at the Update phase */
        snprintf(note, sizeof note, "lr_t %s", glyphs_get(c->ascii)->ell);
    }
    Rect a = frame(c, r, "Learning rate", note);
    render_lr_body(c, a, v);
}

void render_lr_body(Canvas *c, Rect a, const View *v)
{
    const Glyphs *g = glyphs_get(c->ascii);
    if (a.w < 4 || a.h < 1)
        return;
    const int N = v->run.num_steps;
    const double peak = train_lr_peak(v->run.train), top = peak > 0 ? peak : 1.0;
    char hi[32];
    snprintf(hi, sizeof hi, "%g", peak);
    int lab_w = (int)strlen(hi);
    int axis_x = a.x + lab_w + 1;
    int xrow = a.h >= 4 ? 1 : 0;
    Rect pr = { axis_x + 1, a.y, a.x + a.w - axis_x - 1, a.h - xrow };
    Plot p;
    if (pr.w < 2 || plot_begin(&p, c, pr, 0.0, top) != 0)
        return;
    /* the schedule (with its changes), one point per dot column */
    int px = 0, py = 0;
    for (int dx = 0; dx < p.xdots; dx++) {
        long s = p.xdots > 1 ? lround((double)dx * (N - 1) / (p.xdots - 1)) : 0;
        int dy = plot_y(&p, train_lr_at(v->run.train, (int)s));
        if (dx == 0)
            plot_dot(&p, dx, dy, ROLE_LR, g->ascii_lr);
        else
            plot_line(&p, px, py, dx, dy, ROLE_LR, g->ascii_lr);
        px = dx;
        py = dy;
    }
    int mx, my;
    plot_cell_of(&p, plot_x(&p, v->step.info->step, N), plot_y(&p, train_lr_at(v->run.train, v->step.info->step)), &mx, &my);
    const double ticks[2] = { top, 0.0 };
    const char *const labels[2] = { hi, "0" };
    Plot axis = p;  /* keeps the geometry after plot_end frees the dots */
    plot_end(&p);
    y_axis(c, &axis, axis_x, lab_w, ticks, labels, 2, 0);
    canvas_put(c, mx, my, g->dot, ROLE_MARKER);
    if (xrow)
        x_labels(c, &axis, a.y + a.h - 1, N, "step");
    plot_tag_x(&axis, c, N, HIT_STEP);  /* a click goes to the step under it */
}

/* Nice ticks covering [lo, hi] with at most max_ticks of them. */
static int nice_ticks(double lo, double hi, int max_ticks, double *t, int cap, int *decimals)
{
    static const double steps[] = { 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200,
                                    250, 500, 1000 };
    double st = steps[sizeof steps / sizeof steps[0] - 1];
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        double a = floor(lo / steps[i]) * steps[i], b = ceil(hi / steps[i]) * steps[i];
        if (b <= a)
            b = a + steps[i];
        if ((int)lround((b - a) / steps[i]) + 1 <= max_ticks) {
            st = steps[i];
            break;
        }
    }
    double a = floor(lo / st) * st, b = ceil(hi / st) * st;
    if (b <= a)
        b = a + st;
    int n = 0;
    for (long k = lround((b - a) / st); k >= 0 && n < cap; k--)
        t[n++] = a + (double)k * st;   /* from the top down */
    *decimals = st >= 1 ? 0 : st == 0.25 ? 2 : 1;
    return n;
}

/* The moving average of losses[0 .. k) (NULL when out of memory or k is 0),
 * widening [lo, hi] to hold it. */
static double *moving_avg(const View *v, const double *losses, int k, double *lo, double *hi)
{
    const int W = render_avg_window(v->run.num_steps);
    double *avg = k > 0 && losses ? malloc((size_t)k * sizeof *avg) : NULL;
    double sum = 0.0;
    for (int i = 0; avg && i < k; i++) {
        sum += losses[i];
        if (i >= W)
            sum -= losses[i - W];
        avg[i] = sum / (i + 1 < W ? i + 1 : W);
        if (isfinite(avg[i])) {
            *lo = avg[i] < *lo ? avg[i] : *lo;
            *hi = avg[i] > *hi ? avg[i] : *hi;
        }
    }
    return avg;
}

/* The loss curve inside a, with avg the moving average of the k steps
 * shown (NULL when k is 0) and ghost the other run's (or NULL), which span
 * [lo, hi] with the chance level. */
static void loss_curve(Canvas *c, Rect a, const View *v, const double *avg, const double *ghost,
                       double lo, double hi)
{
    const Glyphs *g = glyphs_get(c->ascii);
    const int N = v->run.num_steps, k = v->shown.curve_steps, W = render_avg_window(N);
    const double chance = log((double)v->run.vocab_size);
    if (a.w < 8 || a.h < 2)
        return;
    /* The range follows the average (and the chance level) with a margin for
     * the spread of single steps; the rare step beyond it sits on the edge. */
    lo -= 0.75;
    hi += 0.75;
    if (lo < 0)
        lo = 0;
    int legend = a.h >= 4, xrow = a.h >= 5;
    int ph = a.h - legend - xrow;
    double ticks[64];
    int decimals;
    int nt = nice_ticks(lo, hi, ph / 2 + 1 < 3 ? 3 : ph / 2 + 1, ticks, 64, &decimals);
    int lab_w = 1;
    for (int i = 0; i < nt; i++) {
        char lab[32];
        int w = snprintf(lab, sizeof lab, "%.*f", decimals, ticks[i]);
        lab_w = w > lab_w ? w : lab_w;
    }
    int axis_x = a.x + lab_w + 1;
    Rect pr = { axis_x + 1, a.y, a.x + a.w - axis_x - 1, ph };
    Plot p;
    if (pr.w < 2 || plot_begin(&p, c, pr, ticks[nt - 1], ticks[0]) != 0)
        return;
    if (k > 0) {
        if (ghost)  /* behind the run shown */
            plot_series(&p, ghost, k, N, ROLE_GHOST, g->ascii_ghost);
        plot_points(&p, v->step.losses, k, N, ROLE_RAW, g->ascii_raw);
        plot_series(&p, avg, k, N, ROLE_AVG, g->ascii_avg);
    }
    plot_hline(&p, chance, 1, ROLE_CHANCE, g->ascii_chance);
    Plot axis = p;
    int cx, cy;
    plot_cell_of(&p, 0, plot_y(&p, chance), &cx, &cy);
    plot_end(&p);
    y_axis(c, &axis, axis_x, lab_w, ticks, NULL, nt, decimals);
    char lab[32];
    snprintf(lab, sizeof lab, " chance %.2f", chance);
    int lw = (int)strlen(lab);
    if (lw + 4 <= pr.w)
        canvas_text(c, pr.x + pr.w - lw, cy, lw, lab, ROLE_CHANCE);
    if (xrow)
        x_labels(c, &axis, a.y + ph, N, "step");
    if (legend && v->cmp.losses) {     /* two runs: whose curve is whose */
        int y = a.y + a.h - 1, x = pr.x, end = a.x + a.w;
        char raw_l[32], avg_l[32], ghost_l[32];
        snprintf(raw_l, sizeof raw_l, " %c each step  ", v->cmp.label);
        snprintf(avg_l, sizeof avg_l, " %c avg  ", v->cmp.label);
        snprintf(ghost_l, sizeof ghost_l, " %c avg", v->cmp.other_label);
        int lw2 = 2 + (int)strlen(raw_l) + 2 + (int)strlen(avg_l) + 2 + (int)strlen(ghost_l);
        if (pr.x + lw2 <= end) {
            x += canvas_text(c, x, y, end - x, g->legend_raw, ROLE_RAW);
            x += canvas_text(c, x, y, end - x, raw_l, ROLE_LABEL);
        }
        x += canvas_text(c, x, y, end - x, g->legend_avg, ROLE_AVG);
        x += canvas_text(c, x, y, end - x, avg_l, ROLE_LABEL);
        x += canvas_text(c, x, y, end - x, g->legend_avg, ROLE_GHOST);
        canvas_text(c, x, y, end - x, ghost_l, ROLE_GHOST);
    } else if (legend) {
        int y = a.y + a.h - 1, x = pr.x, end = a.x + a.w;
        char raw_l[32], avg_l[32];
        snprintf(raw_l, sizeof raw_l, " each step   ");
        snprintf(avg_l, sizeof avg_l, " avg of %d", W);
        int lw2 = 2 + (int)strlen(raw_l) + 2 + (int)strlen(avg_l);
        if (pr.x + lw2 > end) {    /* narrow: the short words */
            snprintf(raw_l, sizeof raw_l, " step  ");
            snprintf(avg_l, sizeof avg_l, " avg %d", W);
        }
        x += canvas_text(c, x, y, end - x, g->legend_raw, ROLE_RAW);
        x += canvas_text(c, x, y, end - x, raw_l, ROLE_LABEL);
        x += canvas_text(c, x, y, end - x, g->legend_avg, ROLE_AVG);
        canvas_text(c, x, y, end - x, avg_l, ROLE_LABEL);
    }
    plot_tag_x(&axis, c, N, HIT_STEP);  /* a click goes to the step under it */
}

/* The curves of the steps shown inside a (the frame's note into note when
 * given: the average, or with two runs this step's difference). */
static void loss_panel(Canvas *c, Rect a, const View *v, char *note, size_t len, int framed, Rect r)
{
    const int k = v->shown.curve_steps;
    const double chance = log((double)v->run.vocab_size);
    double lo = chance, hi = chance;
    double *avg = moving_avg(v, v->step.losses, k, &lo, &hi);
    double *ghost = moving_avg(v, v->cmp.losses, k, &lo, &hi);
    if (framed) {
        if (avg && ghost)   /* the step's difference between the runs */
            snprintf(note, len, "%c%s%c %+.4f", v->cmp.label, c->ascii ? "-" : "\u2212", v->cmp.other_label,
                     v->step.losses[k - 1] - v->cmp.losses[k - 1]);
        else if (avg)
            snprintf(note, len, "avg %.4f", avg[k - 1]);
        else
            snprintf(note, len, "avg %s", glyphs_get(c->ascii)->ell);
        a = frame(c, r, "Loss per step", note);
    }
    if (avg || k == 0)
        loss_curve(c, a, v, avg, ghost, lo, hi);
    free(avg);
    free(ghost);
}

void render_loss(Canvas *c, Rect r, const View *v)
{
    char note[64];
    loss_panel(c, r, v, note, sizeof note, 1, r);
}

void render_loss_body(Canvas *c, Rect a, const View *v)
{
    loss_panel(c, a, v, NULL, 0, 0, a);
}
