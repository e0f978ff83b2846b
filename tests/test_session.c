/* test_session.c: the session (session/session.h) key by key, on a real
 * run: what each key does to the step, the phase, the selection, running
 * and speed, the classroom modes (phase mode, explanation, live samples,
 * guess mode, bookmarks, zoom and focus, high contrast), what it asks the
 * input loop to do, and what the one resolved "what is shown"
 * (session_shown) says.  The run is names.txt in the file's order (--emma's):
 * step 1 is "emma" (n = 5), step 2 "olivia" (7), step 3 "ava" (4). */
#include "testutil.h"

#include <limits.h>

#include "core/dataset.h"
#include "core/train.h"
#include "session/arc.h"
#include "session/session.h"

typedef struct {
    Dataset ds;
    Trainer t;
    Session s;
} Run1;

/* A session sc over a run of cfg on data/names.txt. */
static Run1 *run_make(const TrainConfig *cfg, const SessionConfig *sc)
{
    Run1 *r = calloc(1, sizeof *r);
    char err[256];
    assert_non_null(r);
    assert_int_equal(dataset_load(&r->ds, "data/names.txt", err), 0);
    assert_int_equal(trainer_init(&r->t, &r->ds, cfg, err, sizeof err), 0);
    assert_int_equal(session_init(&r->s, &r->t, sc), 0);
    return r;
}

static Run1 *run_new(int steps, int paused)
{
    TrainConfig cfg = train_config_default();
    cfg.shuffle = 0;
    cfg.adam.num_steps = steps;
    const SessionConfig sc = { .paused = paused, .samples = 3 };
    return run_make(&cfg, &sc);
}

static void run_free(Run1 *r)
{
    session_free(&r->s);
    trainer_free(&r->t);
    dataset_free(&r->ds);
    free(r);
}

/* A key; a lone digit 1 ... 6 once it has waited for more digits (the UI
 * waits COUNT_WAIT_MS, then calls session_count_expire). */
static unsigned key(Session *s, int k)
{
    unsigned r = session_key(s, k, 0);
    if (r & DO_COUNT)
        r = (r & ~(unsigned)DO_COUNT) | session_count_expire(s, 0);
    return r;
}

/* The phase shown and its place in the step. */
static int phase_shown(const Session *s)
{
    Shown sh = session_shown(s, 0);
    return phase_index(sh.phase, s->runs[s->shown].t->info.n);
}

static int hidden(const Session *s)
{
    Shown sh = session_shown(s, 0);
    return sh.hiding ? sh.hide_from - 1 : -1;
}

static void test_initial(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 0);
    Session *s = &r->s;
    assert_int_equal(s->step, 0);
    assert_int_equal(r->t.info.step, 0);     /* step 1 computed before the screen opens */
    assert_int_equal(s->reached, 1);
    assert_int_equal(s->running, 1);
    assert_int_equal(s->help, 0);
    assert_int_equal(s->samples, 1);
    assert_int_equal(session_speed(s), 10);
    assert_int_equal(s->phase_mode, 0);
    run_free(r);
    r = run_new(500, 1);
    assert_int_equal(r->s.running, 0);
    run_free(r);
    r = run_new(1, 0);      /* nothing to run: the only step is the last */
    assert_int_equal(r->s.running, 0);
    assert_int_equal(r->s.runs[0].have_samples, 1);
    run_free(r);
    /* --emma: phase mode from step 1's Sample phase, explained */
    Dataset ds;
    Trainer t;
    Session e;
    char err[256];
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    TrainConfig cfg = train_config_default();
    cfg.shuffle = 0;
    assert_int_equal(trainer_init(&t, &ds, &cfg, err, sizeof err), 0);
    const SessionConfig sc = { .paused = 1, .emma = 1, .high_contrast = 1, .samples = 20 };
    assert_int_equal(session_init(&e, &t, &sc), 0);
    assert_int_equal(e.phase_mode, 1);
    assert_int_equal(e.explain, 1);
    assert_int_equal(e.contrast, 1);
    assert_int_equal(phase_shown(&e), 0);
    session_free(&e);
    trainer_free(&t);
    dataset_free(&ds);
}

/* What the settings file and the options give a session to start with:
 * the speed, the explanation (on with --emma unless turned off), the
 * mouse. */
static void test_start_settings(void **state)
{
    (void)state;
    Dataset ds;
    Trainer t;
    Session e;
    char err[256];
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    TrainConfig cfg = train_config_default();
    cfg.adam.num_steps = 20;
    static const struct { SessionConfig c; int speed, explain, phase_mode, mouse; } cases[] = {
        { { .paused = 1 }, 10, 0, 0, 0 },
        { { .paused = 1, .speed = 200, .mouse = 1 }, 200, 0, 0, 1 },
        { { .paused = 1, .speed = -1 }, 0, 0, 0, 0 },
        { { .paused = 1, .explain = 1 }, 10, 1, 0, 0 },
        { { .paused = 1, .emma = 1 }, 10, 1, 1, 0 },
        { { .paused = 1, .emma = 1, .explain = -1 }, 10, 0, 1, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(trainer_init(&t, &ds, &cfg, err, sizeof err), 0);
        assert_int_equal(session_init(&e, &t, &cases[i].c), 0);
        assert_int_equal(session_speed(&e), cases[i].speed);
        assert_int_equal(e.explain, cases[i].explain);
        assert_int_equal(e.phase_mode, cases[i].phase_mode);
        assert_int_equal(e.mouse, cases[i].mouse);
        session_free(&e);
        trainer_free(&t);
    }
    int n;
    const int *sp = session_speeds(&n);
    assert_int_equal(n, 11);
    assert_int_equal(sp[0], 1);
    assert_int_equal(sp[n - 1], 0);
    dataset_free(&ds);
}

static void test_space_toggles(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    assert_int_equal(key(s, ' '), DO_DRAW | DO_CLOCK);
    assert_int_equal(s->running, 1);
    assert_int_equal(key(s, ' '), DO_DRAW | DO_CLOCK);
    assert_int_equal(s->running, 0);
    session_go(s, 499);     /* at the last step there is nothing to resume */
    assert_int_equal(key(s, ' '), 0);
    assert_int_equal(s->running, 0);
    run_free(r);
}

/* Running: each tick is the next step; the last one pauses. */
static void test_tick(void **state)
{
    (void)state;
    Run1 *r = run_new(5, 0);
    Session *s = &r->s;
    for (int k = 1; k < 5; k++) {
        assert_int_equal(s->running, 1);
        session_tick(s);
        assert_int_equal(s->step, k);
        assert_int_equal(r->t.info.step, k);
        assert_int_equal(s->reached, k + 1);
    }
    assert_int_equal(s->running, 0);
    assert_int_equal(s->runs[0].have_samples, 1);
    assert_int_equal(s->runs[0].samples.count, 3);
    session_tick(s);
    assert_int_equal(s->step, 4);
    run_free(r);
}

static void test_step_keys(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 0);
    Session *s = &r->s;
    /* n pauses and steps: the Timeline computes it */
    assert_int_equal(key(s, 'n'), DO_DRAW | DO_CLOCK);
    assert_int_equal(s->step, 1);
    assert_int_equal(r->t.info.step, 1);
    assert_int_equal(s->running, 0);
    assert_int_equal(key(s, UIK_RIGHT), DO_DRAW);
    assert_int_equal(s->step, 2);
    assert_int_equal(s->reached, 3);
    assert_int_equal(key(s, 'b'), DO_DRAW);
    assert_int_equal(key(s, UIK_LEFT), DO_DRAW);
    assert_int_equal(s->step, 0);
    assert_int_equal(r->t.info.step, 0);
    assert_int_equal(key(s, 'b'), DO_DRAW);     /* already first */
    assert_int_equal(s->step, 0);
    assert_int_equal(key(s, ']'), DO_DRAW);
    assert_int_equal(s->step, 10);
    assert_int_equal(key(s, UIK_PGDN), DO_DRAW);
    assert_int_equal(s->step, 20);
    assert_int_equal(key(s, '['), DO_DRAW);
    assert_int_equal(s->step, 10);
    session_go(s, 5);
    assert_int_equal(key(s, UIK_PGUP), DO_DRAW);
    assert_int_equal(s->step, 0);
    session_go(s, 495);
    assert_int_equal(key(s, ']'), DO_DRAW);
    assert_int_equal(s->step, 499);
    assert_int_equal(r->t.info.step, 499);
    assert_int_equal(key(s, 'n'), DO_DRAW);
    assert_int_equal(s->step, 499);
    assert_int_equal(key(s, 'N'), 0);           /* n has no capital */
    run_free(r);
}

static void test_home_end(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    session_go(s, 41);
    session_go(s, 17);
    assert_int_equal(s->reached, 42);
    assert_int_equal(key(s, UIK_END), DO_DRAW);
    assert_int_equal(s->step, 41);
    assert_int_equal(key(s, UIK_HOME), DO_DRAW);
    assert_int_equal(s->step, 0);
    assert_int_equal(key(s, 'G'), DO_DRAW);
    assert_int_equal(s->step, 41);
    assert_int_equal(key(s, 'g'), DO_DRAW);
    assert_int_equal(s->step, 0);
    run_free(r);
}

/* Issue 9, item 6: in phase mode every jump key lands on a step's Sample
 * phase, even when its target is the step shown (as 1 does). */
static void test_jumps_land_on_sample(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    static const int keys[] = { UIK_HOME, 'g', UIK_END, 'G', '[', UIK_PGUP, ']', UIK_PGDN, '1' };
    assert_int_equal(key(s, 'p'), DO_DRAW);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const int k = keys[i];
        /* the target is the step shown: step 1 for Home, [ and 1, and for
         * End (no step after 1 reached yet: ] comes later); the last step
         * of the run for ] */
        session_go(s, k == ']' || k == UIK_PGDN ? 499 : 0);
        const int step = s->step;
        s->phase = phase_forward(2);
        assert_int_equal(phase_shown(s), 3);
        assert_true(key(s, k) & DO_DRAW);
        assert_int_equal(s->step, step);
        if (phase_shown(s) != 0)
            fail_msg("key %d: phase %d, not the Sample phase", k, phase_shown(s));
    }
    run_free(r);
}

/* Issue 9, item 7: p twice comes back to the phase left; after moving to
 * another step, p starts at that step's Sample phase. */
static void test_phases_toggle_back(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    assert_int_equal(key(s, 'p'), DO_DRAW);
    assert_int_equal(phase_shown(s), 0);
    for (int i = 0; i < 7; i++)
        key(s, 'n');
    assert_int_equal(phase_shown(s), 7);        /* Backward */
    assert_int_equal(key(s, 'p'), DO_DRAW);
    assert_int_equal(s->phase_mode, 0);
    assert_int_equal(phase_shown(s), 9);        /* step mode: the whole step */
    assert_int_equal(key(s, 'p'), DO_DRAW);
    assert_int_equal(s->phase_mode, 1);
    assert_int_equal(phase_shown(s), 7);        /* back where it was */
    assert_int_equal(s->step, 0);
    key(s, 'b');                                /* Loss */
    key(s, 'P');
    key(s, 'n');                                /* step mode: step 2 */
    assert_int_equal(s->step, 1);
    key(s, 'p');
    assert_int_equal(phase_shown(s), 0);        /* another step: its Sample */
    key(s, 'p');
    key(s, 'b');                                /* step 1 again */
    key(s, 'p');
    assert_int_equal(phase_shown(s), 0);        /* left at step 2, not step 1 */
    run_free(r);
}

/* Issue 9, item 19: 1-6 make the lesson line say the stage's sentence
 * (Shown.arc) until the next move. */
static void test_arc_sentence(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    assert_int_equal(session_shown(s, 0).arc, -1);
    key(s, '3');
    assert_int_equal(session_shown(s, 0).arc, 2);
    key(s, 'l');                                /* not a move: still said */
    key(s, 'e');
    assert_int_equal(session_shown(s, 0).arc, 2);
    key(s, '1');
    assert_int_equal(session_shown(s, 0).arc, 0);
    key(s, '1');                                /* already there: said again */
    assert_int_equal(session_shown(s, 0).arc, 0);
    key(s, 'n');
    assert_int_equal(session_shown(s, 0).arc, -1);
    key(s, '6');
    assert_int_equal(s->step, 499);
    assert_int_equal(session_shown(s, 0).arc, 5);
    key(s, 'b');
    assert_int_equal(session_shown(s, 0).arc, -1);
    key(s, '2');
    s->running = 1;
    session_tick(s);                            /* running on */
    assert_int_equal(session_shown(s, 0).arc, -1);
    run_free(r);
}

static void test_selection(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    assert_int_equal(r->t.info.n, 5);           /* emma */
    assert_int_equal(key(s, UIK_UP), 0);        /* already the first */
    assert_int_equal(key(s, UIK_DOWN), DO_DRAW);
    assert_int_equal(key(s, 'j'), DO_DRAW);
    assert_int_equal(s->sel, 2);
    assert_int_equal(key(s, 'j'), DO_DRAW);
    assert_int_equal(key(s, 'j'), DO_DRAW);
    assert_int_equal(key(s, UIK_DOWN), 0);      /* the last of 5 */
    assert_int_equal(session_shown(s, 0).pos, 4);
    /* a shorter name (ava, n = 4): the shown position is clamped, Up moves
     * from what is shown */
    session_go(s, 2);
    assert_int_equal(r->t.info.n, 4);
    assert_int_equal(session_shown(s, 0).pos, 3);
    assert_int_equal(key(s, UIK_UP), DO_DRAW);
    assert_int_equal(s->sel, 2);
    assert_int_equal(key(s, 'k'), DO_DRAW);
    assert_int_equal(key(s, 'k'), DO_DRAW);
    assert_int_equal(key(s, 'k'), 0);
    assert_int_equal(s->sel, 0);
    run_free(r);
}

static void test_speed(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 0);
    Session *s = &r->s;
    int prev = session_speed(s), up = 0, down = 0;
    while (key(s, '+') == (DO_DRAW | DO_CLOCK)) {
        int now = session_speed(s);
        assert_true(now == 0 || now > prev);
        prev = now;
        up++;
    }
    assert_int_equal(session_speed(s), 0);      /* top: as fast as the core goes */
    assert_int_equal(key(s, '='), 0);
    while (key(s, '-') != 0)
        down++;
    assert_int_equal(session_speed(s), 1);      /* bottom: one step a second */
    assert_int_equal(key(s, '_'), 0);
    assert_int_equal(up, 7);                    /* from 10 steps/s: 20 ... 1000, max */
    assert_int_equal(down, 10);                 /* eleven settings */
    run_free(r);
}

static void test_help_and_others(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    assert_int_equal(key(s, '?'), DO_DRAW);
    assert_int_equal(s->help, 1);
    assert_int_equal(session_shown(s, 0).help, 1);
    /* any key closes the help, and does nothing else */
    assert_int_equal(key(s, 'q'), DO_DRAW);
    assert_int_equal(s->help, 0);
    assert_int_equal(key(s, UIK_F1), DO_DRAW);
    assert_int_equal(key(s, 'n'), DO_DRAW);
    assert_int_equal(s->step, 0);
    assert_int_equal(key(s, 'h'), DO_DRAW);
    assert_int_equal(s->help, 1);
    /* redraw and resize repaint, with or without the help */
    assert_int_equal(key(s, UIK_CTRL_L), DO_DRAW | DO_REPAINT);
    assert_int_equal(key(s, UIK_RESIZE), DO_DRAW | DO_REPAINT);
    assert_int_equal(s->help, 1);
    assert_int_equal(key(s, 'x'), DO_DRAW);
    assert_int_equal(key(s, 'q'), DO_QUIT);
    assert_int_equal(key(s, 'Q'), DO_QUIT);
    /* s and Esc before the last step: nothing (the samples are not here) */
    assert_int_equal(key(s, 's'), 0);
    assert_int_equal(key(s, 'S'), 0);
    assert_int_equal(key(s, UIK_ESC), 0);
    assert_int_equal(key(s, 'y'), 0);           /* no key */
    assert_int_equal(key(s, 0), 0);
    assert_int_equal(key(s, 0x10fff0), 0);
    run_free(r);
}

/* Phase mode: n walks Sample, Forward 0 .. n-1, Loss, Backward, Update, Log,
 * then the next step's Sample; b walks back, into the step before's Log. */
static void test_phase_stepping(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    assert_int_equal(phase_shown(s), 9);        /* step mode: the whole step */
    assert_int_equal(key(s, 'p'), DO_DRAW);
    assert_int_equal(s->phase_mode, 1);
    assert_int_equal(phase_shown(s), 0);        /* the step's first phase */
    static const PhaseKind kinds[] = { PHASE_SAMPLE, PHASE_FORWARD, PHASE_FORWARD, PHASE_FORWARD,
                                       PHASE_FORWARD, PHASE_FORWARD, PHASE_LOSS, PHASE_BACKWARD,
                                       PHASE_UPDATE, PHASE_LOG };
    for (int i = 0; i < 10; i++) {
        Shown sh = session_shown(s, 0);
        assert_int_equal(sh.phase.kind, kinds[i]);
        if (kinds[i] == PHASE_FORWARD)
            assert_int_equal(sh.phase.pos, i - 1);
        assert_int_equal(sh.pos, kinds[i] == PHASE_FORWARD ? i - 1 : -1);
        assert_int_equal(sh.age, i >= 8 ? 1 : 0);         /* the Update phase changes the model */
        assert_int_equal(sh.curve_steps, i == 9 ? 1 : 0); /* the Log phase adds the point */
        assert_int_equal(s->step, 0);
        assert_int_equal(key(s, 'n'), DO_DRAW);
    }
    assert_int_equal(s->step, 1);
    assert_int_equal(r->t.info.n, 7);           /* olivia */
    assert_int_equal(phase_shown(s), 0);        /* step 2's Sample */
    /* back: into step 1's last phase */
    assert_int_equal(key(s, 'b'), DO_DRAW);
    assert_int_equal(s->step, 0);
    assert_int_equal(phase_shown(s), 9);
    for (int i = 9; i > 0; i--)
        assert_int_equal(key(s, UIK_LEFT), DO_DRAW);
    assert_int_equal(phase_shown(s), 0);
    assert_int_equal(key(s, 'b'), DO_DRAW);     /* the very first phase */
    assert_int_equal(s->step, 0);
    assert_int_equal(phase_shown(s), 0);
    /* jumps land on the start of a step */
    assert_int_equal(key(s, UIK_RIGHT), DO_DRAW);
    assert_int_equal(key(s, ']'), DO_DRAW);
    assert_int_equal(s->step, 10);
    assert_int_equal(phase_shown(s), 0);
    const int n = r->t.info.n;                  /* abigail: 8 */
    assert_int_equal(n, 8);
    /* up/down: the forward phase of the position before / after */
    assert_int_equal(key(s, UIK_UP), 0);        /* Sample: no position */
    assert_int_equal(key(s, UIK_DOWN), DO_DRAW);
    assert_int_equal(phase_shown(s), 1);
    assert_int_equal(key(s, 'j'), DO_DRAW);
    assert_int_equal(phase_shown(s), 2);
    assert_int_equal(s->sel, 1);
    s->phase = phase_at(n + 3, n);              /* Update */
    assert_int_equal(key(s, 'k'), DO_DRAW);
    assert_int_equal(phase_shown(s), n);        /* the last position's forward */
    assert_int_equal(key(s, 'j'), 0);           /* no position after it */
    /* a phase asked beyond the step's positions is shown clamped */
    s->phase = phase_forward(40);
    assert_int_equal(phase_shown(s), n);
    /* space runs whole steps; p leaves phase mode and back */
    assert_int_equal(key(s, ' '), DO_DRAW | DO_CLOCK);
    assert_int_equal(s->running, 1);
    assert_int_equal(phase_shown(s), n + 4);
    assert_int_equal(key(s, 'n'), DO_DRAW | DO_CLOCK);
    assert_int_equal(s->running, 0);
    assert_int_equal(phase_shown(s), 0);
    assert_int_equal(key(s, 'P'), DO_DRAW);
    assert_int_equal(s->phase_mode, 0);
    assert_int_equal(phase_shown(s), r->t.info.n + 4);
    /* the last step's last phase: nothing further */
    assert_int_equal(key(s, 'p'), DO_DRAW);
    session_go(s, 499);
    s->phase = phase_last();
    assert_int_equal(key(s, 'n'), DO_DRAW);
    assert_int_equal(s->step, 499);
    run_free(r);
}

/* Guess mode: the answer of the position shown hides until r (or n, or
 * Enter) reveals it; a new position, phase or step hides it again. */
static void test_guess(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    assert_int_equal(hidden(s), -1);
    assert_int_equal(key(s, 'r'), 0);           /* nothing to reveal */
    assert_int_equal(key(s, 'w'), DO_DRAW);
    assert_int_equal(hidden(s), 0);             /* step mode: the selected position */
    Shown sh = session_shown(s, 0);
    assert_int_equal(sh.hide_from, 1);          /* the target (token 1) and all after it */
    assert_int_equal(sh.hide_loss, 1);
    assert_int_equal(key(s, 'n'), DO_DRAW);     /* n reveals first ... */
    assert_int_equal(s->step, 0);
    assert_int_equal(hidden(s), -1);
    sh = session_shown(s, 0);
    assert_int_equal(sh.hide_from, 2);          /* ... that target only (issue 9, item 4) */
    assert_int_equal(sh.hide_loss, 1);
    assert_int_equal(key(s, 'n'), DO_DRAW);     /* ... then moves on */
    assert_int_equal(s->step, 1);
    assert_int_equal(hidden(s), 0);
    assert_int_equal(key(s, UIK_DOWN), DO_DRAW);
    assert_int_equal(hidden(s), 1);
    assert_int_equal(key(s, UIK_ENTER), DO_DRAW);
    assert_int_equal(hidden(s), -1);
    assert_int_equal(key(s, 'j'), DO_DRAW);
    assert_int_equal(hidden(s), 2);
    assert_int_equal(key(s, '\r'), DO_DRAW);
    assert_int_equal(hidden(s), -1);
    /* phase mode: only the forward phases hide anything */
    assert_int_equal(key(s, 'p'), DO_DRAW);
    assert_int_equal(hidden(s), -1);            /* Sample */
    assert_int_equal(key(s, 'n'), DO_DRAW);
    assert_int_equal(hidden(s), 0);             /* Forward 0 */
    assert_int_equal(key(s, 'R'), DO_DRAW);
    assert_int_equal(hidden(s), -1);
    assert_int_equal(key(s, 'b'), DO_DRAW);     /* back to Sample */
    assert_int_equal(key(s, 'n'), DO_DRAW);     /* Forward 0 again: hidden again */
    assert_int_equal(hidden(s), 0);
    /* running hides nothing; w turns it off */
    s->running = 1;
    assert_int_equal(hidden(s), -1);
    s->running = 0;
    assert_int_equal(key(s, 'W'), DO_DRAW);
    assert_int_equal(hidden(s), -1);
    run_free(r);
}

/* Issue 9, item 4: guess mode gives nothing away.  What the one resolved
 * Shown hides at each phase of emma's step (n = 5) and in step mode: the
 * tokens known (the input, and the target once revealed), the positions
 * that may show, the length, the step's loss with its point on the curve,
 * and the next name. */
static void test_guess_hides(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    key(s, 'p');
    key(s, 'w');
    /* phase index: hide_from, positions, hide_len, hide_loss (revealed or not) */
    static const struct { int from, positions, from_r, positions_r, hidden; } want[10] = {
        { 1, 0, 1, 0, 0 },                                  /* Sample: only BOS */
        { 1, 1, 2, 1, 1 }, { 2, 2, 3, 2, 1 }, { 3, 3, 4, 3, 1 }, { 4, 4, 5, 4, 1 },
        { 5, 5, INT_MAX, 5, 1 },                            /* a -> [BOS]: then all known */
        { INT_MAX, 5, INT_MAX, 5, 0 }, { INT_MAX, 5, INT_MAX, 5, 0 },    /* Loss, Backward */
        { INT_MAX, 5, INT_MAX, 5, 0 }, { INT_MAX, 5, INT_MAX, 5, 0 },    /* Update, Log */
    };
    for (int ph = 0; ph < 10; ph++) {
        for (int rev = 0; rev < 2; rev++) {
            s->phase = phase_at(ph, 5);
            s->revealed = rev && want[ph].hidden;
            Shown sh = session_shown(s, 0);
            const int from = rev ? want[ph].from_r : want[ph].from;
            const int positions = rev ? want[ph].positions_r : want[ph].positions;
            if (sh.hide_from != from || sh.positions != positions)
                fail_msg("phase %d%s: hide_from %d, positions %d", ph, rev ? " revealed" : "",
                         sh.hide_from, sh.positions);
            assert_int_equal(sh.hiding, want[ph].hidden && !rev);
            assert_int_equal(sh.hide_len, from != INT_MAX);
            assert_int_equal(sh.hide_loss, from != INT_MAX);
            assert_int_equal(sh.hide_next, 1);
            assert_int_equal(sh.curve_steps, ph == 9 ? 1 : 0);
        }
    }
    s->revealed = 0;
    /* step mode, on step 2 (olivia, n = 7): position 2 selected */
    key(s, 'p');
    session_go(s, 1);
    s->sel = 2;
    Shown sh = session_shown(s, 0);
    assert_int_equal(sh.hide_from, 3);
    assert_int_equal(sh.positions, 3);
    assert_int_equal(sh.hide_len, 1);
    assert_int_equal(sh.curve_steps, 1);        /* step 2's point waits */
    key(s, 'r');
    sh = session_shown(s, 0);
    assert_int_equal(sh.hide_from, 4);
    assert_int_equal(sh.positions, 3);
    assert_int_equal(sh.hide_loss, 1);
    s->sel = r->t.info.n - 1;                   /* the last: revealed, all is known */
    s->revealed = 1;
    sh = session_shown(s, 0);
    assert_int_equal(sh.hide_from, INT_MAX);
    assert_int_equal(sh.positions, r->t.info.n);
    assert_int_equal(sh.hide_loss, 0);
    assert_int_equal(sh.curve_steps, 2);
    /* guess mode off, or running: nothing hidden */
    key(s, 'w');
    sh = session_shown(s, 0);
    assert_int_equal(sh.hide_from, INT_MAX);
    assert_int_equal(sh.hide_next, 0);
    key(s, 'w');
    s->running = 1;
    sh = session_shown(s, 0);
    assert_int_equal(sh.hide_from, INT_MAX);
    assert_int_equal(sh.hide_len, 0);
    run_free(r);
}

/* 1 .. 6 jump to the arc's milestones (the start of the step in phase
 * mode); for other run lengths, scaled. */
static void test_bookmarks(void **state)
{
    (void)state;
    static const int want[] = { 1, 50, 100, 200, 300, 500 };
    Run1 *r = run_new(500, 0);
    Session *s = &r->s;
    for (int i = 5; i >= 0; i--) {
        unsigned d = key(s, '1' + i);
        assert_true(d & DO_DRAW);
        assert_int_equal(s->step, want[i] - 1);
        assert_int_equal(r->t.info.step, want[i] - 1);
        assert_int_equal(s->running, 0);
    }
    assert_int_equal(key(s, '1'), DO_DRAW);     /* already there */
    s->phase_mode = 1;
    s->phase = phase_forward(3);
    assert_int_equal(key(s, '1'), DO_DRAW);     /* the start of step 1 */
    assert_int_equal(phase_shown(s), 0);
    assert_int_equal(key(s, '3'), DO_DRAW);
    assert_int_equal(s->step, 99);
    assert_int_equal(phase_shown(s), 0);
    assert_int_equal(key(s, '7'), DO_DRAW);     /* no seventh stage: a count (137G) begins */
    assert_int_equal(s->step, 99);
    assert_int_equal(key(s, UIK_ESC), DO_DRAW); /* and ends */
    assert_int_equal(session_act(s, ACT_ARC, ARC_STAGES, 0), 0);
    run_free(r);
    r = run_new(1000, 1);
    assert_int_equal(key(&r->s, '4'), DO_DRAW);
    assert_int_equal(r->s.step, 399);
    run_free(r);
}

/* e, l, c toggle the explanation, the live samples and high contrast; live
 * samples are drawn for the model shown when the view asks. */
static void test_toggles(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    assert_int_equal(key(s, 'e'), DO_DRAW);
    assert_int_equal(s->explain, 1);
    assert_int_equal(key(s, 'E'), DO_DRAW);
    assert_int_equal(s->explain, 0);
    session_go(s, 24);
    assert_int_equal(key(s, 'l'), DO_DRAW);
    assert_int_equal(s->live, 1);
    View v;
    session_view(s, 0, &v);     /* step 25: the model after step 20 */
    assert_int_equal(v.step.live_age, 20);
    assert_non_null(v.step.live_names);
    assert_int_equal(s->step, 24);
    assert_int_equal(r->t.info.step, 24);       /* the Timeline is back where it was */
    assert_int_equal(key(s, 'c'), DO_DRAW | DO_THEME | DO_REPAINT);
    assert_int_equal(s->contrast, 1);
    assert_int_equal(key(s, 'C'), DO_DRAW | DO_THEME | DO_REPAINT);
    assert_int_equal(s->contrast, 0);
    run_free(r);
}

/* Tab and Shift-Tab move the focus over the panels on screen; z zooms the
 * focused one, Esc or z again unzooms; what is on screen follows. */
static void test_focus_zoom(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 1);
    Session *s = &r->s;
    const PanelSet fixed = PANEL_BIT(PANEL_STATUS) | PANEL_BIT(PANEL_LESSON) | PANEL_BIT(PANEL_KEYS);
    const PanelSet step = fixed | PANEL_BIT(PANEL_NAME) | PANEL_BIT(PANEL_POSITIONS) |
                          PANEL_BIT(PANEL_PROBS) | PANEL_BIT(PANEL_LR) | PANEL_BIT(PANEL_LOSS);
    assert_int_equal(session_shown(s, step).focus, PANEL_PROBS);   /* the main panel */
    assert_int_equal(session_key(s, UIK_TAB, step), DO_DRAW);
    assert_int_equal(session_shown(s, step).focus, PANEL_LOSS);
    assert_int_equal(session_key(s, UIK_TAB, step), DO_DRAW);
    assert_int_equal(session_shown(s, step).focus, PANEL_LR);
    assert_int_equal(session_key(s, UIK_TAB, step), DO_DRAW);
    assert_int_equal(session_shown(s, step).focus, PANEL_NAME);    /* round again */
    assert_int_equal(session_key(s, UIK_BTAB, step), DO_DRAW);
    assert_int_equal(session_shown(s, step).focus, PANEL_LR);
    assert_int_equal(session_shown(s, step).on_screen, step);
    assert_int_equal(session_key(s, 'z', step), DO_DRAW);
    assert_int_equal(s->zoom, 1);
    assert_int_equal(s->focus, PANEL_LR);
    Shown sh = session_shown(s, step);
    assert_int_equal(sh.zoomed, PANEL_LR);
    assert_int_equal(sh.on_screen, fixed | PANEL_BIT(PANEL_LR));
    assert_int_equal(session_key(s, UIK_TAB, step), DO_DRAW);     /* zoomed: the next panel */
    assert_int_equal(s->focus, PANEL_NAME);
    assert_int_equal(session_shown(s, step).zoomed, PANEL_NAME);
    assert_int_equal(session_key(s, UIK_ESC, step), DO_DRAW);
    assert_int_equal(s->zoom, 0);
    assert_int_equal(session_shown(s, step).zoomed, PANEL_NONE);
    assert_int_equal(session_key(s, 'Z', step), DO_DRAW);
    assert_int_equal(session_key(s, 'z', step), DO_DRAW);
    assert_int_equal(s->zoom, 0);
    /* a focus no longer on screen falls back to the main panel */
    const PanelSet phase = fixed | PANEL_BIT(PANEL_NAME) | PANEL_BIT(PANEL_POSITIONS) | PANEL_BIT(PANEL_PHASE);
    s->phase_mode = 1;
    s->focus = PANEL_LOSS;
    assert_int_equal(session_shown(s, phase).focus, PANEL_PHASE);
    assert_int_equal(session_shown(s, 0).focus, PANEL_NONE);
    assert_int_equal(session_key(s, UIK_TAB, 0), 0);
    assert_int_equal(session_key(s, UIK_TAB, fixed | PANEL_BIT(PANEL_PHASE)), 0);  /* only one */
    run_free(r);
}

/* The final samples show at the last step (in phase mode at its Log phase
 * only), drawn once: the same names every time. */
static void test_final_samples(void **state)
{
    (void)state;
    Run1 *r = run_new(20, 1);
    Session *s = &r->s;
    View v;
    session_view(s, 0, &v);
    assert_null(v.step.samples);
    session_go(s, 19);
    session_view(s, 0, &v);
    assert_non_null(v.step.samples);
    assert_int_equal(v.step.samples->count, 3);
    char first[64];
    snprintf(first, sizeof first, "%s", v.step.samples->names[0]);
    assert_int_equal(key(s, 'p'), DO_DRAW);
    session_go(s, 0);
    session_go(s, 19);      /* phase mode: Sample of the last step */
    session_view(s, 0, &v);
    assert_null(v.step.samples);
    s->phase = phase_last();
    session_view(s, 0, &v);
    assert_non_null(v.step.samples);
    assert_string_equal(v.step.samples->names[0], first);
    run_free(r);
}

/* The final samples: s before the last step changes nothing (arriving
 * there shows them); there s pages through them, then hides them; Esc
 * hides them; --samples 0 has none, and no s. */
static void test_samples_pages(void **state)
{
    (void)state;
    TrainConfig cfg = train_config_default();
    cfg.adam.num_steps = 5;
    const SessionConfig sc = { .paused = 1, .samples = 100 };
    Run1 *r = run_make(&cfg, &sc);
    Session *s = &r->s;
    assert_int_equal(key(s, 's'), 0);           /* not yet: and not suppressed */
    assert_int_equal(session_shown(s, 0).samples, 0);
    session_go(s, 4);
    Shown sh = session_shown(s, 0);
    assert_int_equal(sh.samples, 2);
    assert_int_equal(sh.samples_page, 0);
    assert_int_equal(session_run(s)->samples.count, 100);
    session_set_samples_page(s, 36);            /* what the frame says a page holds */
    assert_true(session_shown(s, 0).samples_more);
    assert_int_equal(key(s, 's'), DO_DRAW);
    assert_int_equal(session_shown(s, 0).samples_page, 1);
    assert_int_equal(key(s, 's'), DO_DRAW);
    sh = session_shown(s, 0);
    assert_int_equal(sh.samples_page, 2);       /* 73-100: the last */
    assert_false(sh.samples_more);
    session_set_samples_page(s, 60);            /* a bigger screen: two pages, the last shown */
    assert_int_equal(session_shown(s, 0).samples_page, 1);
    session_set_samples_page(s, 36);
    assert_int_equal(key(s, 's'), DO_DRAW);     /* past the last page: hidden */
    assert_int_equal(session_shown(s, 0).samples, 1);
    assert_int_equal(key(s, UIK_ESC), 0);
    assert_int_equal(key(s, 's'), DO_DRAW);     /* shown again, from the top */
    sh = session_shown(s, 0);
    assert_int_equal(sh.samples, 2);
    assert_int_equal(sh.samples_page, 0);
    assert_int_equal(key(s, UIK_ESC), DO_DRAW);
    assert_int_equal(session_shown(s, 0).samples, 1);
    /* away and back: shown again, from the top */
    session_go(s, 0);
    assert_int_equal(session_shown(s, 0).samples, 0);
    session_go(s, 4);
    assert_int_equal(session_shown(s, 0).samples, 2);
    run_free(r);
    /* --samples 0: none, and s does nothing */
    const SessionConfig none = { .paused = 1, .samples = 0 };
    r = run_make(&cfg, &none);
    s = &r->s;
    session_go(s, 4);
    assert_int_equal(session_shown(s, 0).samples, 0);
    assert_int_equal(key(s, 's'), 0);
    HintState hs = { .last = 1, .samples = session_shown(s, 0).samples };
    HintItem h[64];
    int n = keymap_hints(&hs, 0, h, 64);
    for (int i = 0; i < n; i++)
        assert_false(h[i].key[0] == 's' && h[i].key[1] == '\0');
    run_free(r);
}

/* A long operation reports its progress; the input loop's answer stops it
 * on an exact step (a key typed: the session shows the step reached, every
 * run on it) or ends the session (q, a signal). */
static void test_long_operation(void **state)
{
    (void)state;
    Run1 *r = run_new(2000, 1);
    Session *s = &r->s;
    SeekProg p = { .stop_at = 50, .answer = SESSION_CANCEL };
    session_set_progress(s, seek_prog_cb, &p);
    session_go(s, 1999);
    assert_int_equal(p.target, 1999);
    assert_int_equal(p.total, 1999);
    assert_int_equal(s->step, 50);              /* where it stopped: exact */
    assert_int_equal(r->t.info.step, 50);
    assert_int_equal(s->reached, 51);
    assert_int_equal(s->quit, 0);
    assert_int_equal(s->failed, 0);
    /* an arc jump stopped short: not on the stage's step, so not its sentence */
    session_go(s, 0);
    p = (SeekProg){ .stop_at = 30, .answer = SESSION_CANCEL };
    session_act(s, ACT_ARC, ARC_STAGES - 1, 0);
    assert_true(s->step > 50 && s->step < 1999);
    assert_int_equal(s->arc, -1);
    assert_int_equal(session_shown(s, 0).arc, -1);
    /* on: no answer stops it */
    p = (SeekProg){ .stop_at = 1 << 30 };
    session_go(s, 1999);
    assert_int_equal(s->step, 1999);
    assert_true(p.calls > 0);
    /* q or a signal: the session must end */
    p = (SeekProg){ .stop_at = 10, .answer = SESSION_QUIT };
    session_go(s, 0);       /* back to the start: the saved state there, no replay */
    assert_int_equal(p.calls, 0);
    session_go(s, 1549);    /* from the saved state before step 1500: 50 steps */
    assert_int_equal(s->quit, 1);
    assert_true(r->t.info.step < 1549);
    run_free(r);
}

/* A screen too small to show the session: a running session is held
 * paused, keys other than q and a resize do nothing, and once the screen
 * fits again it runs on; a paused one stays paused. */
static void test_too_small(void **state)
{
    (void)state;
    Run1 *r = run_new(500, 0);
    Session *s = &r->s;
    assert_int_equal(s->running, 1);
    assert_int_equal(session_set_small(s, 1), DO_CLOCK);
    assert_int_equal(s->running, 0);
    assert_int_equal(session_set_small(s, 1), 0);
    session_tick(s);
    assert_int_equal(s->step, 0);
    static const int ignored[] = { 'n', ' ', 'p', 'e', '6', UIK_END, '?', 'w', 'l', 'z', 'c', UIK_TAB, '+' };
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
        assert_int_equal(key(s, ignored[i]), 0);
    assert_int_equal(s->step, 0);
    assert_int_equal(s->running, 0);
    assert_int_equal(s->phase_mode, 0);
    assert_int_equal(s->help, 0);
    assert_int_equal(s->explain, 0);
    assert_int_equal(session_speed(s), 10);
    assert_true(key(s, UIK_RESIZE) & DO_REPAINT);
    assert_int_equal(key(s, 'q'), DO_QUIT);
    assert_int_equal(key(s, 'Q'), DO_QUIT);
    /* it fits again: running on */
    assert_int_equal(session_set_small(s, 0), DO_CLOCK | DO_DRAW);
    assert_int_equal(s->running, 1);
    /* paused when it became too small: paused after */
    assert_int_equal(key(s, ' '), DO_DRAW | DO_CLOCK);
    assert_int_equal(session_set_small(s, 1), 0);
    assert_int_equal(session_set_small(s, 0), 0);
    assert_int_equal(s->running, 0);
    assert_int_equal(key(s, 'n'), DO_DRAW);
    assert_int_equal(s->step, 1);
    run_free(r);
}

/* Escape sequences the terminal description may not know. */
static void test_escape_keys(void **state)
{
    (void)state;
    assert_int_equal(key_escape("[1~"), UIK_HOME);
    assert_int_equal(key_escape("[7~"), UIK_HOME);
    assert_int_equal(key_escape("[H"), UIK_HOME);
    assert_int_equal(key_escape("OH"), UIK_HOME);
    assert_int_equal(key_escape("[4~"), UIK_END);
    assert_int_equal(key_escape("[8~"), UIK_END);
    assert_int_equal(key_escape("[F"), UIK_END);
    assert_int_equal(key_escape("OF"), UIK_END);
    assert_int_equal(key_escape("[5~"), UIK_PGUP);
    assert_int_equal(key_escape("[6~"), UIK_PGDN);
    assert_int_equal(key_escape("[A"), UIK_UP);
    assert_int_equal(key_escape("OB"), UIK_DOWN);
    assert_int_equal(key_escape("[1;5C"), UIK_RIGHT);   /* Ctrl-Right: still right */
    assert_int_equal(key_escape("[1;2D"), UIK_LEFT);
    assert_int_equal(key_escape("[3~"), UIK_DELETE);    /* Delete: the prompt's */
    assert_int_equal(key_escape("[2~"), 0);             /* Insert: nothing */
    assert_int_equal(key_escape("[15~"), 0);            /* F5 */
    assert_int_equal(key_escape("[200~"), 0);           /* bracketed paste */
    assert_int_equal(key_escape("[Z"), UIK_BTAB);       /* Shift-Tab */
    assert_int_equal(key_escape("OM"), UIK_ENTER);      /* keypad Enter */
    assert_int_equal(key_escape("[1;2Z"), 0);
    assert_int_equal(key_escape("x"), 0);
    assert_int_equal(key_escape("["), 0);
    assert_int_equal(key_escape(""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initial),
        cmocka_unit_test(test_start_settings),
        cmocka_unit_test(test_space_toggles),
        cmocka_unit_test(test_tick),
        cmocka_unit_test(test_step_keys),
        cmocka_unit_test(test_home_end),
        cmocka_unit_test(test_jumps_land_on_sample),
        cmocka_unit_test(test_phases_toggle_back),
        cmocka_unit_test(test_arc_sentence),
        cmocka_unit_test(test_selection),
        cmocka_unit_test(test_speed),
        cmocka_unit_test(test_help_and_others),
        cmocka_unit_test(test_phase_stepping),
        cmocka_unit_test(test_guess),
        cmocka_unit_test(test_guess_hides),
        cmocka_unit_test(test_bookmarks),
        cmocka_unit_test(test_toggles),
        cmocka_unit_test(test_focus_zoom),
        cmocka_unit_test(test_final_samples),
        cmocka_unit_test(test_escape_keys),
        cmocka_unit_test(test_too_small),
        cmocka_unit_test(test_samples_pages),
        cmocka_unit_test(test_long_operation),
    };
    return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
