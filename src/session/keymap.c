/* keymap.c: the key table. */
#include "session/keymap.h"

#include <stddef.h>

#define ARROW_R "\u2192"
#define ARROW_L "\u2190"
#define ARROW_U "\u2191"
#define ARROW_D "\u2193"

/* Hints: { modes, when, order, priority, text, text_on, text_ascii }. */
static const KeyRow rows[] = {
    /* --------------------------------------------- moving through the run */
    { { ' ' }, 0, ACT_RUN, "space", "space", HELP_RUN, "space", "space", "run / pause",
      { { HINT_STEP, WHEN_CAN_RUN, 10, 9, "run", "pause", NULL } } },
    { { 'n', UIK_RIGHT }, 0, ACT_NEXT, "n " ARROW_R, "n", HELP_RUN, "n  " ARROW_R, "n  Right",
      "next step, or next phase",
      { { HINT_PHASE, WHEN_ALWAYS, 11, 10, "next phase", "next stop", NULL },
        { HINT_STEP, WHEN_CAN_STEP, 11, 8, "step", "next stop", NULL } } },
    { { 'b', UIK_LEFT }, 0, ACT_BACK, "b " ARROW_L, "b", HELP_RUN, "b  " ARROW_L, "b  Left",
      "back: rewind, exactly",
      { { HINT_PHASE, WHEN_ALWAYS, 12, 9, "back", NULL, NULL },
        { HINT_STEP, WHEN_ALWAYS, 12, 8, "back", NULL, NULL } } },
    { { ']', UIK_PGDN }, 0, ACT_AHEAD10, "] [", "] [", HELP_RUN, "]  [", "]  [",
      "ten steps forward / back",
      { { HINT_STEP, WHEN_ALWAYS, 13, 5, "\u00b110", NULL, "+-10" } } },
    { { '[', UIK_PGUP }, 0, ACT_BACK10, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { UIK_HOME, 'g' }, 0, ACT_FIRST, "Home End", "Home End", HELP_RUN, "Home End", "Home End",
      "first step / last reached",
      { { HINT_STEP, WHEN_ALWAYS, 14, 2, "first/last", NULL, NULL } } },
    { { UIK_END, 'G' }, 0, ACT_LAST, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { UIK_UP, 'k' }, 0, ACT_UP, ARROW_U ARROW_D, "Up Dn", HELP_RUN, ARROW_U "  " ARROW_D,
      "Up  Down", "select a position (k j)",
      { { HINT_PHASE, WHEN_ALWAYS, 15, 4, "position", NULL, NULL },
        { HINT_STEP, WHEN_ALWAYS, 15, 6, "select", NULL, NULL } } },
    { { UIK_DOWN, 'j' }, 0, ACT_DOWN, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { '>' }, 0, ACT_PROBS_DOWN, NULL, NULL, HELP_RUN, "<  >", "<  >", "scroll the probabilities",
      { { 0 } } },
    { { '<' }, 0, ACT_PROBS_UP, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { ':' }, 0, ACT_PROMPT, NULL, NULL, HELP_RUN, ":", ":", "go to step: 137, +10 (137G)", { { 0 } } },
    { { '0', '7', '8', '9' }, 0, ACT_DIGIT, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { '+', '=' }, 0, ACT_FASTER, "+ -", "+ -", HELP_RUN, "+  -", "+  -", "run faster / slower",
      { { HINT_STEP, WHEN_ALWAYS, 16, 4, "speed", NULL, NULL } } },
    { { '-', '_' }, 0, ACT_SLOWER, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { '1', '2', '3', '4', '5', '6' }, 0, ACT_ARC, "1-6", "1-6", HELP_RUN, "1 \u2026 6", "1 ... 6",
      "jump along the arc (below)",
      { { HINT_PHASE, WHEN_ALWAYS, 21, 3, "arc", NULL, NULL },
        { HINT_STEP, WHEN_ALWAYS, 18, 7, "arc", NULL, NULL } } },
    { { 's' }, 1, ACT_SAMPLES, "s", "s", HELP_RUN, "s", "s", "final samples (last step)",
      { { HINT_BOTH, WHEN_SAMPLES, 23, 6, "samples", NULL, NULL },
        { HINT_BOTH, WHEN_SAMPLES_MORE, 4, 11, "more names", NULL, NULL },
        { HINT_BOTH, WHEN_SAMPLES_END, 4, 11, "hide names", NULL, NULL } } },
    { { UIK_CTRL_L }, 0, ACT_REDRAW, NULL, NULL, HELP_RUN, "Ctrl-L", "Ctrl-L", "redraw the screen",
      { { 0 } } },
    /* ---------------------------------------------------------- the classroom */
    { { 'p' }, 1, ACT_PHASES, "p", "p", HELP_CLASSROOM, "p", "p", "phase by phase (on / off)",
      { { HINT_PHASE, WHEN_ALWAYS, 17, 8, "whole steps", NULL, NULL },
        { HINT_STEP, WHEN_ALWAYS, 17, 9, "phases", NULL, NULL } } },
    { { 'e' }, 1, ACT_EXPLAIN, "e", "e", HELP_CLASSROOM, "e", "e", "explain the phase or panel",
      { { HINT_PHASE, WHEN_ALWAYS, 19, 7, "explain", NULL, NULL },
        { HINT_STEP, WHEN_ALWAYS, 19, 6, "explain", NULL, NULL } } },
    { { 'w' }, 1, ACT_GUESS, "w", "w", HELP_CLASSROOM, "w", "w", "guess mode: hide the answer",
      { { HINT_PHASE, WHEN_ALWAYS, 18, 7, "guess", "no guess", NULL },
        { HINT_STEP, WHEN_ALWAYS, 20, 3, "guess", "no guess", NULL } } },
    { { 'r', UIK_ENTER, '\r', '\n' }, 1, ACT_REVEAL, "r", "r", HELP_CLASSROOM, "r  Enter", "r  Enter",
      "reveal the answer (n too)",
      { { HINT_BOTH, WHEN_HIDING, 1, 11, "reveal", NULL, NULL } } },
    { { 'l' }, 1, ACT_LIVE, "l", "l", HELP_CLASSROOM, "l", "l", "live samples as it trains",
      { { HINT_STEP, WHEN_ALWAYS, 21, 3, "live", NULL, NULL } } },
    { { UIK_TAB }, 0, ACT_FOCUS_NEXT, "Tab", "Tab", HELP_CLASSROOM, "Tab", "Tab",
      "focus next panel (S-Tab)",
      { { HINT_BOTH, WHEN_ZOOMED, 3, 10, "next panel", NULL, NULL } } },
    { { UIK_BTAB }, 0, ACT_FOCUS_PREV, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { 'z' }, 1, ACT_ZOOM, "z", "z", HELP_CLASSROOM, "z", "z", "zoom focused panel (Esc)",
      { { HINT_BOTH, WHEN_ZOOMED, 2, 11, "unzoom", NULL, NULL },
        { HINT_PHASE, WHEN_UNZOOMED, 20, 5, "zoom", NULL, NULL },
        { HINT_STEP, WHEN_UNZOOMED, 22, 2, "zoom", NULL, NULL } } },
    { { UIK_ESC }, 0, ACT_ESCAPE, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { 'f' }, 1, ACT_WHATIF, "f", "f", HELP_CLASSROOM, "f", "f", "what if: branch from here",
      { { HINT_STEP, WHEN_ALWAYS, 24, 4, "what if", NULL, NULL } } },
    { { 'o' }, 1, ACT_OTHER, "o", "o", HELP_CLASSROOM, "o", "o", "show the other run",
      { { HINT_BOTH, WHEN_RUNS, 25, 7, "other run", NULL, NULL } } },
    { { 'x' }, 0, ACT_EXPORT, NULL, NULL, HELP_CLASSROOM, "x", "x", "export the screen to files", { { 0 } } },
    /* ------------------------------------------------------ inside the model */
    { { 'a' }, 1, ACT_ATTENTION, "a", "a", HELP_RUN, "a  u  t", "a  u  t", "attention, update, a name",
      { { 0 } } },
    { { 'u' }, 1, ACT_UPDATE, "u", "u", HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { 't' }, 1, ACT_PROBE, "t", "t", HELP_NONE, NULL, NULL, NULL,
      { { HINT_BOTH, WHEN_PROBE, 26, 6, "type a name", NULL, NULL } } },
    { { 'v' }, 1, ACT_LOGITS, "v", "v", HELP_CLASSROOM, "v  d  #", "v  d  #", "logits; Adam: next, pick",
      { { 0 } } },
    { { 'd' }, 1, ACT_FOLLOW, "d", "d", HELP_NONE, NULL, NULL, NULL,
      { { HINT_BOTH, WHEN_FOLLOW, 26, 3, "next mover", NULL, NULL } } },
    { { '#' }, 0, ACT_PICK, NULL, NULL, HELP_NONE, NULL, NULL, NULL, { { 0 } } },
    { { 'c' }, 1, ACT_CONTRAST, NULL, NULL, HELP_CLASSROOM, "c", "c", "high-contrast theme", { { 0 } } },
    { { 'm' }, 1, ACT_MOUSE, NULL, NULL, HELP_RUN, "m", "m", "mouse on / off", { { 0 } } },
    { { '?', 'h', UIK_F1 }, 0, ACT_HELP, "?", "?", HELP_CLASSROOM, "?", "?", "this help",
      { { HINT_BOTH, WHEN_ALWAYS, 30, 12, "help", NULL, NULL } } },
    { { 'q' }, 1, ACT_QUIT, "q", "q", HELP_CLASSROOM, "q", "q", "quit",
      { { HINT_BOTH, WHEN_ALWAYS, 31, 12, "quit", NULL, NULL } } },
};
enum { NROWS = (int)(sizeof rows / sizeof rows[0]) };

int keymap_keyless(Action a)
{
    return a == ACT_FOCUS || a == ACT_SELECT || a == ACT_GOTO || a == ACT_SAMPLES_PAGE;
}

const KeyRow *keymap_rows(int *count)
{
    *count = NROWS;
    return rows;
}

const KeyRow *keymap_find(int key, int *which)
{
    for (int r = 0; r < NROWS; r++)
        for (int k = 0; k < KEYMAP_KEYS && rows[r].keys[k]; k++) {
            int c = rows[r].keys[k];
            if (c == key || (rows[r].caseless && c >= 'a' && c <= 'z' && key == c - 'a' + 'A')) {
                if (which)
                    *which = k;
                return &rows[r];
            }
        }
    return NULL;
}

/* Whether the state an action toggles is on (its hint then says text_on). */
static int action_on(Action a, const HintState *st)
{
    switch (a) {
    case ACT_RUN: return st->running;
    case ACT_GUESS: return st->guess;
    case ACT_NEXT: return st->lesson;
    default: return 0;
    }
}

static int applies(const Hint *h, const HintState *st)
{
    if (!(h->modes & (st->phase_mode ? HINT_PHASE : HINT_STEP)))
        return 0;
    switch ((HintWhen)h->when) {
    case WHEN_ZOOMED: return st->zoomed;
    case WHEN_UNZOOMED: return !st->zoomed;
    case WHEN_HIDING: return st->hiding;
    case WHEN_SAMPLES: return st->samples == 1;
    case WHEN_SAMPLES_MORE: return st->samples == 2 && st->samples_more;
    case WHEN_SAMPLES_END: return st->samples == 2 && !st->samples_more;
    case WHEN_CAN_RUN: return st->running || !st->last;
    case WHEN_CAN_STEP: return st->running || !st->last || st->lesson;
    case WHEN_RUNS: return st->runs > 1;
    case WHEN_PROBE: return st->probe;
    case WHEN_FOLLOW: return st->follow;
    default: return 1;
    }
}

int keymap_hints(const HintState *st, int ascii, HintItem *out, int cap)
{
    int n = 0;
    unsigned char order[64];
    for (int r = 0; r < NROWS; r++)
        for (int i = 0; i < KEYMAP_HINTS; i++) {
            const Hint *h = &rows[r].hint[i];
            if (!h->modes || !applies(h, st) || n >= cap || n >= 64)
                continue;
            const char *text = action_on(rows[r].action, st) && h->text_on ? h->text_on : h->text;
            if (ascii && h->text_ascii)
                text = h->text_ascii;
            HintItem it = { ascii ? rows[r].label_ascii : rows[r].label, text, h->priority, rows[r].keys[0] };
            int k = n++;    /* insertion in order of place */
            while (k > 0 && order[k - 1] > h->order) {
                out[k] = out[k - 1];
                order[k] = order[k - 1];
                k--;
            }
            out[k] = it;
            order[k] = h->order;
        }
    return n;
}
