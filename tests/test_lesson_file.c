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

/* The run the lessons are read for: the course's, in the file's order. */
static Fixture *course;

static LessonRun course_run(void)
{
    return (LessonRun){ .num_steps = 500, .ds = &course->ds, .model = &course->t.model };
}

static int load(const char *text, Script *s, char *err)
{
    mkdir(DIR, 0755);
    write_file(DIR "/l.lesson", text, strlen(text));
    const LessonRun r = course_run();
    return lesson_load(s, DIR "/l.lesson", &r, err, 512);
}

/* A session of the course's run, in the file's order, playing sc (the
 * names of --probe given, when nprobe). */
static Fixture *play(const Script *sc, const char *const *probe, int nprobe)
{
    TrainConfig cfg = train_config_default();
    cfg.shuffle = 0;
    Fixture *f = fixture_make("data/names.txt", &cfg, VARIANT_COURSE);
    assert_non_null(f);
    session_free(&f->s);
    trainer_free(&f->t);
    char err[256];
    assert_int_equal(trainer_init(&f->t, &f->ds, &cfg, err, sizeof err), 0);
    const SessionConfig c = { .paused = 1, .samples = 20, .script = sc, .probe = probe, .nprobe = nprobe };
    assert_int_equal(session_init(&f->s, &f->t, &c), 0);
    return f;
}

/* Asserts that the frame at 80x24 holds `want`, or that it does not. */
static void screen_has(Session *s, const char *want, int has)
{
    char *text = fixture_screen(s, 80, 24, 0);
    if ((strstr(text, want) != NULL) != has)
        fail_msg("%s\n'%s' %s", text, want, has ? "missing" : "shown");
    free(text);
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
    for (int i = 0; i < 4; i++) {   /* nothing inside the model unless said */
        assert_int_equal(s.stops[i].inside, PANEL_NONE);
        assert_false(s.stops[i].probe_set);
        assert_int_equal(s.stops[i].follow_rank, -1);
        assert_int_equal(s.stops[i].follow_index, -1);
        assert_false(s.stops[i].logits);
    }
    script_free(&s);
    assert_int_equal(s.count, 0);
    /* shuffled, and no title */
    assert_int_equal(load("order = shuffled\n[stop]\n step = 1\n", &s, err), -1);    /* indented */
    assert_int_equal(load("order = shuffled\n[stop]\nstep = 1\n", &s, err), 0);
    assert_int_equal(s.order, 1);
    assert_string_equal(s.title, "");
    script_free(&s);
}

/* Inside the model: the panel, the names probed (kept by the stops after),
 * the parameter followed, the raw scores; a zoom on an inside panel shows
 * it. */
static void test_read_inside(void **state)
{
    (void)state;
    Script s;
    char err[512];
    if (load("[stop]\nstep = 1\nposition = 3\ninside = attention\nlogits = on\n"
             "[stop]\ninside = probe\nprobe = zoe,  emma ,zoe\nfollow = 1\n"
             "[stop]\nstep = 500\ninside = probe\nfollow = trace\n"
             "[stop]\nphase = update\nzoom = update\nfollow = lm_head[12][7]\n"
             "[stop]\nprobe =\ninside = none\nfollow = 24\n"
             "[stop]\nzoom = attention\ninside = attention\n",
             &s, err) != 0)
        fail_msg("%s", err);
    assert_int_equal(s.count, 6);
    const Stop *st = s.stops;
    assert_int_equal(st[0].inside, PANEL_ATTN);
    assert_int_equal(st[0].zoom, PANEL_NONE);
    assert_true(st[0].logits);
    assert_false(st[0].probe_set);
    assert_int_equal(st[1].inside, PANEL_PROBE);
    assert_false(st[1].logits);
    assert_true(st[1].probe_set);
    assert_int_equal(st[1].nprobe, 2);      /* trimmed, once each, in order */
    assert_string_equal(st[1].probe[0], "zoe");
    assert_string_equal(st[1].probe[1], "emma");
    assert_int_equal(st[1].follow_rank, 0);
    assert_int_equal(st[1].follow_index, -1);
    assert_true(st[2].probe_set);           /* the names of the stop before */
    assert_int_equal(st[2].nprobe, 2);
    assert_string_equal(st[2].probe[1], "emma");
    assert_int_equal(st[2].follow_rank, -1);
    assert_int_equal(st[2].follow_index, -1);
    assert_int_equal(st[3].inside, PANEL_UPDATE);   /* zoomed: shown */
    assert_int_equal(st[3].zoom, PANEL_UPDATE);
    size_t want;
    assert_int_equal(model_param_parse(&course->t.model, "lm_head[12][7]", &want, err, sizeof err), 0);
    assert_int_equal(st[3].follow_index, (long)want);
    assert_int_equal(st[3].follow_rank, -1);
    assert_int_equal(st[3].nprobe, 2);
    assert_true(st[4].probe_set);           /* none, said */
    assert_int_equal(st[4].nprobe, 0);
    assert_int_equal(st[4].inside, PANEL_NONE);
    assert_int_equal(st[4].follow_rank, 23);
    assert_int_equal(st[5].inside, PANEL_ATTN);
    assert_int_equal(st[5].zoom, PANEL_ATTN);
    assert_int_equal(st[5].nprobe, 0);
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

/* A position past the name its stop's step trains on: refused, naming the
 * line that gave it (the course's data in the file's order: step 2 is
 * "olivia", 6 letters, n = 7; step 1 "emma", n = 5). */
static void test_position_past_name(void **state)
{
    (void)state;
    const char *f = DIR "/l.lesson: ";
    const struct { const char *text; const char *msg; } cases[] = {
        { "[stop]\nstep = 2\nphase = forward\nposition = 6\n", NULL },
        { "[stop]\nstep = 2\nphase = forward\nposition = 7\n",
          "line 4: position: 7 is past step 2's name, \"olivia\" (n = 7: positions 0 to 6)" },
        { "[stop]\nposition = 4\n[stop]\nstep = 1\nposition = 5\nphase = loss\n",
          "line 5: position: 5 is past step 1's name, \"emma\" (n = 5: positions 0 to 4)" },
        /* the step the stop keeps from the stop before */
        { "[stop]\nstep = 2\nposition = 6\n[stop]\nphase = forward\nposition = 7\n",
          "line 6: position: 7 is past step 2's name, \"olivia\" (n = 7: positions 0 to 6)" },
        /* a forward phase's own position, no position line: the [stop] line */
        { "[stop]\nstep = 1\nphase = forward\n", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Script s;
        char err[512], want[600];
        assert_int_equal(load(cases[i].text, &s, err), 0);
        const int rc = lesson_check_docs(&s, DIR "/l.lesson", &course->ds, course->t.model.cfg.block_size, err,
                                         sizeof err);
        if (!cases[i].msg) {
            assert_int_equal(rc, 0);
        } else {
            snprintf(want, sizeof want, "%s%s", f, cases[i].msg);
            assert_int_equal(rc, -1);
            assert_string_equal(err, want);
        }
        script_free(&s);
    }
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
                            "live, explain, inside, probe, follow, logits or note");
    E("[stop]\nstep = 0\n", "line 2: step: '0' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nstep = 501\n", "line 2: step: '501' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nstep = 1x\n", "line 2: step: '1x' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nstep = +1\n", "line 2: step: '+1' is not a step from 1 to 500 (the run's last)");
    E("[stop]\nposition = 8\n", "line 2: position: '8' is not a position from 0 to 7 (the block size's last)");
    E("[stop]\nphase = forwards\n", "line 2: phase: 'forwards' is not sample, forward, loss, backward, update, "
                                    "log or step");
    E("[stop]\nzoom = probs\n", "line 2: zoom: 'probs' is not name, positions, probabilities, phase, loss, lr, "
                                "live, explain, attention, probe, update or none");
    E("[stop]\nguess = maybe\n", "line 2: guess: 'maybe' is not yes or no (or revealed)");
    E("[stop]\nlive = revealed\n", "line 2: live: 'revealed' is not yes or no");
    E("[stop]\nname = Two Words\n", "line 2: name: 'Two Words' is not a short name (a-z, 0-9 and -, at most 39)");
    E("[stop]\nstep = 2\nphase = loss\nstep = 3\n", "line 4: step given twice in one stop");
    E("[stop]\nstep = 2\n  note = x\n", "line 3: indented (a line starts with its name: NAME = VALUE)");
    E("[stop]\nnote = a\x1b[31m\n", "line 2: note: a control character");
    E("[stop]\nnote = caf\xe9\n", "line 2: note: not UTF-8");
    /* inside the model: the panel, the names (the data's characters), the
     * parameter (the model's), the raw scores; each once */
    E("[stop]\ninside = attn\n", "line 2: inside: 'attn' is not attention, probe, update or none");
    E("[stop]\ninside = loss\n", "line 2: inside: 'loss' is not attention, probe, update or none");
    E("[stop]\nstep = 2\n\ninside = probe\ninside = update\n", "line 5: inside given twice in one stop");
    E("[stop]\ninside = probe\nzoom = attention\n", "line 3: zoom: attention, but inside = probe (one inside "
                                                      "panel shows at a time)");
    E("[stop]\nzoom = update\ninside = attention\n", "line 3: inside: attention, but zoom = update (the inside "
                                                       "panel zoomed is the one shown)");
    E("[stop]\nzoom = update\ninside = none\n", "line 3: inside: none, but zoom = update (the inside panel "
                                                  "zoomed is the one shown)");
    E("[stop]\n# a student\nprobe = emma, Zoe\n", "line 3: probe: 'Zoe': 'Z' is not in the vocabulary: a-z");
    E("[stop]\nprobe = zo\xc3\xab\n", "line 2: probe: 'zo\xc3\xab': '\xc3\xab' is not in the vocabulary: a-z");
    E("[stop]\nprobe = emma,\n", "line 2: probe: an empty name (names are separated by commas)");
    E("[stop]\nprobe = , emma\n", "line 2: probe: an empty name (names are separated by commas)");
    E("[stop]\nprobe = emma, anna, zoe, ava, mia, ivy, eve, amy, liv\n", "line 2: probe: more than 8 names");
    E("[stop]\nprobe = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
      "line 2: probe: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa': too long: at most 40 bytes");
    E("[stop]\nprobe = emma\nprobe = zoe\n", "line 3: probe given twice in one stop");
    E("[stop]\nfollow = 0\n", "line 2: follow: '0' is not a rank from 1 to 24 (the update's biggest moves)");
    E("[stop]\nfollow = 25\n", "line 2: follow: '25' is not a rank from 1 to 24 (the update's biggest moves)");
    E("[stop]\nfollow = 1st\n", "line 2: follow: '1st' is not a rank from 1 to 24 (the update's biggest moves)");
    E("[stop]\nfollow = biggest\n", "line 2: follow: 'biggest' is not trace, a rank from 1 to 24 or a parameter "
                                    "(lm_head[4][0])");
    E("[stop]\nfollow = lm_head[27][0]\n", "line 2: follow: lm_head is 27 x 16: rows 0-26, columns 0-15");
    E("[stop]\nfollow = lm_heads[1][0]\n", "line 2: follow: no matrix 'lm_heads' (wte, wpe, lm_head, attn_wq ... "
                                           "mlp_fc2)");
    E("[stop]\nfollow = lm_head[1]\n", "line 2: follow: 'lm_head[1]' is not MATRIX[ROW][COL], e.g. lm_head[4][0]");
    E("[stop]\nlogits = raw\n", "line 2: logits: 'raw' is not yes or no");
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
    const LessonRun r = course_run();
    assert_int_equal(lesson_load(&s, DIR "/none.lesson", &r, err, sizeof err), -1);
    assert_string_equal(err, DIR "/none.lesson: cannot read the lesson: No such file or directory");
    assert_int_equal(lesson_load(&s, DIR, &r, err, sizeof err), -1);
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
    Fixture *f = play(&sc, NULL, 0);
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
    screen_has(s, "Stop 1 of 3 ", 1);
    screen_has(s, "\u2502 Look at the tokens.", 1);
    screen_has(s, " n \u2192 next stop ", 1);
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
    fixture_free(f);
    script_free(&sc);
}

/* Stops inside the model: each opens its panel, its names, Adam's
 * parameter and the raw scores; n and b walk them as any stop (guess mode
 * first reveals), other keys explore and b comes back; before any stop
 * names some, the names of --probe stay. */
static void test_play_inside(void **state)
{
    (void)state;
    Script sc;
    char err[512];
    assert_int_equal(load("[stop]\nstep = 1\nphase = sample\n"
                          "[stop]\nposition = 3\ninside = attention\nnote = Row 3.\n"
                          "[stop]\ninside = probe\nprobe = zoe, emma\nlogits = yes\n"
                          "[stop]\nposition = 1\nguess = yes\ninside = update\nfollow = 1\n"
                          "[stop]\nphase = update\ninside = update\nfollow = lm_head[4][1]\n"
                          "[stop]\nstep = 2\n",
                          &sc, err), 0);
    const char *const probe[] = { "ava" };
    Fixture *f = play(&sc, probe, 1);
    Session *s = &f->s;
    assert_int_equal(s->inside, PANEL_NONE);
    assert_int_equal(s->nprobes, 1);            /* --probe's, no stop said otherwise */
    /* the attention of position 3, focused (e explains it), with the note */
    session_key(s, 'n', 0);
    assert_int_equal(s->stop, 1);
    assert_int_equal(s->inside, PANEL_ATTN);
    assert_int_equal(s->focus, PANEL_ATTN);
    assert_int_equal(s->sel, 3);
    screen_has(s, "Stop 2 of 6", 1);
    screen_has(s, "\u2502 Row 3.", 1);
    screen_has(s, "max |w - 1/t| = 0.0043: near uniform", 1);
    screen_has(s, "Why, Attention: Each head weighs", 1);
    /* a closes it: exploring, the note gone; b brings the stop back */
    session_key(s, 'a', 0);
    assert_int_equal(s->inside, PANEL_NONE);
    assert_null(session_shown(s, 0).note);
    screen_has(s, "Current name", 1);
    session_key(s, 'b', 0);
    assert_int_equal(s->stop, 1);
    assert_int_equal(s->inside, PANEL_ATTN);
    assert_string_equal(session_shown(s, 0).note, "Row 3.");
    /* the names probed, the first in detail; the raw scores */
    session_key(s, 'n', 0);
    assert_int_equal(s->stop, 2);
    assert_int_equal(s->inside, PANEL_PROBE);
    assert_int_equal(s->nprobes, 2);
    assert_string_equal(s->probes[0].text, "zoe");
    assert_string_equal(s->probes[1].text, "emma");
    assert_int_equal(s->probe_sel, 0);
    assert_true(s->logits);
    screen_has(s, "Probe: zoe", 1);
    screen_has(s, "mean             3.2999  3.2079", 1);
    /* t types another name: still the stop's screen; n (Esc first) goes on */
    session_key(s, 't', 0);
    for (const char *k = "ava\r"; *k; k++)
        session_key(s, *k, 0);
    assert_int_equal(s->nprobes, 3);
    screen_has(s, "Probe: ava", 1);
    assert_int_equal(session_shown(s, 0).stop, 2);
    /* guess mode: what the update did hides until the whole name is known */
    session_key(s, 'n', 0);
    assert_int_equal(s->stop, 3);
    assert_false(s->logits);
    assert_int_equal(s->follow_rank, 0);
    screen_has(s, "Guess mode: what the update did shows", 1);
    screen_has(s, "emma", 0);
    screen_has(s, "nats", 0);
    session_key(s, 'n', 0);                     /* reveals position 1's target */
    assert_int_equal(s->stop, 3);
    assert_false(session_shown(s, 0).hiding);
    screen_has(s, "emma", 0);                   /* the length still hidden */
    /* Adam followed on a parameter named in the file, in the Update phase */
    session_key(s, 'n', 0);
    assert_int_equal(s->stop, 4);
    assert_false(s->guess);
    assert_int_equal(s->follow_rank, -1);
    screen_has(s, "Adam on lm_head[4][1]:", 1);
    screen_has(s, "This step made \"emma\" 0.28 nats easier.", 1);
    session_key(s, 'b', 0);
    assert_int_equal(s->stop, 3);
    assert_int_equal(s->follow_index, -1);
    assert_int_equal(s->follow_rank, 0);
    /* a stop without an inside panel: none; the names are the stop before's */
    session_key(s, 'n', 0);
    session_key(s, 'n', 0);
    session_key(s, 'n', 0);
    assert_int_equal(s->stop, 5);
    assert_int_equal(s->step, 1);
    assert_int_equal(s->sel, 0);                /* no position said: the first, whatever came before */
    assert_int_equal(s->inside, PANEL_NONE);
    assert_int_equal(s->follow_index, -1);
    assert_int_equal(s->nprobes, 2);
    assert_string_equal(s->probes[1].text, "emma");
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
 * stop draws when played directly, and the stops inside the model show
 * their figures; b from the last walks back through them all, each as it
 * was. */
static void test_training_loop(void **state)
{
    (void)state;
    Script sc;
    char err[512];
    const LessonRun r = course_run();
    if (lesson_load(&sc, "docs/lessons/training-loop.lesson", &r, err, sizeof err) != 0)
        fail_msg("%s", err);
    assert_string_equal(sc.title, "The Training Loop");
    assert_int_equal(sc.order, 0);
    assert_true(sc.count >= 10);
    Fixture *walk = play(&sc, NULL, 0), *direct = play(&sc, NULL, 0);
    /* the stops inside the model: their figures (the reference's, as
     * test_inside checks them: tests/golden/inside-emma.ref) */
    static const struct { const char *stop, *text; } figures[] = {
        { "attention-1", "max |w - 1/t| = 0.0043: near uniform" },
        { "attention-1", "q and k got no gradient this step" },
        { "attention-200", "near uniform (within 0.05) until step 32;" },
        { "attention-200-numbers", "3 a     .36 .20 .27 .17          .33 .20 .22 .25" },
        { "probe-1", "1 z     \u2192 o      3.3943  2.9436" },
        { "probe-1", "choices            27.1    24.7" },
        { "probe-1", "27.1 (step 1): worse than chance." },
        { "probe-500", "mean             3.2079  3.2999  3.2079" },
        { "update-emma", "3 m     \u2192 a      3.1549  2.8371 -0.3178" },
        { "update-emma", "This step made \"emma\" 0.28 nats easier." },
        { "update-emma", "Adam on lm_head[4][0]:" },
        { "update-follow", "Adam on lm_head[12][7]:" },
        { "update-follow", "\u25b6 lm_head[12][7]     -0.537" },
    };
    size_t found = 0;
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
        for (size_t k = 0; k < sizeof figures / sizeof *figures; k++)
            if (strcmp(sc.stops[i].name, figures[k].stop) == 0) {
                if (!strstr(ta, figures[k].text))
                    fail_msg("%s\nstop %d (%s): no '%s'", ta, i + 1, figures[k].stop, figures[k].text);
                found++;
            }
        seen[i] = cells_copy(&a);
        free(ta);
        free(tb);
    }
    assert_int_equal(found, sizeof figures / sizeof *figures);  /* every figure's stop is in the lesson */
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
    /* the stops inside the model too: text, and the same text in the SVG */
    list = slurp(DIR "/list2", NULL);
    assert_non_null(strstr(list, DIR "/s2/14-trained\n" DIR "/s2/15-attention-1\n" DIR "/s2/16-attention-200\n"
                           DIR "/s2/17-attention-200-numbers\n" DIR "/s2/18-probe-1\n" DIR "/s2/19-probe-500\n"
                           DIR "/s2/20-update-emma\n" DIR "/s2/21-update-follow\n"));
    free(list);
    static const struct { const char *file, *text; } inside[] = {
        { "15-attention-1", "max |w - 1/t| = 0.0043: near uniform" },
        { "18-probe-1", "Probe: zoe" },
        { "20-update-emma", "This step made \"emma\" 0.28 nats easier." },
    };
    for (size_t i = 0; i < sizeof inside / sizeof *inside; i++) {
        char path[200], cmd[600];
        snprintf(path, sizeof path, DIR "/s2/%s.txt", inside[i].file);
        t = slurp(path, NULL);
        assert_non_null(t);
        if (!strstr(t, inside[i].text))
            fail_msg("%s: no '%s'", path, inside[i].text);
        free(t);
        snprintf(cmd, sizeof cmd, "python3 tests/tools/svg_text.py " DIR "/s2/%s.svg | cmp -s - %s", inside[i].file,
                 path);
        st = system(cmd);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            fail_msg("%s.svg: its text is not %s's", inside[i].file, path);
    }
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
        { "--lesson " DIR "/none.lesson --export-screens " DIR "/x", "microgpt-tui: " DIR "/none.lesson: cannot "
          "read the lesson: No such file or directory\n" },
        { "--steps 100 --lesson docs/lessons/training-loop.lesson --export-screens " DIR "/x", "microgpt-tui: "
          "docs/lessons/training-loop.lesson: line *: step: '200' is not a step from 1 to 100 (the run's last)\n" },
        /* checked against the run's data and model: another data file, another size */
        { "--data " DIR "/upper.txt --lesson docs/lessons/training-loop.lesson --export-screens " DIR "/x",
          "microgpt-tui: docs/lessons/training-loop.lesson: line *: probe: 'zoe': 'z' is not in the vocabulary: "
          "A-Z\n" },
        { "--n-embd 8 --lesson " DIR "/follow.lesson --export-screens " DIR "/x", "microgpt-tui: " DIR
          "/follow.lesson: line 3: follow: lm_head is 27 x 8: rows 0-26, columns 0-7\n" },
        /* a position past its step's name, in the run's own (shuffled) order: step 3 is "xavien" */
        { "--lesson " DIR "/past.lesson --export-screens " DIR "/x", "microgpt-tui: " DIR
          "/past.lesson: line 3: position: 7 is past step 3's name, \"xavien\" (n = 7: positions 0 to 6)\n" },
    };
    const char *upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\n", *follow = "[stop]\nstep = 2\nfollow = lm_head[0][15]\n";
    write_file(DIR "/upper.txt", upper, strlen(upper));
    write_file(DIR "/follow.lesson", follow, strlen(follow));
    const char *past = "[stop]\nstep = 3\nposition = 7\n";
    write_file(DIR "/past.lesson", past, strlen(past));
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

static int setup(void **state)
{
    (void)state;
    use_utf8_locale();
    course = fixture_new_shuffle(0);
    return course ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fixture_free(course);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_inside),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_position_past_name),
        cmocka_unit_test(test_play),
        cmocka_unit_test(test_play_inside),
        cmocka_unit_test(test_training_loop),
        cmocka_unit_test(test_export_screens),
    };
    return cmocka_run_group_tests_name("lesson_file", tests, setup, teardown);
}
