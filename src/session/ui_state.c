/* ui_state.c: the key map. */
#include "session/ui_state.h"


#include "session/classroom.h"
#include "render/layout.h"

static const int speeds[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0 };
enum { NSPEEDS = (int)(sizeof speeds / sizeof speeds[0]), DEFAULT_SPEED = 3 };

int ui_speed_count(void) { return NSPEEDS; }
int ui_speed_default(void) { return DEFAULT_SPEED; }
int ui_speed_steps(const UiState *s) { return speeds[s->speed]; }

UiState ui_state_new(int num_steps, int paused)
{
    UiState s = { 0 };
    s.num_steps = num_steps;
    s.reached = 1;
    s.running = !paused && num_steps > 1;
    s.speed = DEFAULT_SPEED;
    s.samples = 1;
    s.phase = PHASE_END;
    s.focus = -1;
    return s;
}

int ui_state_sel(const UiState *s, int n)
{
    if (n < 1)
        return 0;
    return s->sel < 0 ? 0 : s->sel >= n ? n - 1 : s->sel;
}

int ui_state_phase(const UiState *s, int n)
{
    return phase_clamp(s->phase_mode ? s->phase : PHASE_END, n);
}

int ui_state_hidden(const UiState *s, int n)
{
    if (!s->guess || s->revealed || s->running || n < 1)
        return -1;
    if (!s->phase_mode)
        return ui_state_sel(s, n);
    int pos;
    return phase_kind(ui_state_phase(s, n), n, &pos) == PHASE_FORWARD ? pos : -1;
}

/* The panels Tab visits, in order. */
static const int focus_order[] = {
    LAY_NAME, LAY_POSITIONS, LAY_PROBS, LAY_PHASE, LAY_LOSS, LAY_LR, LAY_LIVE, LAY_EXPLAIN,
};
enum { NFOCUS = (int)(sizeof focus_order / sizeof focus_order[0]) };

int ui_state_focus(const UiState *s, unsigned panels)
{
    if (s->focus >= 0 && s->focus < 32 && (panels >> s->focus & 1u))
        return s->focus;
    int main_panel = s->phase_mode ? LAY_PHASE : LAY_PROBS;
    if (panels >> main_panel & 1u)
        return main_panel;
    for (int i = 0; i < NFOCUS; i++)
        if (panels >> focus_order[i] & 1u)
            return focus_order[i];
    return -1;
}

/* Moves to step k (clamped), pausing; in phase mode a new step starts at
 * its first phase. */
static unsigned go(UiState *s, long k)
{
    unsigned r = UI_DRAW | (s->running ? UI_CLOCK : 0);
    s->running = 0;
    if (k < 0)
        k = 0;
    if (k > s->num_steps - 1)
        k = s->num_steps - 1;
    if (k != s->step) {
        s->step = (int)k;
        if (s->phase_mode)
            s->phase = 0;
        r |= UI_STEP;
    }
    return r;
}

/* Pauses (a key that moves in phase mode stops the run). */
static unsigned pause(UiState *s)
{
    unsigned r = s->running ? UI_CLOCK : 0;
    s->running = 0;
    return r;
}

static unsigned apply(UiState *s, int key, int n, unsigned panels)
{
    const int last = phase_count(n) - 1;
    const int cur = ui_state_phase(s, n);
    switch (key) {
    case 'q': case 'Q':
        return UI_QUIT;
    case ' ':
        if (!s->running && s->step >= s->num_steps - 1)
            return 0;       /* nothing left to run */
        s->running = !s->running;
        if (s->running && s->phase_mode)
            s->phase = PHASE_END;   /* running shows whole steps */
        return UI_DRAW | UI_CLOCK;
    case 'n': case UIK_RIGHT:
        if (ui_state_hidden(s, n) >= 0) {   /* guess mode: the answer first */
            s->revealed = 1;
            return UI_DRAW;
        }
        if (s->phase_mode && cur < last) {
            s->phase = cur + 1;
            return UI_DRAW | pause(s);
        }
        return go(s, (long)s->step + 1);
    case 'b': case UIK_LEFT:
        if (s->phase_mode && cur > 0) {
            s->phase = cur - 1;
            return UI_DRAW | pause(s);
        }
        if (s->phase_mode && s->step > 0) {
            unsigned r = go(s, (long)s->step - 1);
            s->phase = PHASE_END;   /* the previous step's last phase */
            return r;
        }
        return go(s, (long)s->step - 1);
    case ']': case UIK_PGDN:
        return go(s, (long)s->step + 10);
    case '[': case UIK_PGUP:
        return go(s, (long)s->step - 10);
    case UIK_HOME: case 'g':
        return go(s, 0);
    case UIK_END: case 'G':
        return go(s, (long)s->reached - 1);
    case '1': case '2': case '3': case '4': case '5': case '6': {
        int b[ARC_STAGES];
        arc_bookmarks(s->num_steps, b);
        unsigned r = go(s, (long)b[key - '1'] - 1);
        if (s->phase_mode && s->phase != 0) {
            s->phase = 0;   /* the start of that step */
            r |= UI_DRAW;
        }
        return r;
    }
    case UIK_UP: case 'k': {
        if (s->phase_mode) {    /* the previous position's forward phase */
            int pos, kind = phase_kind(cur, n, &pos);
            if (kind == PHASE_SAMPLE || (kind == PHASE_FORWARD && pos == 0) || n < 1)
                return 0;
            s->sel = kind == PHASE_FORWARD ? pos - 1 : n - 1;
            s->phase = s->sel + 1;
            return UI_DRAW | pause(s);
        }
        int c = ui_state_sel(s, n);
        s->sel = c > 0 ? c - 1 : 0;
        return c != s->sel ? UI_DRAW : 0;
    }
    case UIK_DOWN: case 'j': {
        if (s->phase_mode) {    /* the next position's forward phase */
            int pos, kind = phase_kind(cur, n, &pos);
            if (n < 1 || (kind != PHASE_SAMPLE && kind != PHASE_FORWARD) ||
                (kind == PHASE_FORWARD && pos >= n - 1))
                return 0;
            s->sel = kind == PHASE_SAMPLE ? 0 : pos + 1;
            s->phase = s->sel + 1;
            return UI_DRAW | pause(s);
        }
        int c = ui_state_sel(s, n);
        s->sel = c < n - 1 ? c + 1 : c;
        return c != s->sel ? UI_DRAW : 0;
    }
    case '+': case '=':
        if (s->speed >= NSPEEDS - 1)
            return 0;
        s->speed++;
        return UI_DRAW | UI_CLOCK;
    case '-': case '_':
        if (s->speed <= 0)
            return 0;
        s->speed--;
        return UI_DRAW | UI_CLOCK;
    case '?': case 'h': case UIK_F1:
        s->help = 1;
        return UI_DRAW;
    case 's': case 'S':
        s->samples = !s->samples;
        return UI_DRAW;
    case UIK_ESC:
        if (s->zoom) {
            s->zoom = 0;
            return UI_DRAW;
        }
        if (!s->samples)
            return 0;
        s->samples = 0;
        return UI_DRAW;
    case 'p': case 'P': {
        unsigned r = UI_DRAW | pause(s);
        s->phase_mode = !s->phase_mode;
        s->phase = s->phase_mode ? 0 : PHASE_END;
        return r;
    }
    case 'e': case 'E':
        s->explain = !s->explain;
        return UI_DRAW;
    case 'l': case 'L':
        s->live = !s->live;
        return UI_DRAW;
    case 'w': case 'W':
        s->guess = !s->guess;
        s->revealed = 0;
        return UI_DRAW;
    case 'r': case 'R': case UIK_ENTER: case '\r': case '\n':
        if (ui_state_hidden(s, n) < 0)
            return 0;
        s->revealed = 1;
        return UI_DRAW;
    case 'z': case 'Z':
        s->focus = ui_state_focus(s, panels);
        s->zoom = !s->zoom;
        return UI_DRAW;
    case UIK_TAB: case UIK_BTAB: {
        int f = ui_state_focus(s, panels), at = 0;
        if (f < 0)
            return 0;
        for (int i = 0; i < NFOCUS; i++)
            if (focus_order[i] == f)
                at = i;
        for (int k = 1; k <= NFOCUS; k++) {
            int i = key == UIK_TAB ? (at + k) % NFOCUS : (at - k + NFOCUS) % NFOCUS;
            if (panels >> focus_order[i] & 1u) {
                if (focus_order[i] == f)
                    return 0;
                s->focus = focus_order[i];
                return UI_DRAW;
            }
        }
        return 0;
    }
    case 'c': case 'C':
        s->contrast = !s->contrast;
        return UI_DRAW | UI_THEME | UI_REPAINT;
    default:
        return 0;
    }
}

unsigned ui_state_key_in(UiState *s, int key, int n, unsigned panels)
{
    if (key == UIK_RESIZE || key == UIK_CTRL_L)
        return UI_DRAW | UI_REPAINT;
    if (s->help) {          /* any key closes the help */
        s->help = 0;
        return UI_DRAW;
    }
    const int step = s->step, phase = ui_state_phase(s, n), sel = ui_state_sel(s, n);
    const int mode = s->phase_mode;
    unsigned r = apply(s, key, n, panels);
    /* a new step, phase or position hides the answer again */
    if (s->step != step || ui_state_phase(s, n) != phase || s->phase_mode != mode ||
        (!s->phase_mode && ui_state_sel(s, n) != sel))
        s->revealed = 0;
    return r;
}

unsigned ui_state_key(UiState *s, int key, int n)
{
    unsigned all = 0;
    for (int i = 0; i < NFOCUS; i++)
        all |= 1u << focus_order[i];
    return ui_state_key_in(s, key, n, all);
}
