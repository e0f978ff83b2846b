/* keymap.h: the key table: every key the UI knows, in one place.
 *
 * A row gives the key(s), the action they take, and how the key shows: its
 * line in the help overlay (in one of two groups) and its hint in the key
 * line at the bottom (text, place and priority, per mode).  The session
 * applies a key by looking up its row and dispatching on the action
 * (session_act); the hint line and the help overlay are drawn from the
 * rows; tests/test_keymap.c checks that README.md, docs/ui.md and the man
 * page name every key of the table and no other.  Adding a key is one row
 * here, its case in session_act, and its docs. */
#ifndef MICROGPT_KEYMAP_H
#define MICROGPT_KEYMAP_H

#include "session/keys.h"

/* What a key does (session_act).  Mouse actions and a command prompt (issue
 * 14) are further actions, not further keys: session_act takes an action
 * and an argument from any source. */
typedef enum {
    ACT_NONE,
    ACT_RUN,            /* run / pause */
    ACT_NEXT,           /* one step (phase mode: one phase) forward */
    ACT_BACK,           /* one step (phase) back */
    ACT_AHEAD10,        /* ten steps forward */
    ACT_BACK10,         /* ten steps back */
    ACT_FIRST,          /* the first step */
    ACT_LAST,           /* the last step reached */
    ACT_ARC,            /* the arc's milestone arg (0 .. ARC_STAGES - 1) */
    ACT_UP,             /* the position before (phase mode: its forward phase) */
    ACT_DOWN,           /* the position after */
    ACT_FASTER,
    ACT_SLOWER,
    ACT_SAMPLES,        /* the final samples: show, next page, ..., hide */
    ACT_REDRAW,         /* repaint the whole terminal */
    ACT_PHASES,         /* phase mode on / off */
    ACT_EXPLAIN,        /* the explanation panel on / off */
    ACT_GUESS,          /* guess mode on / off */
    ACT_REVEAL,         /* reveal what guess mode hides */
    ACT_LIVE,           /* the live samples on / off */
    ACT_FOCUS_NEXT,     /* the focus to the next panel on screen */
    ACT_FOCUS_PREV,
    ACT_ZOOM,           /* zoom the focused panel / unzoom */
    ACT_ESCAPE,         /* unzoom, else hide the samples */
    ACT_CONTRAST,       /* the high-contrast theme on / off */
    ACT_WHATIF,         /* the what-if form: branch from the step shown */
    ACT_OTHER,          /* the panels show the next run */
    ACT_HELP,           /* the help overlay */
    ACT_QUIT,
    ACT_MOUSE,          /* the mouse on / off */
    ACT_PROMPT,         /* the `:` prompt: go to a step */
    ACT_DIGIT,          /* a digit that only makes a count (137G: session_key) */
    ACT_PROBS_UP,       /* scroll the probabilities (arg rows; 0: one) */
    ACT_PROBS_DOWN,
    ACT_EXPORT,         /* write the screen to files (text and SVG) */
    ACT_ATTENTION,      /* the attention panel on / off */
    ACT_UPDATE,         /* the "what the update did" panel on / off */
    ACT_PROBE,          /* type a name to probe (the probe panel shows) */
    ACT_LOGITS,         /* the probability panel shows the raw scores too / not */
    ACT_FOLLOW,         /* Adam is followed on the next of the update's biggest moves */
    ACT_PICK,           /* type the parameter Adam is followed on */
    /* actions no key takes (keymap_keyless): the mouse's and the prompt's */
    ACT_FOCUS,          /* focus panel arg (a PanelId) */
    ACT_SELECT,         /* select position arg (phase mode: its forward phase) */
    ACT_GOTO,           /* go to step arg (0-based; phase mode: its Sample phase) */
    ACT_SAMPLES_PAGE,   /* the final samples' page after (arg 1) or before (-1) */
    ACT_COUNT
} Action;

/* Where a key's line goes in the help overlay. */
typedef enum { HELP_NONE, HELP_RUN, HELP_CLASSROOM } HelpGroup;

/* The modes a hint shows in (bits), and when. */
enum { HINT_STEP = 1, HINT_PHASE = 2, HINT_BOTH = 3 };
typedef enum {
    WHEN_ALWAYS,
    WHEN_ZOOMED,        /* a panel is zoomed */
    WHEN_UNZOOMED,
    WHEN_HIDING,        /* guess mode hides an answer now */
    WHEN_SAMPLES,       /* the final samples are here (the last step), hidden */
    WHEN_SAMPLES_MORE,  /* they show, and a page follows */
    WHEN_SAMPLES_END,   /* they show, their last page */
    WHEN_CAN_RUN,       /* running, or a step is left to run (not at the last) */
    WHEN_CAN_STEP,      /* ... or a lesson's next stop to go to */
    WHEN_PROBE,         /* the probe panel shows */
    WHEN_FOLLOW,        /* the update panel, or the Update phase, shows */
    WHEN_RUNS,          /* the session has more than one run */
} HintWhen;

typedef struct {
    unsigned char modes;    /* HINT_* bits; 0: no hint */
    unsigned char when;     /* a HintWhen */
    unsigned char order;    /* its place in the line, left to right */
    unsigned char priority; /* a short line drops the lowest first */
    const char *text;       /* "step" */
    const char *text_on;    /* when the action's state is on ("pause" for run); NULL: text */
    const char *text_ascii; /* in ASCII; NULL: text */
} Hint;

enum { KEYMAP_KEYS = 6, KEYMAP_HINTS = 3 };

typedef struct {
    int keys[KEYMAP_KEYS];  /* the codes (UIK_* or characters), 0-terminated */
    int caseless;           /* a letter's capital does the same */
    Action action;          /* session_act's arg: which of the keys was pressed */
    const char *label, *label_ascii;    /* the keys in the hint line ("n \u2192") */
    HelpGroup group;        /* HELP_NONE: told in another row's line */
    const char *help_label, *help_label_ascii, *help_text;
    Hint hint[KEYMAP_HINTS];
} KeyRow;

/* 1 for the actions that no key takes, only the mouse. */
int keymap_keyless(Action a);

/* The table, in the help overlay's order; *count rows. */
const KeyRow *keymap_rows(int *count);
/* The row of a key, or NULL; *which is the key's index among the row's keys. */
const KeyRow *keymap_find(int key, int *which);

/* What the hint line shows depends on: */
typedef struct {
    int phase_mode, zoomed, guess, hiding, running;
    int samples;            /* the final samples: 0 none here, 1 hidden, 2 shown (Shown.samples) */
    int last;               /* the step shown is the run's last */
    int samples_more;       /* the final samples show (samples 2) and a page follows */
    int runs;               /* runs in the session */
    int lesson;             /* a lesson script plays: n and b walk its stops */
    int probe;              /* the probe panel shows */
    int follow;             /* the update panel or the Update phase shows (d: the next move) */
} HintState;

typedef struct {
    const char *key, *text;
    int priority;
    int code;               /* the row's first key: what a click on the hint presses */
} HintItem;

/* The hints for a state, left to right; returns how many (at most cap). */
int keymap_hints(const HintState *st, int ascii, HintItem *out, int cap);

#endif
