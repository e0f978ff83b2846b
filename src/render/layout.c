/* layout.c: panel rectangles from the terminal size and the UI's flags. */
#include "render/layout.h"

#include <string.h>

static Rect rect(int x, int y, int w, int h) { return (Rect){ x, y, w, h }; }

Layout layout_compute(int cols, int rows)
{
    return layout_compute_ex(cols, rows, 0, -1);
}

Layout layout_compute_ex(int cols, int rows, unsigned flags, int zoom)
{
    Layout l;
    memset(&l, 0, sizeof l);
    l.cols = cols;
    l.rows = rows;
    l.zoomed = -1;
    if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS)
        return l;
    l.fits = 1;
    l.panel[LAY_STATUS] = rect(0, 0, cols, 1);
    l.panel[LAY_LESSON] = rect(0, 1, cols, 1);
    l.panel[LAY_KEYS] = rect(0, rows - 1, cols, 1);

    const int phase = (flags & LAYF_PHASE) != 0, live = (flags & LAYF_LIVE) != 0;
    const int top = 2, body_all = rows - 3;
    const int ex_h = (flags & LAYF_EXPLAIN) ? LAYOUT_EXPLAIN_ROWS : 0;
    const int body = body_all - ex_h;
    const int name_h = 5;
    const int bl = live ? LAY_LIVE : LAY_LR;    /* the slot of the learning rate */
    int left_w = cols * 9 / 16;
    l.roomy = rows >= LAYOUT_ROOMY_ROWS;
    if (!l.roomy && left_w > 60)    /* compact: the right column wants room */
        left_w = 60;
    const int right_x = left_w, right_w = cols - left_w;
    if (ex_h)
        l.panel[LAY_EXPLAIN] = rect(0, top + body, cols, ex_h);

    l.panel[LAY_NAME] = rect(0, top, left_w, name_h);
    if (!l.roomy) {
        int rest = body - name_h;
        if (rest >= 12 + 4) {
            int extra = (body - 21) / 2;
            int pos_h = 12 + extra;
            l.panel[LAY_POSITIONS] = rect(0, top + name_h, left_w, pos_h);
            l.panel[bl] = rect(0, top + name_h + pos_h, left_w, rest - pos_h);
        } else {
            l.panel[LAY_POSITIONS] = rect(0, top + name_h, left_w, rest);
        }
        if (phase) {
            l.panel[LAY_PHASE] = rect(right_x, top, right_w, body);
        } else {
            int probs_h = body >= 21 ? 11 + (body - 21) / 2 : body / 2 + 1;
            l.panel[LAY_PROBS] = rect(right_x, top, right_w, probs_h);
            l.panel[LAY_LOSS] = rect(right_x, top + probs_h, right_w, body - probs_h);
        }
    } else {
        int pos_h = 12 + (body - 34) / 4;
        if (pos_h < 12)
            pos_h = 12;
        l.panel[LAY_POSITIONS] = rect(0, top + name_h, left_w, pos_h);
        l.panel[LAY_LOSS] = rect(0, top + name_h + pos_h, left_w, body - name_h - pos_h);
        int lr_h = body / 5 < 7 ? 7 : body / 5;
        if (phase && !live)     /* the phase panel draws the schedule at the Update phase */
            lr_h = 0;
        l.panel[phase ? LAY_PHASE : LAY_PROBS] = rect(right_x, top, right_w, body - lr_h);
        if (lr_h)
            l.panel[bl] = rect(right_x, top + body - lr_h, right_w, lr_h);
    }
    if (zoom > LAY_LESSON && zoom < LAY_KEYS && l.panel[zoom].w > 0) {
        for (int p = LAY_NAME; p < LAY_KEYS; p++)
            if (p != zoom)
                l.panel[p] = rect(0, 0, 0, 0);
        l.panel[zoom] = rect(0, top, cols, body_all);
        l.zoomed = zoom;
    }
    return l;
}

int layout_has(const Layout *l, int id)
{
    return id >= 0 && id < LAY_COUNT && l->panel[id].w > 0 && l->panel[id].h > 0;
}

const char *layout_panel_name(int id)
{
    static const char *const names[LAY_COUNT] = {
        "status", "lesson", "name", "positions", "probs", "phase", "lr", "loss", "live",
        "explain", "keys",
    };
    return id >= 0 && id < LAY_COUNT ? names[id] : "?";
}
