/* frame.c: one frame of a session. */
#include "render/frame.h"

#include "render/render.h"

Layout render_frame(Canvas *c, Session *s)
{
    const unsigned flags = (s->phase_mode ? LAYF_PHASE : 0u) | (s->explain ? LAYF_EXPLAIN : 0u) |
                           (s->live ? LAYF_LIVE : 0u);
    Layout l = layout_compute(c->w, c->h, flags);
    View v;
    session_view(s, l.panels, &v);
    layout_zoom(&l, v.shown.zoomed);
    render_screen(c, &l, &v);
    return l;
}
