/* test_mouse.c: the mouse, from a cell of the frame to the session's
 * actions: what a cell shows (render_hit, against the frame's layout: the
 * panel there), and what a click, a double-click and the wheel do there
 * (session_mouse), on the real session of the UI tests (tests/ui_fixture.h);
 * the m key that turns it off and on.  The terminal's side (ncurses
 * decoding SGR 1006 and X10 reports) is tests/e2e/run.sh's. */
#include "testutil.h"

#include "render/frame.h"
#include "render/hit.h"
#include "ui_fixture.h"

static Fixture *fx;

static int setup(void **state)
{
    (void)state;
    use_utf8_locale();
    fx = fixture_new();
    return fx ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fixture_free(fx);
    return 0;
}

/* The frame's layout for a w x h screen, as the UI draws it. */
static Layout frame_of(Session *s, int w, int h)
{
    Canvas c;
    assert_int_equal(canvas_init(&c, w, h, 0), 0);
    Layout l = render_frame(&c, s);
    canvas_free(&c);
    return l;
}

/* The centre of panel p in layout l. */
static MouseEvent at(const Layout *l, PanelId p, MouseKind kind)
{
    assert_true(layout_has(l, p));
    Rect r = l->panel[p];
    return (MouseEvent){ kind, r.x + r.w / 2, r.y + r.h / 2 };
}

static unsigned mouse(Session *s, const Layout *l, MouseEvent e)
{
    Hit h = frame_hit(l, s, e.x, e.y);
    return session_mouse(s, &e, &h, l->panels);
}

/* Every cell hits the panel whose rectangle holds it, at both sizes and
 * zoomed; nothing below the minimum size. */
static void test_hit_panels(void **state)
{
    (void)state;
    Session *s = fixture_at(fx, 0);
    static const int sizes[][2] = { { 80, 24 }, { 120, 40 } };
    for (int z = 0; z < 2; z++)
        for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
            s->zoom = z;
            s->focus = PANEL_POSITIONS;
            Layout l = frame_of(s, sizes[k][0], sizes[k][1]);
            View v;
            session_view(s, l.panels, &v);
            int seen[PANEL_COUNT] = { 0 };
            for (int y = 0; y < l.rows; y++)
                for (int x = 0; x < l.cols; x++) {
                    Hit h = render_hit(&l, &v, x, y);
                    assert_true(h.panel != PANEL_NONE);     /* the panels tile the screen */
                    Rect r = l.panel[h.panel];
                    assert_true(x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h);
                    seen[h.panel] = 1;
                }
            for (int p = 0; p < PANEL_COUNT; p++)
                assert_int_equal(seen[p], layout_has(&l, (PanelId)p));
            if (z)
                assert_true(seen[PANEL_POSITIONS] && !seen[PANEL_NAME] && !seen[PANEL_PROBS]);
        }
    fixture_at(fx, 0);
    Layout small = frame_of(s, 60, 20);
    assert_int_equal(frame_hit(&small, s, 5, 5).panel, PANEL_NONE);
}

/* A click focuses the panel; a double-click zooms it, another unzooms. */
static void test_click_focus_zoom(void **state)
{
    (void)state;
    Session *s = fixture_at(fx, 0);
    Layout l = frame_of(s, 80, 24);
    assert_int_equal(session_shown(s, l.panels).focus, PANEL_PROBS);
    assert_int_equal(mouse(s, &l, at(&l, PANEL_LR, MOUSE_CLICK)), DO_DRAW);
    assert_int_equal(session_shown(s, l.panels).focus, PANEL_LR);
    assert_int_equal(mouse(s, &l, at(&l, PANEL_LR, MOUSE_CLICK)), 0);     /* already there */
    /* the status line, the lesson line and the keys take no focus */
    assert_int_equal(mouse(s, &l, at(&l, PANEL_STATUS, MOUSE_CLICK)), 0);
    assert_int_equal(mouse(s, &l, at(&l, PANEL_KEYS, MOUSE_DOUBLE)), 0);
    assert_int_equal(session_shown(s, l.panels).focus, PANEL_LR);
    assert_int_equal(s->zoom, 0);
    /* double-click: focus and zoom; the zoomed frame's only panel; again: back */
    assert_true(mouse(s, &l, at(&l, PANEL_POSITIONS, MOUSE_DOUBLE)) & DO_DRAW);
    assert_int_equal(s->zoom, 1);
    Layout z = frame_of(s, 80, 24);
    assert_int_equal(z.zoomed, PANEL_POSITIONS);
    assert_int_equal(session_shown(s, z.panels).zoomed, PANEL_POSITIONS);
    assert_true(mouse(s, &z, at(&z, PANEL_POSITIONS, MOUSE_DOUBLE)) & DO_DRAW);
    assert_int_equal(s->zoom, 0);
    assert_int_equal(session_shown(s, l.panels).focus, PANEL_POSITIONS);
    assert_int_equal(s->step, 0);       /* nothing else moved */
}

/* The wheel over a curve steps (down: forward, up: back); elsewhere, for
 * now, nothing. */
static void test_wheel(void **state)
{
    (void)state;
    Session *s = fixture_at(fx, 0);
    Layout l = frame_of(s, 80, 24);
    assert_true(mouse(s, &l, at(&l, PANEL_LOSS, MOUSE_WHEEL_DOWN)) & DO_DRAW);
    assert_int_equal(s->step, 1);
    assert_true(mouse(s, &l, at(&l, PANEL_LR, MOUSE_WHEEL_DOWN)) & DO_DRAW);
    assert_int_equal(s->step, 2);
    assert_true(mouse(s, &l, at(&l, PANEL_LOSS, MOUSE_WHEEL_UP)) & DO_DRAW);
    assert_int_equal(s->step, 1);
    assert_int_equal(mouse(s, &l, at(&l, PANEL_NAME, MOUSE_WHEEL_UP)), 0);
    assert_int_equal(s->step, 1);
    /* phase mode: one phase at a time, as n and b */
    s->phase_mode = 1;
    s->phase = phase_first();
    l = frame_of(s, 120, 40);
    mouse(s, &l, at(&l, PANEL_LOSS, MOUSE_WHEEL_DOWN));
    assert_int_equal(s->step, 1);
    assert_int_equal(s->phase.kind, PHASE_FORWARD);
}

/* Any click closes the help (and does nothing else); the wheel leaves it. */
static void test_help(void **state)
{
    (void)state;
    Session *s = fixture_at(fx, 0);
    Layout l = frame_of(s, 80, 24);
    s->help = 1;
    assert_int_equal(mouse(s, &l, at(&l, PANEL_LOSS, MOUSE_WHEEL_DOWN)), 0);
    assert_int_equal(s->help, 1);
    assert_int_equal(s->step, 0);
    assert_int_equal(mouse(s, &l, at(&l, PANEL_LR, MOUSE_CLICK)), DO_DRAW);
    assert_int_equal(s->help, 0);
    assert_int_equal(session_shown(s, l.panels).focus, PANEL_PROBS);
}

/* m turns the mouse off and on, saying so in the key line until the next
 * key; the input loop is told (DO_MOUSE). */
static void test_toggle(void **state)
{
    (void)state;
    Session *s = fixture_at(fx, 0);
    s->mouse = 1;
    assert_int_equal(session_key(s, 'm', 0), DO_DRAW | DO_MOUSE);
    assert_int_equal(s->mouse, 0);
    assert_string_equal(session_shown(s, 0).message, "mouse off (m turns it on)");
    Canvas c;
    assert_int_equal(canvas_init(&c, 80, 24, 0), 0);
    render_frame(&c, s);
    char *text = canvas_dump(&c);
    assert_non_null(strstr(text, "\n mouse off (m turns it on)\n"));
    free(text);
    canvas_free(&c);
    assert_int_equal(session_key(s, 'M', 0), DO_DRAW | DO_MOUSE);
    assert_int_equal(s->mouse, 1);
    assert_string_equal(session_shown(s, 0).message, "mouse on (m turns it off)");
    assert_int_equal(session_key(s, 'x' + 0x100000, 0), DO_DRAW);     /* any key ends the message */
    assert_null(session_shown(s, 0).message);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_panels),
        cmocka_unit_test(test_click_focus_zoom),
        cmocka_unit_test(test_wheel),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_toggle),
    };
    return cmocka_run_group_tests_name("mouse", tests, setup, teardown);
}
