/* frame.c: one frame of a session. */
#include "render/frame.h"

#include "render/render.h"

/* Whether the lower-left panel (the learning rate, or the live samples) is
 * wanted where it competes with the name panel for room: the live samples
 * whenever they are on (unless the focus is on the name), the learning
 * rate when it has the focus. */
static int slot_wanted(const Session *s)
{
    return s->live ? s->focus != PANEL_NAME : s->focus == PANEL_LR;
}

Layout render_frame(Canvas *c, Session *s)
{
    const unsigned flags = (s->phase_mode ? LAYF_PHASE : 0u) | (s->explain ? LAYF_EXPLAIN : 0u) |
                           (s->live ? LAYF_LIVE : 0u) | (slot_wanted(s) ? LAYF_SLOT : 0u);
    Layout l = layout_compute(c->w, c->h, flags);
    View v;
    session_view(s, l.panels, &v);
    layout_zoom(&l, v.shown.zoomed);
    render_screen(c, &l, &v);
    return l;
}
