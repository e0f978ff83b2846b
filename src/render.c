/* render.c: the whole screen, the status line, the key hints, the overlays
 * and the "too small" message. */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "render_parts.h"
#include "ui_glyphs.h"

void render_screen(Canvas *c, const View *v)
{
    canvas_clear(c);
    Layout l = layout_compute(c->w, c->h);
    if (!l.fits) {
        render_too_small(c, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
        return;
    }
    render_status(c, l.panel[LAY_STATUS], v);
    render_name(c, l.panel[LAY_NAME], v);
    render_positions(c, l.panel[LAY_POSITIONS], v);
    render_probs(c, l.panel[LAY_PROBS], v);
    render_lr(c, l.panel[LAY_LR], v);
    render_loss(c, l.panel[LAY_LOSS], v);
    render_keys(c, l.panel[LAY_KEYS]);
    if (v->samples)
        render_samples(c, v->samples, v->num_steps);
    if (v->help)
        render_help(c);
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
    snprintf(loss, sizeof loss, "%.4f", v->info->loss);
    fmt_lr(lr, sizeof lr, v->info->lr_t);
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

static const Hint hints[] = {
    { "space", "space", "pause", 9 },
    { "n \u2192", "n", "step", 8 },
    { "b \u2190", "b", "back", 8 },
    { "] [", "] [", "\u00b110", 5 },
    { "Home End", "Home End", "first/last", 3 },
    { "\u2191\u2193", "Up Dn", "select", 6 },
    { "+ -", "+ -", "speed", 7 },
    { "s", "s", "samples", 2 },
    { "?", "?", "help", 10 },
    { "q", "q", "quit", 10 },
};
enum { NHINTS = (int)(sizeof hints / sizeof hints[0]) };

void render_keys(Canvas *c, Rect r)
{
    blank(c, r);
    int on[NHINTS], width = 0;
    const char *tens = c->ascii ? "+-10" : "\u00b110";
    for (int i = 0; i < NHINTS; i++) {
        on[i] = 1;
        const char *what = i == 3 ? tens : hints[i].what;
        width += text_width(c->ascii ? hints[i].ascii_key : hints[i].key, c->ascii) + 1 +
                 text_width(what, c->ascii) + 2;
    }
    /* drop the least important hints until the line fits */
    width -= 2;     /* no separator after the last */
    for (int p = 0; width > r.w - 1 && p <= 10; p++)
        for (int i = 0; i < NHINTS && width > r.w - 1; i++)
            if (on[i] && hints[i].priority == p) {
                on[i] = 0;
                const char *what = i == 3 ? tens : hints[i].what;
                width -= text_width(c->ascii ? hints[i].ascii_key : hints[i].key, c->ascii) + 1 +
                         text_width(what, c->ascii) + 2;
            }
    int x = r.x + 1, end = r.x + r.w;
    for (int i = 0; i < NHINTS; i++) {
        if (!on[i])
            continue;
        x += canvas_text(c, x, r.y, end - x, c->ascii ? hints[i].ascii_key : hints[i].key, ROLE_KEY);
        x += canvas_text(c, x, r.y, end - x, " ", ROLE_DIM);
        x += canvas_text(c, x, r.y, end - x, i == 3 ? tens : hints[i].what, ROLE_DIM);
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

void render_help(Canvas *c)
{
    const int ascii = c->ascii;
    const struct { const char *key, *ascii_key, *what; } rows[] = {
        { "space", "space", "run / pause" },
        { "n  \u2192", "n  Right", "one step forward (pauses)" },
        { "b  \u2190", "b  Left", "one step back: rewind, exactly" },
        { "]  [", "]  [", "ten steps forward / back" },
        { "Home  End", "Home  End", "first step / last step reached" },
        { "\u2191  \u2193", "Up  Down", "select the position (j k too)" },
        { "+  -", "+  -", "run faster / slower" },
        { "s", "s", "show / hide the samples (last step)" },
        { "?", "?", "this help" },
        { "Ctrl-L", "Ctrl-L", "redraw the screen" },
        { "q", "q", "quit" },
    };
    const char *const notes[] = {
        "loss = -ln p(target): 0 when the model is sure",
        "and right; chance level is ln(vocab size).",
    };
    const int n = (int)(sizeof rows / sizeof rows[0]);
    int kw = 10, ww = 0;
    for (int i = 0; i < n; i++) {
        int w = text_width(rows[i].what, ascii);
        ww = w > ww ? w : ww;
    }
    int w = 2 + kw + 2 + ww + 2;
    for (int i = 0; i < 2; i++)
        if (text_width(notes[i], ascii) + 4 > w)
            w = text_width(notes[i], ascii) + 4;
    int h = n + 2 + 2 + 2;
    Rect a = overlay(c, w, h, "Keys", "any key closes");
    for (int i = 0; i < n && i < a.h; i++) {
        canvas_text(c, a.x, a.y + i, kw, ascii ? rows[i].ascii_key : rows[i].key, ROLE_KEY);
        canvas_text_fit(c, a.x + kw + 2, a.y + i, a.w - kw - 2, rows[i].what, ROLE_TEXT);
    }
    for (int i = 0; i < 2 && n + 1 + i < a.h; i++)
        canvas_text_fit(c, a.x, a.y + n + 1 + i, a.w, notes[i], ROLE_DIM);
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
