/* test_ui_state.c: the key map, key by key: what each key does to the step,
 * the selection, running and speed, and what it asks the loop to do. */
#include "testutil.h"

#include "ui_state.h"

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

/* Escape sequences the terminal description may not know. */
static void test_escape_keys(void **state)
{
    (void)state;
    assert_int_equal(ui_escape_key("[1~"), UIK_HOME);
    assert_int_equal(ui_escape_key("[7~"), UIK_HOME);
    assert_int_equal(ui_escape_key("[H"), UIK_HOME);
    assert_int_equal(ui_escape_key("OH"), UIK_HOME);
    assert_int_equal(ui_escape_key("[4~"), UIK_END);
    assert_int_equal(ui_escape_key("[8~"), UIK_END);
    assert_int_equal(ui_escape_key("[F"), UIK_END);
    assert_int_equal(ui_escape_key("OF"), UIK_END);
    assert_int_equal(ui_escape_key("[5~"), UIK_PGUP);
    assert_int_equal(ui_escape_key("[6~"), UIK_PGDN);
    assert_int_equal(ui_escape_key("[A"), UIK_UP);
    assert_int_equal(ui_escape_key("OB"), UIK_DOWN);
    assert_int_equal(ui_escape_key("[1;5C"), UIK_RIGHT);   /* Ctrl-Right: still right */
    assert_int_equal(ui_escape_key("[1;2D"), UIK_LEFT);
    assert_int_equal(ui_escape_key("[3~"), 0);             /* Delete: nothing */
    assert_int_equal(ui_escape_key("[15~"), 0);            /* F5 */
    assert_int_equal(ui_escape_key("[200~"), 0);           /* bracketed paste */
    assert_int_equal(ui_escape_key("[Z"), 0);
    assert_int_equal(ui_escape_key("x"), 0);
    assert_int_equal(ui_escape_key("["), 0);
    assert_int_equal(ui_escape_key(""), 0);
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
        cmocka_unit_test(test_escape_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
