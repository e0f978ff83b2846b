/* ui_state.c: the key map. */
#include "ui_state.h"

#include <stdlib.h>

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
    return s;
}

int ui_state_sel(const UiState *s, int n)
{
    if (n < 1)
        return 0;
    return s->sel < 0 ? 0 : s->sel >= n ? n - 1 : s->sel;
}

/* Moves to step k (clamped), pausing. */
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
        r |= UI_STEP;
    }
    return r;
}

unsigned ui_state_key(UiState *s, int key, int n)
{
    if (key == UIK_RESIZE || key == UIK_CTRL_L)
        return UI_DRAW | UI_REPAINT;
    if (s->help) {          /* any key closes the help */
        s->help = 0;
        return UI_DRAW;
    }
    switch (key) {
    case 'q': case 'Q':
        return UI_QUIT;
    case ' ':
        if (!s->running && s->step >= s->num_steps - 1)
            return 0;       /* nothing left to run */
        s->running = !s->running;
        return UI_DRAW | UI_CLOCK;
    case 'n': case UIK_RIGHT:
        return go(s, (long)s->step + 1);
    case 'b': case UIK_LEFT:
        return go(s, (long)s->step - 1);
    case ']': case UIK_PGDN:
        return go(s, (long)s->step + 10);
    case '[': case UIK_PGUP:
        return go(s, (long)s->step - 10);
    case UIK_HOME: case 'g':
        return go(s, 0);
    case UIK_END: case 'G':
        return go(s, (long)s->reached - 1);
    case UIK_UP: case 'k': {
        int cur = ui_state_sel(s, n);
        s->sel = cur > 0 ? cur - 1 : 0;
        return cur != s->sel ? UI_DRAW : 0;
    }
    case UIK_DOWN: case 'j': {
        int cur = ui_state_sel(s, n);
        s->sel = cur < n - 1 ? cur + 1 : cur;
        return cur != s->sel ? UI_DRAW : 0;
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
        if (!s->samples)
            return 0;
        s->samples = 0;
        return UI_DRAW;
    default:
        return 0;
    }
}

int ui_escape_key(const char *seq)
{
    if (seq[0] != '[' && seq[0] != 'O')
        return 0;
    size_t n = 0;
    while (seq[n])
        n++;
    if (n < 2)
        return 0;
    char final = seq[n - 1];
    switch (final) {
    case 'A': return UIK_UP;
    case 'B': return UIK_DOWN;
    case 'C': return UIK_RIGHT;
    case 'D': return UIK_LEFT;
    case 'H': return UIK_HOME;
    case 'F': return UIK_END;
    case '~':
        if (seq[0] != '[')
            return 0;
        switch (atoi(seq + 1)) {
        case 1: case 7: return UIK_HOME;
        case 4: case 8: return UIK_END;
        case 5: return UIK_PGUP;
        case 6: return UIK_PGDN;
        default: return 0;
        }
    default:
        return 0;
    }
}
