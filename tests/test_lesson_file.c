/* test_lesson_file.c: lesson scripts (--lesson FILE): the file read into
 * stops (app/lesson_file.h) with every error naming its line; the session
 * playing them (n and b walk the stops, guess mode first reveals, the note
 * in the explanation panel while the screen is the stop's); and the lesson
 * shipped, docs/lessons/training-loop.lesson: it loads, and n from its
 * first stop reaches each stop's screen.  --export-screens: its files. */
#include "testutil.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include "app/lesson_file.h"
#include "render/frame.h"
#include "ui_fixture.h"

#define DIR "build/test-lesson"

static int load(const char *text, Script *s, char *err)
{
    mkdir(DIR, 0755);
    write_file(DIR "/l.lesson", text, strlen(text));
    return lesson_load(s, DIR "/l.lesson", 500, 8, err, 512);
}

static void test_read(void **state)
{
    (void)state;
    Script s;
    char err[512];
    assert_int_equal(load("# a lesson\ntitle = Two stops\norder = file\n\n"
                          "[stop]\nname = first\nstep = 3\nphase = forward\nposition = 2\nguess = yes\n"
                          "note = Line one.\nnote = Line two.\n\n"
                          "[stop]   ; the step of the one before\nzoom = loss\narc = on\nsamples = no\n"
                          "live = yes\nexplain = no\nnote = Hidden: explain is off.\n"
                          "[stop]\nphase = backward\nguess = revealed\n"
                          "[stop]\nstep = 500\nphase = step\n",
                          &s, err), 0);
    assert_string_equal(s.title, "Two stops");
    assert_int_equal(s.order, 0);
    assert_int_equal(s.count, 4);
    const Stop *a = &s.stops[0], *b = &s.stops[1], *c = &s.stops[2], *d = &s.stops[3];
    assert_string_equal(a->name, "first");
    assert_int_equal(a->line, 6);
    assert_int_equal(a->step, 2);
    assert_true(a->phase_mode);
    assert_int_equal(a->phase.kind, PHASE_FORWARD);
    assert_int_equal(a->phase.pos, 2);
    assert_int_equal(a->position, 2);
    assert_int_equal(a->guess, 1);
    assert_int_equal(a->explain, 1);        /* a note: shown in the explanation panel */
    assert_string_equal(a->note, "Line one.\nLine two.");
    assert_int_equal(a->zoom, PANEL_NONE);
    assert_int_equal(a->samples, 1);
    assert_int_equal(b->step, 2);           /* the stop before's */
    assert_false(b->phase_mode);
    assert_int_equal(b->zoom, PANEL_LOSS);
    assert_true(b->arc && b->live && !b->samples);
    assert_int_equal(b->explain, 0);        /* said, whatever the note */
    assert_int_equal(c->phase.kind, PHASE_BACKWARD);
    assert_int_equal(c->guess, 2);
    assert_null(c->note);
    assert_int_equal(d->step, 499);
    assert_false(d->phase_mode);
    script_free(&s);
    assert_int_equal(s.count, 0);
    /* shuffled, and no title */
    assert_int_equal(load("order = shuffled\n[stop]\n step = 1\n", &s, err), -1);    /* indented */
    assert_int_equal(load("order = shuffled\n[stop]\nstep = 1\n", &s, err), 0);
    assert_int_equal(s.order, 1);
    assert_string_equal(s.title, "");
    script_free(&s);
}

static void expect(const char *text, const char *want)
{
    Script s;
    char err[512] = "";
    if (load(text, &s, err) != -1)
        fail_msg("accepted: '%s'", text);
    if (strcmp(err, want) != 0)
        fail_msg("'%s': error '%s', expected '%s'", text, err, want);
    assert_int_equal(s.count, 0);
}

static void test_errors(void **state)
{
    (void)state;
    const char *f = DIR "/l.lesson: ";
    char want[600];
#define E(text, msg) do { snprintf(want, sizeof want, "%s%s", f, msg); expect(text, want); } while (0)
    E("", "no [stop] in the lesson");
    E("title = x\n", "no [stop] in the lesson");
    E("[stop]\nstep 3\n", "line 2: not NAME = VALUE, [stop] or a comment (# or ;)");
    E("[stop\nstep = 3\n", "line 1: not NAME = VALUE, [stop] or a comment (# or ;)");
    E("step = 3\n", "line 1: 'step' is not title or order (a stop's lines go after [stop])");
    E("order = random\n", "line 1: order: 'random' is not file or shuffled");
    E("[stops]\nstep = 3\n", "line 2: [stops]: a lesson's sections are [stop]");
    E("[stop]\nstpe = 3\n", "line 2: 'stpe' is not name, step, phase, position, zoom, guess, arc, samples, "
                            "live, explain or note");
    E("[stop]\nstep = 0\n", "line 2: step: '0' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nstep = 501\n", "line 2: step: '501' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nstep = 1x\n", "line 2: step: '1x' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nstep = +1\n", "line 2: step: '+1' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nposition = 8\n", "line 2: position: '8' is not a position from 0 to 7 (the block size's last)");
    E("[stop]\nphase = forwards\n", "line 2: phase: 'forwards' is not sample, forward, loss, backward, update, "
                                    "log or step");
    E("[stop]\nzoom = probs\n", "line 2: zoom: 'probs' is not name, positions, probabilities, phase, loss, lr, "
                                "live, explain or none");
    E("[stop]\nguess = maybe\n", "line 2: guess: 'maybe' is not yes or no (or revealed)");
    E("[stop]\nlive = revealed\n", "line 2: live: 'revealed' is not yes or no");
    E("[stop]\nname = Two Words\n", "line 2: name: 'Two Words' is not a short name (a-z, 0-9 and -, at most 39)");
    E("[stop]\nstep = 2\nphase = loss\nstep = 3\n", "line 4: step given twice in one stop");
    E("[stop]\nstep = 2\n  note = x\n", "line 3: indented (a line starts with its name: NAME = VALUE)");
    E("[stop]\nnote = a\x1b[31m\n", "line 2: note: a control character");
    E("[stop]\nnote = caf\xe9\n", "line 2: note: not UTF-8");
    /* the first error counts; inih's and ours alike */
    E("[stop]\nstep = 0\nbroken\n", "line 2: step: '0' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nbroken\nstep = 0\n", "line 2: not NAME = VALUE, [stop] or a comment (# or ;)");
    /* a line too long, a note too long */
    char big[8000];
    snprintf(big, sizeof big, "[stop]\nnote = %0300d\n", 0);
    E(big, "line 2: longer than 199 bytes");
    size_t o = (size_t)snprintf(big, sizeof big, "[stop]\n");
    for (int i = 0; i < 30; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "note = %0150d\n", i);
    E(big, "line 29: note: longer than 4096 bytes in one stop");
#undef E
    Script s;
    char err[512];
    assert_int_equal(lesson_load(&s, DIR "/none.lesson", 500, 8, err, sizeof err), -1);
    assert_string_equal(err, DIR "/none.lesson: cannot read the lesson: No such file or directory");
    assert_int_equal(lesson_load(&s, DIR, 500, 8, err, sizeof err), -1);
    assert_string_equal(err, DIR ": cannot read the lesson: Is a directory");
}

/* The lesson played: n walks the stops (a guess stop reveals first), b back;
 * away from a stop, b returns to it and n goes on from it; the ends are
 * said; the note shows while the screen is the stop's. */
static void test_play(void **state)
{
    (void)state;
    Script sc;
    char err[512];
    assert_int_equal(load("[stop]\nstep = 1\nphase = sample\nnote = Look at the tokens.\n"
                          "[stop]\nphase = forward\nposition = 1\nguess = yes\n"
                          "[stop]\nstep = 50\nzoom = positions\nlive = yes\n",
                          &sc, err), 0);
    TrainConfig cfg = train_config_default();
    cfg.shuffle = 0;
    Fixture *f = fixture_make("data/names.txt", &cfg, VARIANT_COURSE);
    assert_non_null(f);
    session_free(&f->s);
    SessionConfig c = { .paused = 1, .samples = 20, .script = &sc };
    trainer_free(&f->t);
    assert_int_equal(trainer_init(&f->t, &f->ds, &cfg, err, sizeof err), 0);
    assert_int_equal(session_init(&f->s, &f->t, &c), 0);
    Session *s = &f->s;
    /* the first stop at the start */
    assert_int_equal(s->stop, 0);
    assert_true(s->phase_mode);
    assert_int_equal(session_shown(s, 0).phase.kind, PHASE_SAMPLE);
    assert_true(s->explain);
    Shown sh = session_shown(s, 0);
    assert_string_equal(sh.note, "Look at the tokens.");
    assert_int_equal(sh.stop, 0);
    assert_int_equal(sh.stops, 3);
    assert_true(sh.lesson);
    char *screen = NULL;
    Canvas cv;
    assert_int_equal(canvas_init(&cv, 80, 24, 0), 0);
    render_frame(&cv, s);
    screen = canvas_dump(&cv);
    assert_non_null(strstr(screen, "Stop 1 of 3 "));
    assert_non_null(strstr(screen, "\u2502 Look at the tokens."));
    assert_non_null(strstr(screen, " n \u2192 next stop "));
    free(screen);
    /* n: the guess stop, hidden; n reveals; n: the third stop */
    session_key(s, 'n', 0);
    assert_int_equal(s->stop, 1);
    assert_int_equal(session_shown(s, 0).phase.kind, PHASE_FORWARD);
    assert_int_equal(session_shown(s, 0).phase.pos, 1);
    assert_true(session_shown(s, 0).hiding);
    assert_null(session_shown(s, 0).note);
    session_key(s, 'n', 0);
    assert_int_equal(s->stop, 1);
    assert_false(session_shown(s, 0).hiding);
    session_key(s, UIK_RIGHT, 0);
    assert_int_equal(s->stop, 2);
    assert_int_equal(s->step, 49);
    assert_false(s->phase_mode);
    assert_true(s->zoom && s->focus == PANEL_POSITIONS && s->live);
    assert_false(s->guess);
    /* past the end: said, nothing moves */
    assert_int_equal(session_key(s, 'n', 0), DO_DRAW);
    assert_string_equal(session_shown(s, 0).message, "the lesson's last stop (3 of 3)");
    assert_int_equal(s->step, 49);
    /* b: the stop before, its note again */
    session_key(s, 'b', 0);
    session_key(s, 'b', 0);
    assert_int_equal(s->stop, 0);
    assert_string_equal(session_shown(s, 0).note, "Look at the tokens.");
    assert_int_equal(session_key(s, 'b', 0), DO_DRAW);
    assert_string_equal(session_shown(s, 0).message, "the lesson's first stop (1 of 3)");
    /* away from the stop (other keys explore): no note; b comes back; n goes on */
    session_key(s, ']', 0);
    assert_int_equal(s->step, 10);
    assert_null(session_shown(s, 0).note);
    assert_int_equal(session_shown(s, 0).stops, 0);
    session_key(s, 'b', 0);
    assert_int_equal(s->step, 0);
    assert_int_equal(s->stop, 0);
    assert_non_null(session_shown(s, 0).note);
    session_key(s, ']', 0);
    session_key(s, 'n', 0);
    assert_int_equal(s->stop, 1);
    assert_int_equal(s->step, 0);
    /* e hides the note with the panel */
    session_key(s, 'b', 0);
    session_key(s, 'e', 0);
    assert_null(session_shown(s, 0).note);
    canvas_free(&cv);
    fixture_free(f);
    script_free(&sc);
}

/* The cells of a canvas (malloc'd), to compare with a later one. */
static Cell *cells_copy(const Canvas *c)
{
    Cell *out = malloc(sizeof *out * (size_t)c->w * (size_t)c->h);
    assert_non_null(out);
    memcpy(out, c->cells, sizeof *out * (size_t)c->w * (size_t)c->h);
    return out;
}

/* The lesson shipped: it loads for the default run; n from its first stop
 * (revealing in guess mode) reaches every stop, each screen the one its
 * stop draws when played directly; b from the last walks back through them
 * all, each as it was. */
static void test_training_loop(void **state)
{
    (void)state;
    Script sc;
    char err[512];
    if (lesson_load(&sc, "docs/lessons/training-loop.lesson", 500, 8, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(sc.title, "The Training Loop");
    assert_int_equal(sc.order, 0);
    assert_true(sc.count >= 10);
    TrainConfig cfg = train_config_default();
    cfg.shuffle = 0;
    Fixture *walk = fixture_make("data/names.txt", &cfg, VARIANT_COURSE);
    Fixture *direct = fixture_make("data/names.txt", &cfg, VARIANT_COURSE);
    assert_true(walk && direct);
    SessionConfig c = { .paused = 1, .samples = 20, .script = &sc };
    Fixture *fs[2] = { walk, direct };
    for (int k = 0; k < 2; k++) {
        session_free(&fs[k]->s);
        trainer_free(&fs[k]->t);
        assert_int_equal(trainer_init(&fs[k]->t, &fs[k]->ds, &cfg, err, sizeof err), 0);
        assert_int_equal(session_init(&fs[k]->s, &fs[k]->t, &c), 0);
    }
    Canvas a, b;
    assert_int_equal(canvas_init(&a, 80, 24, 0), 0);
    assert_int_equal(canvas_init(&b, 80, 24, 0), 0);
    Cell **seen = calloc((size_t)sc.count, sizeof *seen);     /* each stop's screen, walking forward */
    assert_non_null(seen);
    for (int i = 0; i < sc.count; i++) {
        if (i > 0) {
            int presses = 0;
            while (walk->s.stop != i && presses++ < 3)
                session_key(&walk->s, 'n', 0);
            assert_int_equal(walk->s.stop, i);
        }
        session_stop(&direct->s, i, 0);
        render_frame(&a, &walk->s);
        render_frame(&b, &direct->s);
        char *ta = canvas_dump(&a), *tb = canvas_dump(&b);
        if (strcmp(ta, tb) != 0) {
            fprintf(stderr, "%s\n----\n%s\n", ta, tb);
            fail_msg("stop %d (%s, line %d): walking there shows another screen", i + 1, sc.stops[i].name,
                     sc.stops[i].line);
        }
        assert_non_null(strstr(ta, "step "));
        seen[i] = cells_copy(&a);
        free(ta);
        free(tb);
    }
    /* b walks back through every stop: each shows what it showed walking
     * forward, but for the loss curve's steps computed beyond (greyed) */
    for (int i = sc.count - 2; i >= 0; i--) {
        session_key(&walk->s, 'b', 0);
        assert_int_equal(walk->s.stop, i);
        render_frame(&a, &walk->s);
        for (int k = 0; k < a.w * a.h; k++) {
            const Cell *p = &seen[i][k], *q = &a.cells[k];
            if ((strcmp(p->g, q->g) != 0 || p->role != q->role) && q->role != ROLE_AHEAD) {
                char *ta = canvas_dump(&a);
                fprintf(stderr, "%s\n", ta);
                free(ta);
                fail_msg("stop %d (%s), walked back to: cell %d,%d '%s' (role %d), walking forward '%s' (role %d)",
                         i + 1, sc.stops[i].name, k % a.w, k / a.w, q->g, q->role, p->g, p->role);
            }
        }
    }
    for (int i = 0; i < sc.count; i++)
        free(seen[i]);
    free(seen);
    canvas_free(&a);
    canvas_free(&b);
    fixture_free(walk);
    fixture_free(direct);
    script_free(&sc);
}

/* --export-screens: a file pair per stop (or per phase of step 1), their
 * names listed; the options it goes with. */
static void test_export_screens(void **state)
{
    (void)state;
    mkdir(DIR, 0755);
    int st = system("rm -rf " DIR "/s1 " DIR "/s2 && ./microgpt-tui --no-config --emma --export-screens " DIR
                    "/s1 > " DIR "/list1 2>&1 && ./microgpt-tui --no-config --lesson "
                    "docs/lessons/training-loop.lesson --export-screens " DIR "/s2 --export-size 100x30 > " DIR
                    "/list2 2>&1");
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char *list = slurp(DIR "/list1", NULL);
    assert_string_equal(list, DIR "/s1/01-sample\n" DIR "/s1/02-forward-0\n" DIR "/s1/03-forward-1\n" DIR
                        "/s1/04-forward-2\n" DIR "/s1/05-forward-3\n" DIR "/s1/06-forward-4\n" DIR "/s1/07-loss\n"
                        DIR "/s1/08-backward\n" DIR "/s1/09-update\n" DIR "/s1/10-log\n");
    free(list);
    char *t = slurp(DIR "/s1/07-loss.txt", NULL);
    assert_non_null(strstr(t, "\u2248 3.2764"));     /* emma's step 1, phase by phase */
    assert_non_null(strstr(t, "Why: 2. Loss"));
    free(t);
    list = slurp(DIR "/s2/01-sample.txt", NULL);
    int rows = 0;
    for (const char *p = list; *p; p++)
        rows += *p == '\n';
    assert_int_equal(rows, 30);
    free(list);
    struct stat sb;
    assert_int_equal(stat(DIR "/s2/14-trained.svg", &sb), 0);
    /* errors: exit 2, one line */
    st = system("./microgpt-tui --no-config --export-screens /nonexistent/dir/x > " DIR "/out 2> " DIR "/err");
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 2);
    char *e = slurp(DIR "/err", NULL);
    assert_string_equal(e, "microgpt-tui: /nonexistent/dir/x: cannot make the directory: No such file or directory\n");
    free(e);
    static const struct { const char *args, *err; } bad[] = {
        { "--export-screens " DIR "/x --headless", "microgpt-tui: --export-screens: not with --headless (it "
          "writes screens, not the run's output) (try --help)\n" },
        { "--lesson docs/lessons/training-loop.lesson --trace", "microgpt-tui: --lesson: not with --trace (it "
          "plays in the interface, or with --export-screens) (try --help)\n" },
        { "--export-size 100x30", "microgpt-tui: --export-size: goes with --export-screens DIR (try --help)\n" },
        { "--export-screens " DIR "/x --export-size 79x24", "microgpt-tui: --export-size: '79x24' is not "
          "COLSxROWS from 80x24 to 400x200 (try --help)\n" },
        { "--lesson " DIR "/none.lesson", "microgpt-tui: " DIR "/none.lesson: cannot read the lesson: No such "
          "file or directory\n" },
        { "--steps 100 --lesson docs/lessons/training-loop.lesson", "microgpt-tui: docs/lessons/"
          "training-loop.lesson: line *: step: '200' is not a step from 1 to 100 (the run's last)\n" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "./microgpt-tui --no-config %s > " DIR "/out 2> " DIR "/err < /dev/null",
                 bad[i].args);
        st = system(cmd);
        assert_true(WIFEXITED(st));
        if (WEXITSTATUS(st) != 2)
            fail_msg("%s: status %d", bad[i].args, WEXITSTATUS(st));
        e = slurp(DIR "/err", NULL);
        /* "line *": the line of the lesson's first stop past step 100 */
        const char *star = strstr(bad[i].err, "*");
        int same = star ? strncmp(e, bad[i].err, (size_t)(star - bad[i].err)) == 0 &&
                          strstr(e, star + 1) != NULL && strchr(e, '\n') == e + strlen(e) - 1
                        : strcmp(e, bad[i].err) == 0;
        if (!same)
            fail_msg("%s: '%s', expected '%s'", bad[i].args, e, bad[i].err);
        free(e);
    }
}

int main(void)
{
    use_utf8_locale();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_play),
        cmocka_unit_test(test_training_loop),
        cmocka_unit_test(test_export_screens),
    };
    return cmocka_run_group_tests_name("lesson_file", tests, NULL, NULL);
}
