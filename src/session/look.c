/* look.c: the inside panels' keys, names, editor and view. */
#include "session/look.h"

#include <stdio.h>
#include <string.h>

static Run *shown_run(Session *s)
{
    return &s->runs[s->shown];
}

/* Adds a name, or selects it when it is there already; the oldest goes
 * when the list is full. */
static void add_name(Session *s, const ProbeName *name)
{
    for (int i = 0; i < s->nprobes; i++)
        if (strcmp(s->probes[i].text, name->text) == 0) {
            s->probe_sel = i;
            return;
        }
    if (s->nprobes == INSIDE_NAMES) {
        memmove(s->probes, s->probes + 1, (INSIDE_NAMES - 1) * sizeof *s->probes);
        s->nprobes--;
    }
    s->probes[s->nprobes] = *name;
    s->probe_sel = s->nprobes++;
    s->probe_version++;
}

/* text as a name of the run shown's data: added (0), or why not in err. */
static int take_name(Session *s, const char *text, char *err, size_t errlen)
{
    const Trainer *t = shown_run(s)->t;
    ProbeName name;
    if (inside_name(&name, t->ds, t->model.cfg.block_size, text, err, errlen) != 0)
        return -1;
    add_name(s, &name);
    return 0;
}

void look_names(Session *s, const char (*names)[INSIDE_NAME_BYTES], int count)
{
    int same = count == s->nprobes;
    for (int i = 0; i < count && same; i++)
        same = strcmp(names[i], s->probes[i].text) == 0;
    if (!same) {
        char err[160];
        s->nprobes = 0;
        s->probe_version++;
        for (int i = 0; i < count; i++)
            (void)take_name(s, names[i], err, sizeof err);     /* the lesson's file checked them */
    }
    s->probe_sel = 0;
}

void look_start(Session *s)
{
    s->inside = PANEL_NONE;
    s->follow_rank = -1;
    s->follow_index = -1;
    s->recall = -1;
    char err[160];
    for (int i = 0; i < s->cfg.nprobe; i++)
        (void)take_name(s, s->cfg.probe[i], err, sizeof err);   /* main.c refused the others */
    if (s->nprobes > 0)
        s->probe_sel = 0;
}

/* Shows inside panel p, or hides it when it shows; the focus goes with it. */
static unsigned toggle(Session *s, PanelId p)
{
    if (s->inside == p) {
        s->inside = PANEL_NONE;
        if (s->focus == p)
            s->focus = PANEL_NONE;
    } else {
        s->inside = p;
        s->focus = p;       /* e explains it, z zooms it */
    }
    return DO_DRAW;
}

unsigned look_close(Session *s)
{
    return s->inside != PANEL_NONE ? toggle(s, s->inside) : 0;
}

/* Opens the line editor for what (EDIT_NAME, EDIT_PARAM), filled with text. */
static unsigned edit(Session *s, int what, const char *text)
{
    s->editing = what;
    s->field_error[0] = '\0';
    s->recall = -1;
    field_set(&s->field, text);
    return DO_DRAW;
}

/* The parameter Adam is followed on now: picked, a rank among the moves of
 * the step looked into, or the trainer's own (-1 when the look is not had). */
static long followed(Session *s)
{
    if (s->follow_index >= 0)
        return s->follow_index;
    const RunInside *in = &shown_run(s)->inside;
    if (s->follow_rank >= 0)
        return in->ready && in->look.step == s->step && s->follow_rank < in->nmovers
               ? (long)in->movers[s->follow_rank].index : -1;
    return (long)shown_run(s)->t->info.follow_index;
}

unsigned look_act(Session *s, Action a)
{
    Run *r = shown_run(s);
    switch (a) {
    case ACT_ATTENTION:
        return toggle(s, PANEL_ATTN);
    case ACT_UPDATE:
        return toggle(s, PANEL_UPDATE);
    case ACT_PROBE:
        if (s->inside != PANEL_PROBE)
            toggle(s, PANEL_PROBE);
        return edit(s, EDIT_NAME, "");
    case ACT_LOGITS:
        s->logits = !s->logits;
        return DO_DRAW;
    case ACT_FOLLOW: {
        /* the next of the step's biggest moves, then the trainer's own again */
        if (look_arrive(s, s->shown) != 0)
            return 0;
        s->follow_index = -1;
        s->follow_rank = s->follow_rank + 1 < r->inside.nmovers ? s->follow_rank + 1 : -1;
        char name[64];
        model_param_name(&r->t->model, (size_t)followed(s), name, sizeof name);
        if (s->follow_rank < 0)
            snprintf(s->message, sizeof s->message, "Adam followed on %s, as --trace does (d: the biggest "
                     "move)", name);
        else
            snprintf(s->message, sizeof s->message, "Adam followed on %s, move %d of this step's biggest "
                     "(d: the next)", name, s->follow_rank + 1);
        return DO_DRAW;
    }
    case ACT_PICK: {
        char name[64];
        long i = followed(s);
        model_param_name(&r->t->model, i < 0 ? r->t->info.follow_index : (size_t)i, name, sizeof name);
        return edit(s, EDIT_PARAM, name);
    }
    default:
        return 0;
    }
}

/* Enter: the name probed, or the parameter followed; else why not. */
static unsigned submit(Session *s)
{
    Run *r = shown_run(s);
    const char *text = s->field.text;
    if (s->editing == EDIT_NAME) {
        if (take_name(s, text, s->field_error, sizeof s->field_error) != 0)
            return DO_DRAW;
    } else if (!text[0]) {      /* nothing: the trainer's own again */
        s->follow_index = -1;
        s->follow_rank = -1;
    } else {
        size_t index;
        if (model_param_parse(&r->t->model, text, &index, s->field_error, sizeof s->field_error) != 0)
            return DO_DRAW;
        s->follow_index = (long)index;
        s->follow_rank = -1;
    }
    s->editing = 0;
    return DO_DRAW;
}

unsigned look_key(Session *s, int key)
{
    switch (key) {
    case UIK_ESC:
        s->editing = 0;
        return DO_DRAW;
    case UIK_ENTER: case '\r': case '\n':
        return submit(s);
    case UIK_UP: case UIK_DOWN:
        /* the names probed, newest first going up */
        if (s->editing != EDIT_NAME || s->nprobes == 0)
            return 0;
        if (key == UIK_UP)
            s->recall = s->recall < 0 ? s->nprobes - 1 : s->recall > 0 ? s->recall - 1 : 0;
        else if (s->recall >= 0)
            s->recall = s->recall + 1 < s->nprobes ? s->recall + 1 : -1;
        field_set(&s->field, s->recall >= 0 ? s->probes[s->recall].text : "");
        s->field_error[0] = '\0';
        return DO_DRAW;
    case UIK_RESIZE:
        return DO_DRAW | DO_REPAINT;
    default:
        if (!field_key(&s->field, key))
            return 0;
        s->field_error[0] = '\0';
        return DO_DRAW;
    }
}

int look_wanted(const Session *s, int i)
{
    if (i == s->shown)     /* the Log phase says what the update did, when it has room */
        return s->inside != PANEL_NONE || s->follow_rank >= 0 || s->follow_index >= 0 ||
               (s->phase_mode && s->phase.kind == PHASE_LOG);
    return s->inside == PANEL_PROBE;    /* the probe panel shows every run's model */
}

/* What a timeline call's code means for the session: 0, 1 (stopped
 * short), or -1 with the session failed. */
static int outcome(Session *s, int rc)
{
    if (rc < 0)
        s->failed = rc == TIMELINE_SINK_FAILED ? SESSION_SINK_FAILED : SESSION_OOM;
    return rc < 0 || s->quit ? -1 : rc;
}

int look_seek(Session *s, int i, int cancel)
{
    Run *r = &s->runs[i];
    if (inside_ready(&r->inside, r->t) != 0)
        return outcome(s, -1);
    /* a long way there reports its progress (to the step before, which the
     * look then computes: one step on) */
    if (r->inside.look.step != s->step && s->step > 0 && timeline_current(r->tl) != s->step - 1) {
        const int rc = session_seek(s, r, s->step - 1, cancel);
        if (rc != 0)
            return rc;
    }
    SessionSeek k = { s, s->step, cancel, 0 };
    return outcome(s, inside_look(&r->inside, r->t, r->tl, s->step, session_seek_progress, &k));
}

int look_arrive(Session *s, int i)
{
    return look_seek(s, i, 0) == 0 ? 0 : -1;
}

void look_view(Session *s, View *v)
{
    ViewInside *vi = &v->inside;
    Run *r = shown_run(s);
    vi->names = s->probes;
    vi->nnames = s->nprobes;
    vi->sel = s->probe_sel;
    vi->follow_rank = s->follow_index >= 0 ? -1 : s->follow_rank;
    vi->editing = s->editing;
    vi->field = &s->field;
    vi->error = s->field_error;
    probe_vocabulary(r->t->ds, vi->vocab, sizeof vi->vocab);
    if (!look_wanted(s, s->shown))
        return;
    SessionSeek sk = { s, s->step, 0, 0 };     /* long computations report progress */
    int order[VIEW_MAX_RUNS], nr = 0, rc = 0;
    order[nr++] = s->shown;     /* the run shown first, then the others */
    for (int i = 0; i < s->nruns; i++)
        if (i != s->shown)
            order[nr++] = i;
    for (int k = 0; k < nr && rc == 0; k++) {
        const int i = order[k];
        Run *q = &s->runs[i];
        if (!look_wanted(s, i))
            continue;
        rc = look_arrive(s, i);
        if (rc == 0 && s->inside == PANEL_PROBE)
            rc = outcome(s, inside_score(&q->inside, q->t, q->tl, s->step, s->probes, s->nprobes,
                                         s->probe_version, session_seek_progress, &sk));
        vi->label[vi->runs] = (char)('A' + i);
        vi->run[vi->runs++] = &q->inside;
    }
    if (rc == 0 && s->inside == PANEL_ATTN)
        rc = outcome(s, inside_uniform(&r->inside, r->t, r->tl, s->step, s->step, session_seek_progress, &sk));
    if (rc != 0)
        return;
    vi->in = &r->inside;
    /* Adam followed on another parameter: its trace in place of the trainer's */
    const long f = followed(s);
    if ((s->follow_rank >= 0 || s->follow_index >= 0) && f >= 0) {
        v->step.follow = steplook_trace(&r->inside.look, (size_t)f);
        model_param_name(&r->t->model, (size_t)f, v->step.follow_name, sizeof v->step.follow_name);
    }
}
