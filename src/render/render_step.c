/* render_step.c: the panels about the step itself: the current name, the
 * loss at each position and the probabilities at the selected position.
 * In phase mode they show only what the step has computed so far; in guess
 * mode the answer (the target and what follows) hides until revealed. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/plot.h"
#include "render/render.h"
#include "render/render_parts.h"
#include "render/ui_glyphs.h"
#include "core/pymath.h"
#include "core/utf8.h"

/* The name line: the characters the step trains on, then (cut at the block
 * size) a marker and the tail greyed out; in guess mode the characters from
 * the hidden target on are one '?'. */
static void name_line(Canvas *c, int x, int y, int maxw, const View *v)
{
    const Glyphs *g = glyphs_get(c->ascii);
    const StepInfo *in = v->step.info;
    const int hide = v->shown.hide_from;
    char doc[512], out[1200];
    doc_text(v->run.ds, v->step.info->doc, doc, sizeof doc - 1);
    size_t len = strlen(doc), o = 0;
    int tok = 1;    /* character k is token k + 1 */
    out[o++] = MK_VALUE[0];
    for (size_t i = 0; i < len && o < sizeof out - 16; tok++) {
        uint32_t cp;
        size_t l = utf8_decode((const unsigned char *)doc + i, len - i, &cp);
        if (l == 0)
            l = 1;
        if (tok >= hide)
            break;
        if (tok == in->n + 1) {     /* the first character past the block size */
            out[o++] = MK_LABEL[0];
            o += (size_t)snprintf(out + o, sizeof out - o, "%s", g->cut);
            out[o++] = MK_CUT[0];
        }
        memcpy(out + o, doc + i, l);
        o += l;
        i += l;
    }
    if (tok >= hide) {      /* a character hidden, or the end (BOS) */
        out[o++] = MK_TARGET[0];
        out[o++] = '?';
    }
    out[o] = '\0';
    /* one word: no wrapping, cut with an ellipsis when too long */
    char plain[1200];
    size_t k = 0;
    for (size_t i = 0; i < o; i++)
        if ((unsigned char)out[i] >= 0x20 || (unsigned char)out[i] == 0)
            plain[k++] = out[i];
    plain[k] = '\0';
    if (text_width(plain, c->ascii) <= maxw) {
        flow_text(c, (Rect){ x, y, maxw, 1 }, y, out, 0);
    } else {
        canvas_text_fit(c, x, y, maxw, plain, ROLE_VALUE);
    }
}

/* The columns the tokens first .. last of a row of `total` take (widths w,
 * one blank between, the cut marker and its blank before token cut_at), with
 * an ellipsis and a blank before them when first > 0 and after them when
 * tokens follow (two more for a cut marker that comes next). */
static int token_span(const int *w, int first, int last, int total, int cut_at, int ellw)
{
    int n = first > 0 ? ellw + 1 : 0;
    for (int i = first; i <= last; i++)
        n += (i == cut_at ? 2 : 0) + w[i] + (i < last ? 1 : 0);
    if (last + 1 < total)
        n += 1 + ellw + (last + 1 == cut_at ? 2 : 0);
    return n;
}

void render_name(Canvas *c, Rect r, const View *v)
{
    const StepInfo *in = v->step.info;
    const Glyphs *g = glyphs_get(c->ascii);
    char note[64];
    snprintf(note, sizeof note, "doc %zu of %zu", in->doc + 1, v->run.ds->count);
    Rect a = frame(c, r, "Current name", note);
    if (a.w < 1 || a.h < 1)
        return;
    const int lab = 7;      /* "tokens " */
    const int hide = v->shown.hide_from;
    const int pos = v->shown.pos;

    /* name  emma                    n = 5 */
    char right[64];
    int cut = in->doc_chars + 1 > (size_t)in->n;
    if (v->shown.hide_len)      /* guess mode: the length is part of the answer */
        snprintf(right, sizeof right, "n = ?");
    else
        snprintf(right, sizeof right, cut ? "n = %d (block size)" : "n = %d", in->n);
    int rw = text_width(right, c->ascii);
    if (rw > a.w - lab - 4)
        rw = 0;     /* no room: the name matters more */
    canvas_text(c, a.x, a.y, lab, "name", ROLE_LABEL);
    name_line(c, a.x + lab, a.y, a.w - lab - (rw ? rw + 2 : 0), v);
    if (rw)
        text_right(c, a.x, a.y, a.w, right, ROLE_TEXT);
    if (a.h < 3)
        return;

    /* tokens [BOS] e  m  m  a [BOS]
     * ids       26 4 12 12  0    26   (columns right-aligned; the tail cut
     *                                   at the block size greyed, after ┊;
     *                                   a row too long scrolls to keep the
     *                                   selected input and its target in
     *                                   view, with … where it is cut) */
    canvas_text(c, a.x, a.y + 1, lab, "tokens", ROLE_LABEL);
    canvas_text(c, a.x, a.y + 2, lab, "ids", ROLE_LABEL);
    enum { MAXTOK = 256 };
    int ids[MAXTOK + 2], w[MAXTOK + 2];
    char labels[MAXTOK + 2][16];
    size_t chars = dataset_encode(v->run.ds, in->doc, ids + 1, MAXTOK);
    const int BOS = v->run.vocab_size - 1;
    int total = (int)(chars < MAXTOK ? chars : MAXTOK) + 2;
    ids[0] = BOS;
    ids[total - 1] = chars <= MAXTOK ? BOS : ids[total - 1];
    if (hide < total)
        total = hide + 1;       /* guess mode: up to the first hidden one, a '?' */
    for (int i = 0; i < total; i++) {
        if (i >= hide)
            snprintf(labels[i], sizeof labels[i], "?");
        else
            token_label(v->run.ds, ids[i], c->ascii, labels[i]);
        char id[16];
        int iw = snprintf(id, sizeof id, "%d", ids[i]), lw = text_width(labels[i], c->ascii);
        w[i] = i >= hide ? 1 : lw > iw ? lw : iw;
    }
    const int cut_at = in->n + 1;   /* the cut marker goes before this token */
    const int ellw = text_width(g->ell, c->ascii), room = a.w - lab;
    /* the columns tokens f .. l take, with the marks around them */
    #define SPAN(f, l) token_span(w, f, l, total, cut_at, ellw)
    /* the window: the first token (at most the input) that keeps the
     * selected input and its target (and, when it fits with them, the cut)
     * in view */
    const int input = pos < 0 ? 0 : pos < total ? pos : total - 1;
    const int focus = input + 1 < total ? input + 1 : input;
    const int want = cut_at < total && cut_at > focus ? cut_at : focus;
    int first = 0;
    while (first < input && SPAN(first, want) > room)
        first++;
    if (SPAN(first, want) > room)
        for (first = 0; first < input && SPAN(first, focus) > room; first++) {
        }
    int last = first;
    while (last + 1 < total && SPAN(first, last + 1) <= room)
        last++;
    #undef SPAN
    int x = a.x + lab, end = a.x + a.w;
    if (first > 0) {
        canvas_text(c, x, a.y + 1, ellw, g->ell, ROLE_LABEL);
        canvas_text(c, x, a.y + 2, ellw, g->ell, ROLE_LABEL);
        x += ellw + 1;
    }
    for (int i = first; i <= last; i++) {
        if (i == cut_at) {
            canvas_text(c, x, a.y + 1, 1, g->cut, ROLE_LABEL);
            canvas_text(c, x, a.y + 2, 1, g->cut, ROLE_LABEL);
            x += 2;
        }
        char id[16];
        if (i >= hide)
            snprintf(id, sizeof id, "?");
        else
            snprintf(id, sizeof id, "%d", ids[i]);
        Role role = i >= hide ? ROLE_TARGET : i > in->n ? ROLE_CUT : i == pos ? ROLE_SELECT
                  : pos >= 0 && i == pos + 1 ? ROLE_TARGET : ROLE_TEXT;
        text_right(c, x, a.y + 1, w[i], labels[i], role);
        text_right(c, x, a.y + 2, w[i], id, role == ROLE_TEXT ? ROLE_LABEL : role);
        if (i < in->n && i < hide)      /* an input: a click selects its position */
            canvas_tag(c, (Rect){ x, a.y + 1, w[i], 2 }, HIT_POSITION, i);
        x += w[i] + 1;
    }
    if (last + 1 < total) {
        if (last + 1 == cut_at && x + 2 + ellw <= end) {   /* the cut shows, even with no room after it */
            canvas_text(c, x, a.y + 1, 1, g->cut, ROLE_LABEL);
            canvas_text(c, x, a.y + 2, 1, g->cut, ROLE_LABEL);
            x += 2;
        }
        canvas_text(c, x, a.y + 1, end - x, g->ell, ROLE_LABEL);
        canvas_text(c, x, a.y + 2, end - x, g->ell, ROLE_LABEL);
    }
}

/* The columns of the positions panel, computed once:
 *   mark  pos  input  arrow  target  p(target)  loss  bar (with the chance tick) */
typedef struct {
    int x_pos, pw;          /* the position, right-aligned in pw columns */
    int x_in, lw;           /* the input token (labels up to lw wide) */
    int x_arrow, aw;
    int x_tgt;
    int x_p, p_w;           /* p(target): 9 columns, or 6 ("p(tgt)") when the bars need room */
    int x_loss;             /* loss: 6 columns */
    int x_bar, bar_w;
    double scale;           /* the loss a full bar stands for */
    int tick;               /* the chance level's column across the bars, or -1 */
} PosCols;

static PosCols pos_columns(const Canvas *c, Rect a, const View *v)
{
    const StepInfo *in = v->step.info;
    const Glyphs *g = glyphs_get(c->ascii);
    PosCols k;
    k.lw = 1;
    /* from what may show: in guess mode neither a hidden token's width nor
     * a hidden loss may shape the columns or the bars */
    const int known = v->shown.hide_from < in->n + 1 ? v->shown.hide_from : in->n + 1;
    const int losses = v->shown.positions < known - 1 ? v->shown.positions : known - 1;
    for (int i = 0; i < known; i++) {
        char label[16];
        token_label(v->run.ds, in->tokens[i], c->ascii, label);
        int w = text_width(label, c->ascii);
        k.lw = w > k.lw ? w : k.lw;
    }
    k.aw = text_width(g->arrow, c->ascii);
    k.pw = digits(v->run.block_size > 1 ? v->run.block_size - 1 : 0);
    const int tw = k.lw > 6 ? k.lw : 6;    /* "target" */
    k.x_pos = a.x + 2;
    k.x_in = k.x_pos + k.pw + 1;
    k.x_arrow = k.x_in + k.lw;
    k.x_tgt = k.x_arrow + k.aw;
    k.p_w = a.x + a.w - (k.x_tgt + tw + 1 + 9 + 1 + 6 + 1) < 10 ? 6 : 9;
    k.x_p = k.x_tgt + tw + 1;
    k.x_loss = k.x_p + k.p_w + 1;
    k.x_bar = k.x_loss + 7;
    k.bar_w = a.x + a.w - k.x_bar;
    const double chance = log((double)v->run.vocab_size);
    k.scale = 1.5 * chance;
    for (int i = 0; i < losses; i++)
        k.scale = in->pos_loss[i] > k.scale ? in->pos_loss[i] : k.scale;
    /* beside another run's panel, one scale for both (what each may show) */
    const StepInfo *b = v->beside;
    for (int i = 0; b && i < b->n && (!v->shown.hide_len || i < losses); i++)
        k.scale = b->pos_loss[i] > k.scale ? b->pos_loss[i] : k.scale;
    k.tick = -1;
    if (k.bar_w >= 10) {
        k.tick = k.x_bar + (int)lround(chance / k.scale * k.bar_w);
        if (k.tick >= k.x_bar + k.bar_w)
            k.tick = -1;
    }
    return k;
}

static void pos_header(Canvas *c, Rect a, const PosCols *k)
{
    canvas_text(c, k->x_pos + k->pw - 1, a.y, 1, "#", ROLE_LABEL);
    canvas_text(c, k->x_in, a.y, k->x_tgt + k->lw - k->x_in, "input", ROLE_LABEL);
    canvas_text(c, k->x_tgt, a.y, k->x_p - k->x_tgt, "target", ROLE_LABEL);
    text_right(c, k->x_p, a.y, k->p_w, k->p_w == 9 ? "p(target)" : "p(tgt)", ROLE_LABEL);
    text_right(c, k->x_loss, a.y, 6, "loss", ROLE_LABEL);
    if (k->tick >= 0 && k->tick + 6 <= a.x + a.w)
        canvas_text(c, k->tick, a.y, 6, "chance", ROLE_CHANCE);
    else if (k->tick >= 0)
        text_right(c, k->x_bar, a.y, k->tick - k->x_bar + 1, "chance", ROLE_CHANCE);
}

/* Position i's row at y: what guess mode hides and phase mode has not
 * computed yet shown as such. */
static void pos_row(Canvas *c, Rect a, int y, const View *v, const PosCols *k, int i)
{
    const StepInfo *in = v->step.info;
    const Glyphs *g = glyphs_get(c->ascii);
    const int sel = v->shown.pos, hide = v->shown.hide_from;
    const int tgt = in->tokens[i + 1];
    char label[16], num[32];
    snprintf(num, sizeof num, "%d", i);
    if (i == sel) {
        canvas_fill(c, (Rect){ a.x, y, k->x_loss + 6 - a.x, 1 }, " ", ROLE_SELECT);
        canvas_put(c, a.x, y, g->sel, ROLE_SELECT);
    }
    const Role role = i == sel ? ROLE_SELECT : ROLE_TEXT, dim = i == sel ? ROLE_SELECT : ROLE_LABEL;
    text_right(c, k->x_pos, y, k->pw, num, dim);
    token_label(v->run.ds, in->tokens[i], c->ascii, label);
    canvas_text(c, k->x_in, y, k->lw, label, role);
    canvas_text(c, k->x_arrow, y, k->aw, g->arrow, dim);
    if (i + 1 >= hide) {
        canvas_text(c, k->x_tgt, y, k->lw, "?", ROLE_TARGET);
        text_right(c, k->x_p, y, k->p_w, "?", role);
        text_right(c, k->x_loss, y, 6, "?", role);
        return;
    }
    token_label(v->run.ds, tgt, c->ascii, label);
    canvas_text(c, k->x_tgt, y, k->lw, label, role);
    if (i >= phase_positions_done(v->shown.phase, in->n)) {    /* phase mode: not computed yet */
        text_right(c, k->x_p, y, k->p_w, g->pending, dim);
        text_right(c, k->x_loss, y, 6, g->pending, dim);
        return;
    }
    snprintf(num, sizeof num, "%.4f", py_shown(in->probs[(size_t)i * (size_t)v->run.vocab_size + (size_t)tgt]));
    text_right(c, k->x_p, y, k->p_w, num, role);
    snprintf(num, sizeof num, "%.4f", py_shown(in->pos_loss[i]));
    text_right(c, k->x_loss, y, 6, num, role);
    if (k->bar_w >= 4) {
        if (k->tick >= 0)
            canvas_put(c, k->tick, y, g->chance_tick, ROLE_CHANCE);
        plot_hbar(c, k->x_bar, y, k->bar_w, in->pos_loss[i] / k->scale, ROLE_LOSSBAR);
    }
}

/* The loss at each position, one row each. */
void render_positions(Canvas *c, Rect r, const View *v)
{
    const StepInfo *in = v->step.info;
    const Glyphs *g = glyphs_get(c->ascii);
    char note[32];
    if (v->shown.hide_len)      /* guess mode: the length is part of the answer */
        snprintf(note, sizeof note, "n = ?");
    else
        snprintf(note, sizeof note, "n = %d", in->n);
    char title[64];
    Rect a = frame(c, r, side_title(title, sizeof title, v, "Loss at each position"), note);
    if (a.w < 1 || a.h < 1)
        return;
    const PosCols k = pos_columns(c, a, v);
    pos_header(c, a, &k);
    /* rows (those that may show), scrolled to keep the selection in view;
     * the mean on the last line */
    const int sel = v->shown.pos, done = phase_positions_done(v->shown.phase, in->n);
    const int count = v->shown.positions < in->n ? v->shown.positions : in->n;
    int rows = a.h - 2;
    if (rows < 1)
        rows = a.h - 1;
    int first = 0, focus_row = sel >= 0 ? sel : done < count ? done : 0;
    if (count > rows && rows > 0) {
        first = focus_row - rows / 2;
        if (first < 0)
            first = 0;
        if (first > count - rows)
            first = count - rows;
    }
    for (int i = first; i < first + rows && i < count; i++) {
        pos_row(c, a, a.y + 1 + i - first, v, &k, i);
        canvas_tag(c, (Rect){ a.x, a.y + 1 + i - first, a.w, 1 }, HIT_POSITION, i);
    }
    if (a.h < 2)
        return;
    char num[64];
    int y = a.y + a.h - 1;
    if (count > rows && rows > 0) {
        if (v->shown.hide_len)
            snprintf(num, sizeof num, "%d-%d", first, first + rows - 1);
        else
            snprintf(num, sizeof num, "%d-%d of %d", first, first + rows - 1, in->n);
        canvas_text(c, a.x, y, k.x_p - a.x, num, ROLE_LABEL);
    }
    text_right(c, k.x_p, y, k.p_w, "mean", ROLE_LABEL);
    if (v->shown.hide_loss)
        text_right(c, k.x_loss, y, 6, "?", ROLE_LABEL);
    else if (!phase_has_loss(v->shown.phase))
        text_right(c, k.x_loss, y, 6, g->ell, ROLE_LABEL);
    else {
        snprintf(num, sizeof num, "%.4f", py_shown(in->loss));
        text_right(c, k.x_loss, y, 6, num, ROLE_VALUE);
    }
}

/* Sorts ids by probability, highest first, ties by lower id (insertion
 * sort: at most a vocabulary's worth, once per frame). */
static void sort_ids(int *ids, int n, const double *p)
{
    for (int i = 1; i < n; i++) {
        int k = ids[i], j = i - 1;
        while (j >= 0 && (p[ids[j]] < p[k] || (p[ids[j]] == p[k] && ids[j] > k))) {
            ids[j + 1] = ids[j];
            j--;
        }
        ids[j + 1] = k;
    }
}

/* The rows of ids[0 .. n) from a.y + 1 down: marks, label, bar (a full one
 * is pmax), the raw score (v: logit, else NULL), probability, tag. */
static void probs_rows(Canvas *c, Rect a, const View *v, const int *ids, int n, const double *p,
                       const double *logit, int top, int target, double pmax)
{
    const Glyphs *g = glyphs_get(c->ascii);
    char num[32];
    int lw = 1;
    for (int k = 0; k < n; k++) {
        char l[16];
        token_label(v->run.ds, ids[k], c->ascii, l);
        int w = text_width(l, c->ascii);
        if (w > lw)
            lw = w;
    }
    const int x_lab = a.x + 3, x_bar = x_lab + lw + 1;
    const int tag_w = 6, x_tag = a.x + a.w - tag_w, x_num = x_tag - 7;
    /* the raw score (v) before the probability: beside the bar, or in its
     * place when the bar would be too short */
    const int x_logit = x_num - 8;
    int bar_w = (logit ? x_logit : x_num) - 1 - x_bar;
    if (logit && bar_w < 4)
        bar_w = 0;
    for (int k = 0; k < n; k++) {
        int id = ids[k], y = a.y + 1 + k;
        int is_t = id == target, is_top = id == top;
        Role role = is_t ? ROLE_TARGET : is_top ? ROLE_TOP : ROLE_TEXT;
        char l[16];
        if (is_t)
            canvas_text(c, a.x, y, 1, g->target, ROLE_TARGET);
        if (is_top)
            canvas_text(c, a.x + 1, y, 1, g->top, ROLE_TOP);
        token_label(v->run.ds, id, c->ascii, l);
        canvas_text(c, x_lab, y, lw, l, role);
        if (bar_w > 0)
            plot_hbar(c, x_bar, y, bar_w, p[id] / pmax,
                      is_t ? ROLE_TARGET : is_top ? ROLE_TOP : ROLE_BAR);
        snprintf(num, sizeof num, "%.4f", py_shown(p[id]));
        text_right(c, x_num, y, 6, num, role);
        if (logit) {
            snprintf(num, sizeof num, "%.3f", py_shown(logit[id]));
            text_right(c, x_logit, y, 7, num, ROLE_LABEL);
        }
        if (is_t || is_top)
            canvas_text(c, x_tag, y, tag_w, is_t ? "target" : "top", role);
    }
}

void render_probs_list(Canvas *c, Rect a, const View *v, int pos)
{
    const StepInfo *in = v->step.info;
    const Glyphs *g = glyphs_get(c->ascii);
    const int V = v->run.vocab_size;
    const double *p = in->probs + (size_t)pos * (size_t)V;
    const double *logit = v->shown.logits ? in->logits + (size_t)pos * (size_t)V : NULL;
    const int target = in->tokens[pos + 1];
    char tgt_l[16], num[64];
    if (a.w < 1 || a.h < 1)
        return;
    token_label(v->run.ds, target, c->ascii, tgt_l);
    int top = 0;
    for (int i = 1; i < V; i++)
        if (p[i] > p[top])
            top = i;
    /* the bars are scaled to the top choice (beside another run's panel, to
     * the higher of both runs' top choices at the position) */
    double pmax = p[top] > 0 ? p[top] : 1.0;
    if (v->beside) {
        const int bpos = pos < v->beside->n ? pos : v->beside->n - 1;
        const double *bp = v->beside->probs + (size_t)bpos * (size_t)V;
        for (int i = 0; i < V; i++)
            pmax = bp[i] > pmax ? bp[i] : pmax;
    }

    /* the legend names both marked tokens, in the first wording that fits
     * whole (long labels, U+674E in ASCII, need the short ones) */
    char top_l[16];
    token_label(v->run.ds, top, c->ascii, top_l);
    static const char *const words[][3] = {
        { " target ", "   ", " top choice " }, { " target ", "  ", " top " }, { " ", "  ", " " },
    };
    const int nwords = (int)(sizeof words / sizeof words[0]);
    int k = 0;
    while (k + 1 < nwords &&
           text_width(g->target, c->ascii) + text_width(tgt_l, c->ascii) + text_width(g->top, c->ascii) +
           text_width(top_l, c->ascii) + (int)(strlen(words[k][0]) + strlen(words[k][1]) +
           strlen(words[k][2])) > a.w)
        k++;
    int x = a.x;
    x += canvas_text(c, x, a.y, a.x + a.w - x, g->target, ROLE_TARGET);
    x += canvas_text(c, x, a.y, a.x + a.w - x, words[k][0], ROLE_LABEL);
    x += canvas_text(c, x, a.y, a.x + a.w - x, tgt_l, ROLE_TARGET);
    x += canvas_text(c, x, a.y, a.x + a.w - x, words[k][1], ROLE_LABEL);
    x += canvas_text(c, x, a.y, a.x + a.w - x, g->top, ROLE_TOP);
    x += canvas_text(c, x, a.y, a.x + a.w - x, words[k][2], ROLE_LABEL);
    x += canvas_text(c, x, a.y, a.x + a.w - x, top_l, ROLE_TOP);
    if (logit && a.x + a.w - 20 >= x + 1) {   /* over the numbers (probs_rows' columns) */
        text_right(c, a.x + a.w - 21, a.y, 7, "logit", ROLE_LABEL);
        text_right(c, a.x + a.w - 13, a.y, 6, "p", ROLE_LABEL);
    }

    /* with the raw scores (v), the last line, when the list keeps 5 rows:
     * exp(loss_pos) = 1 / p(target), the number of tokens the model is as
     * unsure as choosing among */
    int rows = a.h - 1;
    if (logit && rows >= 6) {
        const double choices = py_shown(1.0 / p[target]);
        char line[3][96];
        snprintf(line[0], sizeof line[0], "exp(loss_%d) = %.1f: as unsure as choosing among %.1f of %d", pos,
                 choices, choices, V);
        snprintf(line[1], sizeof line[1], "as unsure as 1 in %.1f (chance 1 in %d)", choices, V);
        snprintf(line[2], sizeof line[2], "1 in %.1f (chance 1 in %d)", choices, V);
        int f = 0;
        while (f < 2 && text_width(line[f], c->ascii) > a.w)
            f++;
        canvas_text_fit(c, a.x, a.y + a.h - 1, a.w, line[f], ROLE_LABEL);
        rows--;
    }
    /* which entries: all in vocabulary order when they fit, else the most
     * likely ones (the target always among them) and a line saying how many
     * are hidden */
    if (rows < 1)
        return;
    int *ids = malloc((size_t)V * sizeof *ids);
    if (!ids)
        return;
    int shown = V, hidden = 0;
    for (int i = 0; i < V; i++)
        ids[i] = i;
    /* side by side, in vocabulary order, when one column is too short but
     * the width holds enough columns of at least 34 */
    int ncol = (V + rows - 1) / rows, colw = ncol > 0 ? (a.w + 2) / ncol - 2 : a.w;
    if (ncol > 1 && colw >= 32) {
        int per = (V + ncol - 1) / ncol;    /* balanced columns */
        for (int k = 0; k < ncol; k++) {
            int first = k * per, cnt = V - first < per ? V - first : per;
            if (cnt <= 0)
                break;
            Rect col = { a.x + k * (colw + 2), a.y, colw, per + 1 };
            probs_rows(c, col, v, ids + first, cnt, p, logit, top, target, pmax);
        }
        free(ids);
        return;
    }
    /* scrolled (the wheel, < and >): the ranks from `off` on, in order */
    int off = 0;
    if (V > rows) {
        sort_ids(ids, V, p);
        shown = rows > 1 ? rows - 1 : 1;
        hidden = V - shown;
        off = v->shown.probs_scroll < hidden ? v->shown.probs_scroll : hidden;
        for (int j = shown; j < V && off == 0; j++)
            if (ids[j] == target) {     /* the target swaps places with the least likely shown */
                ids[j] = ids[shown - 1];
                ids[shown - 1] = target;
                sort_ids(ids, shown, p);
                break;
            }
    }
    probs_rows(c, a, v, ids + off, shown, p, logit, top, target, pmax);
    if (hidden > 0) {
        const int x_lab = a.x + 3;
        double rest = 0.0;
        for (int k = 0; k < V; k++)
            rest += k < off || k >= off + shown ? p[ids[k]] : 0.0;
        if (off)
            snprintf(num, sizeof num, "%s %d above, %d below (p %.4f)", g->ell, off, hidden - off, py_shown(rest));
        else
            snprintf(num, sizeof num, "%s %d more (p %.4f)", g->ell, hidden, py_shown(rest));
        canvas_text_fit(c, x_lab, a.y + 1 + shown, a.x + a.w - x_lab, num, ROLE_LABEL);
    }
    /* the wheel scrolls the list, this far */
    canvas_tag(c, (Rect){ a.x, a.y + 1, a.w, a.h - 1 }, HIT_PROBS, hidden);
    free(ids);
}

void render_guess_box(Canvas *c, Rect a, const View *v, int pos)
{
    const StepInfo *in = v->step.info;
    char seen[512], line[700];
    size_t o = 0;
    seen[0] = '\0';
    for (int i = 0; i <= pos && o < sizeof seen - 24; i++) {
        char l[16];
        token_label(v->run.ds, in->tokens[i], c->ascii, l);
        o += (size_t)snprintf(seen + o, sizeof seen - o, "%s%s", i ? " " : "", l);
    }
    int y = a.y;
    y += flow_text(c, a, y, MK_LABEL "Guess first! The model has seen only:", 0);
    snprintf(line, sizeof line, MK_VALUE "%s " MK_TARGET "?", seen);
    y += flow_text(c, a, y, line, 2) + 1;
    y += flow_text(c, a, y, "Which token comes next, and how sure is the model?", 0) + 1;
    flow_text(c, a, y, MK_KEY "r" MK_TEXT " (or " MK_KEY "n" MK_TEXT ") reveals the answer.", 0);
}

void render_probs(Canvas *c, Rect r, const View *v)
{
    const StepInfo *in = v->step.info;
    const Glyphs *g = glyphs_get(c->ascii);
    const int sel = v->shown.pos < 0 ? 0 : v->shown.pos;
    const int hidden = sel + 1 >= v->shown.hide_from;
    char note[4][64], in_l[16], tgt_l[16];
    token_label(v->run.ds, in->tokens[sel], c->ascii, in_l);
    if (hidden)
        snprintf(tgt_l, sizeof tgt_l, "?");
    else
        token_label(v->run.ds, in->tokens[sel + 1], c->ascii, tgt_l);
    /* the title and the note "pos 2: y → m", in the first wording that fits
     * (a frame drops a note that does not) */
    const char *arrow = c->ascii ? "->" : "\u2192";
    snprintf(note[0], sizeof note[0], "pos %d: %s%s%s", sel, in_l, g->arrow, tgt_l);
    snprintf(note[1], sizeof note[1], "pos %d: %s%s%s", sel, in_l, arrow, tgt_l);
    snprintf(note[2], sizeof note[2], "%d: %s%s%s", sel, in_l, arrow, tgt_l);
    snprintf(note[3], sizeof note[3], "pos %d", sel);
    static const struct { const char *title; int note; } forms[2][5] = {
        { { "Next-token probabilities", 0 }, { "Next token", 0 }, { "Next token", 1 }, { "Next token", 2 },
          { "Next token", 3 } },
        /* v: the raw scores too */
        { { "Next token: logits, probabilities", 0 }, { "Logit, p", 0 }, { "Logit, p", 1 }, { "Logit, p", 2 },
          { "Logit, p", 3 } },
    };
    const int lg = v->shown.logits != 0;
    char title[64];
    int f = 0;
    while (f + 1 < 5 &&
           text_width(side_title(title, sizeof title, v, forms[lg][f].title), c->ascii) +
           text_width(note[forms[lg][f].note], c->ascii) + 7 > r.w)
        f++;
    Rect a = frame(c, r, side_title(title, sizeof title, v, forms[lg][f].title), note[forms[lg][f].note]);
    if (a.w < 1 || a.h < 1)
        return;
    if (hidden)
        render_guess_box(c, a, v, sel);
    else
        render_probs_list(c, a, v, sel);
}
