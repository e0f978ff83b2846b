/* test_ui_state.c: the key map, key by key: what each key does to the step,
 * the phase, the selection, running and speed, the classroom modes (phase
 * mode, explanation, live samples, guess mode, bookmarks, zoom and focus,
 * high contrast), and what it asks the loop to do. */
#include "testutil.h"

#include "session/classroom.h"
#include "render/layout.h"
#include "session/ui_state.h"

static void test_initial(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 0);
    assert_int_equal(s.step, 0);
    assert_int_equal(s.reached, 1);
    assert_int_equal(s.running, 1);
    assert_int_equal(s.help, 0);
    assert_int_equal(s.samples, 1);
    assert_int_equal(ui_speed_steps(&s), 10);
    UiState p = ui_state_new(500, 1);
    assert_int_equal(p.running, 0);
    UiState one = ui_state_new(1, 0);     /* nothing to run */
    assert_int_equal(one.running, 0);
}

static void test_space_toggles(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 1);
    assert_int_equal(ui_state_key(&s, ' ', 5), UI_DRAW | UI_CLOCK);
    assert_int_equal(s.running, 1);
    assert_int_equal(ui_state_key(&s, ' ', 5), UI_DRAW | UI_CLOCK);
    assert_int_equal(s.running, 0);
    s.step = 499;   /* at the last step there is nothing to resume */
    assert_int_equal(ui_state_key(&s, ' ', 5), 0);
    assert_int_equal(s.running, 0);
}

static void test_step_keys(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 0);
    /* n pauses and steps */
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW | UI_CLOCK | UI_STEP);
    assert_int_equal(s.step, 1);
    assert_int_equal(s.running, 0);
    assert_int_equal(ui_state_key(&s, UIK_RIGHT, 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 2);
    assert_int_equal(ui_state_key(&s, 'b', 5), UI_DRAW | UI_STEP);
    assert_int_equal(ui_state_key(&s, UIK_LEFT, 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 0);
    assert_int_equal(ui_state_key(&s, 'b', 5), UI_DRAW);     /* already first */
    assert_int_equal(s.step, 0);
    assert_int_equal(ui_state_key(&s, ']', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 10);
    assert_int_equal(ui_state_key(&s, ']', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 20);
    assert_int_equal(ui_state_key(&s, '[', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 10);
    s.step = 5;
    assert_int_equal(ui_state_key(&s, '[', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 0);
    s.step = 495;
    assert_int_equal(ui_state_key(&s, ']', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 499);
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW);
    assert_int_equal(s.step, 499);
}

static void test_home_end(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 1);
    s.reached = 42;
    s.step = 17;
    assert_int_equal(ui_state_key(&s, UIK_END, 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 41);
    assert_int_equal(ui_state_key(&s, UIK_HOME, 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 0);
    assert_int_equal(ui_state_key(&s, 'G', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 41);
    assert_int_equal(ui_state_key(&s, 'g', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 0);
}

static void test_selection(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 1);
    assert_int_equal(ui_state_key(&s, UIK_UP, 3), 0);        /* already the first */
    assert_int_equal(ui_state_key(&s, UIK_DOWN, 3), UI_DRAW);
    assert_int_equal(ui_state_key(&s, 'j', 3), UI_DRAW);
    assert_int_equal(s.sel, 2);
    assert_int_equal(ui_state_key(&s, UIK_DOWN, 3), 0);      /* the last of 3 */
    assert_int_equal(ui_state_sel(&s, 3), 2);
    /* a shorter name: the view clamps, Up moves from what is shown */
    assert_int_equal(ui_state_sel(&s, 2), 1);
    assert_int_equal(ui_state_key(&s, UIK_UP, 2), UI_DRAW);
    assert_int_equal(s.sel, 0);
    assert_int_equal(ui_state_key(&s, 'k', 2), 0);
}

static void test_speed(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 0);
    int prev = ui_speed_steps(&s);
    while (ui_state_key(&s, '+', 5) == (UI_DRAW | UI_CLOCK)) {
        int now = ui_speed_steps(&s);
        assert_true(now == 0 || now > prev);
        prev = now;
    }
    assert_int_equal(ui_speed_steps(&s), 0);         /* top: as fast as the core goes */
    assert_int_equal(ui_state_key(&s, '=', 5), 0);
    while (ui_state_key(&s, '-', 5) != 0) {
    }
    assert_int_equal(ui_speed_steps(&s), 1);         /* bottom: one step a second */
    assert_int_equal(s.speed, 0);
    assert_int_equal(ui_speed_count(), 11);
}

static void test_help_and_others(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 1);
    assert_int_equal(ui_state_key(&s, '?', 5), UI_DRAW);
    assert_int_equal(s.help, 1);
    /* any key closes the help, and does nothing else */
    assert_int_equal(ui_state_key(&s, 'q', 5), UI_DRAW);
    assert_int_equal(s.help, 0);
    assert_int_equal(ui_state_key(&s, UIK_F1, 5), UI_DRAW);
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW);
    assert_int_equal(s.step, 0);
    /* redraw and resize repaint, with or without the help */
    assert_int_equal(ui_state_key(&s, UIK_CTRL_L, 5), UI_DRAW | UI_REPAINT);
    assert_int_equal(ui_state_key(&s, UIK_RESIZE, 5), UI_DRAW | UI_REPAINT);
    assert_int_equal(ui_state_key(&s, 'q', 5), UI_QUIT);
    assert_int_equal(ui_state_key(&s, 'Q', 5), UI_QUIT);
    assert_int_equal(ui_state_key(&s, 's', 5), UI_DRAW);
    assert_int_equal(s.samples, 0);
    assert_int_equal(ui_state_key(&s, UIK_ESC, 5), 0);
    assert_int_equal(ui_state_key(&s, 's', 5), UI_DRAW);
    assert_int_equal(ui_state_key(&s, UIK_ESC, 5), UI_DRAW);
    assert_int_equal(s.samples, 0);
    assert_int_equal(ui_state_key(&s, 'x', 5), 0);
    assert_int_equal(ui_state_key(&s, 0, 5), 0);
}


/* Phase mode: n walks Sample, Forward 0 .. n-1, Loss, Backward, Update, Log,
 * then the next step's Sample; b walks back, into the step before's Log. */
static void test_phase_stepping(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 1);
    assert_int_equal(ui_state_phase(&s, 5), 9);      /* step mode: the whole step */
    assert_int_equal(ui_state_key(&s, 'p', 5), UI_DRAW);
    assert_int_equal(s.phase_mode, 1);
    assert_int_equal(ui_state_phase(&s, 5), 0);      /* the step's first phase */
    static const int kinds[] = { PHASE_SAMPLE, PHASE_FORWARD, PHASE_FORWARD, PHASE_FORWARD,
                                 PHASE_FORWARD, PHASE_FORWARD, PHASE_LOSS, PHASE_BACKWARD,
                                 PHASE_UPDATE, PHASE_LOG };
    for (int i = 0; i < 10; i++) {
        int pos;
        assert_int_equal(phase_kind(ui_state_phase(&s, 5), 5, &pos), kinds[i]);
        assert_int_equal(pos, kinds[i] == PHASE_FORWARD ? i - 1 : -1);
        assert_int_equal(s.step, 0);
        assert_int_equal(ui_state_key(&s, 'n', 5), i < 9 ? UI_DRAW : UI_DRAW | UI_STEP);
    }
    assert_int_equal(s.step, 1);
    assert_int_equal(ui_state_phase(&s, 7), 0);      /* step 2's Sample */
    /* back: into step 1's last phase (clamped with the n of the step shown) */
    assert_int_equal(ui_state_key(&s, 'b', 7), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 0);
    assert_int_equal(ui_state_phase(&s, 5), 9);
    for (int i = 9; i > 0; i--)
        assert_int_equal(ui_state_key(&s, UIK_LEFT, 5), UI_DRAW);
    assert_int_equal(ui_state_phase(&s, 5), 0);
    assert_int_equal(ui_state_key(&s, 'b', 5), UI_DRAW);   /* the very first phase */
    assert_int_equal(s.step, 0);
    /* jumps land on the start of a step */
    assert_int_equal(ui_state_key(&s, UIK_RIGHT, 5), UI_DRAW);
    assert_int_equal(ui_state_key(&s, ']', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 10);
    assert_int_equal(ui_state_phase(&s, 5), 0);
    /* up/down: the forward phase of the position before / after */
    assert_int_equal(ui_state_key(&s, UIK_UP, 5), 0);      /* Sample: no position */
    assert_int_equal(ui_state_key(&s, UIK_DOWN, 5), UI_DRAW);
    assert_int_equal(ui_state_phase(&s, 5), 1);
    assert_int_equal(ui_state_key(&s, 'j', 5), UI_DRAW);
    assert_int_equal(ui_state_phase(&s, 5), 2);
    assert_int_equal(s.sel, 1);
    s.phase = 8;    /* Update */
    assert_int_equal(ui_state_key(&s, 'k', 5), UI_DRAW);
    assert_int_equal(ui_state_phase(&s, 5), 5);      /* the last position's forward */
    /* space runs whole steps; p leaves phase mode and back */
    assert_int_equal(ui_state_key(&s, ' ', 5), UI_DRAW | UI_CLOCK);
    assert_int_equal(s.running, 1);
    assert_int_equal(ui_state_phase(&s, 5), 9);
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW | UI_CLOCK | UI_STEP);
    assert_int_equal(s.running, 0);
    assert_int_equal(ui_state_phase(&s, 5), 0);
    assert_int_equal(ui_state_key(&s, 'P', 5), UI_DRAW);
    assert_int_equal(s.phase_mode, 0);
    assert_int_equal(ui_state_phase(&s, 5), 9);
    /* the last step's last phase: nothing further */
    s.phase_mode = 1;
    s.step = 499;
    s.phase = PHASE_END;
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW);
    assert_int_equal(s.step, 499);
}

/* Guess mode: the answer of the position shown hides until r (or n, or
 * Enter) reveals it; a new position, phase or step hides it again. */
static void test_guess(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 1);
    assert_int_equal(ui_state_hidden(&s, 5), -1);
    assert_int_equal(ui_state_key(&s, 'r', 5), 0);     /* nothing to reveal */
    assert_int_equal(ui_state_key(&s, 'w', 5), UI_DRAW);
    assert_int_equal(ui_state_hidden(&s, 5), 0);       /* step mode: the selected position */
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW);  /* n reveals first ... */
    assert_int_equal(s.step, 0);
    assert_int_equal(ui_state_hidden(&s, 5), -1);
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW | UI_STEP);  /* ... then moves on */
    assert_int_equal(ui_state_hidden(&s, 5), 0);
    assert_int_equal(ui_state_key(&s, UIK_DOWN, 5), UI_DRAW);
    assert_int_equal(ui_state_hidden(&s, 5), 1);
    assert_int_equal(ui_state_key(&s, UIK_ENTER, 5), UI_DRAW);
    assert_int_equal(ui_state_hidden(&s, 5), -1);
    assert_int_equal(ui_state_key(&s, 'j', 5), UI_DRAW);
    assert_int_equal(ui_state_hidden(&s, 5), 2);
    /* phase mode: only the forward phases hide anything */
    assert_int_equal(ui_state_key(&s, 'p', 5), UI_DRAW);
    assert_int_equal(ui_state_hidden(&s, 5), -1);      /* Sample */
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW);
    assert_int_equal(ui_state_hidden(&s, 5), 0);       /* Forward 0 */
    assert_int_equal(ui_state_key(&s, 'R', 5), UI_DRAW);
    assert_int_equal(ui_state_hidden(&s, 5), -1);
    assert_int_equal(ui_state_key(&s, 'b', 5), UI_DRAW);   /* back to Sample */
    assert_int_equal(ui_state_key(&s, 'n', 5), UI_DRAW);   /* Forward 0 again: hidden again */
    assert_int_equal(ui_state_hidden(&s, 5), 0);
    /* running hides nothing; w turns it off */
    s.running = 1;
    assert_int_equal(ui_state_hidden(&s, 5), -1);
    s.running = 0;
    assert_int_equal(ui_state_key(&s, 'W', 5), UI_DRAW);
    assert_int_equal(ui_state_hidden(&s, 5), -1);
}

/* 1 .. 6 jump to the arc's milestones (the start of the step in phase
 * mode); for other run lengths, scaled. */
static void test_bookmarks(void **state)
{
    (void)state;
    static const int want[] = { 1, 50, 100, 200, 300, 500 };
    UiState s = ui_state_new(500, 0);
    for (int i = 5; i >= 0; i--) {
        unsigned r = ui_state_key(&s, '1' + i, 5);
        assert_true(r & UI_DRAW);
        assert_int_equal(s.step, want[i] - 1);
        assert_int_equal(s.running, 0);
    }
    assert_int_equal(ui_state_key(&s, '1', 5), UI_DRAW);     /* already there */
    s.phase_mode = 1;
    s.phase = 4;
    assert_int_equal(ui_state_key(&s, '1', 5), UI_DRAW);     /* the start of step 1 */
    assert_int_equal(s.phase, 0);
    assert_int_equal(ui_state_key(&s, '3', 5), UI_DRAW | UI_STEP);
    assert_int_equal(s.step, 99);
    assert_int_equal(s.phase, 0);
    UiState t = ui_state_new(1000, 1);
    assert_int_equal(ui_state_key(&t, '4', 5), UI_DRAW | UI_STEP);
    assert_int_equal(t.step, 399);
    assert_int_equal(ui_state_key(&t, '7', 5), 0);       /* no seventh */
}

/* e, l, c toggle the explanation, the live samples and high contrast. */
static void test_toggles(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 1);
    assert_int_equal(ui_state_key(&s, 'e', 5), UI_DRAW);
    assert_int_equal(s.explain, 1);
    assert_int_equal(ui_state_key(&s, 'E', 5), UI_DRAW);
    assert_int_equal(s.explain, 0);
    assert_int_equal(ui_state_key(&s, 'l', 5), UI_DRAW);
    assert_int_equal(s.live, 1);
    assert_int_equal(ui_state_key(&s, 'c', 5), UI_DRAW | UI_THEME | UI_REPAINT);
    assert_int_equal(s.contrast, 1);
    assert_int_equal(ui_state_key(&s, 'C', 5), UI_DRAW | UI_THEME | UI_REPAINT);
    assert_int_equal(s.contrast, 0);
}

/* Tab and Shift-Tab move the focus over the panels on screen; z zooms the
 * focused one, Esc or z again unzooms. */
static void test_focus_zoom(void **state)
{
    (void)state;
    UiState s = ui_state_new(500, 1);
    const unsigned step = 1u << LAY_NAME | 1u << LAY_POSITIONS | 1u << LAY_PROBS | 1u << LAY_LR |
                          1u << LAY_LOSS;
    assert_int_equal(ui_state_focus(&s, step), LAY_PROBS);  /* the main panel */
    assert_int_equal(ui_state_key_in(&s, UIK_TAB, 5, step), UI_DRAW);
    assert_int_equal(ui_state_focus(&s, step), LAY_LOSS);
    assert_int_equal(ui_state_key_in(&s, UIK_TAB, 5, step), UI_DRAW);
    assert_int_equal(ui_state_focus(&s, step), LAY_LR);
    assert_int_equal(ui_state_key_in(&s, UIK_TAB, 5, step), UI_DRAW);
    assert_int_equal(ui_state_focus(&s, step), LAY_NAME);   /* round again */
    assert_int_equal(ui_state_key_in(&s, UIK_BTAB, 5, step), UI_DRAW);
    assert_int_equal(ui_state_focus(&s, step), LAY_LR);
    assert_int_equal(ui_state_key_in(&s, 'z', 5, step), UI_DRAW);
    assert_int_equal(s.zoom, 1);
    assert_int_equal(s.focus, LAY_LR);
    assert_int_equal(ui_state_key_in(&s, UIK_TAB, 5, step), UI_DRAW);  /* zoomed: the next panel */
    assert_int_equal(s.focus, LAY_NAME);
    assert_int_equal(ui_state_key_in(&s, UIK_ESC, 5, step), UI_DRAW);
    assert_int_equal(s.zoom, 0);
    assert_int_equal(ui_state_key_in(&s, 'Z', 5, step), UI_DRAW);
    assert_int_equal(ui_state_key_in(&s, 'z', 5, step), UI_DRAW);
    assert_int_equal(s.zoom, 0);
    /* a focus no longer on screen falls back to the main panel */
    const unsigned phase = 1u << LAY_NAME | 1u << LAY_POSITIONS | 1u << LAY_PHASE;
    s.phase_mode = 1;
    s.focus = LAY_LOSS;
    assert_int_equal(ui_state_focus(&s, phase), LAY_PHASE);
    assert_int_equal(ui_state_focus(&s, 0), -1);
    assert_int_equal(ui_state_key_in(&s, UIK_TAB, 5, 0), 0);
    assert_int_equal(ui_state_key_in(&s, UIK_TAB, 5, 1u << LAY_PHASE), 0);   /* only one */
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
    assert_int_equal(key_escape("[3~"), 0);             /* Delete: nothing */
    assert_int_equal(key_escape("[15~"), 0);            /* F5 */
    assert_int_equal(key_escape("[200~"), 0);           /* bracketed paste */
    assert_int_equal(key_escape("[Z"), UIK_BTAB);         /* Shift-Tab */
    assert_int_equal(key_escape("OM"), UIK_ENTER);        /* keypad Enter */
    assert_int_equal(key_escape("[1;2Z"), 0);
    assert_int_equal(key_escape("x"), 0);
    assert_int_equal(key_escape("["), 0);
    assert_int_equal(key_escape(""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_initial),
        cmocka_unit_test(test_space_toggles),
        cmocka_unit_test(test_step_keys),
        cmocka_unit_test(test_home_end),
        cmocka_unit_test(test_selection),
        cmocka_unit_test(test_speed),
        cmocka_unit_test(test_help_and_others),
        cmocka_unit_test(test_phase_stepping),
        cmocka_unit_test(test_guess),
        cmocka_unit_test(test_bookmarks),
        cmocka_unit_test(test_toggles),
        cmocka_unit_test(test_focus_zoom),
        cmocka_unit_test(test_escape_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
