/* render_inside.c: the panels that look inside the model: the attention of
 * the step's name, a probed name under three models, what the step's update
 * did (its name again, the parameters it moved most), and the line editor
 * that takes a name or a parameter.  They show what guess mode and phase
 * mode allow, as the step's own panels do. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/pymath.h"
#include "render/render.h"
#include "render/render_parts.h"
#include "render/ui_glyphs.h"

/* A weight as a shade.  The bounds fall between the uniform weights 1/t
 * (1, .5, .33, .25, .2 ...), so that a near-uniform row has one shade. */
static const double shade_bound[4] = { 0.04, 0.22, 0.42, 0.7 };

static int shade_of(double w)
{
    int k = 0;
    while (k < 4 && w >= shade_bound[k])
        k++;
    return k;
}

/* A weight in three columns: ".25", "1.0". */
static void weight_text(double w, char out[8])
{
    if (w >= 0.995)
        snprintf(out, 8, "1.0");
    else
        snprintf(out, 8, ".%02d", (int)lround(w * 100.0));
}

/* The "0 [BOS] → e" labels of positions 0 .. n-1 (input → target) of tokens:
 * the widths of the position, the token labels and the arrow, and in all. */
typedef struct {
    int pw, lw, aw, w;
} PairCols;

static PairCols pair_cols(const Canvas *c, const View *v, const int *tokens, int n)
{
    PairCols k = { digits(n > 1 ? n - 1 : 0), 1, text_width(glyphs_get(c->ascii)->arrow, c->ascii), 0 };
    for (int p = 0; p <= n; p++) {
        char lab[16];
        token_label(v->run.ds, tokens[p], c->ascii, lab);
        int w = text_width(lab, c->ascii);
        k.lw = w > k.lw ? w : k.lw;
    }
    k.w = k.pw + 1 + k.lw + k.aw + k.lw + 1;
    return k;
}

/* Position p's label at (x, y). */
static void pair_label(Canvas *c, int x, int y, const View *v, const PairCols *k, const int *tokens, int p,
                       Role role)
{
    char lab[16], num[16];
    snprintf(num, sizeof num, "%*d", k->pw, p);
    canvas_text(c, x, y, k->pw, num, ROLE_LABEL);
    token_label(v->run.ds, tokens[p], c->ascii, lab);
    canvas_text(c, x + k->pw + 1, y, k->lw, lab, role);
    canvas_text(c, x + k->pw + 1 + k->lw, y, k->aw, glyphs_get(c->ascii)->arrow, ROLE_LABEL);
    token_label(v->run.ds, tokens[p + 1], c->ascii, lab);
    canvas_text(c, x + k->pw + 1 + k->lw + k->aw, y, k->lw, lab, role);
}

/* The positions the attention panel may show: those the step has computed
 * by the phase shown, and in guess mode those whose input is known. */
static int attn_rows(const View *v)
{
    const StepInfo *in = v->step.info;
    int rows = phase_positions_done(v->shown.phase, in->n);
    if (rows > v->shown.positions)
        rows = v->shown.positions;
    return rows < in->n ? rows : in->n;
}

/* One grid: head h of layer l, rows 0 .. rows-1, cells cw wide (4: the
 * numbers, 2 or 1: shades), from (x, y): a title line, then a row per
 * position. */
static void attn_grid(Canvas *c, int x, int y, const View *v, int l, int h, int rows, int cw, int title_w)
{
    const Glyphs *g = glyphs_get(c->ascii);
    const ModelConfig *mc = &v->run.model->cfg;
    const double *attn = v->inside.in->attn;
    char t[32];
    if (mc->n_layer > 1)
        snprintf(t, sizeof t, "L%d head %d", l, h);
    else
        snprintf(t, sizeof t, "head %d", h);
    canvas_text(c, x, y, title_w, t, ROLE_LABEL);
    for (int p = 0; p < rows; p++) {
        const int sel = p == v->shown.pos;
        for (int s = 0; s <= p; s++) {
            const double w = attn[model_attn_index(mc, l, h, p, s)];
            const Role role = sel ? ROLE_SELECT : ROLE_BAR;
            if (cw >= 4) {
                char num[8];
                weight_text(w, num);
                canvas_text(c, x + s * cw, y + 1 + p, 3, num, sel ? ROLE_SELECT : ROLE_TEXT);
            } else {
                canvas_put(c, x + s * cw, y + 1 + p, g->shade[shade_of(w)], shade_of(w) ? role : sel ? ROLE_SELECT
                                                                                                      : ROLE_LABEL);
            }
        }
    }
}

void render_attention(Canvas *c, Rect r, const View *v)
{
    const StepInfo *in = v->step.info;
    const ViewInside *vi = &v->inside;
    const ModelConfig *mc = &v->run.model->cfg;
    char note[48];
    const int rows = attn_rows(v);
    if (vi->in && rows > 0)
        snprintf(note, sizeof note, "step %d", in->step + 1);
    else
        note[0] = '\0';
    Rect a = frame(c, r, text_width("Attention: where each position looks", c->ascii) + 14 <= r.w
                   ? "Attention: where each position looks" : "Attention", note);
    if (a.w < 8 || a.h < 2)
        return;
    if (!vi->in) {
        canvas_text(c, a.x, a.y, a.w, "computing...", ROLE_LABEL);
        return;
    }
    if (rows < 1) {
        flow_text(c, a, a.y, v->shown.phase_mode ? "The forward pass has not started: the attention of "
                  "each position comes with its forward phase." : "Guess first: r reveals.", 0);
        return;
    }
    /* the rows' labels: position and input token */
    int lw = 1;
    for (int p = 0; p < rows; p++) {
        char lab[16];
        token_label(v->run.ds, in->tokens[p], c->ascii, lab);
        int w = text_width(lab, c->ascii);
        lw = w > lw ? w : lw;
    }
    const int pw = digits(rows - 1), labw = pw + 1 + lw + 1;
    /* the richest cells that show every head: the numbers (zoomed), shades
     * two columns wide, one column */
    const int G = mc->n_layer * mc->n_head;
    /* the richest cells that show every head and leave four lines for the
     * notes, else one: the numbers (zoomed, or on a big screen), shades two
     * columns wide, one column; else as many heads as fit */
    int cw = 1, per = 1, lines = G, shown = G, found = 0;
    static const int widths[] = { 4, 2, 1 };
    for (int foot = 4; foot >= 1 && !found; foot -= 3)
        for (int k = 0; k < 3 && !found; k++) {
            if (widths[k] == 4 && foot < 4)
                continue;
            const int gw = (widths[k] * rows > 6 ? widths[k] * rows : 6) + 1;
            int pr = (a.w - labw) / gw;
            if (pr < 1)
                continue;
            if (pr > G)
                pr = G;
            const int ln = (G + pr - 1) / pr;
            if (ln * (rows + 1) > a.h - foot)
                continue;
            cw = widths[k];
            lines = ln;
            per = (G + ln - 1) / ln;    /* balanced lines */
            found = 1;
        }
    if (!found) {   /* one-column cells, as many lines of heads as fit */
        per = (a.w - labw) / ((rows > 6 ? rows : 6) + 1);
        per = per < 1 ? 1 : per > G ? G : per;
        lines = (G + per - 1) / per;
    }
    const int gw = (cw * rows > 6 ? cw * rows : 6) + 1;
    if (lines * (rows + 1) > a.h - 1) {     /* not all: as many lines of heads as fit */
        lines = (a.h - 1) / (rows + 1);
        if (lines < 1)
            lines = 1;
        shown = lines * per < G ? lines * per : G;
    }
    int y = a.y;
    for (int ln = 0; ln < lines; ln++, y += rows + 1) {
        for (int p = 0; p < rows && y + 1 + p < a.y + a.h; p++) {
            char num[16], lab[16];
            const Role role = p == v->shown.pos ? ROLE_SELECT : ROLE_TEXT;
            snprintf(num, sizeof num, "%*d", pw, p);
            canvas_text(c, a.x, y + 1 + p, pw, num, p == v->shown.pos ? ROLE_SELECT : ROLE_LABEL);
            token_label(v->run.ds, in->tokens[p], c->ascii, lab);
            canvas_text(c, a.x + pw + 1, y + 1 + p, lw, lab, role);
            canvas_tag(c, (Rect){ a.x, y + 1 + p, a.w, 1 }, HIT_POSITION, p);   /* a click selects it */
        }
        for (int k = 0; k < per && ln * per + k < shown; k++) {
            const int gi = ln * per + k;
            attn_grid(c, a.x + labw + k * gw, y, v, gi / mc->n_head, gi % mc->n_head, rows, cw, gw - 1);
        }
    }
    /* under the grids: how far from uniform, since when, why */
    char line[256];
    const RunInside *ri = vi->in;
    if (shown < G)
        snprintf(line, sizeof line, "heads 0-%d of %d shown (z zooms)", shown - 1, G);
    else if (rows == in->n)
        snprintf(line, sizeof line, "max |w - 1/t| = %.4f: %s", py_shown(ri->spread),
                 ri->spread > INSIDE_UNIFORM ? "not uniform" : "near uniform");
    else
        snprintf(line, sizeof line, "rows: the positions so far (t of them, 1/t each when uniform)");
    if (y < a.y + a.h)
        canvas_text_fit(c, a.x, y++, a.w, line, ROLE_LABEL);
    /* said of the steps up to the one shown (what was looked at beyond it
     * stays unsaid: the screen is the step's, however the user came) */
    const int until = ri->uniform_until <= in->step ? ri->uniform_until : -1;
    if (until == 0)
        snprintf(line, sizeof line, "not near uniform from step 1 on (within %.2f of 1/t)", INSIDE_UNIFORM);
    else if (until > 0)
        snprintf(line, sizeof line, "near uniform (within %.2f) until step %d; from step %d on, not",
                 INSIDE_UNIFORM, until, until + 1);
    else
        snprintf(line, sizeof line, "near uniform (within %.2f) at every step so far%s", INSIDE_UNIFORM,
                 in->step >= INSIDE_SCAN ? " looked at (the first 2000)" : "");
    if (y < a.y + a.h)
        y += flow_text(c, (Rect){ a.x, y, a.w, a.y + a.h - y }, y, line, 2);
    /* q and k without a gradient (the course's step 1: attn_wo is 0) */
    const int wq = model_matrix(v->run.model, 0, MAT_WQ), wk = model_matrix(v->run.model, 0, MAT_WK);
    if (y < a.y + a.h && v->shown.phase.kind >= PHASE_BACKWARD && wq >= 0 && wk >= 0 &&
        in->grad_norm[wq] == 0 && in->grad_norm[wk] == 0)
        y += flow_text(c, (Rect){ a.x, y, a.w, a.y + a.h - y }, y,
                       "q and k got no gradient this step (attn_wo is 0): these weights cannot change yet", 2);
    /* the legend (shades), or the selected row's weights */
    if (cw < 4 && y < a.y + a.h) {
        const Glyphs *g = glyphs_get(c->ascii);
        snprintf(line, sizeof line, "%s <.04  %s <.22  %s <.42  %s <.7  %s up to 1", g->shade[0], g->shade[1],
                 g->shade[2], g->shade[3], g->shade[4]);
        canvas_text_fit(c, a.x, y, a.w, line, ROLE_LABEL);
    }
}

/* ------------------------------------------------------------------ probe */

/* The columns of the probe table: the run shown's three models, then the
 * other runs' at the step shown. */
typedef struct {
    const ProbeScore *sc;
    char head[24];
} ProbeCol;

/* The columns; at step 1 its model is step 1's: one column. */
static int probe_cols(const View *v, int sel, ProbeCol *col)
{
    const ViewInside *vi = &v->inside;
    int n = 0;
    for (int m = 0; m < INSIDE_MODELS; m++) {
        if (m == MODEL_FIRST && v->step.info->step == 0)
            continue;
        col[n].sc = &vi->in->scores[sel][m];
        if (m == MODEL_STEP)
            snprintf(col[n].head, sizeof col[n].head, "step %d", v->step.info->step + 1);
        else
            snprintf(col[n].head, sizeof col[n].head, m == MODEL_FIRST ? "step 1" : "final");
        n++;
    }
    for (int k = 1; k < vi->runs && n < INSIDE_MODELS + VIEW_MAX_RUNS; k++) {
        col[n].sc = &vi->run[k]->scores[sel][MODEL_STEP];
        snprintf(col[n].head, sizeof col[n].head, "run %c", vi->label[k]);
        n++;
    }
    return n;
}

void render_probe(Canvas *c, Rect r, const View *v)
{
    const ViewInside *vi = &v->inside;
    const Glyphs *g = glyphs_get(c->ascii);
    char title[96];
    const int sel = vi->nnames > 0 ? vi->sel : -1;
    if (sel >= 0)
        snprintf(title, sizeof title, "Probe: %s", vi->names[sel].text);
    else
        snprintf(title, sizeof title, "Probe a name");
    Rect a = frame(c, r, title, sel >= 0 ? "same name, other models" : "");
    if (a.w < 8 || a.h < 2)
        return;
    if (sel < 0 || !vi->in) {
        char line[320];
        snprintf(line, sizeof line, "Type any name (t): each position's loss shows under the model of "
                 "this step, of step 1 and the final one. Characters: %s.", vi->vocab);
        flow_text(c, a, a.y, line, 0);
        return;
    }
    const ProbeName *pn = &vi->names[sel];
    ProbeCol col[INSIDE_MODELS + VIEW_MAX_RUNS];
    const int ncol = probe_cols(v, sel, col);
    const PairCols pc = pair_cols(c, v, pn->tokens, pn->n);
    const int labw = pc.w;
    /* each column: p(target) and loss when they fit, else the loss */
    int hw = 8;
    for (int k = 0; k < ncol; k++)
        hw = text_width(col[k].head, c->ascii) > hw ? text_width(col[k].head, c->ascii) : hw;
    const int wide = labw + ncol * ((hw > 13 ? hw : 13) + 2) <= a.w;
    const int cwid = wide ? (hw > 13 ? hw : 13) + 2 : 8;
    const int shown_cols = (a.w - labw) / cwid < ncol ? (a.w - labw) / cwid : ncol;
    int y = a.y;
    for (int k = 0; k < shown_cols; k++) {
        /* "step 500", or when too long for the column "500" */
        const char *h = col[k].head;
        if (text_width(h, c->ascii) > cwid && strncmp(h, "step ", 5) == 0)
            h += 5;
        text_right(c, a.x + labw + k * cwid, y, cwid, h, k == 0 ? ROLE_TITLE : ROLE_LABEL);
    }
    y++;
    if (wide) {     /* under each model: p(target) and loss */
        for (int k = 0; k < shown_cols; k++) {
            text_right(c, a.x + labw + k * cwid, y, cwid - 8, "p(tgt)", ROLE_LABEL);
            text_right(c, a.x + labw + k * cwid, y, cwid - 1, "loss", ROLE_LABEL);
        }
        y++;
    }
    const int room = a.y + a.h - y - 2;     /* the mean and one note under the rows */
    const int rows = pn->n < room ? pn->n : room > 0 ? room : 0;
    for (int p = 0; p < rows; p++, y++) {
        char num[16];
        pair_label(c, a.x, y, v, &pc, pn->tokens, p, ROLE_TEXT);
        for (int k = 0; k < shown_cols; k++) {
            const int x = a.x + labw + k * cwid;
            if (!col[k].sc->have) {
                text_right(c, x, y, cwid - 1, g->pending, ROLE_LABEL);
                continue;
            }
            snprintf(num, sizeof num, "%.4f", py_shown(col[k].sc->loss[p]));
            text_right(c, x, y, cwid - 1, num, k == 0 ? ROLE_VALUE : ROLE_TEXT);
            if (wide) {
                snprintf(num, sizeof num, "%.4f", py_shown(col[k].sc->p[p]));
                text_right(c, x, y, cwid - 8, num, ROLE_TEXT);
            }
        }
    }
    if (rows < pn->n && y < a.y + a.h) {
        char more[32];
        snprintf(more, sizeof more, "%s %d more", g->ell, pn->n - rows);
        canvas_text(c, a.x, y++, labw, more, ROLE_LABEL);
    }
    /* the mean, and as many choices: exp(mean) */
    if (y < a.y + a.h) {
        canvas_text(c, a.x, y, labw, "mean", ROLE_LABEL);
        for (int k = 0; k < shown_cols; k++) {
            char num[16];
            if (col[k].sc->have)
                snprintf(num, sizeof num, "%.4f", py_shown(col[k].sc->mean));
            else
                snprintf(num, sizeof num, "%s", g->pending);
            text_right(c, a.x + labw + k * cwid, y, cwid - 1, num, k == 0 ? ROLE_VALUE : ROLE_TEXT);
        }
        y++;
    }
    if (y < a.y + a.h) {
        canvas_text_fit(c, a.x, y, labw, "choices", ROLE_LABEL);
        for (int k = 0; k < shown_cols; k++) {
            char num[16];
            if (col[k].sc->have)
                snprintf(num, sizeof num, "%.1f", py_shown(exp(col[k].sc->mean)));
            else
                snprintf(num, sizeof num, "%s", g->pending);
            text_right(c, a.x + labw + k * cwid, y, cwid - 1, num, ROLE_LABEL);
        }
        y++;
    }
    /* notes, as room allows */
    char line[256];
    const int left = a.y + a.h - y;
    int ny = y + (left > 4 ? 1 : 0);
    if (!vi->in->scores[sel][MODEL_FINAL].have) {
        snprintf(line, sizeof line, "final: the run's end, %d steps on, is too far to compute here: 6 goes "
                 "there, and from then on it shows.", v->run.num_steps - v->step.info->step - 1);
        ny += flow_text(c, (Rect){ a.x, ny, a.w, a.y + a.h - ny }, ny, line, 0);
    }
    if (pn->n == v->run.block_size && ny < a.y + a.h) {
        snprintf(line, sizeof line, "Cut at the block size (%d): as in training, later letters are not scored.",
                 v->run.block_size);
        ny += flow_text(c, (Rect){ a.x, ny, a.w, a.y + a.h - ny }, ny, line, 0);
    }
    if (ny < a.y + a.h) {
        /* chance: every one of the V tokens alike; a name can be scored worse */
        size_t o = (size_t)snprintf(line, sizeof line, "choices: exp(mean loss), as unsure as picking among "
                                    "that many tokens; chance is %d.", v->run.vocab_size);
        for (int k = 0; k < shown_cols && o < sizeof line - 48; k++)
            if (col[k].sc->have && exp(col[k].sc->mean) > v->run.vocab_size)
                o += (size_t)snprintf(line + o, sizeof line - o, " %.1f (%s): worse than chance.",
                                      exp(col[k].sc->mean), col[k].head);
        ny += flow_text(c, (Rect){ a.x, ny, a.w, a.y + a.h - ny }, ny, line, 0);
    }
    if (vi->nnames > 1 && ny < a.y + a.h) {     /* the other names, with their means here */
        size_t o = (size_t)snprintf(line, sizeof line, "also:");
        for (int i = 0; i < vi->nnames && o < sizeof line - 40; i++)
            if (i != sel) {
                const ProbeScore *sc = &vi->in->scores[i][MODEL_STEP];
                o += (size_t)snprintf(line + o, sizeof line - o, " %s %.2f", vi->names[i].text, py_shown(sc->have ? sc->mean : 0.0));
            }
        snprintf(line + o, sizeof line - o, " (t, then Up: another)");
        flow_text(c, (Rect){ a.x, ny, a.w, a.y + a.h - ny }, ny, line, 2);
    }
}

/* ----------------------------------------------------------------- update */

void update_verdict(const View *v, char *buf, size_t len)
{
    const StepInfo *in = v->step.info;
    char doc[128];
    doc_text(v->run.ds, in->doc, doc, sizeof doc);
    const double d = v->inside.in->after_mean - in->loss;
    if (d < 0)
        snprintf(buf, len, "This step made \"%s\" %.2f nats easier.", doc, -d);
    else if (d > 0)
        snprintf(buf, len, "This step made \"%s\" %.2f nats harder.", doc, d);
    else
        snprintf(buf, len, "This step left \"%s\" as hard as it was.", doc);
}

void render_update(Canvas *c, Rect r, const View *v)
{
    const StepInfo *in = v->step.info;
    const ViewInside *vi = &v->inside;
    const Glyphs *g = glyphs_get(c->ascii);
    char title[64], line[256];
    snprintf(title, sizeof title, "What step %d's update did", in->step + 1);
    Rect a = frame(c, r, text_width(title, c->ascii) + 8 <= r.w ? title : "The update", "");
    if (a.w < 8 || a.h < 2)
        return;
    if (v->shown.phase_mode && !phase_has_update(v->shown.phase)) {
        flow_text(c, a, a.y, "The update comes at the Update phase (n until then): then this step's name "
                  "runs again through the weights it made.", 0);
        return;
    }
    if (v->shown.hide_len) {
        flow_text(c, a, a.y, "Guess mode: what the update did shows once the whole name is revealed.", 0);
        return;
    }
    if (!vi->in) {
        canvas_text(c, a.x, a.y, a.w, "computing...", ROLE_LABEL);
        return;
    }
    const RunInside *ri = vi->in;
    char doc[128];
    doc_text(v->run.ds, in->doc, doc, sizeof doc);
    int y = a.y;
    snprintf(line, sizeof line, "\"%s\" again, through the weights the update made:", doc);
    y += flow_text(c, (Rect){ a.x, y, a.w, 2 }, y, line, 0);
    /* per position: before, after, the change */
    const PairCols pc = pair_cols(c, v, in->tokens, in->n);
    const int labw = pc.w, cw = 8;
    text_right(c, a.x + labw, y, cw - 1, "before", ROLE_LABEL);
    text_right(c, a.x + labw + cw, y, cw - 1, "after", ROLE_LABEL);
    text_right(c, a.x + labw + 2 * cw, y, cw - 1, "change", ROLE_LABEL);
    y++;
    const int movers_room = a.h >= 18 ? 6 : 0;
    int rows = a.y + a.h - y - 2 - movers_room;
    rows = in->n < rows ? in->n : rows > 0 ? rows : 0;
    for (int p = 0; p < rows; p++, y++) {
        char num[16];
        pair_label(c, a.x, y, v, &pc, in->tokens, p, p == v->shown.pos ? ROLE_SELECT : ROLE_TEXT);
        snprintf(num, sizeof num, "%.4f", py_shown(in->pos_loss[p]));
        text_right(c, a.x + labw, y, cw - 1, num, ROLE_TEXT);
        snprintf(num, sizeof num, "%.4f", py_shown(ri->after[p]));
        text_right(c, a.x + labw + cw, y, cw - 1, num, ROLE_VALUE);
        snprintf(num, sizeof num, "%+.4f", py_shown(ri->after[p] - in->pos_loss[p]));
        text_right(c, a.x + labw + 2 * cw, y, cw - 1, num, ROLE_TEXT);
    }
    if (y < a.y + a.h) {
        char num[16];
        canvas_text(c, a.x, y, labw, "mean", ROLE_LABEL);
        snprintf(num, sizeof num, "%.4f", py_shown(in->loss));
        text_right(c, a.x + labw, y, cw - 1, num, ROLE_TEXT);
        snprintf(num, sizeof num, "%.4f", py_shown(ri->after_mean));
        text_right(c, a.x + labw + cw, y, cw - 1, num, ROLE_VALUE);
        snprintf(num, sizeof num, "%+.4f", py_shown(ri->after_mean - in->loss));
        text_right(c, a.x + labw + 2 * cw, y, cw - 1, num, ROLE_VALUE);
        y++;
    }
    update_verdict(v, line, sizeof line);
    if (y < a.y + a.h)
        y += flow_text(c, (Rect){ a.x, y, a.w, a.y + a.h - y }, y, line, 0);
    /* the parameters it moved most: name, grad, m_hat, v_hat, delta */
    if (y + 2 >= a.y + a.h)
        return;
    y++;
    snprintf(line, sizeof line, "Moved most (of %zu that changed):", in->params_updated);
    canvas_text_fit(c, a.x, y++, a.w, line, ROLE_LABEL);
    int nw = 4;
    for (int i = 0; i < ri->nmovers; i++) {
        char name[64];
        model_param_name(v->run.model, ri->movers[i].index, name, sizeof name);
        int w = (int)strlen(name);
        nw = w > nw ? w : nw;
    }
    static const char *const heads[] = { "grad", "m_hat", "v_hat", "delta" };
    const int full = 2 + nw + 1 + 4 * 11 <= a.w, ncol = full ? 4 : 2, colw = full ? 11 : 10;
    const int x0 = a.x + 2 + nw + 1;
    for (int k = 0; k < ncol; k++)
        text_right(c, x0 + k * colw, y, colw - 1, heads[full ? k : k ? 3 : 0], ROLE_LABEL);
    y++;
    for (int i = 0; i < ri->nmovers && y < a.y + a.h; i++, y++) {
        const Mover *mv = &ri->movers[i];
        char name[64], num[24];
        model_param_name(v->run.model, mv->index, name, sizeof name);
        const int is_f = strcmp(name, v->step.follow_name) == 0;
        if (is_f)
            canvas_text(c, a.x, y, 1, g->sel, ROLE_TARGET);
        canvas_text(c, a.x + 2, y, nw, name, is_f ? ROLE_TARGET : ROLE_TEXT);
        const double vals[4] = { mv->tr.grad, mv->tr.m_hat, mv->tr.v_hat, mv->delta };
        for (int k = 0; k < ncol; k++) {
            snprintf(num, sizeof num, "%.3g", py_shown(vals[full ? k : k ? 3 : 0]));
            text_right(c, x0 + k * colw, y, colw - 1, num, k == ncol - 1 ? ROLE_VALUE : ROLE_TEXT);
        }
    }
}

/* ----------------------------------------------------------------- editor */

void render_editor(Canvas *c, const View *v)
{
    const ViewInside *vi = &v->inside;
    const int name = vi->editing == EDIT_NAME;
    const char *title = name ? "Probe a name" : "Follow a parameter through Adam";
    const int w = c->w - 4 < 64 ? c->w - 4 : 64;
    Rect r = { (c->w - w) / 2, (c->h - 8) / 2, w, 8 };
    Rect a = frame(c, r, title, "Enter takes it, Esc cancels");
    if (a.w < 10 || a.h < 4)
        return;
    for (int y = a.y; y < a.y + a.h; y++)
        canvas_fill(c, (Rect){ a.x, y, a.w, 1 }, " ", ROLE_TEXT);
    char line[256];
    if (name)
        snprintf(line, sizeof line, "Any name of these characters: %s", vi->vocab);
    else
        snprintf(line, sizeof line, "MATRIX[ROW][COL]: lm_head[4][0], wte[12][3], attn_wq[0][5]");
    int y = a.y + flow_text(c, (Rect){ a.x, a.y, a.w, 2 }, a.y, line, 0);
    y++;
    canvas_text(c, a.x, y, 2, "> ", ROLE_KEY);
    render_field(c, a.x + 2, y, a.w - 4, vi->field, 1);
    y += 2;
    if (vi->error && vi->error[0])      /* on the rows left, wrapped */
        warn_text(c, (Rect){ a.x, y, a.w, a.y + a.h - y }, vi->error);
    else if (name)
        canvas_text_fit(c, a.x, y, a.w, c->ascii ? "Up/Down: the names probed" : "\u2191\u2193: the names probed",
                        ROLE_LABEL);
    else
        canvas_text_fit(c, a.x, y, a.w, "Empty: the parameter --trace follows", ROLE_LABEL);
}
