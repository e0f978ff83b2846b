/* hit.c: from a cell of the frame to what it shows. */
#include "render/hit.h"

static int inside(Rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

Hit render_hit(const Layout *l, const Canvas *c, int x, int y)
{
    Hit h = { PANEL_NONE, HIT_NONE, 0 };
    if (!l->fits)
        return h;
    for (int p = 0; p < PANEL_COUNT; p++)
        if (layout_has(l, (PanelId)p) && inside(l->panel[p], x, y))
            h.panel = (PanelId)p;
    const Cell *k = canvas_cell(c, x, y);
    if (k && k->hit != HIT_NONE) {
        h.kind = (HitKind)k->hit;
        h.value = k->value;
    }
    return h;
}
