/* ui_state.h: what the user has asked for (step, phase, selection, speed,
 * overlays, the classroom modes) and how each key changes it.  Pure: no
 * curses, no clock; the input loop (ui.c) applies the result to the
 * Timeline and the screen. */
#ifndef MICROGPT_UI_STATE_H
#define MICROGPT_UI_STATE_H

#include "session/keys.h"

typedef struct {
    int num_steps;          /* steps in the run */
    int step;               /* the step shown, 0-based */
    int reached;            /* steps computed so far (End goes to reached - 1) */
    int sel;                /* the selected position, as asked (the view clamps it to n - 1) */
    int running;
    int speed;              /* index into the speed table */
    int help;               /* the help overlay is open */
    int samples;            /* show the samples at the last step */
    /* the classroom */
    int phase_mode;         /* n and b move one phase of the step at a time */
    int phase;              /* the phase shown, as asked (clamped with n; PHASE_END: the last) */
    int explain;            /* the explanation panel */
    int live;               /* the live-samples panel */
    int guess;              /* guess mode: the answer hides until revealed */
    int revealed;           /* ... and has been revealed for this step, phase and position */
    int zoom;               /* the focused panel fills the screen */
    int focus;              /* the focused panel (a LAY_* id), or -1 for the main one */
    int contrast;           /* the high-contrast theme */
} UiState;

/* What a key did (bits). */
enum {
    UI_DRAW = 1,            /* the screen changed */
    UI_STEP = 2,            /* state.step changed: go there */
    UI_CLOCK = 4,           /* running or speed changed: restart the step clock */
    UI_REPAINT = 8,         /* repaint the whole terminal (Ctrl-L, resize) */
    UI_QUIT = 16,
    UI_THEME = 32,          /* the theme changed (high contrast) */
};

/* The initial state: step 0 reached, running unless paused, default speed. */
UiState ui_state_new(int num_steps, int paused);
/* Applies one key; n is the current step's number of positions.  Returns UI_* bits. */
unsigned ui_state_key(UiState *s, int key, int n);
/* The same, knowing which panels are on screen (bit 1 << LAY_* per panel),
 * for Tab to move the focus between them. */
unsigned ui_state_key_in(UiState *s, int key, int n, unsigned panels);
/* The selected position clamped to [0, n). */
int ui_state_sel(const UiState *s, int n);
/* The phase shown, clamped to the step's phases (step mode: the last). */
int ui_state_phase(const UiState *s, int n);
/* The position whose answer guess mode hides now, or -1. */
int ui_state_hidden(const UiState *s, int n);
/* The focused panel among `panels` (bits 1 << LAY_*): the one asked for when
 * on screen, else the main one (the phase panel, or the probabilities), else
 * the first on screen; -1 when none is. */
int ui_state_focus(const UiState *s, unsigned panels);

/* Steps per second at the state's speed; 0 means as fast as the core goes. */
int ui_speed_steps(const UiState *s);
/* Number of speed settings and the default one. */
int ui_speed_count(void);
int ui_speed_default(void);

#endif
