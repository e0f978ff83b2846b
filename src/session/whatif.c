/* whatif.c: twin and branch runs, and the what-if form. */
#include "session/whatif.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pymath.h"

int run_start(Run *r, Trainer *t, int num_steps)
{
    r->t = t;
    r->parent = r->from = -1;
    cuts_count(&r->cuts, t->ds, t->model.cfg.block_size, num_steps);
    if (seen_init(&r->seen, t->ds) != 0 || live_init(&r->live, t) != 0)
        return -1;
    live_draw(&r->live, t);     /* the untrained model's names */
    return 0;
}

void run_free(Run *r)
{
    inside_free(&r->inside);
    samples_free(&r->samples);
    live_free(&r->live);
    seen_free(&r->seen);
    timeline_free(r->tl);
    if (r->own) {
        trainer_free(r->own);
        free(r->own);
    }
    memset(r, 0, sizeof *r);
}

int session_add_twin(Session *s, Trainer *t, const char *desc, TimelineSink sink, void *sink_ctx)
{
    if (s->nruns >= SESSION_MAX_RUNS || t->cfg.adam.num_steps != s->num_steps)
        return SESSION_OOM;
    Run *r = &s->runs[s->nruns];
    int rc = run_start(r, t, s->num_steps) != 0 || !(r->tl = timeline_new(t)) ? -1 : 0;
    if (rc == 0) {
        timeline_set_sink(r->tl, sink, sink_ctx);
        rc = timeline_goto(r->tl, s->step);
    }
    if (rc != 0) {
        run_free(r);
        return rc == TIMELINE_SINK_FAILED ? SESSION_SINK_FAILED : SESSION_OOM;
    }
    snprintf(r->desc, sizeof r->desc, "%s", desc);
    r->variant = s->cfg.twin_variant;
    s->other = s->nruns++;
    s->differ_at = -2;
    return 0;
}

/* 1 when the session holds as many runs as it can (err says so), else 0. */
static int full(const Session *s, char *err, size_t errlen)
{
    if (s->nruns < SESSION_MAX_RUNS)
        return 0;
    snprintf(err, errlen, "%d runs already: no room for another", SESSION_MAX_RUNS);
    return 1;
}

int session_branch(Session *s, const Change *ch, char *err, size_t errlen)
{
    if (full(s, err, errlen))
        return -1;
    const int pi = s->shown, k = s->step;
    Run *p = &s->runs[pi], *r = &s->runs[s->nruns];
    TrainConfig cfg = p->t->cfg;
    for (int f = 0; f < CHANGE_FIELDS; f++)
        if ((ch->set & (1u << f)) && changes_set(&cfg.changes, k, f, ch->value[f], 1, err, errlen) != 0)
            return -1;
    memset(r, 0, sizeof *r);
    r->own = calloc(1, sizeof *r->own);
    if (!r->own || trainer_fork(r->own, p->t, &cfg, err, errlen) != 0) {
        free(r->own);
        r->own = NULL;
        if (errlen && !err[0])
            snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* the branch shares the parent's history; its untrained model's names
     * are drawn at its own temperature of step 0.  Going to step k replays
     * from a saved state (far at a huge --steps): the progress shows, a key
     * stops it (no branch then), q ends the session. */
    SessionSeek prog = { s, k, 1, 0 };
    int rc = -1;
    if ((r->tl = timeline_branch(p->tl, r->own, k, session_seek_progress, &prog)) != NULL) {
        timeline_rewind_start(r->tl);
        rc = run_start(r, r->own, s->num_steps) != 0 ? -1 : session_seek(s, r, k, 1);
    }
    if (rc != 0) {
        run_free(r);
        snprintf(err, errlen, "%s", s->quit ? "" : prog.stopped || rc == 1 ? "stopped: no new run" : "out of memory");
        return -1;
    }
    r->parent = pi;
    r->from = k;
    r->variant = p->variant;
    char what[64];
    change_format(ch, what, sizeof what);   /* "100:lr=0.003" */
    snprintf(r->desc, sizeof r->desc, "%s from step %d", strchr(what, ':') + 1, k + 1);
    s->other = pi;
    s->shown = s->nruns++;
    s->differ_at = -2;
    s->reached = timeline_reached(r->tl);
    return 0;
}

/* Whether the names of the live samples of age 0 (drawn at the start) of
 * runs a and b differ. */
static int start_names_differ(const Run *a, const Run *b)
{
    const char *na = live_get(&a->live, 0), *nb = live_get(&b->live, 0);
    for (int i = 0; na && nb && i < LIVE_SLOTS; i++)
        if (strcmp(na + (size_t)i * (size_t)a->live.name_bytes, nb + (size_t)i * (size_t)b->live.name_bytes) != 0)
            return 1;
    return 0;
}

int session_names_differ(Session *s)
{
    if (s->other < 0)
        return -1;
    const int a = s->shown < s->other ? s->shown : s->other, b = s->shown < s->other ? s->other : s->shown;
    if (s->differ_at != -2 && s->differ_a == a && s->differ_b == b)
        return s->differ_at;
    Run *A = &s->runs[a], *B = &s->runs[b];
    int at = start_names_differ(A, B) ? 0 : -1;
    /* after step `age`: while the runs train alike and sample at the same
     * temperature their names cannot differ.  Each age is a step of both
     * runs: the search reports its progress over the ages it looks at (the
     * box, a key stops it, q ends the session), as a seek does. */
    const int diverge = train_config_diverge(&A->t->cfg, &B->t->cfg);
    const int from = diverge < 1 ? 1 : diverge > s->num_steps ? s->num_steps : diverge;
    SessionSeek prog = { s, s->num_steps - 1, 1, 0 };
    for (int age = 1; at < 0 && age <= s->num_steps && !s->failed && !s->quit; age++) {
        if (age - 1 < diverge &&
            train_temperature_at(&A->t->cfg, age - 1) == train_temperature_at(&B->t->cfg, age - 1))
            continue;
        if (age > from && session_seek_progress(&prog, age - from, s->num_steps - from + 1)) {
            at = prog.stopped ? -3 : -1;
            break;
        }
        if (session_seek(s, A, age - 1, 0) != 0 || session_seek(s, B, age - 1, 0) != 0)
            break;
        int d = sampled_names_differ(&A->live.sp, A->t, &B->live.sp, B->t);
        if (d < 0)
            s->failed = 1;
        at = d > 0 ? age : -1;
    }
    if (session_seek(s, A, s->step, 0) != 0 || session_seek(s, B, s->step, 0) != 0)
        return -1;
    s->differ_a = a;
    s->differ_b = b;
    s->differ_at = at;
    return at;
}

/* ------------------------------------------------------------------ form */

/* The value of field f the run shown uses at the step shown. */
static double current(const Session *s, int f)
{
    const TrainConfig *c = &s->runs[s->shown].t->cfg;
    AdamConfig a = train_adam_at(c, s->step);
    return f == 0 ? a.lr : f == 1 ? a.beta1 : f == 2 ? a.beta2 : train_temperature_at(c, s->step);
}

void whatif_open(Session *s)
{
    WhatIfForm *w = &s->form;
    memset(w, 0, sizeof *w);
    if (full(s, s->message, sizeof s->message))     /* said at once: no form filled in for nothing */
        return;
    w->open = 1;
    for (int f = 0; f < CHANGE_FIELDS; f++) {
        char text[32];
        snprintf(text, sizeof text, "%g", current(s, f));
        field_set(&w->f[f], text);
    }
}

/* Enter: the fields that differ from the values in use make the change. */
static unsigned submit(Session *s)
{
    WhatIfForm *w = &s->form;
    Change ch = { .step = s->step };
    for (int f = 0; f < CHANGE_FIELDS; f++) {
        double v;
        const char *bad = py_float(w->f[f].text, &v) != 0 ? change_check(f, NAN) : change_check(f, v);
        if (bad) {
            snprintf(w->error, sizeof w->error, "%s: '%.20s' is %s", change_field_name(f), w->f[f].text, bad);
            w->at = f;
            return DO_DRAW;
        }
        char was[32];
        snprintf(was, sizeof was, "%g", current(s, f));
        if (strcmp(was, w->f[f].text) != 0 && v != current(s, f)) {
            ch.set |= 1u << f;
            ch.value[f] = v;
        }
    }
    if (!ch.set) {
        snprintf(w->error, sizeof w->error, "change a value first (Esc closes)");
        return DO_DRAW;
    }
    if (session_branch(s, &ch, w->error, sizeof w->error) != 0)
        return DO_DRAW;
    w->open = 0;
    return DO_DRAW;
}

unsigned whatif_key(Session *s, int key)
{
    WhatIfForm *w = &s->form;
    switch (key) {
    case UIK_ESC:
        w->open = 0;
        return DO_DRAW;
    case UIK_ENTER: case '\r': case '\n':
        return submit(s);
    case UIK_DOWN: case UIK_TAB:
        w->at = (w->at + 1) % CHANGE_FIELDS;
        return DO_DRAW;
    case UIK_UP: case UIK_BTAB:
        w->at = (w->at + CHANGE_FIELDS - 1) % CHANGE_FIELDS;
        return DO_DRAW;
    case UIK_RESIZE:
        return DO_DRAW | DO_REPAINT;
    default:
        if (!field_key(&w->f[w->at], key))
            return 0;
        w->error[0] = '\0';
        return DO_DRAW;
    }
}
