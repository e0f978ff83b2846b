/* test_goto.c: going to a step by number: what the `:` prompt's text means
 * (goto_parse) and its errors; the prompt's line (session/prompt.h); a count
 * (137G) and the lone digit that waits before its jump along the arc; both
 * in the real session (tests/ui_fixture.h), and the prompt's line drawn in
 * the key line's place. */
#include "testutil.h"

#include "render/frame.h"
#include "session/goto.h"
#include "session/prompt.h"
#include "ui_fixture.h"

static void expect_step(const char *text, int step, long want)
{
    long k = -7;
    char err[PROMPT_ERROR] = "";
    if (goto_parse(text, step, 500, &k, err, sizeof err) != 0)
        fail_msg("'%s': %s", text, err);
    if (k != want)
        fail_msg("'%s' from step %d: %ld, expected %ld", text, step + 1, k, want);
}

static void expect_error(const char *text, int step, const char *want)
{
    long k = -7;
    char err[PROMPT_ERROR] = "";
    if (goto_parse(text, step, 500, &k, err, sizeof err) == 0)
        fail_msg("'%s' accepted (%ld), expected '%s'", text, k, want);
    assert_string_equal(err, want);
    assert_int_equal(k, -7);
}

static void test_parse(void **state)
{
    (void)state;
    expect_step("137", 0, 136);             /* 1-based, as on screen */
    expect_step("1", 300, 0);
    expect_step("500", 0, 499);
    expect_step(" 42 ", 0, 41);
    expect_step("+10", 20, 30);
    expect_step("-10", 20, 10);
    expect_step("+0", 20, 20);
    expect_step("-20", 20, 0);
    expect_step("007", 0, 6);
    expect_error("", 0, "'' is not a step: a number, +N or -N");
    expect_error("abc", 0, "'abc' is not a step: a number, +N or -N");
    expect_error("12x", 0, "'12x' is not a step: a number, +N or -N");
    expect_error("1 2", 0, "'1 2' is not a step: a number, +N or -N");
    expect_error("+", 0, "'+' is not a step: a number, +N or -N");
    expect_error("--3", 0, "'--3' is not a step: a number, +N or -N");
    expect_error("3.5", 0, "'3.5' is not a step: a number, +N or -N");
    expect_error("0", 0, "there is no step 0: the first is 1");
    expect_error("501", 0, "step 501 is past the last step (500)");
    expect_error("+481", 20, "step 502 is past the last step (500)");
    expect_error("-21", 20, "step 0 is before step 1");
    /* a number too large for any run: said as typed, never a step made up */
    expect_error("99999999999999999999999", 0, "step 99999999999999999999999 is past the last step (500)");
    expect_error(" 99999999999 ", 0, "step 99999999999 is past the last step (500)");
    expect_error("+9223372036854775807", 20, "step 21 + 9223372036854775807 is past the last step (500)");
    expect_error("+99999999999", 0, "step 1 + 99999999999 is past the last step (500)");
    expect_error("-99999999999", 20, "step 21 - 99999999999 is before step 1");
    expect_error("-40000000000", 20, "step 21 - 40000000000 is before step 1");
    expect_step("+00000000000000000000003", 20, 23);     /* zeros in front are no size */
    expect_error("4000000001", 0, "step 4000000001 is past the last step (500)");
}

static void test_count(void **state)
{
    (void)state;
    Count c = { .len = 0 };
    assert_int_equal(count_add(&c, '0'), 0);    /* 0 cannot start one */
    assert_int_equal(c.len, 0);
    assert_int_equal(count_add(&c, 'x'), 0);
    assert_int_equal(count_add(&c, '4'), 1);
    assert_int_equal(count_arc(&c), 3);         /* a lone 4: the arc's fourth stage */
    assert_int_equal(count_add(&c, '0'), 1);
    assert_int_equal(count_arc(&c), -1);
    assert_int_equal(count_value(&c), 40);
    count_clear(&c);
    assert_int_equal(count_value(&c), 0);
    count_add(&c, '7');
    assert_int_equal(count_arc(&c), -1);        /* 7: no stage of its own */
    for (int i = 0; i < 20; i++)
        count_add(&c, '9');
    assert_int_equal(c.len, COUNT_DIGITS);
    assert_int_equal(count_value(&c), 7999999999L);
}

/* The prompt's line: a Field (the what-if form's editor), Ctrl-U, Enter
 * and Esc; editing drops the error. */
static void test_prompt_editing(void **state)
{
    (void)state;
    Prompt p;
    prompt_open(&p, ":", "hint");
    assert_true(p.active);
    assert_int_equal(prompt_key(&p, '1'), PROMPT_EDITED);
    prompt_key(&p, '3');
    prompt_key(&p, '9');
    prompt_key(&p, '7');
    assert_string_equal(p.field.text, "1397");
    prompt_key(&p, UIK_LEFT);
    prompt_key(&p, UIK_LEFT);
    prompt_key(&p, UIK_DELETE);
    assert_string_equal(p.field.text, "137");
    prompt_key(&p, UIK_HOME);
    prompt_key(&p, '+');
    assert_string_equal(p.field.text, "+137");
    prompt_key(&p, UIK_END);
    prompt_key(&p, UIK_BACKSPACE);
    assert_string_equal(p.field.text, "+13");
    prompt_fail(&p, "bad");
    assert_string_equal(p.error, "bad");
    prompt_key(&p, '0');        /* editing drops the error */
    assert_string_equal(p.error, "");
    assert_int_equal(prompt_key(&p, UIK_PGUP), PROMPT_IGNORED);     /* no key of the line */
    assert_int_equal(prompt_key(&p, 7), PROMPT_IGNORED);            /* a control character */
    prompt_key(&p, 21);         /* Ctrl-U */
    assert_string_equal(p.field.text, "");
    assert_int_equal(prompt_key(&p, '\r'), PROMPT_ENTER);
    assert_true(p.active);
    assert_int_equal(prompt_key(&p, UIK_ESC), PROMPT_CANCEL);
    assert_false(p.active);
}

static unsigned type(Session *s, const char *keys)
{
    unsigned r = 0;
    for (const char *k = keys; *k; k++)
        r |= session_key(s, *k == '\n' ? '\r' : *k, 0);
    return r;
}

/* The key line (the last row) at 80x24; with the prompt open, a cursor
 * shows in it. */
static char *key_line(Session *s)
{
    Canvas c;
    assert_int_equal(canvas_init(&c, 80, 24, 0), 0);
    render_frame(&c, s);
    char *text = canvas_dump(&c), *last = strrchr(text, '\n');
    *last = '\0';
    char *line = strdup(strrchr(text, '\n') + 1);
    const Cell *cur = NULL;
    for (int x = 0; x < c.w; x++)
        if (canvas_cell(&c, x, 23)->role == ROLE_SELECT)
            cur = canvas_cell(&c, x, 23);
    assert_true((cur != NULL) == (s->prompt.active != 0));
    free(text);
    canvas_free(&c);
    return line;
}

/* : opens the prompt; Enter goes to the step it names (phase mode: its
 * Sample phase), or says why not and stays open; Esc cancels; keys while
 * it is open are the prompt's. */
static void test_prompt_session(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 0);
    assert_int_equal(type(s, ":"), DO_DRAW);
    assert_true(session_shown(s, 0).prompt != NULL);
    char *line = key_line(s);
    assert_string_equal(line, " :   a step, +N or -N; Enter goes, Esc cancels");
    free(line);
    type(s, "137");
    line = key_line(s);
    assert_string_equal(line, " :137   a step, +N or -N; Enter goes, Esc cancels");
    free(line);
    assert_true(type(s, "\n") & DO_DRAW);
    assert_int_equal(s->step, 136);
    assert_null(session_shown(s, 0).prompt);
    type(s, ":-36\n");
    assert_int_equal(s->step, 100);
    type(s, ":+9\n");
    assert_int_equal(s->step, 109);
    /* errors: shown after the text, the prompt open; editing goes on */
    type(s, ":9999\n");
    assert_int_equal(s->step, 109);
    assert_non_null(session_shown(s, 0).prompt);
    line = key_line(s);
    assert_string_equal(line, " :9999   step 9999 is past the last step (500)");
    free(line);
    session_key(s, UIK_BACKSPACE, 0);
    session_key(s, UIK_BACKSPACE, 0);
    type(s, "\n");
    assert_int_equal(s->step, 98);
    /* keys while it is open are text: q does not quit, n does not step */
    assert_int_equal(type(s, ":q"), DO_DRAW);
    type(s, "n\n");
    assert_int_equal(s->step, 98);
    assert_string_equal(s->prompt.error, "'qn' is not a step: a number, +N or -N");
    assert_int_equal(session_key(s, UIK_ESC, 0), DO_DRAW);     /* cancelled */
    assert_null(session_shown(s, 0).prompt);
    assert_int_equal(s->step, 98);
    /* Enter on nothing closes it */
    type(s, ":\n");
    assert_null(session_shown(s, 0).prompt);
    /* phase mode: the step's Sample phase, even for the step shown */
    s->phase_mode = 1;
    s->phase = phase_at(3, s->runs[0].t->info.n);
    type(s, ":99\n");
    assert_int_equal(s->step, 98);
    assert_int_equal(s->phase.kind, PHASE_SAMPLE);
    s->phase_mode = 0;
    /* running: it pauses */
    s->running = 1;
    type(s, ":5\n");
    assert_int_equal(s->step, 4);
    assert_int_equal(s->running, 0);
}

/* 137G (or End); a lone 1 ... 6 jumps along the arc once it has waited
 * (session_count_expire), or at once when another key comes; Esc drops a
 * count; the digits show in the key line. */
static void test_count_session(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 0);
    assert_int_equal(type(s, "1"), DO_DRAW | DO_COUNT);
    assert_int_equal(type(s, "3"), DO_DRAW);
    type(s, "7");
    assert_string_equal(session_shown(s, 0).count, "137");
    char *line = key_line(s);
    assert_string_equal(line, " 137  G goes to step 137, Esc cancels");
    free(line);
    assert_int_equal(s->step, 0);       /* nothing moved yet */
    type(s, "G");
    assert_int_equal(s->step, 136);
    assert_null(session_shown(s, 0).count);
    type(s, "42");
    session_key(s, UIK_END, 0);
    assert_int_equal(s->step, 41);
    type(s, "9999G");                   /* past the end: the last step, as vim */
    assert_int_equal(s->step, 499);
    /* a lone 4: waits, then step 200 */
    session_go(s, 0);
    assert_int_equal(type(s, "4"), DO_DRAW | DO_COUNT);
    assert_int_equal(s->step, 0);
    assert_true(session_count_expire(s, 0) & DO_DRAW);
    assert_int_equal(s->step, 199);
    assert_int_equal(session_count_expire(s, 0), 0);     /* nothing waits */
    /* a lone 2, then another key: the jump, then the key */
    type(s, "2n");
    assert_int_equal(s->step, 50);
    /* digits then Esc: nothing */
    type(s, "46");
    assert_int_equal(session_count_expire(s, 0), 0);     /* 46 is no lone digit */
    assert_int_equal(session_key(s, UIK_ESC, 0), DO_DRAW);
    assert_int_equal(s->step, 50);
    assert_null(session_shown(s, 0).count);
    /* 7 then another key: the count dropped, the key acts */
    type(s, "7b");
    assert_int_equal(s->step, 49);
    /* a lone 0 is nothing */
    assert_int_equal(type(s, "0"), 0);
    assert_null(session_shown(s, 0).count);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        fixture_unit_test(test_parse),
        fixture_unit_test(test_count),
        fixture_unit_test(test_prompt_editing),
        fixture_unit_test(test_prompt_session),
        fixture_unit_test(test_count_session),
    };
    return cmocka_run_group_tests_name("goto", tests, NULL, NULL);
}
