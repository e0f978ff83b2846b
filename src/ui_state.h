/* ui_state.h: what the user has asked for (step, selection, speed,
 * overlays) and how each key changes it.  Pure: no curses, no clock; the
 * input loop (ui.c) applies the result to the Timeline and the screen. */
#ifndef MICROGPT_UI_STATE_H
#define MICROGPT_UI_STATE_H

/* Keys: printable ASCII and control characters as themselves, the rest: */
enum {
    UIK_NONE = -1,
    UIK_UP = 0x110000, UIK_DOWN, UIK_LEFT, UIK_RIGHT, UIK_HOME, UIK_END,
    UIK_PGUP, UIK_PGDN, UIK_F1, UIK_RESIZE,
    UIK_CTRL_L = 12, UIK_ESC = 27,
};

typedef struct {
    int num_steps;          /* steps in the run */
    int step;               /* the step shown, 0-based */
    int reached;            /* steps computed so far (End goes to reached - 1) */
    int sel;                /* the selected position, as asked (the view clamps it to n - 1) */
    int running;
    int speed;              /* index into the speed table */
    int help;               /* the help overlay is open */
    int samples;            /* show the samples at the last step */
} UiState;

/* What a key did (bits). */
enum {
    UI_DRAW = 1,            /* the screen changed */
    UI_STEP = 2,            /* state.step changed: go there */
    UI_CLOCK = 4,           /* running or speed changed: restart the step clock */
    UI_REPAINT = 8,         /* repaint the whole terminal (Ctrl-L, resize) */
    UI_QUIT = 16,
};

/* The key of an escape sequence the terminal description did not know
 * (tmux and xterm disagree on Home and End, for one): seq is what followed
 * ESC, e.g. "[4~", "OH", "[1;5C".  Returns a UIK_* key, or 0 when the
 * sequence means nothing to us (so that its bytes never act as keys). */
int ui_escape_key(const char *seq);

/* The initial state: step 0 reached, running unless paused, default speed. */
UiState ui_state_new(int num_steps, int paused);
/* Applies one key; n is the current step's number of positions.  Returns UI_* bits. */
unsigned ui_state_key(UiState *s, int key, int n);
/* The selected position clamped to [0, n). */
int ui_state_sel(const UiState *s, int n);

/* Steps per second at the state's speed; 0 means as fast as the core goes. */
int ui_speed_steps(const UiState *s);
/* Number of speed settings and the default one. */
int ui_speed_count(void);
int ui_speed_default(void);

#endif
