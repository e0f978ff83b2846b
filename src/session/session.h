/* session.h: one interactive session, curses-free: the runs, where the
 * user is in them, and what is shown.
 *
 * A Run is everything one training run owns: its Trainer (a branch's is
 * owned), its Timeline, the distinct names its steps have seen, its live
 * samples and its final samples.  A Session holds the runs (the command
 * line's, a --compare twin, branches made with the what-if form: all in
 * lockstep on the step shown), which one the panels show and which one they
 * compare it with, the step shown and how it is shown
 * (phase, selection, guess mode, panels, focus, zoom, overlays) and the
 * settings (speed, theme).  Keys come in as actions (session_key,
 * session_act); the input loop (tui/ui.c) only waits, applies and draws.
 * The screen is a function of the session: session_view. */
#ifndef MICROGPT_SESSION_H
#define MICROGPT_SESSION_H

#include "core/sample.h"
#include "core/timeline.h"
#include "core/train.h"
#include "session/goto.h"
#include "session/field.h"
#include "session/inside.h"
#include "session/keymap.h"
#include "session/mouse.h"
#include "session/names.h"
#include "session/panel.h"
#include "session/phase.h"
#include "session/prompt.h"
#include "session/script.h"
#include "session/view.h"

typedef struct {
    Trainer *t;             /* not owned (unless it is `own`); must outlive the run */
    Trainer *own;           /* a branch's trainer, freed with the run */
    Timeline *tl;
    Seen seen;              /* distinct names seen by each step */
    Cuts cuts;              /* names cut at the block size, in the data and the run */
    Live live;              /* live samples, drawn on demand */
    Samples samples;        /* the final samples, drawn on reaching the last step */
    int have_samples;
    int parent;             /* a branch: the run it was made from; else -1 */
    int from;               /* a branch: the first step (0-based) it trains otherwise; else -1 */
    char desc[64];          /* how it differs: "lr=0.003 from step 100", "--lr 0.003", "" */
    Variant variant;        /* the program whose defaults its options start from (course,
                             * gist: its label, its log line, what the help compares it with) */
    RunInside inside;       /* what the inside panels show of it, computed on demand */
} Run;



/* How a session starts (from the command line). */
typedef struct {
    int paused;             /* start paused on step 1 */
    int emma;               /* the lesson's worked example: phase mode from step 1's
                             * Sample phase, with the explanation */
    int high_contrast;
    int mono;               /* the monochrome theme, even on a colour terminal */
    int ascii;              /* plain ASCII drawing asked for */
    int samples;            /* final samples to draw (--samples) */
    Variant variant;        /* the program whose defaults the options start from */
    int speed;              /* steps per second to start at (one of session_speeds),
                             * 0: the default (10), -1: as fast as the core goes */
    int explain;            /* the explanation panel at the start: 1 on, -1 off, 0 as the
                             * mode has it (on with emma) */
    int mouse;              /* the mouse on at the start */
    TimelineSink sink;      /* told of each step of the run the first time it is computed
                             * (the UI's --csv rows), or NULL */
    void *sink_ctx;
    Trainer *twin;          /* --compare: the twin's trainer (not owned), or NULL */
    const char *twin_desc;  /* ... and its options, as given */
    Variant twin_variant;   /* ... and the program whose defaults they start from */
    TimelineSink twin_sink; /* ... told of each of its steps the first time it is computed
                             * (its own --csv rows), or NULL */
    void *twin_sink_ctx;
    const Script *script;   /* a lesson script to play (--lesson; not owned), or NULL */
    const char *const *probe;   /* --probe: names the probe panel starts with (made of the
                             * data's characters: main.c checked them), or NULL */
    int nprobe;
} SessionConfig;

/* Why a session must end (Session.failed). */
enum { SESSION_OOM = 1, SESSION_SINK_FAILED = 2 };

/* Told, between the steps a long operation computes (a far jump, a rewind
 * replaying from a distant saved state), that `done` of `total` steps on the
 * way to step `target` (0-based) are computed.  Returns 0 to go on,
 * SESSION_CANCEL to stop where it is (a key was typed: the operation stops on
 * an exact step, when it may), or SESSION_QUIT to end the session (q, a
 * signal, the terminal gone). */
enum { SESSION_CANCEL = 1, SESSION_QUIT = 2 };
typedef int (*SessionProgress)(void *ctx, int target, int done, int total);

enum { SESSION_MAX_RUNS = VIEW_MAX_RUNS };

typedef struct {
    Run runs[SESSION_MAX_RUNS];
    int nruns;
    int shown;              /* the run the panels show */
    int other;              /* the run they compare it with (curves, status), or -1 */
    WhatIfForm form;
    int differ_a, differ_b, differ_at; /* the first age at which runs a and b's sampled
                             * names differ (-1: never; -2: not computed; -3: the
                             * search was stopped by a key) */
    SessionConfig cfg;
    int failed;             /* SESSION_OOM or SESSION_SINK_FAILED: the session must end */
    int quit;               /* the progress said the session must end (SESSION_QUIT) */
    SessionProgress progress;   /* the input loop's, or NULL (session_set_progress) */
    void *progress_ctx;
    /* where the user is */
    int num_steps;
    int step;               /* the step shown, 0-based */
    int reached;            /* steps computed so far (End goes to reached - 1) */
    int sel;                /* the selected position, as asked (clamped to the step's n) */
    Phase phase;            /* the phase asked for in phase mode (clamped to the step) */
    int left_step;          /* the step and phase shown when phase mode was left (p), */
    Phase left_phase;       /* where p comes back to on that step; left_step -1: none */
    int arc;                /* the arc's stage just jumped to (1-6), whose sentence the
                             * lesson line says until the next move; -1: none */
    int running;
    int small;              /* the screen is too small to show it: held paused, keys
                             * other than q ignored (session_set_small) */
    int resume;             /* ... and running again once it fits */
    /* how it is shown */
    int phase_mode;         /* n and b move one phase of the step at a time */
    int help;               /* the help overlay is open */
    int samples;            /* show the final samples at the last step (arriving there shows them) */
    int samples_page;       /* ... their page shown, from 0 */
    int samples_per_page;   /* names a page holds on this screen (session_set_samples_page) */
    int explain;            /* the explanation panel */
    int live;               /* the live-samples panel */
    int guess;              /* guess mode: the answer hides until revealed ... */
    int revealed;           /* ... and has been, for this step, phase and position */
    int zoom;               /* the focused panel fills the screen */
    PanelId focus;          /* the focused panel as asked, or PANEL_NONE for the main one */
    /* settings */
    int speed;              /* index into the speed table */
    double rate;            /* steps per second measured while running (session_set_rate);
                             * 0: none */
    int contrast;           /* the high-contrast theme */
    int mouse;              /* the mouse reports clicks and the wheel (session_mouse) */
    char message[160];      /* said in the key line until the next key (what a key did:
                             * "mouse off"), or "" */
    Prompt prompt;          /* the `:` prompt (go to step), when open */
    Count count;            /* a count being typed (137G) */
    int probs_scroll;       /* the probabilities scrolled down by this many rows ... */
    int probs_max;          /* ... at most (session_set_probs_max) */
    /* a lesson script (session/stops.c): n and b walk its stops */
    const Script *script;   /* not owned, or NULL */
    int stop;               /* the stop played last */
    int plays;              /* stops played so far (what a stop sets, an action keeps) */
    struct {                /* what it showed: while the session still shows it, so does its note */
        int step, phase_mode, sel;
        Phase phase;
        PanelId inside;
        PanelId focus;      /* the panel it focused (PANEL_NONE: the main one) */
    } at_stop;
    /* inside the model */
    PanelId inside;         /* the inside panel shown (PANEL_ATTN, _PROBE, _UPDATE) or PANEL_NONE */
    ProbeName probes[INSIDE_NAMES]; /* the names probed, oldest first */
    int nprobes;
    int probe_sel;          /* the one shown in detail */
    unsigned probe_version; /* changes whenever the names do */
    int editing;            /* the line editor: EDIT_NAME, EDIT_PARAM, or 0 (closed) */
    Field field;
    char field_error[160];  /* why its last Enter was refused, or "" */
    int recall;             /* Up / Down in the editor: the name recalled, -1 none */
    int logits;             /* the probability panel shows the raw scores (logits) too */
    int follow_rank;        /* Adam is followed on the update's (follow_rank + 1)-th biggest
                             * move; -1: on the trainer's parameter (lm_head[target][0]) ... */
    long follow_index;      /* ... unless this one was picked (>= 0) */
} Session;



/* What a key or an action asks the input loop to do (bits). */
enum {
    DO_DRAW = 1,            /* the screen changed */
    DO_CLOCK = 2,           /* running or speed changed: restart the step clock */
    DO_REPAINT = 4,         /* repaint the whole terminal (Ctrl-L, resize) */
    DO_THEME = 8,           /* the theme changed */
    DO_QUIT = 16,
    DO_MOUSE = 32,          /* the mouse was turned on or off */
    DO_COUNT = 64,          /* a lone digit waits: session_count_expire in COUNT_WAIT_MS */
    DO_EXPORT = 128,        /* write the screen to files (render/export.h), then session_say */
};

/* A session over t's run (t must not have stepped): its untrained live
 * samples drawn, step 1 computed.  Returns 0, or why it failed (SESSION_OOM,
 * SESSION_SINK_FAILED; *s is then freed). */
int session_init(Session *s, Trainer *t, const SessionConfig *c);
void session_free(Session *s);
/* The run the panels show. */
Run *session_run(Session *s);

/* --compare: adds a run over t (a fresh trainer, the twin's configuration,
 * as many steps, the program SessionConfig.twin_variant), described by desc, whose timeline tells sink (NULL: none)
 * of each step the first time it is computed, and brings it to the step
 * shown.  Returns 0, SESSION_SINK_FAILED, or SESSION_OOM (out of memory, the
 * session full, or another number of steps). */
int session_add_twin(Session *s, Trainer *t, const char *desc, TimelineSink sink, void *sink_ctx);
/* A branch of the run shown from the step shown, with the change ch (at that
 * step): its update already uses the new values (what --change STEP:...
 * runs, STEP the step shown, 1-based).  The new run is shown, the old one
 * kept as the one compared with.  Returns 0, or -1 with a message in err
 * (the session full, out of memory). */
int session_branch(Session *s, const Change *ch, char *err, size_t errlen);
/* The first number of steps done (the model's age) after which the sampled
 * names of the runs shown and compared differ: 0 before any step, -1 when
 * never, -3 when a key stopped the search (computed once per pair, the
 * timelines going there and back; a long search reports its progress as a
 * seek does, q or a signal ending the session). */
int session_names_differ(Session *s);

/* Applies a key (its row of the key table), knowing the panels on screen
 * (for the focus).  Any key closes the help; a resize repaints.  Returns
 * DO_* bits. */
unsigned session_key(Session *s, int key, PanelSet on_screen);
/* Applies an action; arg is the action's argument (ACT_ARC: the milestone). */
unsigned session_act(Session *s, Action a, int arg, PanelSet on_screen);
/* Plays stop i of the lesson script (session/stops.c): its step (pausing;
 * computed as any jump is), phase or the whole step, position, zoom, guess
 * mode, live samples, explanation, and inside the model its panel, names
 * probed, parameter followed and raw scores.  Returns DO_* bits. */
unsigned session_stop(Session *s, int i, PanelSet on_screen);
/* n (dir 1) or b (-1) in a lesson: the next stop, or the one before; b away
 * from the stop played last goes back to it; past either end, the key line
 * says so.  Returns DO_* bits. */
unsigned session_stop_step(Session *s, int dir, PanelSet on_screen);
/* 1 while the screen is the one the stop played last showed (its step,
 * phase, position and inside panel). */
int session_at_stop(const Session *s);
/* A lone digit 1 ... 6 has waited COUNT_WAIT_MS for more digits: it jumps
 * along the arc now.  Returns DO_* bits (0 when no digit waits). */
unsigned session_count_expire(Session *s, PanelSet on_screen);
/* Applies a mouse event over what the frame shows there (h; session/mouse.c):
 * a click focuses the panel and selects the position or goes to the step
 * under it (a key's hint: presses the key), a double-click zooms the panel
 * (or unzooms); the wheel scrolls the probabilities and the samples, moves
 * the selection, and over a curve steps.  Any click closes the help.
 * Returns DO_* bits. */
unsigned session_mouse(Session *s, const MouseEvent *e, const Hit *h, PanelSet on_screen);
/* Says msg in the key line until the next key (what the input loop did for
 * a key: the files an export wrote). */
void session_say(Session *s, const char *msg);
/* Tells the session how far the probabilities can scroll on this screen
 * (the frame drew them: render/frame.h). */
void session_set_probs_max(Session *s, int max);
/* Goes to step k (clamped; pauses; phase mode: the step's first phase),
 * computing what it needs.  Returns DO_* bits. */
unsigned session_go(Session *s, long k);
/* Tells the session whether the screen is too small to show it (the frame
 * drew the "too small" message): while it is, a running session is held
 * paused and keys other than q (and a resize) are ignored; once it fits
 * again, a session held while running runs on.  Returns DO_* bits. */
unsigned session_set_small(Session *s, int small);
/* The progress a long operation reports to (NULL: none): the input loop
 * shows it and reads the keys meanwhile. */
void session_set_progress(Session *s, SessionProgress fn, void *ctx);
/* Takes run r to step k, reporting progress; `cancel`: a key may stop it
 * short.  Returns 0 at k, 1 stopped short (r on the last step computed,
 * exact), or -1: the session must end (s->failed, or s->quit). */
int session_seek(Session *s, Run *r, int k, int cancel);
/* What a long operation's progress needs: the session, the step it goes
 * to, whether a key may stop it. */
typedef struct {
    Session *s;
    int target, cancel;
    int stopped;            /* set when a key stopped it (cancel) */
} SessionSeek;
/* A TimelineProgress over a SessionSeek: tells the input loop (its
 * progress), stops when asked (a key, with cancel; q or a signal always). */
int session_seek_progress(void *ctx, int done, int total);
/* Tells the session how many final samples a page of the screen holds (the
 * frame drew them: render/frame.h), so that s can page through them. */
void session_set_samples_page(Session *s, int per_page);
/* Running: the next step (at the last one the run pauses). */
void session_tick(Session *s);
/* Steps per second at the session's speed; 0: as fast as the core goes. */
int session_speed(const Session *s);
/* Tells the session the steps per second measured while running (the input
 * loop's RateMeter, session/rate.h; 0: none yet), which the status line
 * says while it runs (Shown.rate). */
void session_set_rate(Session *s, double rate);
/* The speeds + and - step through, slowest first, in steps per second (the
 * last, 0: as fast as the core goes); *n of them. */
const int *session_speeds(int *n);

/* What is shown, resolved in one place: the phase clamped to the step, the
 * position, what guess mode hides, the focus among the panels on screen
 * (unzoomed), the zoom, the overlays. */
Shown session_shown(const Session *s, PanelSet on_screen);
/* The view of the step shown (the live samples it needs drawn first). */
void session_view(Session *s, PanelSet on_screen, View *v);

#endif
