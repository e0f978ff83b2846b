/* render_classroom.c: the classroom's panels: the lesson line (the phases
 * of the step, the data and the arc of training), the phase panel (what the
 * current phase computes, with its numbers, in the lesson's terms), the
 * explanation and the live samples. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "session/arc.h"
#include "session/explain.h"
#include "session/lesson.h"
#include "session/names.h"
#include "render/plot.h"
#include "render/render.h"
#include "render/render_parts.h"
#include "render/ui_glyphs.h"

/* Formats into buf and appends; returns the new length. */
static size_t app(char *buf, size_t len, size_t at, const char *fmt, ...)
{
    if (at >= len)
        return at;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + at, len - at, fmt, ap);
    va_end(ap);
    if (n < 0)
        return at;
    return at + (size_t)n >= len ? len - 1 : at + (size_t)n;
}

/* ----------------------------------------------------------- lesson line */

/* The phases of the step in a line, the current one in brackets and reverse
 * video, those done in plain text, those to come dim.  compact: the forward
 * positions as one item ("Forward 3 of 16"). */
typedef struct {
    int lo, hi;         /* the phases it stands for; label and separator: -1 */
    int kind;           /* 0 an item, 1 the label "Forward", 2 a separator */
    char text[32];
} StripItem;

/* The strip's forward items: one (compact), or one per position that may
 * show, and when the length is hidden (guess mode) an ellipsis after them. */
static int strip_positions(const View *v, int compact)
{
    return compact ? 1 : v->shown.hide_len ? v->shown.positions + 1 : v->step.info->n;
}

/* Item i of the strip of a step with n positions (strip_items of them):
 * Sample › Forward 0 1 2 … › Loss › Backward › Update › Log. */
static int strip_items(const View *v, int compact)
{
    return 3 + strip_positions(v, compact) + 8;
}

static StripItem strip_item(const View *v, int compact, int i)
{
    static const char *const rest[] = { "Loss", "Backward", "Update", "Log" };
    const int n = v->step.info->n, npos = strip_positions(v, compact);
    StripItem it = { -1, -1, 2, "" };   /* a separator */
    if (i == 0)
        it = (StripItem){ 0, 0, 0, "Sample" };
    else if (i == 2)
        it = (StripItem){ 1, n, 1, "Forward" };
    else if (i >= 3 && i < 3 + npos && compact) {
        it = (StripItem){ 1, n, 0, "" };
        if (v->shown.phase.kind == PHASE_FORWARD && v->shown.hide_len)
            snprintf(it.text, sizeof it.text, "%d", v->shown.phase.pos);
        else if (v->shown.phase.kind == PHASE_FORWARD)
            snprintf(it.text, sizeof it.text, "%d" NBSP "of" NBSP "%d", v->shown.phase.pos, n);
        else if (v->shown.hide_len)
            snprintf(it.text, sizeof it.text, GL_ELL);
        else
            snprintf(it.text, sizeof it.text, n > 1 ? "0-%d" : "0", n - 1);
    } else if (i == 2 + npos && v->shown.hide_len) {
        it = (StripItem){ -1, -1, 0, GL_ELL };  /* more positions, or none: not told */
    } else if (i >= 3 && i < 3 + npos) {
        it = (StripItem){ i - 2, i - 2, 0, "" };
        snprintf(it.text, sizeof it.text, "%d", i - 3);
    } else if (i >= 3 + npos && (i - 3 - npos) % 2 == 1) {
        int j = (i - 3 - npos) / 2;
        it = (StripItem){ n + 1 + j, n + 1 + j, 0, "" };
        snprintf(it.text, sizeof it.text, "%s", rest[j]);
    }
    return it;
}

static void strip_text(const View *v, int ascii, int compact, char *out, size_t len)
{
    const Glyphs *g = glyphs_get(ascii);
    const int n = v->step.info->n, cur = phase_index(v->shown.phase, n), k = strip_items(v, compact);
    StripItem prev = { -1, -1, 2, "" };
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i <= k; i++) {
        StripItem it = i < k ? strip_item(v, compact, i) : (StripItem){ -1, -1, 2, "" };
        /* the padding cell before item i (after item i - 1) */
        int after = prev.kind == 0 && cur >= prev.lo && cur <= prev.hi;
        int next = i < k && it.kind == 0 && cur >= it.lo && cur <= it.hi;
        o = app(out, len, o, after ? MK_SELECT "]" : next ? MK_SELECT "[" : MK_TEXT NBSP);
        if (i == k)
            break;
        if (it.kind == 2)
            o = app(out, len, o, MK_LABEL "%s", g->next);
        else if (it.kind == 1)
            o = app(out, len, o, "%s%s", cur >= it.lo ? MK_TEXT : MK_LABEL, it.text);
        else
            o = app(out, len, o, "%s%s", next ? MK_SELECT : cur > it.hi ? MK_TEXT : MK_LABEL, it.text);
        prev = it;
    }
}

void render_lesson(Canvas *c, Rect r, const View *v)
{
    blank(c, r);
    const StepInfo *in = v->step.info;
    const int step1 = in->step + 1, ascii = c->ascii;
    const char *dot = glyphs_get(ascii)->item_sep;
    const int stage = arc_stage(step1, v->run.num_steps);
    int b[ARC_STAGES];
    arc_bookmarks(v->run.num_steps, b);
    char docf[96], pass[32] = "", seen_l[96], seen_d[64], seen_s[48], arc_l[128], arc_m[96], arc_s[64];
    size_t D = v->run.ds->count;
    if ((size_t)in->step >= D)
        snprintf(pass, sizeof pass, " (pass %zu)", (size_t)in->step / D + 1);
    snprintf(docf, sizeof docf, MK_LABEL "doc " MK_VALUE "%zu" MK_LABEL " of %zu%s", in->doc + 1, D, pass);
    snprintf(seen_l, sizeof seen_l, MK_VALUE "%zu" MK_LABEL " of %zu distinct names seen", v->step.seen, v->run.distinct);
    snprintf(seen_d, sizeof seen_d, MK_VALUE "%zu" MK_LABEL " distinct name%s seen", v->step.seen, v->step.seen == 1 ? "" : "s");
    snprintf(seen_s, sizeof seen_s, MK_VALUE "%zu" MK_LABEL " name%s seen", v->step.seen, v->step.seen == 1 ? "" : "s");
    snprintf(arc_l, sizeof arc_l, MK_LABEL "arc: " MK_VALUE "%s" MK_LABEL " (from step %d)", arc_short(stage), b[stage]);
    snprintf(arc_m, sizeof arc_m, MK_LABEL "arc: " MK_VALUE "%s", arc_short(stage));
    snprintf(arc_s, sizeof arc_s, MK_VALUE "%s", arc_short(stage));
    char left[4][4096], right[8][400];
    int nl = 0, nr = 0;
    if (v->shown.arc >= 0 && v->shown.arc < ARC_STAGES) {
        /* just jumped along the arc: the lesson's sentence for the stage */
        const int a = v->shown.arc;
        snprintf(left[nl++], sizeof left[0], MK_LABEL "Arc of training, step " MK_VALUE "%d" MK_LABEL ":" MK_TEXT " %s",
                 b[a], arc_text(a));
        snprintf(left[nl++], sizeof left[0], MK_LABEL "Step " MK_VALUE "%d" MK_LABEL ":" MK_TEXT " %s", b[a], arc_text(a));
        snprintf(left[nl++], sizeof left[0], "%s", arc_text(a));
        snprintf(left[nl++], sizeof left[0], MK_LABEL "arc: " MK_VALUE "%s", arc_short(a));
        snprintf(right[nr++], sizeof right[0], "%s%s %s", docf, dot, seen_s);
        right[nr++][0] = '\0';
    } else if (v->shown.phase_mode) {
        strip_text(v, ascii, 0, left[nl++], sizeof left[0]);
        strip_text(v, ascii, 1, left[nl++], sizeof left[0]);
        snprintf(right[nr++], sizeof right[0], "%s%s %s%s %s", docf, dot, seen_l, dot, arc_m);
        snprintf(right[nr++], sizeof right[0], "%s%s %s%s %s", docf, dot, seen_s, dot, arc_m);
        snprintf(right[nr++], sizeof right[0], "%s%s %s", docf, dot, seen_s);
        snprintf(right[nr++], sizeof right[0], "%s", seen_s);
        snprintf(right[nr++], sizeof right[0], MK_VALUE "%zu" MK_LABEL " seen", v->step.seen);
        right[nr++][0] = '\0';
    } else {
        snprintf(left[nl++], sizeof left[0], "%s" MK_LABEL " = docs[%d %% %zu]%s %s", docf, in->step, D, dot, seen_l);
        snprintf(left[nl++], sizeof left[0], "%s%s %s", docf, dot, seen_l);
        snprintf(left[nl++], sizeof left[0], "%s%s %s", docf, dot, seen_d);
        snprintf(left[nl++], sizeof left[0], "%s%s %s", docf, dot, seen_s);
        snprintf(right[nr++], sizeof right[0], "%s", arc_l);
        snprintf(right[nr++], sizeof right[0], "%s", arc_m);
        snprintf(right[nr++], sizeof right[0], "%s", arc_s);
        right[nr++][0] = '\0';
    }
    /* the first pair (left, right) that fits, richest first */
    static const int step_pairs[][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 }, { 2, 0 }, { 2, 1 },
                                         { 2, 2 }, { 3, 1 }, { 3, 2 }, { 3, 3 } };
    static const int phase_pairs[][2] = { { 0, 0 }, { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0, 4 }, { 0, 5 },
                                          { 1, 1 }, { 1, 2 }, { 1, 3 }, { 1, 4 }, { 1, 5 } };
    static const int arc_pairs[][2] = { { 0, 0 }, { 0, 1 }, { 1, 1 }, { 2, 1 }, { 3, 1 } };
    const int (*pairs)[2] = v->shown.arc >= 0 ? arc_pairs : v->shown.phase_mode ? phase_pairs : step_pairs;
    const int np = v->shown.arc >= 0 ? (int)(sizeof arc_pairs / sizeof arc_pairs[0])
                 : v->shown.phase_mode ? (int)(sizeof phase_pairs / sizeof phase_pairs[0])
                 : (int)(sizeof step_pairs / sizeof step_pairs[0]);
    const int room = r.w - 2;
    for (int k = 0; k < np; k++) {
        const char *lt = left[pairs[k][0]], *rt = right[pairs[k][1]];
        int lw = markup_width(lt, ascii), rw = markup_width(rt, ascii);
        if (lw + (rw ? rw + 3 : 0) > room && k + 1 < np)
            continue;
        /* NBSPs keep each part one unbreakable word */
        char one[4096];
        size_t o = 0;
        for (const char *p = lt; *p && o < sizeof one - 1; p++)
            one[o++] = *p == ' ' ? '\x1f' : *p;
        one[o] = '\0';
        flow_text(c, (Rect){ r.x + 1, r.y, r.w - 1, 1 }, r.y, one, 0);
        if (rw && lw + rw + 3 <= room) {
            o = 0;
            for (const char *p = rt; *p && o < sizeof one - 1; p++)
                one[o++] = *p == ' ' ? '\x1f' : *p;
            one[o] = '\0';
            flow_text(c, (Rect){ r.x + r.w - 1 - rw, r.y, rw, 1 }, r.y, one, 0);
        }
        return;
    }
}

/* ----------------------------------------------------------- phase panel */

/* The lesson of the view's step. */
static Lesson lesson_of(const View *v, int ascii)
{
    return (Lesson){
        .ds = v->run.ds, .in = v->step.info, .model = v->run.model, .adam = v->step.info->adam,
        .num_steps = v->run.num_steps, .follow_name = v->step.follow_name, .follow = &v->step.follow,
        .log_end = variant_info(v->run.program)->log_end, .cuts = &v->run.cuts,
        .ascii = ascii,
    };
}

/* Line `line` of the lesson flowed from *y with a hanging indent (nothing
 * when the line is empty). */
static void say(Canvas *c, Rect a, int *y, int indent, const Lesson *l, LessonLine line, int arg)
{
    char buf[4096];
    if (lesson_line(l, line, arg, buf, sizeof buf) > 0)
        *y += flow_text(c, a, *y, buf, indent);
}

/* Line `line` of the lesson as a paragraph of its own, after a blank row
 * when there is room for one, when it fits whole in the rows left; *y
 * moves past it.  Returns 1 when drawn. */
static int say_if_room(Canvas *c, Rect a, int *y, const Lesson *l, LessonLine line, int arg)
{
    char buf[4096];
    if (lesson_line(l, line, arg, buf, sizeof buf) == 0)
        return 0;
    const int rows = flow_rows(c->ascii, a.w, buf, 0), left = a.y + a.h - *y;
    if (rows > left)
        return 0;
    const int gap = rows < left ? 1 : 0;
    *y += gap + flow_text(c, a, *y + gap, buf, 0);
    return 1;
}

/* The Sample phase: its lines in the lesson's order, each with a priority
 * (0: always); when the panel is short the least important go first: the
 * characters (the name panel has them), the rule for n (the explanation
 * has it), then for a cut name the predictions and the data cycling, for
 * the others how often names are cut. */
static void panel_sample(Canvas *c, Rect a, const View *v)
{
    const Lesson l = lesson_of(v, c->ascii);
    const int h = v->shown.hide_len ? LESSON_HIDDEN : 0;   /* guess mode: only BOS is known */
    const int cut = !h && v->step.info->doc_chars + 1 > (size_t)v->step.info->n;
    enum { CHARS = 2, RULE = 3, N = 4, PRED = 6, NITEMS = 9 };
    struct {
        LessonLine line;
        int arg, indent, gap, prio, rows;
        char text[4096];
    } it[NITEMS] = {
        { LL_DOC, h, 4, 0, 0, 0, "" }, { LL_TOKENS, h, 10, 0, 0, 0, "" },
        { LL_CHARS, h + 1, 3, 0, 5, 0, "" }, { LL_N_RULE, 0, 8, 0, v->shown.explain ? 4 : 1, 0, "" },
        { LL_N, h, 4, 0, 0, 0, "" }, { LL_CUT, h, 0, 0, 0, 0, "" },
        { LL_PREDICTIONS, h, 0, 1, cut ? 3 : 1, 0, "" },
        { LL_CUT_RATE, 0, 0, 1, cut ? 1 : 6, 0, "" }, { LL_CYCLING, 0, 0, 1, cut ? 6 : 2, 0, "" },
    };
    if (cut) {      /* how often names are cut, right after this one's cut */
        it[7].line = LL_CUT_RATE;
        it[8].line = LL_CYCLING;
    } else {
        it[7].line = LL_CYCLING;
        it[7].prio = 2;
        it[8].line = LL_CUT_RATE;
        it[8].prio = 6;
    }
    int total = 0;
    for (int i = 0; i < NITEMS; i++) {
        lesson_line(&l, it[i].line, it[i].arg, it[i].text, sizeof it[i].text);
        if (i == CHARS && flow_rows(c->ascii, a.w, it[i].text, 3) > 1)  /* without the quotes */
            lesson_line(&l, LL_CHARS, h, it[i].text, sizeof it[i].text);
        if (i == PRED) {    /* the predictions and their pairs: one item */
            char pairs[4096];
            if (lesson_line(&l, LL_PAIRS, h, pairs, sizeof pairs) > 0)
                snprintf(it[i].text + strlen(it[i].text), sizeof it[i].text - strlen(it[i].text), "\n%s",
                         pairs);
        }
        it[i].rows = it[i].text[0] ? it[i].gap + flow_rows(c->ascii, a.w, it[i].text, it[i].indent) : 0;
        total += it[i].rows;
    }
    /* the least important out until the rest fits */
    for (int p = 6; p > 0 && total > a.h; p--)
        for (int i = NITEMS - 1; i >= 0 && total > a.h; i--)
            if (it[i].prio == p && it[i].rows) {
                total -= it[i].rows;
                it[i].rows = 0;
            }
    if (!it[RULE].rows)     /* n's rule left out: "n = min(8, 6 - 1) = 5" */
        lesson_line(&l, LL_N, h + 1, it[N].text, sizeof it[N].text);
    int y = a.y;
    for (int i = 0; i < NITEMS; i++)
        if (it[i].rows) {
            y += it[i].gap;
            y += flow_text(c, a, y, it[i].text, it[i].indent);
        }
}

static void panel_forward(Canvas *c, Rect a, const View *v, int pos)
{
    const Lesson l = lesson_of(v, c->ascii);
    const int V = v->run.vocab_size;
    const int hidden = pos + 1 >= v->shown.hide_from, arg = hidden ? pos + LESSON_HIDDEN : pos;
    int y = a.y;
    say(c, a, &y, 2, &l, LL_INPUT, arg);
    /* the formulas, unless they would keep the whole vocabulary off the
     * panel (the explanation, when on, has them too) */
    int full = a.h - 2 >= V + 1, lines = a.w >= 56 ? 1 : 2;
    if (full && a.h - 2 - lines < V + 1 && v->shown.explain)
        ;
    else if (a.w >= 56)
        say(c, a, &y, 2, &l, LL_LOGITS, pos);
    else {
        say(c, a, &y, 2, &l, LL_LOGITS_ONLY, pos);
        say(c, a, &y, 2, &l, LL_PROBS_RULE, pos);
    }
    int bottom = a.y + a.h - 1;     /* the loss line */
    Rect list = { a.x, y, a.w, bottom - y };
    if (list.h >= 2) {
        if (hidden)
            render_guess_box(c, list, v, pos);
        else
            render_probs_list(c, list, v, pos);
    }
    say(c, a, &bottom, 4, &l, LL_POS_LOSS, arg);
}

static void panel_loss(Canvas *c, Rect a, const View *v)
{
    const Lesson l = lesson_of(v, c->ascii);
    char buf[4096];
    int y = a.y;
    /* four decimals when the sum fits on a line, else two (the mean then
     * says ≈ unless the terms as shown add up to it) */
    int dec = 4;
    lesson_line(&l, LL_LOSS_SUM, dec, buf, sizeof buf);
    if (markup_width(buf, c->ascii) > a.w)
        lesson_line(&l, LL_LOSS_SUM, dec = 2, buf, sizeof buf);
    y += flow_text(c, a, y, buf, 8);
    say(c, a, &y, 0, &l, LL_LOSS_MEAN, dec);
    y++;
    say(c, a, &y, 4, &l, LL_CHANCE, 0);
    say(c, a, &y, 4, &l, LL_CHOICES, 0);
    y++;
    say(c, a, &y, 0, &l, LL_VERDICT, 0);
    /* step 1: the lesson's figures were made up; then the hardest position */
    say_if_room(c, a, &y, &l, LL_ILLUSTRATION, 0);
    say_if_room(c, a, &y, &l, LL_HARDEST, 0);
}

static void panel_backward(Canvas *c, Rect a, const View *v)
{
    const Lesson l = lesson_of(v, c->ascii);
    const StepInfo *in = v->step.info;
    const Model *m = v->run.model;
    int y = a.y;
    say(c, a, &y, 0, &l, LL_BACKWARD, 0);
    say(c, a, &y, 0, &l, LL_NORMS, 0);
    int nw = 1;
    double top = 0;
    char name[64], num[32];
    for (int i = -1; i < m->nmat; i++) {
        int w = (int)lesson_line(&l, LL_NORM_NAME, i, name, sizeof name);
        nw = w > nw ? w : nw;
        top = i >= 0 && in->grad_norm[i] > top ? in->grad_norm[i] : top;
    }
    const int x_num = a.x + nw + 1, x_bar = x_num + 10, bar_w = a.x + a.w - x_bar;
    int room = a.y + a.h - y - 1;   /* the last line: all parameters */
    int shown = m->nmat <= room ? m->nmat : room - 1;
    if (shown < 0)
        shown = 0;
    for (int i = 0; i < shown; i++, y++) {
        double g = in->grad_norm[i];
        lesson_line(&l, LL_NORM_NAME, i, name, sizeof name);
        canvas_text(c, a.x, y, nw, name, ROLE_TEXT);
        lesson_line(&l, LL_NORM, i, num, sizeof num);
        canvas_text(c, x_num, y, 9, num, g == 0 ? ROLE_LABEL : ROLE_VALUE);
        if (bar_w > 2 && top > 0 && g > 0)
            plot_hbar(c, x_bar, y, bar_w, g / top, ROLE_BAR);
        else if (g == 0 && bar_w >= 14)
            canvas_text(c, x_bar, y, bar_w, "(no gradient)", ROLE_LABEL);
    }
    if (shown < m->nmat) {
        char more[64];
        snprintf(more, sizeof more, "%s %d more (z zooms)", glyphs_get(c->ascii)->ell, m->nmat - shown);
        canvas_text_fit(c, a.x, y++, a.w, more, ROLE_LABEL);
    }
    lesson_line(&l, LL_NORM_NAME, -1, name, sizeof name);
    lesson_line(&l, LL_NORM, -1, num, sizeof num);
    canvas_text(c, a.x, y, nw, name, ROLE_LABEL);
    canvas_text(c, x_num, y++, 9, num, ROLE_VALUE);
    /* which got none, and why (step 1 of a run whose projections start at 0) */
    say_if_room(c, a, &y, &l, LL_NO_GRAD, 0);
}

static void panel_update(Canvas *c, Rect a, const View *v)
{
    const Lesson l = lesson_of(v, c->ascii);
    const AdamTrace *f = &v->step.follow;
    int y = a.y;
    say(c, a, &y, 7, &l, LL_LR, 0);
    say(c, a, &y, 2, &l, LL_ADAM_ON, 0);
    if (a.w >= 70) {
        /* the worked example's own lines (as --trace prints them) */
        for (LessonLine k = LL_GRAD; k <= LL_P; k++)
            say(c, a, &y, 6, &l, k, 0);
    } else {
        /* a table: each value before and after the update */
        static const char *const lab[] = { "grad", "m", "v", "m_hat", "v_hat", "p" };
        const double after[6] = { f->grad, f->m, f->v, f->m_hat, f->v_hat, f->p_new };
        const double before[6] = { 0, f->m_old, f->v_old, 0, 0, f->p_old };
        const int has_before[6] = { 0, 1, 1, 0, 0, 1 };
        char b[6][32], n[32];
        int bw = 6;
        for (int i = 0; i < 6; i++) {
            if (has_before[i])
                snprintf(b[i], sizeof b[i], "%.6g", before[i]);
            else
                snprintf(b[i], sizeof b[i], " ");
            bw = (int)strlen(b[i]) > bw ? (int)strlen(b[i]) : bw;
        }
        const int x_b = a.x + 6, x_a = x_b + bw + 2;
        canvas_text(c, x_b, y, bw, "before", ROLE_LABEL);
        canvas_text(c, x_a, y, a.x + a.w - x_a, "after", ROLE_LABEL);
        y++;
        for (int i = 0; i < 6 && y < a.y + a.h; i++, y++) {
            snprintf(n, sizeof n, "%.6g", after[i]);
            canvas_text(c, a.x, y, 6, lab[i], ROLE_LABEL);
            canvas_text(c, x_b, y, bw, b[i], ROLE_TEXT);
            canvas_text(c, x_a, y, a.x + a.w - x_a, n, i == 5 ? ROLE_VALUE : ROLE_TEXT);
        }
    }
    say(c, a, &y, 0, &l, LL_UPDATED, 0);
    int left = a.y + a.h - y;
    if (left >= 5 && !(v->shown.on_screen & PANEL_BIT(PANEL_LR))) {    /* the schedule, with this step on it */
        y++;
        render_lr_body(c, (Rect){ a.x, y, a.w, a.y + a.h - y }, v);
    }
}

static void panel_log(Canvas *c, Rect a, const View *v)
{
    const Lesson l = lesson_of(v, c->ascii);
    char line[128];
    int y = a.y;
    say(c, a, &y, 6, &l, LL_PRINT, 0);
    lesson_line(&l, LL_LOG, 0, line, sizeof line);
    canvas_text_fit(c, a.x, y++, a.w, line, ROLE_VALUE);
    y++;
    say(c, a, &y, 0, &l, LL_NEXT, v->shown.hide_next ? LESSON_HIDDEN : 0);
    /* what the update just did to the step's name, when there is room for it
     * (and for the curve, when the curve is to show) */
    const int curve = !(v->shown.on_screen & PANEL_BIT(PANEL_LOSS));
    if (v->inside.in && !v->shown.hide_next) {
        char verdict[256];
        update_verdict(v, verdict, sizeof verdict);
        const int rows = flow_rows(c->ascii, a.w, verdict, 0);
        const int left = a.y + a.h - y, curve_fits = curve && left >= 6;
        if (left >= 1 + rows + (curve_fits ? 1 + 6 : 0)) {
            y++;
            y += flow_text(c, a, y, verdict, 0);
        }
    }
    int left = a.y + a.h - y;
    if (left >= 6 && curve) {  /* the loss curve, with this step's point */
        y++;
        render_loss_body(c, (Rect){ a.x, y, a.w, a.y + a.h - y }, v);
    }
}

void render_phase(Canvas *c, Rect r, const View *v)
{
    const int n = v->step.info->n, phase = phase_index(v->shown.phase, n);
    const int pos = v->shown.phase.pos;
    const PhaseKind kind = v->shown.phase.kind;
    char title[64], note[48];
    static const char *const titles[PHASE_KINDS] = {
        "1. Sample", "2. Forward", "2. Loss", "3. Backward", "4. Update (Adam)", "5. Log",
    };
    if (kind == PHASE_FORWARD)
        snprintf(title, sizeof title, "2. Forward: position %d", pos);
    else
        snprintf(title, sizeof title, "%s", titles[kind]);
    if (v->shown.hide_len)      /* guess mode: the count of phases tells the length */
        snprintf(note, sizeof note, "phase %d", phase + 1);
    else
        snprintf(note, sizeof note, "phase %d of %d", phase + 1, phase_count(n));
    if (text_width(title, c->ascii) + text_width(note, c->ascii) + 7 > r.w)
        snprintf(note, sizeof note, v->shown.hide_len ? "" : "%d/%d", phase + 1, phase_count(n));
    Rect a = frame(c, r, title, note);
    if (a.w < 4 || a.h < 2)
        return;
    switch (kind) {
    case PHASE_SAMPLE: panel_sample(c, a, v); break;
    case PHASE_FORWARD: panel_forward(c, a, v, pos); break;
    case PHASE_LOSS: panel_loss(c, a, v); break;
    case PHASE_BACKWARD: panel_backward(c, a, v); break;
    case PHASE_UPDATE: panel_update(c, a, v); break;
    default: panel_log(c, a, v); break;
    }
}

/* ----------------------------------------------------------- explanation */

void render_explain(Canvas *c, Rect r, const View *v)
{
    const StepInfo *in = v->step.info;
    int no_grad = 0;
    for (int i = 0; i < v->run.model->nmat; i++)
        no_grad |= in->grad_norm[i] == 0;
    ExplainCtx ctx = {
        .vocab_size = v->run.vocab_size, .nparams = v->run.model->nparams,
        .block_size = v->run.block_size, .num_steps = v->run.num_steps,
        .live_every = v->run.live_every > 0 ? v->run.live_every : 1,
        .schedule = v->run.train->adam.schedule, .log_end = variant_info(v->run.program)->log_end,
        .cuts = &v->run.cuts,
        .no_grad_at_start = in->step == 0 && no_grad && v->run.model->cfg.zero_init_proj,
        .zero_init_proj = v->run.model->cfg.zero_init_proj,
    };
    Explanation e;
    if (v->shown.hiding)
        explain_guess(&e);
    else if (v->shown.phase_mode)
        explain_phase(v->shown.phase.kind, &ctx, &e);
    else
        explain_panel(v->shown.explained, &ctx, &e);
    char title[80];
    snprintf(title, sizeof title, "Why: %s", e.title);
    if (v->shown.note) {    /* a lesson's stop: its note for the class, then the why */
        char t[96];
        snprintf(t, sizeof t, "Stop %d of %d%s%s", v->shown.stop + 1, v->shown.stops,
                 v->shown.stop_name[0] ? ": " : "", v->shown.stop_name);
        /* the note whole (frame.c gives the panel its rows), then the why as
         * far as it fits, cut at a word; the title's note says how to see it all */
        char why[sizeof e.text + 64];
        snprintf(why, sizeof why, MK_LABEL "Why, %s: " MK_TEXT "%s", e.title, e.text);
        const int in_w = r.w - 4, in_h = r.h - 2;
        const int nrows = in_w > 0 ? flow_rows(c->ascii, in_w, v->shown.note, 0) : 0;
        const int cut = in_w > 0 && nrows + flow_rows(c->ascii, in_w, why, 0) > in_h;
        const char *hint = !cut ? "n next stop"
                         : v->shown.focus == PANEL_EXPLAIN ? "n next stop, z: all"
                         : "n next stop, Tab here and z: all";
        Rect a = frame(c, r, t, hint);
        if (a.w < 4 || a.h < 1)
            return;
        int ncut, wcut;
        int y = a.y + flow_text_cut(c, a, a.y, v->shown.note, 0, &ncut);
        if (!ncut && y < a.y + a.h)
            flow_text_cut(c, (Rect){ a.x, y, a.w, a.y + a.h - y }, y, why, 0, &wcut);
        return;
    }
    Rect a = frame(c, r, title, "e hides");
    if (a.w < 4 || a.h < 1)
        return;
    int y = a.y;
    int frows = e.formula[0] ? flow_rows(c->ascii, a.w, e.formula, 4) : 0;
    Rect text = { a.x, a.y, a.w, a.h - (frows <= a.h - 1 ? frows : 0) };
    y += flow_text(c, text, y, e.text, 0);
    if (frows && y + frows <= a.y + a.h) {
        char f[200];
        snprintf(f, sizeof f, MK_VALUE "%s", e.formula);
        flow_text(c, a, y, f, 4);
    }
}

/* ----------------------------------------------------------- live samples */

void render_live(Canvas *c, Rect r, const View *v)
{
    char note[64];
    if (v->step.live_age == 0)
        snprintf(note, sizeof note, "untrained model");
    else
        snprintf(note, sizeof note, "model after step %d", v->step.live_age);
    Rect a = frame(c, r, "Live samples", note);
    if (a.w < 4 || a.h < 1)
        return;
    if (!v->step.live_names) {
        canvas_text(c, a.x, a.y, a.w, "drawing...", ROLE_LABEL);
        return;
    }
    int cw = v->run.block_size + 2;
    if (cw < 9)
        cw = 9;
    int cols = (a.w + 2) / cw;
    if (cols < 1)
        cols = 1;
    int rows = (LIVE_SLOTS + cols - 1) / cols;
    if (rows > a.h)
        rows = a.h;
    for (int i = 0; i < LIVE_SLOTS && i < rows * cols; i++) {
        int x = a.x + (i % cols) * cw, y = a.y + i / cols;
        const char *name = v->step.live_names + (size_t)i * (size_t)v->run.live_name_bytes;
        if (*name)
            canvas_text_fit(c, x, y, cw - 1, name, ROLE_VALUE);
        else    /* the model ended the name at once */
            canvas_text(c, x, y, cw - 1, "(empty)", ROLE_LABEL);
    }
}
