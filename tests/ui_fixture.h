/* ui_fixture.h: what the UI tests share: a real training run on
 * data/names.txt in a real Session (the one the UI runs), a UTF-8 locale
 * for character widths, and golden-file comparison of whole frames.
 *
 * Golden files live in tests/golden/ui/.  To regenerate them after an
 * intended change of the screen, run from the repository root:
 *     UPDATE_GOLDEN=1 make unit        (or UPDATE_GOLDEN=1 build/test_render)
 * then read the diff (git diff tests/golden/ui) before committing it.  On a
 * mismatch the screen drawn is written next to the golden as NAME.actual. */
#ifndef MICROGPT_UI_FIXTURE_H
#define MICROGPT_UI_FIXTURE_H

#include <locale.h>

#include "core/dataset.h"
#include "core/timeline.h"
#include "core/train.h"
#include "render/frame.h"
#include "render/layout.h"
#include "render/render.h"
#include "render/ui_canvas.h"
#include "session/session.h"

typedef struct {
    Dataset ds;
    Trainer t;
    Session s;      /* the real session, as the UI runs it (paused, 20 samples) */
} Fixture;

/* A run of cfg on the data file `path` in a session paused at step 1 (20
 * final samples, the variant's name for the status line). */
static inline Fixture *fixture_make(const char *path, const TrainConfig *cfg, Variant variant)
{
    Fixture *f = calloc(1, sizeof *f);
    char err[256];
    if (!f || dataset_load(&f->ds, path, err) != 0) {
        fprintf(stderr, "fixture: %s (run the tests from the repository root)\n", f ? err : "oom");
        free(f);
        return NULL;
    }
    const SessionConfig sc = { .paused = 1, .samples = 20, .variant = variant };
    if (trainer_init(&f->t, &f->ds, cfg, err, sizeof err) != 0) {
        fprintf(stderr, "fixture: %s\n", err);
        free(f);
        return NULL;
    }
    if (session_init(&f->s, &f->t, &sc) != 0) {
        fprintf(stderr, "fixture: out of memory\n");
        free(f);
        return NULL;
    }
    return f;
}

/* A run of a variant's program (course, gist) on data/names.txt (shuffle
 * 0: the file's order, as --emma has it) in a session paused at step 1. */
static inline Fixture *fixture_new_variant(Variant variant, int shuffle)
{
    TrainConfig cfg = train_config_variant(variant);
    cfg.shuffle = shuffle;
    return fixture_make("data/names.txt", &cfg, variant);
}

/* The course's run (seed 42, 500 steps; shuffle 0: the file's order, as
 * --emma has it) in a session paused at step 1. */
static inline Fixture *fixture_new_shuffle(int shuffle)
{
    return fixture_new_variant(VARIANT_COURSE, shuffle);
}

/* A test's setup and teardown: a fresh default run (below) in a UTF-8
 * locale, handed to the test as its *state.  Each test has its own run: a
 * run another test took further would show its steps beyond the one shown
 * (greyed on the loss curve) and make a golden depend on the order
 * (tests/checks/order.sh runs the tests reversed and alone). */
static inline Fixture *fixture_new(void);
static inline void fixture_free(Fixture *f);
static inline int use_utf8_locale(void);
static inline int fixture_setup(void **state)
{
    use_utf8_locale();
    *state = fixture_new();
    return *state ? 0 : -1;
}

static inline int fixture_teardown(void **state)
{
    fixture_free(*state);
    *state = NULL;
    return 0;
}

/* A test with a fresh default run in *state. */
#define fixture_unit_test(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

/* The default run (seed 42, 500 steps) on data/names.txt, at step 1. */
static inline Fixture *fixture_new(void)
{
    return fixture_new_shuffle(1);
}

static inline void fixture_free(Fixture *f)
{
    if (!f)
        return;
    session_free(&f->s);
    trainer_free(&f->t);
    dataset_free(&f->ds);
    free(f);
}

/* The session at step k (0-based), paused, shown as it starts: step mode,
 * no selection, nothing else on. */
static inline Session *fixture_at(Fixture *f, int k)
{
    Session *s = &f->s;
    session_go(s, k);
    assert_int_equal(s->step, k);
    assert_int_equal(f->t.info.step, k);
    s->running = 0;
    s->sel = 0;
    s->phase_mode = 0;
    s->phase = phase_first();
    s->left_step = -1;
    s->arc = -1;
    s->help = 0;
    s->samples = 1;
    s->explain = 0;
    s->live = 0;
    s->guess = 0;
    s->revealed = 0;
    s->zoom = 0;
    s->focus = PANEL_NONE;
    count_clear(&s->count);
    prompt_close(&s->prompt);
    s->message[0] = '\0';
    s->probs_scroll = 0;
    return s;
}

/* A key as the UI applies it: a lone digit 1 ... 6, which waits for more
 * digits (137G), once it has waited (the UI calls session_count_expire
 * COUNT_WAIT_MS later). */
static inline unsigned fixture_key(Session *s, int key)
{
    unsigned r = session_key(s, key, 0);
    if (r & DO_COUNT)
        r = (r & ~(unsigned)DO_COUNT) | session_count_expire(s, 0);
    return r;
}

/* The session as --emma shows step k: phase mode at phase index `phase`,
 * with the explanation. */
static inline Session *fixture_phase(Fixture *f, int k, int phase)
{
    Session *s = fixture_at(f, k);
    s->phase_mode = 1;
    s->phase = phase_at(phase, f->t.info.n);
    s->explain = 1;
    return s;
}

/* The view of the session (for drawing one panel: no panel on screen, so
 * none has the focus). */
static inline View fixture_view(Fixture *f)
{
    View v;
    session_view(&f->s, 0, &v);
    return v;
}

/* The frame of the session at w x h (ascii: plain ASCII drawing), as text
 * (canvas_dump; the caller frees it). */
static inline char *fixture_screen(Session *s, int w, int h, int ascii)
{
    Canvas c;
    if (canvas_init(&c, w, h, ascii) != 0)
        return NULL;
    render_frame(&c, s);
    char *text = canvas_dump(&c);
    canvas_free(&c);
    return text;
}

/* A UTF-8 LC_CTYPE, so wcwidth knows the glyphs; 0 when none exists. */
static inline int use_utf8_locale(void)
{
    static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_CTYPE, names[i]))
            return 1;
    return 0;
}

/* Compares text with tests/golden/ui/NAME (or writes it, with UPDATE_GOLDEN=1). */
static inline void assert_golden(const char *name, const char *text)
{
    char path[512], apath[600];
    snprintf(path, sizeof path, "tests/golden/ui/%s", name);
    const char *upd = getenv("UPDATE_GOLDEN");
    if (upd && *upd && strcmp(upd, "0") != 0) {
        FILE *w = fopen(path, "wb");
        assert_non_null(w);
        fputs(text, w);
        fclose(w);
        return;
    }
    FILE *r = fopen(path, "rb");
    if (!r)
        fail_msg("missing golden %s (make it with UPDATE_GOLDEN=1)", path);
    fseek(r, 0, SEEK_END);
    long n = ftell(r);
    fseek(r, 0, SEEK_SET);
    char *want = malloc((size_t)n + 1);
    assert_non_null(want);
    size_t got = fread(want, 1, (size_t)n, r);
    want[got] = '\0';
    fclose(r);
    if (strcmp(want, text) != 0) {
        snprintf(apath, sizeof apath, "%s.actual", path);
        FILE *w = fopen(apath, "wb");
        if (w) {
            fputs(text, w);
            fclose(w);
        }
        /* the first line that differs */
        int line = 1;
        const char *a = want, *b = text;
        while (*a && *a == *b) {
            if (*a == '\n')
                line++;
            a++;
            b++;
        }
        free(want);
        fail_msg("%s differs from the golden at line %d (drawn: %s)", path, line, apath);
    }
    free(want);
}

/* Draws the session on a fresh w x h canvas, as the UI draws a frame, and
 * compares the text (and the roles) with the goldens. */
static inline void assert_screen(Session *s, int w, int h, int ascii, const char *name, int roles)
{
    Canvas c;
    assert_int_equal(canvas_init(&c, w, h, ascii), 0);
    render_frame(&c, s);
    char *text = canvas_dump(&c);
    assert_non_null(text);
    char file[256];
    snprintf(file, sizeof file, "%s.%s.txt", name, ascii ? "ascii" : "utf8");
    assert_golden(file, text);
    if (ascii)
        for (const char *p = text; *p; p++)
            if ((unsigned char)*p > 0x7f)
                fail_msg("%s: byte 0x%02x in an ASCII screen", file, (unsigned char)*p);
    free(text);
    if (roles) {
        char *rt = canvas_dump_roles(&c);
        assert_non_null(rt);
        snprintf(file, sizeof file, "%s.%s.roles.txt", name, ascii ? "ascii" : "utf8");
        assert_golden(file, rt);
        free(rt);
    }
    canvas_free(&c);
}

#endif
