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
    /* the final samples' page size at this size, told to the session (its s
     * pages through them) before the screen is drawn from it */
    const Run *r = session_run(s);
    l.samples_per_page = r->have_samples ? render_samples_per_page(c, &l, &r->samples) : 0;
    if (l.samples_per_page != s->samples_per_page) {
        session_set_samples_page(s, l.samples_per_page);
        session_view(s, l.panels, &v);
    }
    render_screen(c, &l, &v);
    return l;
}

Hit frame_hit(const Layout *l, Session *s, int x, int y)
{
    View v;
    session_view(s, l->panels, &v);
    return render_hit(l, &v, x, y);
}
