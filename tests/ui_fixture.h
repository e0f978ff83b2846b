/* ui_fixture.h: what the UI tests share: a real training run on
 * data/names.txt driven through the Timeline, a View of its current step,
 * a UTF-8 locale for character widths, and golden-file comparison.
 *
 * Golden files live in tests/golden/ui/.  To regenerate them after an
 * intended change of the screen, run from the repository root:
 *     UPDATE_GOLDEN=1 make unit        (or UPDATE_GOLDEN=1 build/test_render)
 * then read the diff (git diff tests/golden/ui) before committing it.  On a
 * mismatch the screen drawn is written next to the golden as NAME.actual. */
#ifndef MICROGPT_UI_FIXTURE_H
#define MICROGPT_UI_FIXTURE_H

#include <locale.h>

#include "session/classroom.h"
#include "core/dataset.h"
#include "render/layout.h"
#include "render/render.h"
#include "core/timeline.h"
#include "core/train.h"
#include "render/ui_canvas.h"

typedef struct {
    Dataset ds;
    Trainer t;
    Timeline *tl;
    Seen seen;
    Live live;
} Fixture;

/* A run on data/names.txt (seed 42, 500 steps; shuffle 0: the file's order,
 * as --emma has it), at step 1, with its live samples ready to draw (the
 * untrained model's drawn). */
static inline Fixture *fixture_new_shuffle(int shuffle)
{
    Fixture *f = calloc(1, sizeof *f);
    char err[256];
    if (!f || dataset_load(&f->ds, "data/names.txt", err) != 0) {
        fprintf(stderr, "fixture: %s (run the tests from the repository root)\n", f ? err : "oom");
        free(f);
        return NULL;
    }
    TrainConfig cfg = train_config_default();
    cfg.shuffle = shuffle;
    if (trainer_init(&f->t, &f->ds, &cfg, err, sizeof err) != 0 || seen_init(&f->seen, &f->ds) != 0 ||
        live_init(&f->live, &f->t, 0.5) != 0 || (live_draw(&f->live, &f->t), !(f->tl = timeline_new(&f->t))) ||
        timeline_goto(f->tl, 0) != 0) {
        fprintf(stderr, "fixture: %s\n", err);
        free(f);
        return NULL;
    }
    return f;
}

/* The default run (seed 42, 500 steps) on data/names.txt, at step 1. */
static inline Fixture *fixture_new(void)
{
    return fixture_new_shuffle(1);
}

static inline void fixture_free(Fixture *f)
{
    if (!f)
        return;
    timeline_free(f->tl);
    live_free(&f->live);
    seen_free(&f->seen);
    trainer_free(&f->t);
    dataset_free(&f->ds);
    free(f);
}

/* A View of the fixture's current step, paused, default speed. */
static inline View fixture_view(Fixture *f)
{
    View v;
    memset(&v, 0, sizeof v);
    v.ds = &f->ds;
    v.info = &f->t.info;
    v.num_steps = f->t.cfg.adam.num_steps;
    v.adam = f->t.cfg.adam;
    v.vocab_size = f->t.model.cfg.vocab_size;
    v.block_size = f->t.model.cfg.block_size;
    v.losses = timeline_losses(f->tl);
    v.speed = 10;
    v.model = &f->t.model;
    trainer_param_name(&f->t, f->t.info.follow_index, v.follow_name, sizeof v.follow_name);
    v.seen = seen_by_step(&f->seen, f->t.info.step);
    v.distinct = f->seen.distinct;
    v.live_every = f->live.every;
    v.live_name_bytes = f->live.name_bytes;
    return v;
}

/* The view as the UI makes it for --emma: phase mode at `phase`, the
 * explanation on, the phase panel focused. */
static inline View fixture_phase_view(Fixture *f, int phase)
{
    View v = fixture_view(f);
    v.phase_mode = 1;
    v.phase = phase;
    v.explain = 1;
    v.focus = LAY_PHASE;
    return v;
}

/* The live samples for the view's step (drawn at their step, through the
 * Timeline, as the UI draws them); sets v->live and its names. */
static inline void fixture_live(Fixture *f, View *v, int age)
{
    int cur = timeline_current(f->tl);
    int a = live_age(age, f->live.every);
    if (!live_get(&f->live, a) && a > 0) {
        assert_int_equal(timeline_goto(f->tl, a - 1), 0);
        live_draw(&f->live, &f->t);
        assert_int_equal(timeline_goto(f->tl, cur), 0);
    }
    v->live = 1;
    v->live_age = a;
    v->live_names = live_get(&f->live, a);
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

/* Draws the view on a fresh w x h canvas and compares text (and roles) with goldens. */
static inline void assert_screen(const View *v, int w, int h, int ascii, const char *name, int roles)
{
    Canvas c;
    assert_int_equal(canvas_init(&c, w, h, ascii), 0);
    render_screen(&c, v);
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
