/* test_mouse.c: the mouse, from a cell of the frame to the session's
 * actions: what a cell shows (render_hit: the panel from the frame's
 * layout, and what the renderers tagged the cell with: a position's row, a
 * step of a curve, a key's hint, the probabilities, the samples), and what
 * a click, a double-click and the wheel do there (session_mouse), on the
 * real session of the UI tests (tests/ui_fixture.h); the m key that turns
 * it off and on.  The terminal's side (ncurses decoding SGR 1006 and the
 * classic reports) is tests/e2e/run.sh's. */
#include "testutil.h"

#include "render/frame.h"
#include "render/hit.h"
#include "ui_fixture.h"

/* A frame as the UI draws it: its canvas and its layout. */
typedef struct {
    Canvas c;
    Layout l;
} Frame;

static void draw(Frame *f, Session *s, int w, int h)
{
    assert_int_equal(canvas_init(&f->c, w, h, 0), 0);
    f->l = render_frame(&f->c, s);
}

static void redraw(Frame *f, Session *s)
{
    f->l = render_frame(&f->c, s);
}

static void undraw(Frame *f)
{
    canvas_free(&f->c);
}

/* The centre of panel p. */
static void centre(const Frame *f, PanelId p, int *x, int *y)
{
    assert_true(layout_has(&f->l, p));
    Rect r = f->l.panel[p];
    *x = r.x + r.w / 2;
    *y = r.y + r.h / 2;
}

/* A mouse event at (x, y) of the frame. */
static unsigned mouse_at(Session *s, const Frame *f, MouseKind kind, int x, int y)
{
    MouseEvent e = { kind, x, y };
    Hit h = render_hit(&f->l, &f->c, x, y);
    return session_mouse(s, &e, &h, f->l.panels | f->l.spare);
}

/* At the centre of panel p (what is drawn there: a curve, a list ...). */
static unsigned mouse(Session *s, const Frame *f, PanelId p, MouseKind kind)
{
    int x, y;
    centre(f, p, &x, &y);
    return mouse_at(s, f, kind, x, y);
}

/* On panel p's frame (its title row): the panel alone. */
static unsigned mouse_frame(Session *s, const Frame *f, PanelId p, MouseKind kind)
{
    assert_true(layout_has(&f->l, p));
    return mouse_at(s, f, kind, f->l.panel[p].x + 1, f->l.panel[p].y);
}

/* The first cell of panel p tagged `kind` with `value`: its place, or -1. */
static int find_tag(const Frame *f, PanelId p, HitKind kind, int value, int *x, int *y)
{
    Rect r = f->l.panel[p];
    for (*y = r.y; *y < r.y + r.h; (*y)++)
        for (*x = r.x; *x < r.x + r.w; (*x)++) {
            Hit h = render_hit(&f->l, &f->c, *x, *y);
            if (h.kind == kind && h.value == value)
                return 0;
        }
    return -1;
}

/* Every cell hits the panel whose rectangle holds it, at both sizes and
 * zoomed; nothing below the minimum size. */
static void test_hit_panels(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 0);
    static const int sizes[][2] = { { 80, 24 }, { 120, 40 } };
    for (int z = 0; z < 2; z++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            s->zoom = z;
            s->focus = PANEL_POSITIONS;
            Frame f;
            draw(&f, s, sizes[k][0], sizes[k][1]);
            int seen[PANEL_COUNT] = { 0 };
            for (int y = 0; y < f.l.rows; y++)
                for (int x = 0; x < f.l.cols; x++) {
                    Hit h = render_hit(&f.l, &f.c, x, y);
                    assert_true(h.panel != PANEL_NONE);     /* the panels tile the screen */
                    Rect r = f.l.panel[h.panel];
                    assert_true(x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h);
                    seen[h.panel] = 1;
                }
            for (int p = 0; p < PANEL_COUNT; p++)
                assert_int_equal(seen[p], layout_has(&f.l, (PanelId)p));
            if (z)
                assert_true(seen[PANEL_POSITIONS] && !seen[PANEL_NAME] && !seen[PANEL_PROBS]);
            undraw(&f);
        }
    s = fixture_at(fx, 0);
    Frame small;
    draw(&small, s, 60, 20);
    assert_int_equal(render_hit(&small.l, &small.c, 5, 5).panel, PANEL_NONE);
    undraw(&small);
}

/* What the renderers tag: each position's row (and its input token), each
 * column of the curves with its step (first left, last right, in order),
 * each hint with its key, the probabilities with how far they scroll. */
static void test_tags(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 30);    /* kymberly: n = 8 */
    Frame f;
    draw(&f, s, 120, 40);
    int x, y;
    for (int i = 0; i < 8; i++) {
        assert_int_equal(find_tag(&f, PANEL_POSITIONS, HIT_POSITION, i, &x, &y), 0);
        assert_int_equal(find_tag(&f, PANEL_NAME, HIT_POSITION, i, &x, &y), 0);
    }
    assert_int_equal(find_tag(&f, PANEL_POSITIONS, HIT_POSITION, 8, &x, &y), -1);
    assert_int_equal(find_tag(&f, PANEL_NAME, HIT_POSITION, 8, &x, &y), -1);    /* the cut tail */
    static const PanelId curves[] = { PANEL_LR, PANEL_LOSS };
    for (int k = 0; k < 2; k++) {
        Rect r = f.l.panel[curves[k]];
        int y0 = r.y + r.h / 2, prev = -1, first = -1, last = -1;
        for (x = r.x; x < r.x + r.w; x++) {
            Hit h = render_hit(&f.l, &f.c, x, y0);
            if (h.kind != HIT_STEP)
                continue;
            assert_true(h.value > prev);
            prev = h.value;
            if (first < 0)
                first = h.value;
            last = h.value;
        }
        assert_int_equal(first, 0);
        assert_int_equal(last, 499);
    }
    /* the hints: "space run" presses space, "? help" ? */
    assert_int_equal(find_tag(&f, PANEL_KEYS, HIT_KEY, ' ', &x, &y), 0);
    assert_int_equal(find_tag(&f, PANEL_KEYS, HIT_KEY, '?', &x, &y), 0);
    /* the probabilities: all 27 fit at 120x40, nothing to scroll (80x24:
     * test_wheel) */
    Hit h = render_hit(&f.l, &f.c, f.l.panel[PANEL_PROBS].x + 5, f.l.panel[PANEL_PROBS].y + 3);
    assert_int_equal(h.kind, HIT_PROBS);
    assert_int_equal(h.value, 0);
    assert_int_equal(s->probs_max, 0);
    undraw(&f);
}

/* A click focuses the panel; a double-click zooms it, another unzooms. */
static void test_click_focus_zoom(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 0);
    Frame f;
    draw(&f, s, 80, 24);
    assert_int_equal(session_shown(s, f.l.panels).focus, PANEL_PROBS);
    assert_int_equal(mouse_frame(s, &f, PANEL_LR, MOUSE_CLICK), DO_DRAW);
    assert_int_equal(session_shown(s, f.l.panels).focus, PANEL_LR);
    assert_int_equal(mouse_frame(s, &f, PANEL_LR, MOUSE_CLICK), 0);   /* already there */
    /* the status line and the lesson line take no focus */
    assert_int_equal(mouse(s, &f, PANEL_STATUS, MOUSE_CLICK), 0);
    assert_int_equal(mouse(s, &f, PANEL_LESSON, MOUSE_DOUBLE), 0);
    assert_int_equal(session_shown(s, f.l.panels).focus, PANEL_LR);
    assert_int_equal(s->zoom, 0);
    /* double-click: focus and zoom; the zoomed frame's only panel; again: back */
    redraw(&f, s);
    assert_true(mouse_frame(s, &f, PANEL_POSITIONS, MOUSE_DOUBLE) & DO_DRAW);
    assert_int_equal(s->zoom, 1);
    redraw(&f, s);
    assert_int_equal(f.l.zoomed, PANEL_POSITIONS);
    assert_true(mouse_frame(s, &f, PANEL_POSITIONS, MOUSE_DOUBLE) & DO_DRAW);
    assert_int_equal(s->zoom, 0);
    assert_int_equal(session_shown(s, f.l.panels).focus, PANEL_POSITIONS);
    assert_int_equal(s->step, 0);       /* nothing else moved */
    undraw(&f);
}

/* A click on a position's row, or its input token, selects it (phase mode:
 * its forward phase); on a curve, goes to the step under it; on a hint,
 * presses the key. */
static void test_click_what(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 0);    /* yuheng: n = 7 */
    Frame f;
    draw(&f, s, 80, 24);
    int x, y;
    assert_int_equal(find_tag(&f, PANEL_POSITIONS, HIT_POSITION, 3, &x, &y), 0);
    assert_true(mouse_at(s, &f, MOUSE_CLICK, x, y) & DO_DRAW);
    assert_int_equal(session_shown(s, f.l.panels).pos, 3);
    assert_int_equal(session_shown(s, f.l.panels).focus, PANEL_POSITIONS);
    redraw(&f, s);
    assert_int_equal(find_tag(&f, PANEL_NAME, HIT_POSITION, 5, &x, &y), 0);
    mouse_at(s, &f, MOUSE_CLICK, x, y);
    assert_int_equal(session_shown(s, f.l.panels).pos, 5);
    /* the loss curve: its middle column is a step in the middle of the run */
    redraw(&f, s);
    Rect r = f.l.panel[PANEL_LOSS];
    Hit h = render_hit(&f.l, &f.c, r.x + r.w / 2, r.y + 2);
    assert_int_equal(h.kind, HIT_STEP);
    assert_true(h.value > 150 && h.value < 350);
    assert_true(mouse_at(s, &f, MOUSE_CLICK, r.x + r.w / 2, r.y + 2) & DO_DRAW);
    assert_int_equal(s->step, h.value);
    assert_int_equal(s->reached, h.value + 1);
    assert_int_equal(session_shown(s, f.l.panels).focus, PANEL_LOSS);
    /* the learning rate's first column: step 1 */
    redraw(&f, s);
    assert_int_equal(find_tag(&f, PANEL_LR, HIT_STEP, 0, &x, &y), 0);
    mouse_at(s, &f, MOUSE_CLICK, x, y);
    assert_int_equal(s->step, 0);
    /* a hint: "p phases" presses p */
    redraw(&f, s);
    assert_int_equal(find_tag(&f, PANEL_KEYS, HIT_KEY, 'p', &x, &y), 0);
    assert_true(mouse_at(s, &f, MOUSE_CLICK, x, y) & DO_DRAW);
    assert_int_equal(s->phase_mode, 1);
    /* phase mode: a row is its forward phase */
    redraw(&f, s);
    assert_int_equal(find_tag(&f, PANEL_POSITIONS, HIT_POSITION, 2, &x, &y), 0);
    mouse_at(s, &f, MOUSE_CLICK, x, y);
    assert_int_equal(s->phase.kind, PHASE_FORWARD);
    assert_int_equal(s->phase.pos, 2);
    undraw(&f);
}

/* The wheel: over a curve it steps (down: forward, up: back); over the
 * positions it moves the selection; over the probabilities it scrolls them
 * (three rows a notch, no further than the list goes); elsewhere nothing. */
static void test_wheel(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 0);
    Frame f;
    draw(&f, s, 80, 24);
    assert_true(mouse(s, &f, PANEL_LOSS, MOUSE_WHEEL_DOWN) & DO_DRAW);
    assert_int_equal(s->step, 1);
    assert_true(mouse(s, &f, PANEL_LR, MOUSE_WHEEL_DOWN) & DO_DRAW);
    assert_int_equal(s->step, 2);
    assert_true(mouse(s, &f, PANEL_LOSS, MOUSE_WHEEL_UP) & DO_DRAW);
    assert_int_equal(s->step, 1);
    assert_int_equal(mouse(s, &f, PANEL_NAME, MOUSE_WHEEL_UP), 0);
    assert_int_equal(s->step, 1);
    redraw(&f, s);
    mouse(s, &f, PANEL_POSITIONS, MOUSE_WHEEL_DOWN);
    mouse(s, &f, PANEL_POSITIONS, MOUSE_WHEEL_DOWN);
    assert_int_equal(session_shown(s, f.l.panels).pos, 2);
    mouse(s, &f, PANEL_POSITIONS, MOUSE_WHEEL_UP);
    assert_int_equal(session_shown(s, f.l.panels).pos, 1);
    /* the probabilities: 27 tokens, 7 rows and "… 20 more" at 80x24 */
    redraw(&f, s);
    char *text = canvas_dump(&f.c);
    assert_non_null(strstr(text, "\u2026 20 more"));
    free(text);
    assert_int_equal(s->probs_max, 20);
    assert_true(mouse(s, &f, PANEL_PROBS, MOUSE_WHEEL_DOWN) & DO_DRAW);
    assert_int_equal(s->probs_scroll, 3);
    redraw(&f, s);
    text = canvas_dump(&f.c);
    assert_non_null(strstr(text, "\u2026 3 above, 17 below"));
    free(text);
    for (int i = 0; i < 10; i++)
        mouse(s, &f, PANEL_PROBS, MOUSE_WHEEL_DOWN);
    assert_int_equal(s->probs_scroll, 20);
    assert_int_equal(session_key(s, '>', f.l.panels), 0);   /* the end */
    assert_int_equal(session_key(s, '<', f.l.panels), DO_DRAW);
    assert_int_equal(s->probs_scroll, 19);
    /* another position: the list from its top again */
    session_key(s, UIK_DOWN, f.l.panels);
    assert_int_equal(s->probs_scroll, 0);
    assert_int_equal(mouse(s, &f, PANEL_PROBS, MOUSE_WHEEL_UP), 0);
    /* phase mode: one phase at a time, as n and b */
    s->phase_mode = 1;
    s->phase = phase_first();
    undraw(&f);
    draw(&f, s, 120, 40);
    mouse(s, &f, PANEL_LOSS, MOUSE_WHEEL_DOWN);
    assert_int_equal(s->step, 1);
    assert_int_equal(s->phase.kind, PHASE_FORWARD);
    undraw(&f);
}

/* The final samples: the wheel pages them, as s does, but back too. */
static void test_wheel_samples(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 499);
    Frame f;
    draw(&f, s, 80, 24);
    Shown sh = session_shown(s, f.l.panels);
    assert_int_equal(sh.samples, 2);
    int x, y;
    assert_int_equal(find_tag(&f, PANEL_PROBS, HIT_SAMPLES, 0, &x, &y), 0);
    if (!sh.samples_more) {     /* all 20 on one page here: nothing to page */
        assert_int_equal(mouse_at(s, &f, MOUSE_WHEEL_DOWN, x, y), 0);
    } else {
        assert_int_equal(mouse_at(s, &f, MOUSE_WHEEL_DOWN, x, y), DO_DRAW);
        assert_int_equal(session_shown(s, f.l.panels).samples_page, 1);
        mouse_at(s, &f, MOUSE_WHEEL_UP, x, y);
        assert_int_equal(session_shown(s, f.l.panels).samples_page, 0);
    }
    assert_int_equal(mouse_at(s, &f, MOUSE_WHEEL_UP, x, y), 0);     /* the first page */
    assert_int_equal(session_shown(s, f.l.panels).samples, 2);      /* still shown */
    undraw(&f);
}

/* Any click closes the help (and does nothing else); the wheel leaves it.
 * While a step is being typed (the prompt, a count) the mouse waits. */
static void test_help_and_typing(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 0);
    Frame f;
    draw(&f, s, 80, 24);
    s->help = 1;
    assert_int_equal(mouse(s, &f, PANEL_LOSS, MOUSE_WHEEL_DOWN), 0);
    assert_int_equal(s->help, 1);
    assert_int_equal(s->step, 0);
    assert_int_equal(mouse(s, &f, PANEL_LR, MOUSE_CLICK), DO_DRAW);
    assert_int_equal(s->help, 0);
    assert_int_equal(session_shown(s, f.l.panels).focus, PANEL_PROBS);
    session_key(s, ':', f.l.panels);
    assert_int_equal(mouse(s, &f, PANEL_LR, MOUSE_CLICK), 0);
    session_key(s, UIK_ESC, f.l.panels);
    session_key(s, '7', f.l.panels);
    assert_int_equal(mouse(s, &f, PANEL_LOSS, MOUSE_WHEEL_DOWN), 0);
    assert_int_equal(s->step, 0);
    session_key(s, UIK_ESC, f.l.panels);
    undraw(&f);
}

/* m turns the mouse off and on, saying so in the key line until the next
 * key; the input loop is told (DO_MOUSE). */
static void test_toggle(void **state)
{
    Fixture *fx = *state;
    Session *s = fixture_at(fx, 0);
    s->mouse = 1;
    assert_int_equal(session_key(s, 'm', 0), DO_DRAW | DO_MOUSE);
    assert_int_equal(s->mouse, 0);
    assert_string_equal(session_shown(s, 0).message, "mouse off (m turns it on)");
    Frame f;
    draw(&f, s, 80, 24);
    char *text = canvas_dump(&f.c);
    assert_non_null(strstr(text, "\n mouse off (m turns it on)\n"));
    free(text);
    undraw(&f);
    assert_int_equal(session_key(s, 'M', 0), DO_DRAW | DO_MOUSE);
    assert_int_equal(s->mouse, 1);
    assert_string_equal(session_shown(s, 0).message, "mouse on (m turns it off)");
    assert_int_equal(session_key(s, 'x' + 0x100000, 0), DO_DRAW);     /* any key ends the message */
    assert_null(session_shown(s, 0).message);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        fixture_unit_test(test_hit_panels),
        fixture_unit_test(test_tags),
        fixture_unit_test(test_click_focus_zoom),
        fixture_unit_test(test_click_what),
        fixture_unit_test(test_wheel),
        fixture_unit_test(test_wheel_samples),
        fixture_unit_test(test_help_and_typing),
        fixture_unit_test(test_toggle),
    };
    return cmocka_run_group_tests_name("mouse", tests, NULL, NULL);
}
