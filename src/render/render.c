/* render.c: the whole screen, the status line, the key hints, the overlays
 * and the "too small" message. */
#include "render/render.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "session/classroom.h"
#include "render/layout.h"
#include "render/render_parts.h"
#include "render/ui_glyphs.h"

unsigned render_layout_flags(const View *v)
{
    return (v->phase_mode ? LAYF_PHASE : 0u) | (v->explain ? LAYF_EXPLAIN : 0u) | (v->live ? LAYF_LIVE : 0u);
}

void render_screen(Canvas *c, const View *v)
{
    canvas_clear(c);
    Layout l = layout_compute_ex(c->w, c->h, render_layout_flags(v), v->zoom ? v->focus : -1);
    if (!l.fits) {
        render_too_small(c, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
        return;
    }
    render_status(c, l.panel[LAY_STATUS], v);
    render_lesson(c, l.panel[LAY_LESSON], v);
    typedef void (*Draw)(Canvas *, Rect, const View *);
    static const Draw draw[LAY_COUNT] = {
        [LAY_NAME] = render_name, [LAY_POSITIONS] = render_positions, [LAY_PROBS] = render_probs,
        [LAY_PHASE] = render_phase, [LAY_LR] = render_lr, [LAY_LOSS] = render_loss,
        [LAY_LIVE] = render_live, [LAY_EXPLAIN] = render_explain,
    };
    View w = *v;
    w.lr_panel = layout_has(&l, LAY_LR);
    w.loss_panel = layout_has(&l, LAY_LOSS);
    for (int p = 0; p < LAY_COUNT; p++)
        if (draw[p] && layout_has(&l, p))
            draw[p](c, l.panel[p], &w);
    if (v->focus > LAY_LESSON && v->focus < LAY_KEYS && layout_has(&l, v->focus))
        focus_frame(c, l.panel[v->focus]);
    render_keys(c, l.panel[LAY_KEYS], v);
    if (v->samples)
        render_samples(c, v->samples, v->num_steps);
    if (v->help)
        render_help(c, v);
}

/* Writes a label (dim) and a value, returns the columns used. */
static int pair(Canvas *c, int x, int y, int end, const char *label, const char *value, Role role)
{
    int n = canvas_text(c, x, y, end - x, label, ROLE_DIM);
    return n + canvas_text(c, x + n, y, end - x - n, value, role);
}

void render_status(Canvas *c, Rect r, const View *v)
{
    const Glyphs *g = glyphs_get(c->ascii);
    blank(c, r);
    const int last = v->info->step >= v->num_steps - 1;
    char step[48], speed[32], loss[32], lr[32], state[32];
    /* fixed-width fields, so that nothing after them moves as the numbers grow */
    const int step_w = 2 * digits(v->num_steps) + 1, speed_w = 12, state_w = 9;
    snprintf(step, sizeof step, "%d/%d", v->info->step + 1, v->num_steps);
    if (v->speed > 0)
        snprintf(speed, sizeof speed, "%d step%s/s", v->speed, v->speed == 1 ? "" : "s");
    else
        snprintf(speed, sizeof speed, "max speed");
    const int phase = view_phase(v), n = v->info->n;
    if (view_hide_from(v) != INT_MAX)
        snprintf(loss, sizeof loss, "?     ");     /* guess mode: not yet */
    else if (!phase_has_loss(phase, n))     /* phase mode: not computed yet */
        snprintf(loss, sizeof loss, "%-*s", 6 + (int)strlen(g->ell) - text_width(g->ell, c->ascii), g->ell);
    else
        snprintf(loss, sizeof loss, "%.4f", v->info->loss);
    if (phase_has_update(phase, n))
        fmt_lr(lr, sizeof lr, v->info->lr_t);
    else
        snprintf(lr, sizeof lr, "%s", g->ell);
    snprintf(state, sizeof state, "%s %s", v->running ? g->run : g->pause,
             v->running ? "RUNNING" : "PAUSED");
    const char *sep = c->ascii ? " | " : " \u2502 ";
    const char *done = " (last step)";
    int widest = 1 + 5 + step_w + 3 + state_w + 3 + speed_w + 3 + 5 + 6 + 3 + 5 + 8;
    int show_done = last && widest + (int)strlen(done) <= r.w;
    int show_name = widest + (int)strlen(done) + 2 + 12 <= r.w - 1;
    int x = r.x + 1, y = r.y, end = r.x + r.w, x0;
    x0 = x;
    x += pair(c, x, y, end, "step ", step, ROLE_VALUE);
    x = x0 + 5 + step_w > x ? x0 + 5 + step_w : x;
    x += canvas_text(c, x, y, end - x, sep, ROLE_BORDER);
    x0 = x;
    x += canvas_text(c, x, y, end - x, state, v->running ? ROLE_RUN : ROLE_PAUSE);
    if (show_done)
        x += canvas_text(c, x, y, end - x, done, ROLE_DIM);
    else
        x = x0 + state_w > x ? x0 + state_w : x;
    x += canvas_text(c, x, y, end - x, sep, ROLE_BORDER);
    x0 = x;
    x += canvas_text(c, x, y, end - x, speed, ROLE_TEXT);
    x = x0 + speed_w > x ? x0 + speed_w : x;
    x += canvas_text(c, x, y, end - x, sep, ROLE_BORDER);
    x += pair(c, x, y, end, "loss ", loss, ROLE_VALUE);
    x += canvas_text(c, x, y, end - x, sep, ROLE_BORDER);
    pair(c, x, y, end, "lr_t ", lr, ROLE_VALUE);
    if (show_name)
        text_right(c, r.x, y, r.w - 1, "microgpt-tui", ROLE_TITLE);
}

typedef struct {
    const char *key, *ascii_key, *what;
    int priority;   /* lower goes first when the line is short */
} Hint;

/* The hints for the view's mode, most useful first in each mode's order. */
static int hints_for(const View *v, int ascii, Hint *h)
{
    int k = 0;
    const char *pm = ascii ? "+-10" : "\u00b110";
    if (v->help)
        return 0;
    if (v->guess) {
        h[k++] = (Hint){ "r", "r", "reveal", 11 };
    }
    if (v->zoom) {
        h[k++] = (Hint){ "z", "z", "unzoom", 11 };
        h[k++] = (Hint){ "Tab", "Tab", "next panel", 10 };
    }
    if (v->phase_mode) {
        h[k++] = (Hint){ "n \u2192", "n", "next phase", 10 };
        h[k++] = (Hint){ "b \u2190", "b", "back", 9 };
        h[k++] = (Hint){ "\u2191\u2193", "Up Dn", "position", 4 };
        h[k++] = (Hint){ "p", "p", "whole steps", 8 };
        h[k++] = (Hint){ "w", "w", v->guess ? "no guess" : "guess", 7 };
        h[k++] = (Hint){ "e", "e", "explain", 7 };
        if (!v->zoom)
            h[k++] = (Hint){ "z", "z", "zoom", 5 };
        h[k++] = (Hint){ "1-6", "1-6", "arc", 3 };
    } else {
        h[k++] = (Hint){ "space", "space", v->running ? "pause" : "run", 9 };
        h[k++] = (Hint){ "n \u2192", "n", "step", 8 };
        h[k++] = (Hint){ "b \u2190", "b", "back", 8 };
        h[k++] = (Hint){ "] [", "] [", pm, 5 };
        h[k++] = (Hint){ "Home End", "Home End", "first/last", 2 };
        h[k++] = (Hint){ "\u2191\u2193", "Up Dn", "select", 6 };
        h[k++] = (Hint){ "+ -", "+ -", "speed", 4 };
        h[k++] = (Hint){ "p", "p", "phases", 9 };
        h[k++] = (Hint){ "1-6", "1-6", "arc", 7 };
        h[k++] = (Hint){ "e", "e", "explain", 6 };
        h[k++] = (Hint){ "w", "w", v->guess ? "no guess" : "guess", 3 };
        h[k++] = (Hint){ "l", "l", "live", 3 };
        if (!v->zoom)
            h[k++] = (Hint){ "z", "z", "zoom", 2 };
        if (v->samples || v->info->step >= v->num_steps - 1)
            h[k++] = (Hint){ "s", "s", "samples", 6 };
    }
    h[k++] = (Hint){ "?", "?", "help", 12 };
    h[k++] = (Hint){ "q", "q", "quit", 12 };
    return k;
}

void render_keys(Canvas *c, Rect r, const View *v)
{
    blank(c, r);
    Hint h[32];
    int nh = hints_for(v, c->ascii, h), on[32], width = 0;
    for (int i = 0; i < nh; i++) {
        on[i] = 1;
        width += text_width(c->ascii ? h[i].ascii_key : h[i].key, c->ascii) + 1 +
                 text_width(h[i].what, c->ascii) + 2;
    }
    /* drop the least important hints until the line fits */
    width -= 2;     /* no separator after the last */
    for (int p = 0; width > r.w - 1 && p <= 12; p++)
        for (int i = 0; i < nh && width > r.w - 1; i++)
            if (on[i] && h[i].priority == p) {
                on[i] = 0;
                width -= text_width(c->ascii ? h[i].ascii_key : h[i].key, c->ascii) + 1 +
                         text_width(h[i].what, c->ascii) + 2;
            }
    int x = r.x + 1, end = r.x + r.w;
    for (int i = 0; i < nh; i++) {
        if (!on[i])
            continue;
        x += canvas_text(c, x, r.y, end - x, c->ascii ? h[i].ascii_key : h[i].key, ROLE_KEY);
        x += canvas_text(c, x, r.y, end - x, " ", ROLE_DIM);
        x += canvas_text(c, x, r.y, end - x, h[i].what, ROLE_DIM);
        x += canvas_text(c, x, r.y, end - x, "  ", ROLE_DIM);
    }
}

/* A box of w x h centred on the canvas (clipped to it), framed and blank. */
static Rect overlay(Canvas *c, int w, int h, const char *title, const char *note)
{
    if (w > c->w)
        w = c->w;
    if (h > c->h)
        h = c->h;
    Rect r = { (c->w - w) / 2, (c->h - h) / 2, w, h };
    return frame(c, r, title, note);
}

void render_help(Canvas *c, const View *v)
{
    const int ascii = c->ascii;
    typedef struct { const char *key, *ascii_key, *what; } Row;
    static const Row run[] = {
        { "space", "space", "run / pause" },
        { "n  \u2192", "n  Right", "next step, or next phase" },
        { "b  \u2190", "b  Left", "back: rewind, exactly" },
        { "]  [", "]  [", "ten steps forward / back" },
        { "Home End", "Home End", "first step / last reached" },
        { "\u2191  \u2193", "Up  Down", "select a position (k j)" },
        { "+  -", "+  -", "run faster / slower" },
        { "1 \u2026 6", "1 ... 6", "jump along the arc (below)" },
        { "s", "s", "final samples (last step)" },
        { "Ctrl-L", "Ctrl-L", "redraw the screen" },
    };
    static const Row room[] = {
        { "p", "p", "phase by phase (on / off)" },
        { "e", "e", "explain the phase or panel" },
        { "w", "w", "guess mode: hide the answer" },
        { "r  Enter", "r  Enter", "reveal the answer (n too)" },
        { "l", "l", "live samples as it trains" },
        { "Tab", "Tab", "focus next panel (S-Tab)" },
        { "z", "z", "zoom focused panel (Esc)" },
        { "c", "c", "high-contrast theme" },
        { "?", "?", "this help" },
        { "q", "q", "quit" },
    };
    const int n = (int)(sizeof run / sizeof run[0]);
    int b[ARC_STAGES];
    arc_bookmarks(v ? v->num_steps : 500, b);
    char arc[128], loss[96];
    snprintf(arc, sizeof arc, "1-6 jump to steps %d, %d, %d, %d, %d, %d: the lesson's arc.",
             b[0], b[1], b[2], b[3], b[4], b[5]);
    snprintf(loss, sizeof loss, "loss = -log p(target): 0 when sure and right; chance -log(1/%d).",
             v ? v->vocab_size : 27);
    const char *const notes[] = { arc, loss };
    const int kw = 8, dw = 27, colw = kw + 1 + dw;
    int two = c->w >= 2 * colw + 2 + 4 + 2;     /* side by side */
    int w = two ? 2 * colw + 2 + 4 : colw + 4;
    for (int i = 0; i < 2; i++)
        if (text_width(notes[i], ascii) + 4 > w)
            w = text_width(notes[i], ascii) + 4;
    int h = (two ? n + 1 : 2 * n + 2) + 2 + 3;
    Rect a = overlay(c, w, h, "Keys", "any key closes");
    int y = a.y;
    for (int col = 0; col < 2; col++) {
        const Row *rows = col ? room : run;
        int x = two ? a.x + col * (colw + 2) : a.x;
        if (!two && col)
            y += n + 1;
        canvas_text(c, x, y, colw, col ? "The classroom" : "Moving through the run", ROLE_TITLE);
        for (int i = 0; i < n && y + 1 + i < a.y + a.h; i++) {
            canvas_text(c, x, y + 1 + i, kw, ascii ? rows[i].ascii_key : rows[i].key, ROLE_KEY);
            canvas_text_fit(c, x + kw + 1, y + 1 + i, dw, rows[i].what, ROLE_TEXT);
        }
    }
    int ny = y + n + 2;
    for (int i = 0; i < 2 && ny + i < a.y + a.h; i++)
        canvas_text_fit(c, a.x, ny + i, a.w, notes[i], ROLE_DIM);
}

void render_samples(Canvas *c, const Samples *s, int num_steps)
{
    char title[64], note[48], entry[64];
    snprintf(title, sizeof title, "Names the model made up after %d step%s", num_steps,
             num_steps == 1 ? "" : "s");
    snprintf(note, sizeof note, "temperature %g", s->temperature);
    int maxw = 0;
    for (int i = 0; i < s->count; i++) {
        int w = text_width(s->names[i][0] ? s->names[i] : "(empty)", c->ascii) + digits(i + 1) + 1;
        maxw = w > maxw ? w : maxw;
    }
    int iw = digits(s->count > 0 ? s->count : 1);
    int colw = maxw + 4;
    int bw = c->w - 4 < 72 ? c->w - 4 : 72;
    int ncols = (bw - 4 + 4) / colw;
    if (ncols < 1)
        ncols = 1;
    int room = c->h - 4 - 2 - 2;    /* frame, the footer lines, a margin */
    if (room < 1)
        room = 1;
    int per = (s->count + ncols - 1) / ncols;
    if (per > room)
        per = room;
    if (per < 1)
        per = 1;
    while (ncols > 1 && per * (ncols - 1) >= s->count)
        ncols--;    /* no empty columns */
    int shown = per * ncols < s->count ? per * ncols : s->count;
    int need_w = ncols * colw - 4 + 4;
    int tw = text_width(title, c->ascii) + text_width(note, c->ascii) + 8;
    if (need_w < tw)
        need_w = tw;
    if (need_w < 44)
        need_w = 44;
    Rect a = overlay(c, need_w, per + 2 + 2, title, note);
    if (a.w < 1 || a.h < 1)
        return;
    for (int i = 0; i < shown; i++) {
        int col = i / per, row = i % per;
        int x = a.x + col * colw, y = a.y + row;
        if (row >= a.h - 2 || x >= a.x + a.w)
            continue;
        snprintf(entry, sizeof entry, "%*d", iw, i + 1);
        canvas_text(c, x, y, iw, entry, ROLE_DIM);
        if (s->names[i][0])
            canvas_text_fit(c, x + iw + 1, y, a.x + a.w - x - iw - 1, s->names[i], ROLE_VALUE);
        else    /* the model ended the name at once */
            canvas_text_fit(c, x + iw + 1, y, a.x + a.w - x - iw - 1, "(empty)", ROLE_DIM);
    }
    char foot[96];
    if (s->total > shown)
        snprintf(foot, sizeof foot, "%d of %d shown.  s hides this, b rewinds", shown, s->total);
    else
        snprintf(foot, sizeof foot, "s hides this, b rewinds, q quits");
    canvas_text_fit(c, a.x, a.y + a.h - 1, a.w, foot, ROLE_DIM);
}

void render_too_small(Canvas *c, int need_w, int need_h)
{
    canvas_clear(c);
    char need[64], have[64], one[192];
    snprintf(need, sizeof need, "need %dx%d", need_w, need_h);
    snprintf(have, sizeof have, "have %dx%d", c->w, c->h);
    if (c->h < 4 || c->w < 30) {
        /* one line: the longest form that fits */
        snprintf(one, sizeof one, "Terminal too small: %s, %s", need, have);
        if ((int)strlen(one) > c->w)
            snprintf(one, sizeof one, "%s, %s", need, have);
        if ((int)strlen(one) > c->w)
            snprintf(one, sizeof one, "%dx%d<%dx%d", c->w, c->h, need_w, need_h);
        text_center(c, 0, c->h / 2, c->w, one, ROLE_WARN);
        return;
    }
    const char *lines[4] = { "Terminal too small", need, have, "enlarge it, or press q to quit" };
    int y = (c->h - 4) / 2;
    for (int i = 0; i < 4; i++)
        text_center(c, 0, y + i, c->w, lines[i], i == 0 ? ROLE_WARN : i == 3 ? ROLE_DIM : ROLE_TEXT);
}
