/* render.c: the whole screen, the status line, the key hints, the overlays
 * and the "too small" message. */
#include "render/render.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "session/arc.h"
#include "session/keymap.h"
#include "render/plot.h"
#include "render/render_parts.h"
#include "render/ui_glyphs.h"
#include "session/explain.h"
#include "session/lesson.h"
#include "session/rate.h"

void render_screen(Canvas *c, const Layout *l, const View *v)
{
    canvas_clear(c);
    if (!l->fits) {
        render_too_small(c, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
        return;
    }
    typedef void (*Draw)(Canvas *, Rect, const View *);
    static const Draw draw[PANEL_COUNT] = {
        [PANEL_STATUS] = render_status, [PANEL_LESSON] = render_lesson, [PANEL_NAME] = render_name,
        [PANEL_POSITIONS] = render_positions, [PANEL_PROBS] = render_probs,
        [PANEL_PHASE] = render_phase, [PANEL_LR] = render_lr, [PANEL_LOSS] = render_loss,
        [PANEL_LIVE] = render_live, [PANEL_EXPLAIN] = render_explain, [PANEL_KEYS] = render_keys,
        [PANEL_ATTN] = render_attention, [PANEL_PROBE] = render_probe, [PANEL_UPDATE] = render_update,
    };
    /* two runs side by side (Layout.pair): the panel's left half shows the
     * run shown, its right half the run compared with, each labelled */
    const int pair = v->cmp.step.info != NULL;
    View side[2] = { *v, *v };
    side[0].side = v->cmp.label;
    side[0].beside = v->cmp.step.info;
    side[1].run = v->cmp.run;
    side[1].step = v->cmp.step;
    side[1].shown = v->cmp.shown;
    side[1].side = v->cmp.other_label;
    side[1].beside = v->step.info;
    for (int p = 0; p < PANEL_COUNT; p++) {
        if (!draw[p] || !layout_has(l, (PanelId)p))
            continue;
        if (pair && layout_paired(l, (PanelId)p))
            for (int k = 0; k < 2; k++)
                draw[p](c, layout_half(l, (PanelId)p, k), &side[k]);
        else
            draw[p](c, l->panel[p], v);
    }
    const PanelId focus = v->shown.focus;
    if (panel_focusable(focus) && layout_has(l, focus)) {
        const int halves = pair && layout_paired(l, focus);
        for (int k = 0; k <= halves; k++)
            focus_frame(c, halves ? layout_half(l, focus, k) : l->panel[focus]);
    }
    if (v->step.samples && v->cmp.samples)
        render_samples_pair(c, l, v);
    else if (v->step.samples)
        render_samples(c, l, v->step.samples, v->run.num_steps, v->shown.samples_page);
    if (v->form)
        render_whatif(c, v);
    if (v->inside.editing)
        render_editor(c, v);
    if (v->shown.help)
        render_help(c, v);
}

/* A field of the status line: an optional dim label, a value, the role of
 * the value; its width at least `pad` columns (so that what follows does not
 * move as the number grows); what separates it from the field before; and
 * its rank: a line too narrow for every field first takes the fields' short
 * forms (`brief`, where there is one: the measured speed), then drops the
 * highest rank first, whole. */
typedef struct {
    const char *label;
    char value[48];
    Role role;
    int pad;
    const char *sep;
    int rank;
    char brief[24];     /* the value's short form, or "" */
} StatusField;

enum { STATUS_FIELDS = 9 };

/* A field's width: its label and value, at least its label and pad. */
static int status_width(const StatusField *f, int ascii)
{
    const int lw = f->label ? text_width(f->label, ascii) : 0, tw = lw + text_width(f->value, ascii);
    return tw > lw + f->pad ? tw : lw + f->pad;
}

void render_status(Canvas *c, Rect r, const View *v)
{
    const Glyphs *g = glyphs_get(c->ascii);
    blank(c, r);
    const Phase phase = v->shown.phase;
    const char *sep = g->field_sep;
    StatusField f[STATUS_FIELDS];
    int n = 0;
    /* step 31/500 (rank 0: never dropped) */
    f[n] = (StatusField){ "step ", "", ROLE_VALUE, 2 * digits(v->run.num_steps) + 1, NULL, 0, "" };
    snprintf(f[n++].value, sizeof f[0].value, "%d/%d", v->step.info->step + 1, v->run.num_steps);
    /* ‖ PAUSED, and (last step) right after it */
    f[n] = (StatusField){ NULL, "", v->shown.running ? ROLE_RUN : ROLE_PAUSE, v->shown.last ? 0 : 9, sep, 1, "" };
    snprintf(f[n++].value, sizeof f[0].value, "%s %s", v->shown.running ? g->run : g->pause,
             v->shown.running ? "RUNNING" : "PAUSED");
    if (v->shown.last)
        f[n++] = (StatusField){ NULL, "(last step)", ROLE_LABEL, 0, " ", 4, "" };
    /* the speed: the setting, or the rate measured where it says more (at
     * max speed; below a speed this machine does not reach) */
    f[n] = (StatusField){ NULL, "", v->shown.rate > 0 ? ROLE_VALUE : ROLE_TEXT, 0, sep, 6, "" };
    rate_text(f[n].value, sizeof f[0].value, v->shown.speed, v->shown.rate, 0);
    rate_text(f[n].brief, sizeof f[0].brief, v->shown.speed, v->shown.rate, 1);
    n++;
    /* loss 3.0874: "?" in guess mode, "…" before the Loss phase; with two
     * runs each loss after its run's letter (A 3.0874 B 3.1012, the run
     * shown first) */
    const int two = v->cmp.runs > 1 && v->cmp.curve;
    char la[4] = { v->cmp.label, ' ', '\0' }, lb[4] = { v->cmp.other_label, ' ', '\0' };
    for (int k = 0; k <= two; k++) {
        f[n] = (StatusField){ two ? (k ? lb : la) : "loss ", "", k ? ROLE_GHOST : ROLE_VALUE, 6,
                              k ? " " : sep, 2, "" };
        if (v->shown.hide_loss)
            snprintf(f[n].value, sizeof f[0].value, "?");
        else if (!phase_has_loss(phase))
            snprintf(f[n].value, sizeof f[0].value, "%s", g->ell);
        else
            snprintf(f[n].value, sizeof f[0].value, "%.4f", k ? v->cmp.loss : v->step.info->loss);
        n++;
    }
    /* lr_t 0.009911: "…" before the Update phase */
    f[n] = (StatusField){ "lr_t ", "", ROLE_VALUE, 8, sep, 3, "" };
    if (phase_has_update(phase))
        lesson_lr_text(f[n].value, sizeof f[0].value, v->step.info->lr_t);
    else
        snprintf(f[n].value, sizeof f[0].value, "%s", g->ell);
    n++;
    /* the variant: course or gist, starred when options changed it */
    f[n] = (StatusField){ NULL, "", ROLE_TEXT, 0, sep, 5, "" };
    snprintf(f[n++].value, sizeof f[0].value, "%s%s", v->run.variant ? v->run.variant : "course",
             v->run.custom ? "*" : "");

    /* the widths; then the short forms, then drop fields, highest rank
     * first, until the line fits (one blank column at each end) */
    int w[STATUS_FIELDS], on[STATUS_FIELDS], total = 1;
    for (int i = 0; i < n; i++) {
        w[i] = status_width(&f[i], c->ascii);
        on[i] = 1;
        total += w[i] + (i ? text_width(f[i].sep, c->ascii) : 0);
    }
    for (int i = 0; i < n && total > r.w - 1; i++)
        if (f[i].brief[0] && strcmp(f[i].brief, f[i].value) != 0) {
            memcpy(f[i].value, f[i].brief, sizeof f[i].brief);     /* brief is the shorter */
            total -= w[i];
            w[i] = status_width(&f[i], c->ascii);
            total += w[i];
        }
    for (int rank = 6; rank > 0 && total > r.w - 1; rank--)
        for (int i = n - 1; i > 0; i--)
            if (on[i] && f[i].rank == rank) {
                on[i] = 0;
                total -= w[i] + text_width(f[i].sep, c->ascii);
            }
    int x = r.x + 1, y = r.y, end = r.x + r.w;
    for (int i = 0; i < n; i++) {
        if (!on[i])
            continue;
        int x0 = x;
        if (i)
            x0 = x += canvas_text(c, x, y, end - x, f[i].sep, ROLE_BORDER);
        if (f[i].label)
            x += canvas_text(c, x, y, end - x, f[i].label, ROLE_LABEL);
        x += canvas_text(c, x, y, end - x, f[i].value, f[i].role);
        x = x0 + w[i] > x ? x0 + w[i] : x;
    }
    /* the program's name, right-aligned, when there is room to spare */
    const char *name = "microgpt-tui";
    if (x + 2 + (int)strlen(name) <= end - 1)
        text_right(c, r.x, y, r.w - 1, name, ROLE_TITLE);
}

/* The key line while a form's field takes the keys (the what-if form, the
 * probe's name, #'s parameter): its own keys, not those it takes as text. */
/* The key line of an overlay or an editor: n pairs of a key and what it
 * does (a NULL key is left out), as many as fit. */
static void own_keys(Canvas *c, Rect r, const char *const keys[][2], size_t n)
{
    int x = r.x + 1;
    const int end = r.x + r.w;
    for (size_t i = 0; i < n; i++) {
        if (!keys[i][0])
            continue;
        const int need = text_width(keys[i][0], c->ascii) + 1 + text_width(keys[i][1], c->ascii);
        if (x + need > end - 1)
            break;
        x += canvas_text(c, x, r.y, end - x, keys[i][0], ROLE_KEY);
        x += canvas_text(c, x, r.y, end - x, " ", ROLE_LABEL);
        x += canvas_text(c, x, r.y, end - x, keys[i][1], ROLE_LABEL);
        x += canvas_text(c, x, r.y, end - x, "  ", ROLE_LABEL);
    }
}

static void edit_keys(Canvas *c, Rect r, const View *v)
{
    const char *updown = c->ascii ? "Up Down" : "\u2191\u2193";
    const char *const keys[][2] = {
        { "Enter", v->form ? "branches" : "takes it" }, { "Esc", "cancels" },
        { v->form || v->inside.editing == EDIT_NAME ? updown : NULL,
          v->form ? "next value" : "the names probed" },
        { "Ctrl-U", "erases" },
    };
    own_keys(c, r, keys, sizeof keys / sizeof keys[0]);
}

void render_keys(Canvas *c, Rect r, const View *v)
{
    blank(c, r);
    if (v->shown.help) {    /* the help's: any key closes it (and only that), a click too */
        static const char *const keys[][2] = {
            { "Esc", "closes the help" }, { "any key", "closes it (not acted on)" }, { "click", "closes it" },
        };
        own_keys(c, r, keys, sizeof keys / sizeof keys[0]);
        return;
    }
    if (v->shown.prompt) {
        render_prompt(c, r, v->shown.prompt);
        return;
    }
    if (v->form || v->inside.editing) {
        edit_keys(c, r, v);
        return;
    }
    if (v->shown.count) {       /* a count being typed: what G will do */
        char line[96];
        snprintf(line, sizeof line, "%s", v->shown.count);
        int x = r.x + 1 + canvas_text(c, r.x + 1, r.y, r.w - 2, line, ROLE_VALUE);
        snprintf(line, sizeof line, "  G goes to step %s, Esc cancels", v->shown.count);
        canvas_text_fit(c, x, r.y, r.x + r.w - 1 - x, line, ROLE_LABEL);
        return;
    }
    if (v->shown.message) {     /* what the last key did, until the next one */
        canvas_text_fit(c, r.x + 1, r.y, r.w - 2, v->shown.message, ROLE_VALUE);
        return;
    }
    const HintState st = {
        .phase_mode = v->shown.phase_mode, .zoomed = v->shown.zoomed != PANEL_NONE,
        .guess = v->shown.guess, .hiding = v->shown.hiding, .running = v->shown.running,
        .samples = v->shown.samples, .samples_more = v->shown.samples_more, .last = v->shown.last,
        .runs = v->cmp.runs, .lesson = v->shown.lesson,
        .probe = v->shown.inside == PANEL_PROBE,
        .follow = v->shown.inside == PANEL_UPDATE || (v->shown.phase_mode && v->shown.phase.kind == PHASE_UPDATE),
    };
    enum { CAP = 40 };
    HintItem h[CAP];
    int nh = keymap_hints(&st, c->ascii, h, CAP), on[CAP], width = 0;
    for (int i = 0; i < nh; i++) {
        on[i] = 1;
        width += text_width(h[i].key, c->ascii) + 1 + text_width(h[i].text, c->ascii) + 2;
    }
    /* drop the least important hints until the line fits */
    width -= 2;     /* no separator after the last */
    for (int p = 0; width > r.w - 1 && p <= 12; p++)
        for (int i = 0; i < nh && width > r.w - 1; i++)
            if (on[i] && h[i].priority == p) {
                on[i] = 0;
                width -= text_width(h[i].key, c->ascii) + 1 + text_width(h[i].text, c->ascii) + 2;
            }
    int x = r.x + 1, end = r.x + r.w;
    for (int i = 0; i < nh; i++) {
        if (!on[i])
            continue;
        const int x0 = x;
        x += canvas_text(c, x, r.y, end - x, h[i].key, ROLE_KEY);
        x += canvas_text(c, x, r.y, end - x, " ", ROLE_LABEL);
        x += canvas_text(c, x, r.y, end - x, h[i].text, ROLE_LABEL);
        canvas_tag(c, (Rect){ x0, r.y, x - x0, 1 }, HIT_KEY, h[i].code);   /* a click presses it */
        x += canvas_text(c, x, r.y, end - x, "  ", ROLE_LABEL);
    }
}

void render_field(Canvas *c, int x, int y, int w, const Field *fd, int cursor)
{
    const int tw = canvas_text(c, x, y, w, fd->text, ROLE_VALUE);
    for (int k = tw; k < w; k++)
        canvas_text(c, x + k, y, 1, c->ascii ? "_" : "\u2581", ROLE_LABEL);
    if (!cursor)
        return;
    /* the cursor: the cell it stands on, reversed, after the text before it
     * (a character may be several bytes, and wide) */
    char before[FIELD_MAX + 1], at[8] = " ";
    memcpy(before, fd->text, (size_t)fd->cursor);
    before[fd->cursor] = '\0';
    const int n = field_char_len(fd);
    if (n > 0) {
        memcpy(at, fd->text + fd->cursor, (size_t)n);
        at[n] = '\0';
    }
    const int cx = text_width(before, c->ascii);
    if (cx < w)
        canvas_text(c, x + cx, y, w - cx, at, ROLE_SELECT);
}

void render_prompt(Canvas *c, Rect r, const Prompt *p)
{
    int x = r.x + 1, end = r.x + r.w - 1;
    x += canvas_text(c, x, r.y, end - x, p->label, ROLE_KEY);
    const int w = p->field.len + 1;     /* the text and a cell for the cursor after it */
    render_field(c, x, r.y, w, &p->field, 1);
    x += w + 2;
    if (p->error[0])
        canvas_text_fit(c, x, r.y, end - x, p->error, ROLE_WARN);
    else if (p->hint)
        canvas_text_fit(c, x, r.y, end - x, p->hint, ROLE_LABEL);
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

void render_progress(Canvas *c, int target, int done, int total)
{
    char line[96], step[48];
    snprintf(step, sizeof step, "step %d", target + 1);
    snprintf(line, sizeof line, "%d of %d steps computed", done, total);
    const char *hint = "any key or a click stops here, q quits";
    /* the key line is the box's: what was there (a count typed, the last
     * frame's hints) does not act meanwhile */
    blank(c, (Rect){ 0, c->h - 1, c->w, 1 });
    canvas_text_fit(c, 1, c->h - 1, c->w - 1, hint, ROLE_LABEL);
    int w = text_width(hint, c->ascii);
    w = (int)strlen(line) > w ? (int)strlen(line) : w;
    w = w < 30 ? 30 : w;
    Rect a = overlay(c, w + 4, 5 + 2, "Going to", step);
    if (a.w < 1 || a.h < 1)
        return;
    canvas_text_fit(c, a.x, a.y, a.w, line, ROLE_TEXT);
    const double frac = total > 0 ? (double)done / total : 0.0;
    char pct[8];
    int pw = snprintf(pct, sizeof pct, " %3d%%", (int)(frac * 100));
    canvas_fill(c, (Rect){ a.x, a.y + 2, a.w - pw, 1 }, glyphs_get(c->ascii)->pending, ROLE_BORDER);
    plot_hbar(c, a.x, a.y + 2, a.w - pw, frac, ROLE_VALUE);
    canvas_text(c, a.x + a.w - pw, a.y + 2, pw, pct, ROLE_VALUE);
    canvas_text_fit(c, a.x, a.y + 4, a.w, hint, ROLE_LABEL);
}

void render_help(Canvas *c, const View *v)
{
    const int ascii = c->ascii;
    /* the key table's two groups, side by side when they fit */
    int nrows, count[2] = { 0, 0 };
    const KeyRow *rows = keymap_rows(&nrows);
    for (int i = 0; i < nrows; i++)
        if (rows[i].group != HELP_NONE)
            count[rows[i].group == HELP_CLASSROOM]++;
    const int n = count[0] > count[1] ? count[0] : count[1];
    int b[ARC_STAGES];
    arc_bookmarks(v->run.num_steps, b);
    char arc[128], loss[96];
    snprintf(arc, sizeof arc, "1-6 jump to steps %d, %d, %d, %d, %d, %d: the lesson's arc.",
             b[0], b[1], b[2], b[3], b[4], b[5]);
    snprintf(loss, sizeof loss, "loss = -log p(target): 0 when sure and right; chance -log(1/%d).",
             v->run.vocab_size);
    const char *const notes[] = { arc, loss };
    const int kw = 8, dw = 27, colw = kw + 1 + dw;
    int two = c->w >= 2 * colw + 2 + 4 + 2;     /* side by side */
    int w = two ? 2 * colw + 2 + 4 : colw + 4;
    for (int i = 0; i < 2; i++)
        if (text_width(notes[i], ascii) + 4 > w)
            w = text_width(notes[i], ascii) + 4;
    /* the "what differs" card under the notes, as far as the screen allows */
    char card[2048];
    explain_differences(v->run.train, v->run.program, card, sizeof card);
    int h = (two ? n + 1 : count[0] + count[1] + 2) + 2 + 3;
    const int card_rows = flow_rows(ascii, w - 4, card, 2);
    h += 1 + card_rows;
    /* too tall for the screen: the blank lines around the notes go first */
    const int gap = h - 1 <= c->h ? 1 : 0, gap2 = h - 2 + gap <= c->h ? 1 : 0;
    h -= (1 - gap) + (1 - gap2);
    Rect a = overlay(c, w, h, "Keys", "any key closes");
    int y = a.y;
    for (int col = 0; col < 2; col++) {
        int x = two ? a.x + col * (colw + 2) : a.x;
        if (!two && col)
            y += count[0] + 1;
        canvas_text(c, x, y, colw, col ? "The classroom" : "Moving through the run", ROLE_TITLE);
        int i = 0;
        for (int k = 0; k < nrows; k++) {
            const KeyRow *row = &rows[k];
            if (row->group != (col ? HELP_CLASSROOM : HELP_RUN))
                continue;
            if (y + 1 + i < a.y + a.h) {
                canvas_text(c, x, y + 1 + i, kw, ascii ? row->help_label_ascii : row->help_label, ROLE_KEY);
                canvas_text_fit(c, x + kw + 1, y + 1 + i, dw, row->help_text, ROLE_TEXT);
            }
            i++;
        }
    }
    int ny = y + (two ? n : count[1]) + 1 + gap;
    for (int i = 0; i < 2 && ny + i < a.y + a.h; i++)
        canvas_text_fit(c, a.x, ny + i, a.w, notes[i], ROLE_LABEL);
    const int cy = ny + 2 + gap2;
    if (cy < a.y + a.h)
        flow_text(c, (Rect){ a.x, cy, a.w, a.y + a.h - cy }, cy, card, 2);
}

/* Where the final samples go: the right column's top panel (the
 * probabilities, or the phase panel), with the panel under it in that column
 * (the loss curve) when there is one, so that the step's own panels on the
 * left stay in view; when zoomed, the zoomed panel's place. */
static Rect samples_rect(const Layout *l)
{
    if (l->zoomed != PANEL_NONE)
        return l->panel[l->zoomed];
    Rect r = layout_has(l, PANEL_PROBS) ? l->panel[PANEL_PROBS] : l->panel[PANEL_PHASE];
    const Rect below = l->panel[PANEL_LOSS];
    if (layout_has(l, PANEL_LOSS) && below.x == r.x && below.w == r.w && below.y == r.y + r.h)
        r.h += below.h;
    return r;
}

/* How the final samples sit in their box: columns of `rows` names (the
 * last inside row is the footer), each colw wide with its number. */
typedef struct {
    Rect in;                /* inside the frame */
    int rows, ncols, colw, iw;
} SamplesGeo;

static SamplesGeo samples_geo(const Canvas *c, Rect r, const Samples *s)
{
    SamplesGeo g = { { r.x + 2, r.y + 1, r.w - 4, r.h - 2 }, 0, 1, 1, digits(s->count > 0 ? s->count : 1) };
    int maxw = text_width("(empty)", c->ascii);
    for (int i = 0; i < s->count; i++) {
        int w = text_width(s->names[i], c->ascii);
        maxw = w > maxw ? w : maxw;
    }
    g.rows = g.in.h - 1;
    g.colw = g.iw + 1 + maxw + 2;
    g.ncols = g.in.w > 0 ? (g.in.w + 2) / g.colw : 0;
    if (g.ncols < 1)
        g.ncols = 1;
    if (g.rows < 0)
        g.rows = 0;
    return g;
}

/* The footer of the final samples: which of the `count` names show (those
 * from `first`, `shown` of them, pages of `per`; `total` drawn: the session
 * keeps at most 500, --headless prints all) and what s does next. */
static void samples_footer(char *foot, size_t len, int count, int total, int first, int shown, int per)
{
    const char *drawn = total > count ? " drawn" : "";
    if (per >= count && !*drawn)
        snprintf(foot, len, "s hides them, b rewinds");
    else if (per >= count)
        snprintf(foot, len, "%d of %d drawn  s hides", count, total);
    else
        snprintf(foot, len, "%d-%d of %d%s  s %s", first + 1, first + shown, count, drawn,
                 first + shown < count ? "more" : "hides");
}

int render_samples_per_page(const Canvas *c, const Layout *l, const Samples *s)
{
    if (!l->fits || !s)
        return 0;
    SamplesGeo g = samples_geo(c, samples_rect(l), s);
    return g.rows * g.ncols;
}

void render_samples(Canvas *c, const Layout *l, const Samples *s, int num_steps, int page)
{
    const Rect r = samples_rect(l);
    const SamplesGeo g = samples_geo(c, r, s);
    const int per = g.rows * g.ncols;
    /* the title and the note in the first wording that fits */
    char title[4][64], note[4][32];
    const char *st = num_steps == 1 ? "" : "s";
    snprintf(title[0], sizeof title[0], "Names the model made up after %d step%s", num_steps, st);
    snprintf(title[1], sizeof title[1], "Names made up after %d step%s", num_steps, st);
    snprintf(title[2], sizeof title[2], "Names after %d step%s", num_steps, st);
    snprintf(title[3], sizeof title[3], "Made-up names");
    snprintf(note[0], sizeof note[0], "temperature %g", s->temperature);
    snprintf(note[1], sizeof note[1], "T %g", s->temperature);
    snprintf(note[2], sizeof note[2], "T %g", s->temperature);
    note[3][0] = '\0';
    int k = 0;
    while (k < 3 && text_width(title[k], c->ascii) + text_width(note[k], c->ascii) + 7 > r.w)
        k++;
    Rect a = frame(c, r, title[k], note[k]);
    if (a.w < 1 || a.h < 2 || per < 1)
        return;
    const int first = page * per, shown = s->count - first < per ? s->count - first : per;
    /* balanced columns: as few rows as the columns it needs allow */
    const int cols = (shown + g.rows - 1) / g.rows, rows = cols > 0 ? (shown + cols - 1) / cols : 1;
    char entry[32];
    for (int i = 0; i < shown; i++) {
        int col = i / rows, row = i % rows;
        int x = a.x + col * g.colw, y = a.y + row, n = first + i;
        snprintf(entry, sizeof entry, "%*d", g.iw, n + 1);
        canvas_text(c, x, y, g.iw, entry, ROLE_LABEL);
        int w = a.x + a.w - x - g.iw - 1;
        if (w > g.colw - g.iw - 3)
            w = g.colw - g.iw - 3;
        if (s->names[n][0])
            canvas_text_fit(c, x + g.iw + 1, y, w, s->names[n], ROLE_VALUE);
        else    /* the model ended the name at once */
            canvas_text_fit(c, x + g.iw + 1, y, w, "(empty)", ROLE_LABEL);
    }
    char foot[128];
    samples_footer(foot, sizeof foot, s->count, s->total, first, shown, per);
    canvas_text_fit(c, a.x, a.y + a.h - 1, a.w, foot, ROLE_LABEL);
    canvas_tag(c, r, HIT_SAMPLES, page);    /* the wheel pages them */
}

/* How two runs' final samples sit in their overlay: a column of names per
 * run under its head (`per` names a page), a blank row, the sentence on when
 * their sampled names first differ, the footer; the box leaves the status
 * and key lines in view, and the loss curve when there is room beside it. */
typedef struct {
    Rect box;               /* frame included */
    int per;                /* the names of each run a page shows */
    int count;              /* the longer list's */
    int text_rows;          /* the sentence's */
    char title[64], note[48], text[256];
} PairGeo;

/* The narrowest the pair's box is beside the loss curve (two columns of
 * 15-letter names with their numbers). */
enum { PAIR_MIN_W = 40 };

/* Where the pair's box may go: the columns beside the loss curve (the wider
 * side, from under the lesson line to the key line) when the curve shows,
 * unzoomed, and leaves PAIR_MIN_W; else the screen between the status and
 * key lines (w 0: centred there). */
static Rect pair_room(const Canvas *c, const Layout *l)
{
    const int top = l->panel[PANEL_LESSON].y + l->panel[PANEL_LESSON].h;
    const int bottom = l->panel[PANEL_KEYS].y;
    const Rect loss = l->panel[PANEL_LOSS];
    if (l->zoomed == PANEL_NONE && layout_has(l, PANEL_LOSS)) {
        const int left = loss.x, right = c->w - (loss.x + loss.w);
        if (left >= right && left >= PAIR_MIN_W)
            return (Rect){ 0, top, left, bottom - top };
        if (right > left && right >= PAIR_MIN_W)
            return (Rect){ loss.x + loss.w, top, right, bottom - top };
    }
    return (Rect){ 0, 1, 0, c->h - 2 };
}

static PairGeo pair_geo(const Canvas *c, const Layout *l, const View *v)
{
    const Samples *s[2] = { v->step.samples, v->cmp.samples };
    const Rect room = pair_room(c, l);
    PairGeo g;
    const char *st = v->run.num_steps == 1 ? "" : "s";
    /* the title and the note in the first wording that fits */
    static const char *const title[3] = { "Names the models made up after %d step%s",
                                          "Names made up after %d step%s", "Names after %d step%s" };
    static const char *const note[2] = { "temperature %g, %g", "T %g, %g" };
    static const int order[5][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 }, { 2, 1 } };
    for (int k = 0; k < 5; k++) {
        snprintf(g.title, sizeof g.title, title[order[k][0]], v->run.num_steps, st);
        snprintf(g.note, sizeof g.note, note[order[k][1]], s[0]->temperature, s[1]->temperature);
        if (!room.w || text_width(g.title, c->ascii) + text_width(g.note, c->ascii) + 7 <= room.w)
            break;
    }
    const char *when = "first different after step";
    char at[32] = "";
    if (v->cmp.differ_at == -3)
        when = "not compared: a key stopped the search (b, then n, searches again)";
    else if (v->cmp.differ_at < 0)
        when = "the same after every step";
    else if (v->cmp.differ_at == 0)
        when = "different from the start (before step 1)";
    else
        snprintf(at, sizeof at, " %d", v->cmp.differ_at);
    snprintf(g.text, sizeof g.text, "Sampled names: %s%s " MK_LABEL "(the live samples: %d names, name i with "
             "random.seed(%u + i)).", when, at, SAMPLE_FIXED, SAMPLE_FIXED_SEED);
    g.count = s[0]->count > s[1]->count ? s[0]->count : s[1]->count;
    int colw = 20;
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < s[k]->count; i++) {
            int w = text_width(s[k]->names[i], c->ascii) + digits(g.count) + 3;
            colw = w > colw ? w : colw;
        }
    int w;
    if (room.w) {       /* the side's width: the curve beside it keeps its own */
        w = room.w;
    } else {
        const int tw = text_width(g.title, c->ascii) + text_width(g.note, c->ascii) + 8;
        w = 2 * colw + 2 + 4;
        w = w < tw ? tw : w < 60 ? 60 : w;
        w = w > c->w ? c->w : w;
    }
    g.text_rows = flow_rows(c->ascii, w - 4, g.text, 0);
    /* the frame, the heads, the blank row, the sentence, the footer */
    const int rows = room.h - 2 - 1 - 1 - g.text_rows - 1;
    g.per = g.count < rows ? g.count : rows < 1 ? 1 : rows;
    const int h = g.per + 2 + 1 + 1 + g.text_rows + 1;
    g.box = room.w ? (Rect){ room.x, room.y, w, h < room.h ? h : room.h }
                   : (Rect){ (c->w - w) / 2, (c->h - h) / 2, w, h };
    return g;
}

int render_samples_pair_per_page(const Canvas *c, const Layout *l, const View *v)
{
    return pair_geo(c, l, v).per;
}

void render_samples_pair(Canvas *c, const Layout *l, const View *v)
{
    const Samples *s[2] = { v->step.samples, v->cmp.samples };
    const char lab[2] = { v->cmp.label, v->cmp.other_label };
    const PairGeo g = pair_geo(c, l, v);
    char entry[32], head[2][80], foot[128];
    for (int k = 0; k < 2; k++) {
        const char *d = k ? v->cmp.other_desc : v->cmp.desc;
        snprintf(head[k], sizeof head[k], "%c%s%s", lab[k], d && d[0] ? ": " : "", d ? d : "");
    }
    Rect a = frame(c, g.box, g.title, g.note);
    if (a.w < 1 || a.h < 4)
        return;
    const int half = (a.w - 2) / 2, iw = digits(g.count > 0 ? g.count : 1);
    const int first = v->shown.samples_page * g.per;
    const int shown = g.count - first < g.per ? g.count - first : g.per;
    for (int k = 0; k < 2; k++) {
        const int x = a.x + k * (half + 2);
        canvas_text_fit(c, x, a.y, half, head[k], k ? ROLE_GHOST : ROLE_TITLE);
        for (int i = 0; i < shown && first + i < s[k]->count; i++) {
            snprintf(entry, sizeof entry, "%*d", iw, first + i + 1);
            canvas_text(c, x, a.y + 1 + i, iw, entry, ROLE_LABEL);
            const char *n = s[k]->names[first + i];
            canvas_text_fit(c, x + iw + 1, a.y + 1 + i, half - iw - 1, n[0] ? n : "(empty)",
                            n[0] ? ROLE_VALUE : ROLE_LABEL);
        }
    }
    const int ty = a.y + 1 + g.per + 1;
    flow_text(c, (Rect){ a.x, ty, a.w, g.text_rows }, ty, g.text, 0);
    samples_footer(foot, sizeof foot, g.count, s[0]->total, first, shown, g.per);
    canvas_text_fit(c, a.x, a.y + a.h - 1, a.w, foot, ROLE_LABEL);
    canvas_tag(c, (Rect){ a.x - 2, a.y - 1, a.w + 4, a.h + 2 }, HIT_SAMPLES, v->shown.samples_page);
}

void render_whatif(Canvas *c, const View *v)
{
    const WhatIfForm *f = v->form;
    static const char *const what[CHANGE_FIELDS] = {
        "learning_rate, schedule kept", "Adam's first-moment decay",
        "Adam's second-moment decay", "of the samples",
    };
    char title[48], line[128];
    snprintf(title, sizeof title, "What if, from step %d", v->step.info->step + 1);
    Rect a = overlay(c, 64, CHANGE_FIELDS + 8, title, "Enter branches, Esc cancels");
    if (a.w < 20 || a.h < CHANGE_FIELDS + 2)
        return;
    int y = a.y;
    snprintf(line, sizeof line, "Run %c goes on as it is; a new run branches from here: step %d's "
             "update already uses these values.", v->cmp.label, v->step.info->step + 1);
    y += flow_text(c, (Rect){ a.x, y, a.w, 2 }, y, line, 0);
    y++;
    for (int i = 0; i < CHANGE_FIELDS && y < a.y + a.h; i++, y++) {
        const Field *fd = &f->f[i];
        const int sel = i == f->at, x = a.x + 13;
        canvas_text(c, a.x, y, 12, change_field_name(i), sel ? ROLE_KEY : ROLE_TEXT);
        render_field(c, x, y, 16, fd, sel);
        canvas_text_fit(c, x + 18, y, a.x + a.w - x - 18, what[i], ROLE_LABEL);
    }
    y++;
    if (f->error[0])    /* on the rows left, wrapped */
        warn_text(c, (Rect){ a.x, y, a.w, a.y + a.h - y }, f->error);
    else
        canvas_text_fit(c, a.x, y, a.w, c->ascii ? "Up/Down or Tab: the next value;  o then switches runs"
                        : "\u2191\u2193 or Tab: the next value;  o then switches runs", ROLE_LABEL);
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
        text_center(c, 0, y + i, c->w, lines[i], i == 0 ? ROLE_WARN : i == 3 ? ROLE_LABEL : ROLE_TEXT);
}
