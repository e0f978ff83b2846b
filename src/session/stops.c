/* stops.c: a lesson script played: n and b walk its stops. */
#include <stdio.h>

#include "session/arc.h"
#include "session/look.h"
#include "session/session.h"

/* The phase shown: the one asked for, clamped to the step (step mode: the
 * whole step). */
static Phase shown_phase(const Session *s)
{
    return s->phase_mode ? phase_clamp(s->phase, s->runs[s->shown].t->info.n) : phase_last();
}

unsigned session_stop(Session *s, int i, PanelSet on)
{
    if (!s->script || i < 0 || i >= s->script->count)
        return 0;
    const Stop *p = &s->script->stops[i];
    s->stop = i;
    s->help = 0;
    unsigned r = DO_DRAW | session_act(s, ACT_GOTO, p->step, on);     /* pauses */
    s->phase_mode = p->phase_mode;
    s->phase = p->phase_mode ? p->phase : phase_last();
    /* the position said, or a forward phase's, or the first: however the
     * class came to the stop */
    s->sel = p->position >= 0 ? p->position : p->phase_mode && p->phase.kind == PHASE_FORWARD ? p->phase.pos : 0;
    s->guess = p->guess != 0;
    s->revealed = p->guess == 2;
    s->samples = p->samples;
    /* the stage's sentence on the second line, as 1-6 say it; else none,
     * even when the stop before (on the same step) said it */
    s->arc = p->arc ? arc_stage(s->step + 1, s->num_steps) : -1;
    s->live = p->live;
    s->explain = p->explain;
    /* inside the model: the panel (focused, as its key does, unless another
     * is zoomed), the names probed, Adam's parameter, the raw scores */
    s->editing = 0;
    s->inside = p->inside;
    if (p->probe_set)
        look_names(s, p->probe, p->nprobe);
    s->follow_rank = p->follow_rank;
    s->follow_index = p->follow_index;
    s->logits = p->logits;
    s->zoom = p->zoom != PANEL_NONE;
    s->focus = p->zoom != PANEL_NONE ? p->zoom : p->inside;
    s->probs_scroll = 0;
    s->plays++;
    s->at_stop.step = s->step;
    s->at_stop.phase_mode = s->phase_mode;
    s->at_stop.sel = s->sel;
    s->at_stop.phase = shown_phase(s);
    s->at_stop.inside = s->inside;
    s->at_stop.focus = s->focus;
    return r;
}

int session_at_stop(const Session *s)
{
    if (!s->script || s->stop < 0)
        return 0;
    const Phase ph = shown_phase(s);
    return s->step == s->at_stop.step && s->phase_mode == s->at_stop.phase_mode &&
           s->sel == s->at_stop.sel && ph.kind == s->at_stop.phase.kind && ph.pos == s->at_stop.phase.pos &&
           s->inside == s->at_stop.inside;
}

unsigned session_stop_step(Session *s, int dir, PanelSet on)
{
    const int count = s->script->count;
    if (dir < 0 && !session_at_stop(s))
        return session_stop(s, s->stop, on);    /* back to the stop left */
    const int i = s->stop + (dir > 0 ? 1 : -1);
    if (i < 0 || i >= count) {
        snprintf(s->message, sizeof s->message, "the lesson's %s stop (%d of %d)", i < 0 ? "first" : "last",
                 s->stop + 1, count);
        return DO_DRAW;
    }
    return session_stop(s, i, on);
}
