/* hit.c: from a cell of the frame to what it shows. */
#include "render/hit.h"

static int inside(Rect r, int x, int y)
{
    return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

Hit render_hit(const Layout *l, const View *v, int x, int y)
{
    (void)v;
    Hit h = { PANEL_NONE };
    if (!l->fits)
        return h;
    for (int p = 0; p < PANEL_COUNT; p++)
        if (layout_has(l, (PanelId)p) && inside(l->panel[p], x, y))
            h.panel = (PanelId)p;
    return h;
}
