/* ui.c: the input loop.  Waits for a key, the next step or the next frame;
 * applies what came (the session's keys and steps); draws (at most ~30
 * frames a second while running; paused, it sleeps in poll() until a key or
 * a signal arrives).  Everything else is the session's (session/session.h)
 * and the renderers' (render/frame.h). */
#include "tui/ui.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "render/export.h"
#include "render/frame.h"
#include "render/hit.h"
#include "render/render.h"
#include "session/rate.h"
#include "tui/terminal.h"

#define FRAME_SECONDS (1.0 / 30.0)

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The exit status of a session that failed (a runtime failure: 1), its
 * message said: out of memory here; a sink's failure (a --csv row that could
 * not be written) by the sink's owner, who knows the file (app/main.c). */
static int fail_status(int failed)
{
    if (failed == SESSION_OOM)
        fprintf(stderr, "microgpt-tui: out of memory\n");
    return 1;
}

/* The step clock restarts (running or the speed changed): returns when the
 * next step is due, and the measured speed starts afresh (none until it
 * has run a while: the status line says the setting meanwhile). */
static double restart_clock(Session *s, RateMeter *rate)
{
    const double now = now_seconds();
    rate_start(rate, now);
    session_set_rate(s, 0);
    return now + (session_speed(s) ? 1.0 / session_speed(s) : 0.0);
}

/* Draws a frame and returns its layout: the session's keys see its panels,
 * those on screen and the spare ones Tab can bring in, and the mouse's
 * clicks are read against it (when the canvas cannot follow the terminal's
 * size, marks the session failed).  Tells the session whether the screen
 * was too small to show it (*r gets what that asks for). */
static Layout draw(Session *s, Term *term, Canvas *cv, unsigned *r)
{
    int cols, rows;
    term_size(&cols, &rows);
    if ((cols != cv->w || rows != cv->h) && canvas_resize(cv, cols, rows) != 0) {
        s->failed = SESSION_OOM;
        return layout_compute(0, 0, 0);
    }
    Layout l = render_frame(cv, s);
    if (!s->failed)
        term_draw(term, cv);
    *r = session_set_small(s, !l.fits);
    return l;
}

/* The export key: the screen as it is (drawn again, without what the last
 * key said) to the next free microgpt-tui-NNN.txt and .svg here, in the
 * theme shown; the key line says where, or why not. */
static void export_screen(Session *s, Canvas *cv, const Term *term)
{
    char base[256], msg[1400], err[1200];
    render_frame(cv, s);
    if (export_next_base("", base, sizeof base) != 0)
        snprintf(msg, sizeof msg, "no export: microgpt-tui-001 to -999 are all taken here");
    else if (export_write(cv, base, term->high, term->colour, err, sizeof err) != 0)
        snprintf(msg, sizeof msg, "no export: %s", err);
    else
        snprintf(msg, sizeof msg, "the screen is in %s.txt and %s.svg", base, base);
    session_say(s, msg);
}

/* A long operation under way (a far jump, a rewind replaying from a
 * distant saved state): once it has taken PROGRESS_AFTER seconds, the
 * screen shows its progress on top of the last frame and the keys are read
 * meanwhile (before, only a signal stops it). */
#define PROGRESS_AFTER 0.1
#define PROGRESS_POLL 0.02

typedef struct {
    Term *term;
    Canvas *cv;
    Canvas under;           /* the last frame, under the box (kept when the size changes) */
    double start, polled, drawn;
} Busy;

static int busy_progress(void *ctx, int target, int done, int total)
{
    Busy *b = ctx;
    if (term_stop_signal())
        return SESSION_QUIT;
    const double now = now_seconds();
    if (done <= 1)      /* a new operation */
        b->start = b->drawn = now;
    /* a short one is left alone: keys typed meanwhile act after it, in turn */
    if (now - b->start < PROGRESS_AFTER || now - b->polled < PROGRESS_POLL)
        return 0;
    b->polled = now;
    /* the keys: q quits, a resize redraws, a click (as any other key) stops
     * the operation where it is (and is dropped: nothing typed meanwhile
     * acts later), the wheel is dropped */
    int cancel = 0, redraw = 0, key;
    term_wait(0);       /* notices a terminal gone */
    while ((key = term_key()) != UIK_NONE) {
        const KeyRow *row = keymap_find(key, NULL);
        MouseEvent ev;
        if (row && row->action == ACT_QUIT)
            return SESSION_QUIT;
        if (key == UIK_RESIZE || (row && row->action == ACT_REDRAW))
            redraw = 1;
        else if (key == UIK_MOUSE)
            cancel |= term_mouse(&ev) == 0 && (ev.kind == MOUSE_CLICK || ev.kind == MOUSE_DOUBLE);
        else
            cancel = 1;
    }
    if (term_stop_signal())
        return SESSION_QUIT;
    if (cancel)
        return SESSION_CANCEL;
    if (redraw || b->drawn == b->start || now - b->drawn >= FRAME_SECONDS) {
        int cols, rows;
        term_size(&cols, &rows);
        /* the last frame under the box, as it was at the start (the session
         * cannot be drawn in the middle of a seek): resized, cut or padded */
        if (b->drawn == b->start && canvas_resize(&b->under, b->cv->w, b->cv->h) == 0)
            canvas_blit(&b->under, b->cv);
        if ((cols != b->cv->w || rows != b->cv->h) && canvas_resize(b->cv, cols, rows) != 0)
            return 0;   /* the progress just does not show; the next frame will tell */
        if (b->under.h > 0) {
            canvas_blit(b->cv, &b->under);
            if (b->cv->h > b->under.h)      /* its key line is the box's, on the last row */
                canvas_fill(b->cv, (Rect){ 0, b->under.h - 1, b->cv->w, 1 }, " ", ROLE_TEXT);
        }
        if (redraw)
            term_repaint();
        render_progress(b->cv, target, done, total);
        term_draw(b->term, b->cv);
        b->drawn = now;
    }
    return 0;
}

int ui_run(const SessionConfig *c, Trainer *t)
{
    setlocale(LC_ALL, "");
    const int ascii = c->ascii || !term_locale_utf8();
    char err[256];
    Session s;
    int failed = session_init(&s, t, c);    /* step 1 is computed before the screen opens */
    if (failed)
        return fail_status(failed);
    Term term;
    Canvas cv;
    if (canvas_init(&cv, 1, 1, ascii) != 0) {
        fprintf(stderr, "microgpt-tui: out of memory\n");
        session_free(&s);
        return 1;
    }
    if (term_open(&term, c->mono, err, sizeof err) != 0) {
        fprintf(stderr, "microgpt-tui: %s\n", err);
        canvas_free(&cv);
        session_free(&s);
        return 2;
    }
    if (s.contrast)
        term_set_theme(&term, 1);

    term_set_mouse(s.mouse);
    Busy busy = { &term, &cv, { 0, 0, ascii, NULL }, 0, 0, 0 };
    session_set_progress(&s, busy_progress, &busy);
    /* the last frame's layout: its panels (on screen or spare) are what Tab
     * moves among, and the mouse clicks on what it placed */
    Layout frame = layout_compute(0, 0, 0);
    int dirty = 1, quit = 0;
    double count_due = 0;   /* when a lone digit jumps along the arc, unless more come */
    RateMeter rate;         /* the steps per second really computed, for the status line */
    double last_frame = -1.0, due = restart_clock(&s, &rate);
    while (!quit && !s.failed && !s.quit && !term_stop_signal()) {
        double now = now_seconds();
        /* run: the steps that are due, or at top speed as many as fit in a
         * frame; a batch of due steps never holds a frame back either (a core
         * slower than asked still shows its steps as they come) */
        if (s.running) {
            int speed = session_speed(&s);
            double until = speed ? now : last_frame + FRAME_SECONDS;
            if (until < now)
                until = now + 0.005;
            const double stop = speed ? now + FRAME_SECONDS : until;
            int done = 0;
            while (s.running && !s.failed && (!speed || due <= until) && now_seconds() < stop) {
                session_tick(&s);
                dirty = 1;
                if (speed)
                    due += 1.0 / speed;
                if (++done >= 100000)
                    break;
            }
            if (speed && now - due > 0.5)
                due = now;  /* fell behind (the core is slower than asked): don't catch up */
            if (done && rate_count(&rate, now_seconds(), done))
                session_set_rate(&s, rate.rate);
        }
        /* draw: at once when paused (the screen answers a key), at most every
         * FRAME_SECONDS when running */
        now = now_seconds();
        if (dirty && (!s.running || now - last_frame >= FRAME_SECONDS)) {
            unsigned r = 0;
            frame = draw(&s, &term, &cv, &r);
            last_frame = now;
            dirty = (r & DO_DRAW) != 0;     /* running again: the state shows it */
            if (r & DO_CLOCK)
                due = restart_clock(&s, &rate);
        }
        /* wait: for a key (no timeout when paused), the next step or the next frame */
        int timeout = -1;
        if (s.running) {
            int speed = session_speed(&s);
            double next = speed ? due : now;
            if (dirty && last_frame + FRAME_SECONDS < next)
                next = last_frame + FRAME_SECONDS;  /* a step waits to be shown */
            double ms = (next - now_seconds()) * 1000.0;
            timeout = ms <= 0 ? 0 : (int)(ms + 0.999);
        } else if (dirty) {
            timeout = 0;
        }
        if (count_due > 0) {    /* a lone digit waits for more (137G) */
            double ms = (count_due - now_seconds()) * 1000.0;
            int t = ms <= 0 ? 0 : (int)(ms + 0.999);
            timeout = timeout < 0 || t < timeout ? t : timeout;
        }
        term_wait(timeout);
        if (count_due > 0 && now_seconds() >= count_due) {
            count_due = 0;
            unsigned r = session_count_expire(&s, frame.panels | frame.spare);
            if (r & DO_CLOCK)
                due = restart_clock(&s, &rate);
            if (r & DO_DRAW)
                dirty = 1;
        }
        /* apply: the keys that came */
        int key;
        while (!quit && !s.quit && (key = term_key()) != UIK_NONE) {
#ifdef MICROGPT_DEBUG_CRASH
            if (key == 'X') { /* debug build only: a real crash, for the terminal-safety test */
                volatile int *volatile nowhere = NULL;
                *nowhere = 1;
            }
#endif
            unsigned r;
            MouseEvent ev;
            const PanelSet panels = frame.panels | frame.spare;
            if (key == UIK_MOUSE && term_mouse(&ev) == 0) {
                const Hit hit = render_hit(&frame, &cv, ev.x, ev.y);
                r = session_mouse(&s, &ev, &hit, panels);
            } else {
                r = session_key(&s, key, panels);
            }
            if (r & DO_QUIT)
                quit = 1;
            if (r & DO_CLOCK)
                due = restart_clock(&s, &rate);
            if (r & DO_THEME)
                term_set_theme(&term, s.contrast);
            if (r & DO_REPAINT)
                term_repaint();
            if (r & DO_MOUSE)
                term_set_mouse(s.mouse);
            if (r & DO_EXPORT)
                export_screen(&s, &cv, &term);
            if (r & DO_COUNT)
                count_due = now_seconds() + COUNT_WAIT_MS / 1000.0;
            else if (count_arc(&s.count) < 0)
                count_due = 0;      /* no lone digit waits any more */
            if (r & DO_DRAW)
                dirty = 1;
        }
    }

    int sig = term_stop_signal();
    failed = s.failed;
    term_close(&term);
    canvas_free(&busy.under);
    canvas_free(&cv);
    session_free(&s);
    if (failed)
        return fail_status(failed);
    if (sig) {      /* die of the signal, as the shell expects, now the terminal is back */
        signal(sig, SIG_DFL);
        raise(sig);
        return 128 + sig;
    }
    return 0;
}
