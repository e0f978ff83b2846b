/* phase.c: the phases of a step. */
#include "session/phase.h"

Phase phase_first(void) { return (Phase){ PHASE_SAMPLE, 0 }; }
Phase phase_last(void) { return (Phase){ PHASE_LOG, 0 }; }
Phase phase_forward(int pos) { return (Phase){ PHASE_FORWARD, pos }; }
int phase_is_first(Phase p) { return p.kind == PHASE_SAMPLE; }
int phase_is_last(Phase p) { return p.kind == PHASE_LOG; }

int phase_count(int n)
{
    return (n > 0 ? n : 0) + 5;
}

Phase phase_clamp(Phase p, int n)
{
    if (p.kind < PHASE_SAMPLE || p.kind >= PHASE_KINDS)
        return phase_last();
    if (p.kind != PHASE_FORWARD)
        return (Phase){ p.kind, 0 };
    if (n < 1)
        return phase_first();
    return phase_forward(p.pos < 0 ? 0 : p.pos >= n ? n - 1 : p.pos);
}

int phase_index(Phase p, int n)
{
    p = phase_clamp(p, n);
    if (n < 0)
        n = 0;
    switch (p.kind) {
    case PHASE_SAMPLE: return 0;
    case PHASE_FORWARD: return 1 + p.pos;
    default: return n + 1 + (int)(p.kind - PHASE_LOSS);
    }
}

Phase phase_at(int index, int n)
{
    if (n < 0)
        n = 0;
    if (index <= 0)
        return phase_first();
    if (index <= n)
        return phase_forward(index - 1);
    if (index - n - 1 + PHASE_LOSS >= PHASE_LOG)
        return phase_last();
    return (Phase){ (PhaseKind)(PHASE_LOSS + (index - n - 1)), 0 };
}

Phase phase_next(Phase p, int n)
{
    return phase_at(phase_index(p, n) + 1, n);
}

Phase phase_prev(Phase p, int n)
{
    return phase_at(phase_index(p, n) - 1, n);
}

int phase_positions_done(Phase p, int n)
{
    int i = phase_index(p, n);
    return i > n ? n : i;   /* Forward at position k is phase k + 1 */
}

int phase_has_loss(Phase p) { return p.kind >= PHASE_LOSS && p.kind < PHASE_KINDS; }
int phase_has_update(Phase p) { return p.kind >= PHASE_UPDATE && p.kind < PHASE_KINDS; }
int phase_has_log(Phase p) { return p.kind == PHASE_LOG; }

