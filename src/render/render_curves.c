/* render_curves.c: the curves over the whole run: the learning-rate
 * schedule and the loss so far. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/thousands.h"
#include "render/plot.h"
#include "render/render.h"
#include "render/render_parts.h"
#include "render/ui_glyphs.h"
#include "session/lesson.h"

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
    /* the schedule in use: its name in the title when it fits, its formula
     * on a row of its own when the panel has rows to spare */
    const LrSchedule sched = v->run.train->adam.schedule;
    char title[48];
    snprintf(title, sizeof title, "Learning rate, %s", sched == LR_LINEAR ? "linear" : "cosine");
    if (text_width(title, c->ascii) + text_width(note, c->ascii) + 7 > r.w)
        snprintf(title, sizeof title, "Learning rate");
    Rect a = frame(c, r, title, note);
    char f[256];
    lesson_lr_formula(f, sizeof f, sched);
    const int rows = flow_rows(c->ascii, a.w, f, 7);
    if (a.h - rows >= 4) {
        char line[300];
        snprintf(line, sizeof line, MK_LABEL "%s", f);
        flow_text(c, a, a.y, line, 7);
        a.y += rows;
        a.h -= rows;
    }
    render_lr_body(c, a, v);
}

void render_lr_body(Canvas *c, Rect a, const View *v)
{
    const Glyphs *g = glyphs_get(c->ascii);
    if (a.w < 4 || a.h < 1)
        return;
    const int N = v->run.num_steps;
    const double peak = train_lr_peak(v->run.train), top = peak > 0 ? peak : 1.0;
    /* the top label: the peak as %g when that is short (0.01, 12345.7),
     * else in lr_t's width (1.23e-05, not 1.23457e-05) */
    char hi[32];
    if (snprintf(hi, sizeof hi, "%g", peak) > LESSON_LR_CHARS)
        lesson_lr_text(hi, sizeof hi, peak);
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

/* ---------------------------------------------------------- the loss curve */

/* The y axis of the loss curve: round ticks every `k` rows, every row worth
 * `unit`, the top row's centre at `top` (a multiple of unit), so that a tick,
 * the chance line and every point sit on the row of their value. */
typedef struct {
    double top, unit;
    double ticks[64];
    int nt, decimals;
} RowAxis;

/* The finest axis over `rows` rows that holds [lo, hi] (0 <= lo <= hi): tick
 * steps of 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5 ... every k rows (k from 2 to 4
 * when there are rows to spare, so that labels are neither crowded nor far
 * apart; any k when no such axis holds the data), at least two ticks, the
 * data centred. */
static RowAxis row_axis(double lo, double hi, int rows)
{
    static const double steps[] = { 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250,
                                    500, 1000, 2000, 2500, 5000, 10000 };
    const int nsteps = (int)(sizeof steps / sizeof steps[0]);
    RowAxis ax = { 0 };
    double best = INFINITY;
    int best_s = nsteps - 1, best_k = 1;
    for (int wide = 0; wide < 2 && best == INFINITY; wide++)
        for (int si = 0; si < nsteps; si++)
            for (int k = rows >= 5 ? 2 : 1; k < rows || (k == 1 && rows == 1); k++) {
                const double u = steps[si] / k;
                if (!wide && k > 4)
                    break;
                if (u >= best || (rows - 1) * u < hi - lo + 0.999 * u)
                    continue;   /* (a unit more: the top row is on a multiple of it) */
                if (2 * k > rows - 1 && rows >= 3)  /* two ticks at least */
                    continue;
                best = u;
                best_s = si;
                best_k = k;
            }
    const double st = steps[best_s];
    ax.unit = st / best_k;
    /* the top row: the data centred, on a multiple of unit, with hi in view
     * and the bottom no lower than lo (nor below 0 when that can be had) */
    double top = ceil(((hi + lo) / 2 + (rows - 1) * ax.unit / 2) / ax.unit - 1e-9) * ax.unit;
    const double top_min = ceil(hi / ax.unit - 1e-9) * ax.unit;
    const double top_max = floor((lo + (rows - 1) * ax.unit) / ax.unit + 1e-9) * ax.unit;
    if (top > top_max)
        top = top_max;
    if (top < top_min)
        top = top_min;
    if (top - (rows - 1) * ax.unit < 0 && (rows - 1) * ax.unit <= top_max)
        top = (rows - 1) * ax.unit;
    ax.top = top;
    /* the ticks: the multiples of st on the rows, from the top down */
    const double bottom = top - (rows - 1) * ax.unit;
    for (long m = (long)floor(top / st + 1e-9); ax.nt < 64; m--) {
        double t = (double)m * st;
        if (t < bottom - 1e-9)
            break;
        ax.ticks[ax.nt++] = t;
    }
    ax.decimals = st >= 1 ? 0 : st == 0.25 ? 2 : 1;
    return ax;
}

/* A plot over `rows` rows of pr with axis ax: a row's centre is its value. */
static int axis_plot(Plot *p, Canvas *c, Rect pr, const RowAxis *ax)
{
    const int d = c->ascii ? 1 : 4;     /* dot rows per cell */
    const double half = (d - 1) / 2.0 * ax->unit / d;
    return plot_begin(p, c, pr, ax->top - (pr.h - 1) * ax->unit - half, ax->top + half);
}

/* What the loss curve shows of the steps reached: the curve's buckets whose
 * steps are all shown (settled), their moving average, and those whose steps
 * are all beyond the step shown (computed before a rewind).  A bucket holds
 * the steps [first, first + count) (steps are reached in order); one holding
 * both steps shown and steps beyond (a bucket of more than one step, after a
 * rewind into it) is left out. */
typedef struct {
    const LossCurve *lc;
    int settled;            /* buckets [0, settled) */
    int ahead;              /* buckets [ahead, lc->filled) */
    int wb;                 /* the moving average's window, in buckets */
    double *avg;            /* [settled] */
    const LossCurve *other; /* the run compared with (its buckets as settled as these), or NULL */
    double *ghost;          /* [settled]: its moving average, or NULL */
    double lo, hi;          /* the finite averages' range, the chance level in it */
    int nonfinite;          /* a settled bucket holds a NaN or infinite loss */
} LossData;

/* The moving average of c's buckets [0, n) over wb buckets (malloc'd, NULL
 * when out of memory), widening d's range to hold it: running sums over the
 * window of the finite losses, their count, and the NaN and infinite ones (a
 * window holding one averages to it). */
static double *moving_avg(const LossCurve *c, int n, int wb, LossData *d)
{
    double *avg = malloc((size_t)n * sizeof *avg);
    if (!avg)
        return NULL;
    double sum = 0.0;
    int count = 0, nan = 0, inf = 0;
    for (int i = 0; i < n; i++) {
        const LossBucket *b = &c->b[i];
        sum += b->sum;
        count += b->finite;
        nan += b->nan;
        inf += b->inf;
        if (i >= wb) {
            const LossBucket *o = &c->b[i - wb];
            sum -= o->sum;
            count -= o->finite;
            nan -= o->nan;
            inf -= o->inf;
        }
        avg[i] = nan ? NAN : inf ? INFINITY : count ? sum / count : NAN;
        if (isfinite(avg[i])) {
            d->lo = avg[i] < d->lo ? avg[i] : d->lo;
            d->hi = avg[i] > d->hi ? avg[i] : d->hi;
        }
    }
    return avg;
}

/* The loss data of the view (*d; its avg NULL when none is settled, or out
 * of memory: then returns -1; the caller frees avg and ghost). */
static int loss_data(const View *v, LossData *d)
{
    const LossCurve *lc = v->step.curve;
    const int shown = v->shown.curve_steps, per = lc->per;
    /* d->settled and d->ahead: 0 when nothing is shown yet */
    const double chance = log((double)v->run.vocab_size);
    memset(d, 0, sizeof *d);
    d->lc = lc;
    d->lo = d->hi = chance;
    if (shown > 0 && lc->filled > 0) {
        const int cur = losscurve_bucket(lc, shown - 1);   /* holds the last step shown */
        if (cur < lc->filled) {
            d->settled = cur + (losscurve_first(lc, cur) + lc->b[cur].count <= shown);
            d->ahead = cur + 1;
        } else {
            d->settled = d->ahead = lc->filled;
        }
    }
    d->wb = losscurve_avg_buckets(lc);
    if (d->settled == 0)
        return 0;
    d->avg = moving_avg(lc, d->settled, d->wb, d);
    if (!d->avg)
        return -1;
    for (int i = 0; i < d->settled; i++)
        if (lc->b[i].nan || lc->b[i].inf)
            d->nonfinite = 1;
    /* the run compared with, on the same step: its average, behind */
    const LossCurve *o = v->cmp.curve;
    if (o && o->per == per && o->filled >= d->settled) {
        d->other = o;
        d->ghost = moving_avg(o, d->settled, d->wb, d);
        if (!d->ghost) {
            free(d->avg);
            d->avg = NULL;
            return -1;
        }
    }
    return 0;
}

/* The dot column of bucket i (its middle step). */
static int bucket_x(const Plot *p, const LossCurve *lc, int i)
{
    return plot_x(p, (losscurve_first(lc, i) + losscurve_last(lc, i)) / 2, lc->num_steps);
}

/* The buckets [from, to) as points: a dot at a one-step bucket's loss, a
 * vertical run from the smallest to the largest loss of a longer one.  With
 * clip, a bucket whose losses all lie beyond the axis's range is left out
 * (the steps computed beyond the one shown, after a rewind, keep its axis:
 * on its edge they would read as losses they are not); else such a point
 * sits on the edge. */
static void loss_points(Plot *p, const LossCurve *lc, int from, int to, Role role, const char *mark, int clip)
{
    const double half = p->ydots > 1 ? (p->ymax - p->ymin) / (p->ydots - 1) / 2 : 0.0;
    for (int i = from; i < to; i++) {
        const LossBucket *b = &lc->b[i];
        if (b->finite == 0)
            continue;
        if (clip && (b->max < p->ymin - half || b->min > p->ymax + half))
            continue;
        int x = bucket_x(p, lc, i), y0 = plot_y(p, b->max), y1 = plot_y(p, b->min);
        plot_line(p, x, y0, x, y1, role, mark);
    }
}

/* The moving average as a line of its own look: per cell column the average
 * at the last settled bucket there, drawn as a heavy line (━, with ┓ ┃ ┗ and
 * ┛ ┃ ┏ where it steps down or up a row; ASCII: *) over the points. */
static void avg_line(Canvas *c, const Plot *p, const LossData *d)
{
    const Glyphs *g = glyphs_get(c->ascii);
    int prev_x = -1, prev_y = 0;
    for (int i = 0; i < d->settled; i++) {
        if (!isfinite(d->avg[i]))
            continue;
        int cx, cy;
        plot_cell_of(p, bucket_x(p, d->lc, i), plot_y(p, d->avg[i]), &cx, &cy);
        if (i + 1 < d->settled && isfinite(d->avg[i + 1])) {   /* the column's last bucket wins */
            int nx, ny;
            plot_cell_of(p, bucket_x(p, d->lc, i + 1), plot_y(p, d->avg[i + 1]), &nx, &ny);
            if (nx == cx)
                continue;
        }
        if (prev_x < 0 || cy == prev_y) {
            for (int x = prev_x < 0 ? cx : prev_x + 1; x <= cx; x++)
                canvas_put(c, x, cy, g->avg_h, ROLE_AVG);
        } else {
            for (int x = prev_x + 1; x < cx; x++)   /* level until the next point */
                canvas_put(c, x, prev_y, g->avg_h, ROLE_AVG);
            const int down = cy > prev_y;
            canvas_put(c, cx, prev_y, down ? g->avg_dl : g->avg_ul, ROLE_AVG);
            for (int y = (down ? prev_y : cy) + 1; y < (down ? cy : prev_y); y++)
                canvas_put(c, cx, y, g->avg_v, ROLE_AVG);
            canvas_put(c, cx, cy, down ? g->avg_ur : g->avg_dr, ROLE_AVG);
        }
        prev_x = cx;
        prev_y = cy;
    }
}

/* The other run's moving average through the dots of its settled buckets. */
static void ghost_line(Plot *p, const LossData *d, const char *mark)
{
    int px = -1, py = 0;
    for (int i = 0; i < d->settled; i++) {
        if (!isfinite(d->ghost[i]))
            continue;
        int x = bucket_x(p, d->other, i), y = plot_y(p, d->ghost[i]);
        if (px < 0)
            plot_dot(p, x, y, ROLE_GHOST, mark);
        else
            plot_line(p, px, py, x, y, ROLE_GHOST, mark);
        px = x;
        py = y;
    }
}

/* A NaN or infinite loss in the buckets [from, to): the mark at the top of
 * its column (never a point on an edge, which would read as a number). */
static void nonfinite_marks(Canvas *c, const Plot *p, const LossCurve *lc, int from, int to, Role role)
{
    const Glyphs *g = glyphs_get(c->ascii);
    for (int i = from; i < to; i++)
        if (lc->b[i].nan || lc->b[i].inf) {
            int cx, cy;
            plot_cell_of(p, bucket_x(p, lc, i), 0, &cx, &cy);
            canvas_put(c, cx, cy, g->nonfinite, role);
        }
}

/* The legend in r (one row): the dots and the average (whose runs, with two
 * on screen, and the other's average), and × nan when a loss was not a number;
 * the first wording that fits. */
static void loss_legend(Canvas *c, Rect r, const View *v, const LossData *d)
{
    const Glyphs *g = glyphs_get(c->ascii);
    const int end = r.x + r.w;
    char raw_l[32], avg_l[48], ghost_l[32] = "", bad_l[16] = "", steps[32];
    format_thousands((size_t)losscurve_avg_steps(d->lc), steps, sizeof steps);
    const char la = v->cmp.label, lb = v->cmp.other_label;
    if (d->nonfinite)
        snprintf(bad_l, sizeof bad_l, " nan");
    int show_raw = 1;
    for (int form = 0; form < 3; form++) {
        if (d->ghost) {     /* two runs: whose curve is whose */
            snprintf(raw_l, sizeof raw_l, " %c each step  ", la);
            snprintf(avg_l, sizeof avg_l, " %c avg  ", la);
            snprintf(ghost_l, sizeof ghost_l, " %c avg%s", lb, d->nonfinite ? "  " : "");
            show_raw = form == 0;
        } else {
            snprintf(raw_l, sizeof raw_l, form ? " step  " : " each step   ");
            snprintf(avg_l, sizeof avg_l, form ? " avg %s%s" : " avg of %s%s", steps, d->nonfinite ? "  " : "");
        }
        int need = (show_raw ? text_width(g->legend_raw, c->ascii) + (int)strlen(raw_l) : 0) +
                   text_width(g->legend_avg, c->ascii) + (int)strlen(avg_l) +
                   (d->ghost ? text_width(g->legend_ghost, c->ascii) + (int)strlen(ghost_l) : 0) +
                   (d->nonfinite ? text_width(g->nonfinite, c->ascii) + (int)strlen(bad_l) : 0);
        if (need <= r.w)
            break;
    }
    int x = r.x;
    if (show_raw) {
        x += canvas_text(c, x, r.y, end - x, g->legend_raw, ROLE_RAW);
        x += canvas_text(c, x, r.y, end - x, raw_l, ROLE_LABEL);
    }
    x += canvas_text(c, x, r.y, end - x, g->legend_avg, ROLE_AVG);
    x += canvas_text(c, x, r.y, end - x, avg_l, ROLE_LABEL);
    if (d->ghost) {
        x += canvas_text(c, x, r.y, end - x, g->legend_ghost, ROLE_GHOST);
        x += canvas_text(c, x, r.y, end - x, ghost_l, ROLE_GHOST);
    }
    if (d->nonfinite) {
        x += canvas_text(c, x, r.y, end - x, g->nonfinite, ROLE_WARN);
        canvas_text(c, x, r.y, end - x, bad_l, ROLE_LABEL);
    }
}

/* The loss curve inside a: the axis, the points of the steps shown and of
 * those computed beyond them, the chance level, the average, the step's own
 * loss marked, the legend. */
static void loss_curve(Canvas *c, Rect a, const View *v, const LossData *d)
{
    const Glyphs *g = glyphs_get(c->ascii);
    const LossCurve *lc = d->lc;
    const int N = v->run.num_steps;
    const double chance = log((double)v->run.vocab_size);
    if (a.w < 8 || a.h < 2)
        return;
    /* The range follows the average (and the chance level) with a margin for
     * the spread of single steps (less in a plot of a few rows, which would
     * otherwise need coarse rows); a step beyond it sits on the edge (one
     * computed beyond the step shown is left out: loss_points). */
    const int legend = a.h >= 4, xrow = a.h >= 5;
    const int ph = a.h - legend - xrow;
    const double margin = ph >= 6 ? 0.5 : 0.1;
    double lo = d->lo - margin, hi = d->hi + margin;
    if (lo < 0)
        lo = 0;
    const RowAxis ax = row_axis(lo, hi, ph);
    int lab_w = 1;
    for (int i = 0; i < ax.nt; i++) {
        char lab[32];
        int w = snprintf(lab, sizeof lab, "%.*f", ax.decimals, ax.ticks[i]);
        lab_w = w > lab_w ? w : lab_w;
    }
    const int axis_x = a.x + lab_w + 1;
    const Rect pr = { axis_x + 1, a.y, a.x + a.w - axis_x - 1, ph };
    Plot p;
    if (pr.w < 2 || axis_plot(&p, c, pr, &ax) != 0)
        return;
    loss_points(&p, lc, 0, d->settled, ROLE_RAW, g->ascii_raw, 0);
    loss_points(&p, lc, d->ahead, lc->filled, ROLE_AHEAD, g->ascii_ahead, 1);
    if (d->ghost)   /* the run compared with: its average, a thin line under this run's */
        ghost_line(&p, d, g->ascii_ghost);
    plot_hline(&p, chance, 1, ROLE_CHANCE, g->ascii_chance);
    const Plot geo = p;     /* the geometry, after plot_end frees the dots */
    plot_end(&p);
    if (d->avg)
        avg_line(c, &geo, d);
    nonfinite_marks(c, &geo, lc, d->ahead, lc->filled, ROLE_AHEAD);
    nonfinite_marks(c, &geo, lc, 0, d->settled, ROLE_WARN);
    /* the step shown, when its loss is: ● on its value (× at the top when
     * it is not a number) */
    const StepInfo *in = v->step.info;
    if (v->shown.curve_steps > in->step) {
        int mx, my;
        const int fin = isfinite(in->loss);
        plot_cell_of(&geo, plot_x(&geo, in->step, N), fin ? plot_y(&geo, in->loss) : 0, &mx, &my);
        canvas_put(c, mx, my, fin ? g->dot : g->nonfinite, ROLE_MARKER);
    }
    y_axis(c, &geo, axis_x, lab_w, ax.ticks, NULL, ax.nt, ax.decimals);
    int cx, cy;
    plot_cell_of(&geo, 0, plot_y(&geo, chance), &cx, &cy);
    char lab[32];
    snprintf(lab, sizeof lab, " chance %.2f", chance);
    int lw = (int)strlen(lab);
    if (lw + 4 <= pr.w)
        canvas_text(c, pr.x + pr.w - lw, cy, lw, lab, ROLE_CHANCE);
    if (xrow)
        x_labels(c, &geo, a.y + ph, N, "step");
    if (legend)
        loss_legend(c, (Rect){ pr.x, a.y + a.h - 1, a.x + a.w - pr.x, 1 }, v, d);
    plot_tag_x(&geo, c, N, HIT_STEP);  /* a click goes to the step under it */
}

void render_loss(Canvas *c, Rect r, const View *v)
{
    LossData d;
    const int ok = loss_data(v, &d) == 0;
    char note[64];
    if (d.avg && d.ghost) {     /* two runs: their difference at the last step shown */
        const LossBucket *p = &d.lc->b[d.settled - 1], *q = &d.other->b[d.settled - 1];
        snprintf(note, sizeof note, "%c%s%c %+.4f", v->cmp.label, c->ascii ? "-" : "\u2212", v->cmp.other_label,
                 (p->finite ? p->sum / p->finite : NAN) - (q->finite ? q->sum / q->finite : NAN));
    } else if (d.avg) {
        snprintf(note, sizeof note, "avg %.4f", d.avg[d.settled - 1]);
    } else {
        snprintf(note, sizeof note, "avg %s", glyphs_get(c->ascii)->ell);
    }
    Rect a = frame(c, r, "Loss per step", note);
    if (ok)
        loss_curve(c, a, v, &d);
    free(d.avg);
    free(d.ghost);
}

void render_loss_body(Canvas *c, Rect a, const View *v)
{
    LossData d;
    if (loss_data(v, &d) == 0)
        loss_curve(c, a, v, &d);
    free(d.avg);
    free(d.ghost);
}
