/* ui.c: the input loop.  Drives the training core one step at a time
 * through the Timeline, at the chosen speed, and redraws at most ~30 times a
 * second; paused, it sleeps in poll() until a key or a signal arrives.  The
 * classroom's phases are a display state over the step the Timeline has
 * computed; live samples come from generators of their own. */
#include "tui/ui.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "session/classroom.h"
#include "render/layout.h"
#include "render/render.h"
#include "tui/terminal.h"
#include "core/timeline.h"
#include "core/sample.h"
#include "session/ui_state.h"

#define FRAME_SECONDS (1.0 / 30.0)
#define SAMPLES_CAP 500     /* names drawn for the screen; more could never fit */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    const Options *o;
    Trainer *t;
    Timeline *tl;
    UiState st;
    Samples samples;
    int have_samples;
    Seen seen;
    Live live;
    int failed;             /* out of memory in the core */
} Ui;

/* Makes st.step the Timeline's current step; at the last step the run
 * pauses and the samples are drawn (once: the same names every time). */
static void arrive(Ui *u)
{
    if (timeline_current(u->tl) != u->st.step && timeline_goto(u->tl, u->st.step) != 0) {
        u->failed = 1;
        return;
    }
    u->st.reached = timeline_reached(u->tl);
    /* live samples due at this step, drawn now the parameters are here (at
     * most about 50 draws in a whole run) */
    if (u->st.live)
        live_draw(&u->live, u->t);
    if (u->st.step >= u->st.num_steps - 1) {
        u->st.running = 0;
        if (!u->have_samples && u->o->samples > 0) {
            if (samples_draw(&u->samples, u->t, u->o->samples, SAMPLES_CAP, u->o->temperature) != 0)
                u->failed = 1;
            else
                u->have_samples = 1;
        }
    }
}

/* The model age (steps done) the screen shows: before the Update phase of
 * a step, the parameters are still those of the step before. */
static int shown_age(const Ui *u)
{
    int phase = ui_state_phase(&u->st, u->t->info.n);
    return u->st.step + (phase_has_update(phase, u->t->info.n) ? 1 : 0);
}

/* The live samples for the age shown, drawn if they are not yet: at the
 * step they belong to (the Timeline goes there and back, exactly). */
static void live_ensure(Ui *u)
{
    if (!u->st.live)
        return;
    int age = live_age(shown_age(u), u->live.every);
    if (live_get(&u->live, age))
        return;
    if (age == 0)
        return;     /* drawn at the start, before the first step */
    int cur = u->st.step;
    if (timeline_goto(u->tl, age - 1) != 0) {
        u->failed = 1;
        return;
    }
    live_draw(&u->live, u->t);
    if (timeline_goto(u->tl, cur) != 0)
        u->failed = 1;
}

static unsigned layout_flags(const UiState *s)
{
    return (s->phase_mode ? LAYF_PHASE : 0u) | (s->explain ? LAYF_EXPLAIN : 0u) | (s->live ? LAYF_LIVE : 0u);
}

/* The panels on screen (bit 1 << LAY_*), zoom aside, for Tab. */
static unsigned panels_shown(const UiState *s, int cols, int rows)
{
    Layout l = layout_compute_ex(cols, rows, layout_flags(s), -1);
    unsigned m = 0;
    for (int p = LAY_NAME; p < LAY_KEYS; p++)
        if (layout_has(&l, p))
            m |= 1u << p;
    return m;
}

static View view_of(const Ui *u, int cols, int rows)
{
    const int n = u->t->info.n;
    View v;
    memset(&v, 0, sizeof v);
    v.ds = u->t->ds;
    v.info = &u->t->info;
    v.num_steps = u->st.num_steps;
    v.adam = u->t->cfg.adam;
    v.vocab_size = u->t->model.cfg.vocab_size;
    v.block_size = u->t->model.cfg.block_size;
    v.losses = timeline_losses(u->tl);
    v.sel = u->st.sel;
    v.running = u->st.running;
    v.speed = ui_speed_steps(&u->st);
    v.help = u->st.help;
    v.phase_mode = u->st.phase_mode;
    v.phase = ui_state_phase(&u->st, n);
    v.explain = u->st.explain;
    v.live = u->st.live;
    v.live_every = u->live.every;
    v.live_name_bytes = u->live.name_bytes;
    v.live_age = live_age(shown_age(u), u->live.every > 0 ? u->live.every : 1);
    v.live_names = live_get(&u->live, v.live_age);
    int hidden = ui_state_hidden(&u->st, n);
    v.guess = hidden >= 0;
    v.guess_pos = hidden;
    v.focus = ui_state_focus(&u->st, panels_shown(&u->st, cols, rows));
    v.zoom = u->st.zoom;
    v.seen = seen_by_step(&u->seen, u->st.step);
    v.distinct = u->seen.distinct;
    v.model = &u->t->model;
    trainer_param_name(u->t, u->t->info.follow_index, v.follow_name, sizeof v.follow_name);
    /* the final samples once training is over: at the last step (in phase
     * mode, once its Log phase is reached) */
    int over = u->st.step >= u->st.num_steps - 1 &&
               (!u->st.phase_mode || phase_has_log(v.phase, n));
    if (u->have_samples && u->st.samples && over)
        v.samples = &u->samples;
    return v;
}

static void draw(Ui *u, Term *term, Canvas *cv)
{
    int cols, rows;
    term_size(&cols, &rows);
    if ((cols != cv->w || rows != cv->h) && canvas_resize(cv, cols, rows) != 0) {
        u->failed = 1;
        return;
    }
    live_ensure(u);
    if (u->failed)
        return;
    View v = view_of(u, cols, rows);
    render_screen(cv, &v);
    term_draw(term, cv);
}

static void ui_free(Ui *u)
{
    samples_free(&u->samples);
    live_free(&u->live);
    seen_free(&u->seen);
    timeline_free(u->tl);
}

int ui_run(const Options *o, Trainer *t)
{
    setlocale(LC_ALL, "");
    const int ascii = o->ascii || !term_locale_utf8();
    char err[256];
    if (!isatty(STDIN_FILENO)) {
        fprintf(stderr, "microgpt-tui: standard input is not a terminal; use --headless for plain output\n");
        return 2;
    }
    if (term_check(err, sizeof err) != 0) {
        fprintf(stderr, "microgpt-tui: %s\n", err);
        return 2;
    }
    Ui u;
    memset(&u, 0, sizeof u);
    u.o = o;
    u.t = t;
    u.st = ui_state_new(t->cfg.adam.num_steps, o->paused);
    if (o->emma) {  /* the lesson's worked example: step 1, phase by phase, explained */
        u.st.phase_mode = 1;
        u.st.phase = 0;
        u.st.explain = 1;
    }
    u.st.contrast = o->high_contrast;
    /* the untrained model's live samples, before the first step changes it */
    if (seen_init(&u.seen, t->ds) != 0 || live_init(&u.live, t, o->temperature) != 0 ||
        (live_draw(&u.live, t), !(u.tl = timeline_new(t)))) {
        fprintf(stderr, "microgpt-tui: out of memory\n");
        ui_free(&u);
        return 1;
    }
    arrive(&u);     /* step 1 is computed before the screen opens */
    Term term;
    Canvas cv;
    if (u.failed || canvas_init(&cv, 1, 1, ascii) != 0) {
        fprintf(stderr, "microgpt-tui: out of memory\n");
        ui_free(&u);
        return 1;
    }
    if (term_open(&term, err, sizeof err) != 0) {
        fprintf(stderr, "microgpt-tui: %s\n", err);
        canvas_free(&cv);
        ui_free(&u);
        return 2;
    }
    if (u.st.contrast)
        term_set_theme(&term, 1);

    int dirty = 1, quit = 0;
    double last_frame = -1.0, due = now_seconds() + 1.0 / (ui_speed_steps(&u.st) ? ui_speed_steps(&u.st) : 1);
    while (!quit && !u.failed && !term_stop_signal()) {
        double now = now_seconds();
        /* run: the steps that are due, or at top speed as many as fit in a frame */
        if (u.st.running) {
            int speed = ui_speed_steps(&u.st);
            double until = speed ? now : last_frame + FRAME_SECONDS;
            if (until < now)
                until = now + 0.005;
            int done = 0;
            while (u.st.running && !u.failed && (speed ? due <= until : now_seconds() < until)) {
                u.st.step++;
                arrive(&u);
                dirty = 1;
                if (speed)
                    due += 1.0 / speed;
                if (++done >= 100000)
                    break;
            }
            if (speed && now - due > 0.5)
                due = now;  /* fell behind (the core is slower than asked): don't catch up */
        }
        /* draw: at once when paused (the screen answers a key), at most every
         * FRAME_SECONDS when running */
        now = now_seconds();
        if (dirty && (!u.st.running || now - last_frame >= FRAME_SECONDS)) {
            draw(&u, &term, &cv);
            last_frame = now;
            dirty = 0;
        }
        /* wait: for a key (no timeout when paused), the next step or the next frame */
        int timeout = -1;
        if (u.st.running) {
            int speed = ui_speed_steps(&u.st);
            double next = speed ? due : now;
            if (dirty && last_frame + FRAME_SECONDS < next)
                next = last_frame + FRAME_SECONDS;  /* a step waits to be shown */
            double ms = (next - now_seconds()) * 1000.0;
            timeout = ms <= 0 ? 0 : (int)(ms + 0.999);
        } else if (dirty) {
            timeout = 0;
        }
        term_wait(timeout);
        int key;
        while (!quit && (key = term_key()) != UIK_NONE) {
#ifdef MICROGPT_DEBUG_CRASH
            if (key == 'X') { /* debug build only: a real crash, for the terminal-safety test */
                volatile int *volatile nowhere = NULL;
                *nowhere = 1;
            }
#endif
            int cols, rows;
            term_size(&cols, &rows);
            unsigned r = ui_state_key_in(&u.st, key, t->info.n, panels_shown(&u.st, cols, rows));
            if (r & UI_QUIT)
                quit = 1;
            if (r & UI_STEP)
                arrive(&u);
            if (r & UI_CLOCK)
                due = now_seconds() + (ui_speed_steps(&u.st) ? 1.0 / ui_speed_steps(&u.st) : 0.0);
            if (r & UI_THEME)
                term_set_theme(&term, u.st.contrast);
            if (r & UI_REPAINT)
                term_repaint();
            if (r & UI_DRAW)
                dirty = 1;
        }
    }

    int sig = term_stop_signal();
    term_close(&term);
    canvas_free(&cv);
    ui_free(&u);
    if (u.failed) {
        fprintf(stderr, "microgpt-tui: out of memory\n");
        return 1;
    }
    if (sig) {      /* die of the signal, as the shell expects, now the terminal is back */
        signal(sig, SIG_DFL);
        raise(sig);
        return 128 + sig;
    }
    return 0;
}
