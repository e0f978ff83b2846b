/* layout.c: panel rectangles from the terminal size and the UI's flags. */
#include "render/layout.h"

#include <string.h>

static Rect rect(int x, int y, int w, int h) { return (Rect){ x, y, w, h }; }

Layout layout_compute(int cols, int rows, unsigned flags)
{
    Layout l;
    memset(&l, 0, sizeof l);
    l.cols = cols;
    l.rows = rows;
    l.zoomed = PANEL_NONE;
    if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS)
        return l;
    l.fits = 1;
    l.panel[PANEL_STATUS] = rect(0, 0, cols, 1);
    l.panel[PANEL_LESSON] = rect(0, 1, cols, 1);
    l.panel[PANEL_KEYS] = rect(0, rows - 1, cols, 1);

    const int phase = (flags & LAYF_PHASE) != 0, live = (flags & LAYF_LIVE) != 0;
    const int top = 2, body_all = rows - 3;
    const int ex_h = (flags & LAYF_EXPLAIN) ? LAYOUT_EXPLAIN_ROWS : 0;
    const int body = body_all - ex_h;
    const int name_h = 5;
    const PanelId bl = live ? PANEL_LIVE : PANEL_LR;    /* the slot of the learning rate */
    int left_w = cols * 9 / 16;
    l.roomy = rows >= LAYOUT_ROOMY_ROWS;
    l.pair = (flags & LAYF_PAIR) && cols >= LAYOUT_PAIR_COLS;
    if (!l.roomy && left_w > 60 && !l.pair)    /* compact: the right column wants room (two
                                                * runs' positions want it on the left) */
        left_w = 60;
    const int right_x = left_w, right_w = cols - left_w;
    if (ex_h)
        l.panel[PANEL_EXPLAIN] = rect(0, top + body, cols, ex_h);

    l.panel[PANEL_NAME] = rect(0, top, left_w, name_h);
    if (!l.roomy) {
        int rest = body - name_h;
        if (rest >= 12 + 4) {
            int extra = (body - 21) / 2;
            int pos_h = 12 + extra;
            l.panel[PANEL_POSITIONS] = rect(0, top + name_h, left_w, pos_h);
            l.panel[bl] = rect(0, top + name_h + pos_h, left_w, rest - pos_h);
        } else {
            /* no room for both: the lower-left panel, when wanted, in the name's place */
            const PanelId top_left = (flags & LAYF_SLOT) ? bl : PANEL_NAME;
            l.panel[PANEL_NAME] = rect(0, 0, 0, 0);
            l.panel[top_left] = rect(0, top, left_w, name_h);
            l.spare = PANEL_BIT(top_left == bl ? PANEL_NAME : bl);
            l.panel[PANEL_POSITIONS] = rect(0, top + name_h, left_w, rest);
        }
        if (phase) {
            l.panel[PANEL_PHASE] = rect(right_x, top, right_w, body);
        } else {
            int probs_h = body >= 21 ? 11 + (body - 21) / 2 : body / 2 + 1;
            l.panel[PANEL_PROBS] = rect(right_x, top, right_w, probs_h);
            l.panel[PANEL_LOSS] = rect(right_x, top + probs_h, right_w, body - probs_h);
        }
    } else {
        int pos_h = 12 + (body - 34) / 4;
        if (pos_h < 12)
            pos_h = 12;
        l.panel[PANEL_POSITIONS] = rect(0, top + name_h, left_w, pos_h);
        l.panel[PANEL_LOSS] = rect(0, top + name_h + pos_h, left_w, body - name_h - pos_h);
        int lr_h = body / 5 < 7 ? 7 : body / 5;
        if (phase && !live)     /* the phase panel draws the schedule at the Update phase */
            lr_h = 0;
        l.panel[phase ? PANEL_PHASE : PANEL_PROBS] = rect(right_x, top, right_w, body - lr_h);
        if (lr_h)
            l.panel[bl] = rect(right_x, top + body - lr_h, right_w, lr_h);
    }
    const PanelId in = layout_inside(flags);
    if (panel_inside(in)) {     /* the left column is the inside panel's */
        for (int p = PANEL_NAME; p < PANEL_EXPLAIN; p++)
            if (l.panel[p].x == 0 && l.panel[p].w > 0)
                l.panel[p] = rect(0, 0, 0, 0);
        l.spare = 0;
        l.panel[in] = rect(0, top, left_w, body);
    }
    for (int p = 0; p < PANEL_COUNT; p++)
        if (layout_has(&l, (PanelId)p))
            l.panels |= PANEL_BIT(p);
    return l;
}

void layout_grow_explain(Layout *l, int rows)
{
    Rect *e = &l->panel[PANEL_EXPLAIN];
    if (l->zoomed != PANEL_NONE || e->h <= 0 || rows <= e->h)
        return;
    int more = rows - e->h;
    for (int p = 0; p < PANEL_COUNT; p++) {     /* what the panels above can give */
        const Rect q = l->panel[p];
        if (p != PANEL_EXPLAIN && q.h > 0 && q.y + q.h == e->y && more > q.h - LAYOUT_KEEP_ROWS)
            more = q.h - LAYOUT_KEEP_ROWS;
    }
    if (more <= 0)
        return;
    for (int p = 0; p < PANEL_COUNT; p++)
        if (p != PANEL_EXPLAIN && l->panel[p].h > 0 && l->panel[p].y + l->panel[p].h == e->y)
            l->panel[p].h -= more;
    e->y -= more;
    e->h += more;
}

void layout_zoom(Layout *l, PanelId zoom)
{
    if (!panel_focusable(zoom) || !layout_has(l, zoom))
        return;
    for (int p = PANEL_NAME; p < PANEL_KEYS; p++)
        if (p != (int)zoom)
            l->panel[p] = rect(0, 0, 0, 0);
    l->panel[zoom] = rect(0, 2, l->cols, l->rows - 3);
    l->zoomed = zoom;
}

int layout_has(const Layout *l, PanelId p)
{
    return p >= 0 && p < PANEL_COUNT && l->panel[p].w > 0 && l->panel[p].h > 0;
}

int layout_paired(const Layout *l, PanelId p)
{
    return l->pair && (p == PANEL_POSITIONS || p == PANEL_PROBS) && layout_has(l, p);
}

Rect layout_half(const Layout *l, PanelId p, int side)
{
    Rect r = l->panel[p];
    if (!layout_paired(l, p))
        return r;
    const int left = r.w / 2;
    return side ? rect(r.x + left, r.y, r.w - left, r.h) : rect(r.x, r.y, left, r.h);
}

