/* mouse.c: what a click, a double-click or the wheel does to the session:
 * the actions a key would take, chosen by what the frame shows under the
 * pointer (a Hit). */
#include "session/session.h"

/* Rows the wheel scrolls the probabilities by, per notch. */
enum { WHEEL_ROWS = 3 };

/* A click: focus the panel, then act on what is under it. */
static unsigned click(Session *s, const Hit *h, PanelSet on)
{
    unsigned r = session_act(s, ACT_FOCUS, h->panel, on);
    switch (h->kind) {
    case HIT_POSITION:
        return r | session_act(s, ACT_SELECT, h->value, on);
    case HIT_STEP:
        return r | session_act(s, ACT_GOTO, h->value, on);
    default:
        return r;
    }
}

static unsigned wheel(Session *s, const Hit *h, int down, PanelSet on)
{
    switch (h->kind) {
    case HIT_PROBS:
        return session_act(s, down ? ACT_PROBS_DOWN : ACT_PROBS_UP, WHEEL_ROWS, on);
    case HIT_SAMPLES:
        return session_act(s, ACT_SAMPLES_PAGE, down ? 1 : -1, on);
    default:
        break;
    }
    switch (h->panel) {
    case PANEL_LOSS: case PANEL_LR:     /* over a curve: a step (phase mode: a phase) */
        return session_act(s, down ? ACT_NEXT : ACT_BACK, 0, on);
    case PANEL_POSITIONS:
        return session_act(s, down ? ACT_DOWN : ACT_UP, 0, on);
    default:
        return 0;
    }
}

unsigned session_mouse(Session *s, const MouseEvent *e, const Hit *h, PanelSet on)
{
    if (s->small || s->form.open)
        return 0;       /* the screen is too small to show what was clicked; a form is open */
    if (h->kind == HIT_KEY && e->kind == MOUSE_CLICK)
        return session_key(s, h->value, on);    /* a hint: its key */
    unsigned r = 0;
    if (s->message[0]) {
        s->message[0] = '\0';
        r = DO_DRAW;
    }
    if (s->help) {      /* a click closes it, the wheel leaves it */
        if (e->kind == MOUSE_WHEEL_UP || e->kind == MOUSE_WHEEL_DOWN)
            return r;
        s->help = 0;
        return DO_DRAW;
    }
    if (s->prompt.active || s->count.len)
        return r;       /* typing a step: the keyboard's */
    switch (e->kind) {
    case MOUSE_CLICK:
        return r | click(s, h, on);
    case MOUSE_DOUBLE:
        if (!panel_focusable(h->panel))
            return r;
        r |= click(s, h, on);
        return r | session_act(s, ACT_ZOOM, 0, on);
    case MOUSE_WHEEL_UP: case MOUSE_WHEEL_DOWN:
        return r | wheel(s, h, e->kind == MOUSE_WHEEL_DOWN, on);
    }
    return r;
}
