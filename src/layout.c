/* layout.c: panel rectangles from the terminal size. */
#include "layout.h"

#include <string.h>

static Rect rect(int x, int y, int w, int h) { return (Rect){ x, y, w, h }; }

Layout layout_compute(int cols, int rows)
{
    Layout l;
    memset(&l, 0, sizeof l);
    l.cols = cols;
    l.rows = rows;
    if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS)
        return l;
    l.fits = 1;
    l.panel[LAY_STATUS] = rect(0, 0, cols, 1);
    l.panel[LAY_KEYS] = rect(0, rows - 1, cols, 1);

    const int top = 1, body = rows - 2;
    const int name_h = 5;
    int left_w = cols * 9 / 16;
    l.roomy = rows >= LAYOUT_ROOMY_ROWS;
    if (!l.roomy && left_w > 60)    /* compact: the loss curve on the right wants room */
        left_w = 60;
    const int right_x = left_w, right_w = cols - left_w;

    l.panel[LAY_NAME] = rect(0, top, left_w, name_h);
    if (!l.roomy) {
        int extra = (body - 22) / 2;
        int pos_h = 12 + extra;
        l.panel[LAY_POSITIONS] = rect(0, top + name_h, left_w, pos_h);
        l.panel[LAY_LR] = rect(0, top + name_h + pos_h, left_w, body - name_h - pos_h);
        int probs_h = 12 + extra;
        l.panel[LAY_PROBS] = rect(right_x, top, right_w, probs_h);
        l.panel[LAY_LOSS] = rect(right_x, top + probs_h, right_w, body - probs_h);
    } else {
        int pos_h = 12 + (body - 34) / 4;
        l.panel[LAY_POSITIONS] = rect(0, top + name_h, left_w, pos_h);
        l.panel[LAY_LOSS] = rect(0, top + name_h + pos_h, left_w, body - name_h - pos_h);
        int lr_h = body / 5 < 7 ? 7 : body / 5;
        l.panel[LAY_PROBS] = rect(right_x, top, right_w, body - lr_h);
        l.panel[LAY_LR] = rect(right_x, top + body - lr_h, right_w, lr_h);
    }
    return l;
}

const char *layout_panel_name(int id)
{
    static const char *const names[LAY_COUNT] = {
        "status", "name", "positions", "probs", "lr", "loss", "keys",
    };
    return id >= 0 && id < LAY_COUNT ? names[id] : "?";
}
