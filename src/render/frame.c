/* frame.c: one frame of a session. */
#include "render/frame.h"

#include "render/render.h"
#include "render/render_parts.h"

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
                           (s->live ? LAYF_LIVE : 0u) | (slot_wanted(s) ? LAYF_SLOT : 0u) |
                           (s->other >= 0 ? LAYF_PAIR : 0u) |
                           (panel_inside(s->inside) ? LAYF_INSIDE_PANEL(s->inside) : 0u);
    Layout l = layout_compute(c->w, c->h, flags);
    View v;
    session_view(s, l.panels, &v);
    layout_zoom(&l, v.shown.zoomed);
    /* a lesson's note shows whole: the explanation's rows grow for a long one */
    if (v.shown.note)
        layout_grow_explain(&l, flow_rows(c->ascii, l.panel[PANEL_EXPLAIN].w - 4, v.shown.note, 0) + 2);
    /* the final samples' page size at this size (two runs': their
     * overlay's), told to the session (its s pages through them) before the
     * screen is drawn from it */
    const Run *r = session_run(s);
    l.samples_per_page = v.cmp.samples ? render_samples_pair_per_page(c, &l, &v)
                       : r->have_samples ? render_samples_per_page(c, &l, &r->samples) : 0;
    if (l.samples_per_page != s->samples_per_page) {
        session_set_samples_page(s, l.samples_per_page);
        session_view(s, l.panels, &v);
    }
    render_screen(c, &l, &v);
    /* how far the probabilities can scroll here, told to the session (the
     * list tags its cells with it) */
    int probs_max = 0;
    for (int i = 0; i < c->w * c->h; i++)
        if (c->cells[i].hit == HIT_PROBS)
            probs_max = c->cells[i].value;
    if (probs_max != s->probs_max)
        session_set_probs_max(s, probs_max);
    return l;
}
