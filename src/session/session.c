/* session.c: the runs, where the user is, what is shown, and the actions. */
#include "session/session.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "session/arc.h"
#include "session/look.h"
#include "session/whatif.h"

/* Steps per second, slowest first; 0: as fast as the core goes. */
static const int speeds[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0 };
enum { NSPEEDS = (int)(sizeof speeds / sizeof speeds[0]), DEFAULT_SPEED = 3 };

/* Final samples drawn for the screen: more could never fit. */
enum { SAMPLES_CAP = 500 };

/* The panels Tab visits, in order. */
static const PanelId focus_order[] = {
    PANEL_NAME, PANEL_POSITIONS, PANEL_ATTN, PANEL_PROBE, PANEL_UPDATE, PANEL_PROBS, PANEL_PHASE,
    PANEL_LOSS, PANEL_LR, PANEL_LIVE, PANEL_EXPLAIN,
};
enum { NFOCUS = (int)(sizeof focus_order / sizeof focus_order[0]) };

Run *session_run(Session *s)
{
    return &s->runs[s->shown];
}

static const Run *run_shown(const Session *s)
{
    return &s->runs[s->shown];
}

int session_speed(const Session *s)
{
    return speeds[s->speed];
}

void session_set_rate(Session *s, double rate)
{
    s->rate = rate > 0 ? rate : 0;
}

const int *session_speeds(int *n)
{
    *n = NSPEEDS;
    return speeds;
}

/* The final samples the pages go through: the run shown's, or with the
 * other run's beside them (session_view), the longer list. */
static int samples_count(const Session *s)
{
    const int n = run_shown(s)->samples.count;
    const Run *o = s->other >= 0 ? &s->runs[s->other] : NULL;
    return o && o->have_samples && o->samples.count > n ? o->samples.count : n;
}

/* The positions of the step shown. */
static int step_n(const Session *s)
{
    return run_shown(s)->t->info.n;
}

/* The selection clamped to the step's positions. */
static int sel_of(const Session *s)
{
    int n = step_n(s);
    if (n < 1)
        return 0;
    return s->sel < 0 ? 0 : s->sel >= n ? n - 1 : s->sel;
}

/* The phase shown: the one asked for in phase mode, clamped to the step;
 * in step mode the last (the whole step).  The one place it is clamped. */
static Phase phase_of(const Session *s)
{
    return s->phase_mode ? phase_clamp(s->phase, step_n(s)) : phase_last();
}

/* The position whose answer guess mode hides now, or -1. */
static int hidden_pos(const Session *s)
{
    if (!s->guess || s->revealed || s->running || step_n(s) < 1)
        return -1;
    if (!s->phase_mode)
        return sel_of(s);
    Phase p = phase_of(s);
    return p.kind == PHASE_FORWARD ? p.pos : -1;
}

/* The focused panel among those on screen (on) when `asked` is asked for:
 * it when there, else the main one (the phase panel, or the
 * probabilities), else the first on screen in Tab's order; PANEL_NONE when
 * none is. */
static PanelId focus_among(const Session *s, PanelId asked, PanelSet on)
{
    if (asked != PANEL_NONE && panel_focusable(asked) && (on & PANEL_BIT(asked)))
        return asked;
    PanelId main_panel = s->phase_mode ? PANEL_PHASE : PANEL_PROBS;
    if (on & PANEL_BIT(main_panel))
        return main_panel;
    for (int i = 0; i < NFOCUS; i++)
        if (on & PANEL_BIT(focus_order[i]))
            return focus_order[i];
    return PANEL_NONE;
}

/* The focused panel among those on screen: as focus_among, the one asked. */
static PanelId focus_of(const Session *s, PanelSet on)
{
    return focus_among(s, s->focus, on);
}

void session_set_progress(Session *s, SessionProgress fn, void *ctx)
{
    s->progress = fn;
    s->progress_ctx = ctx;
}

int session_seek_progress(void *ctx, int done, int total)
{
    SessionSeek *k = ctx;
    Session *s = k->s;
    const int r = s->progress ? s->progress(s->progress_ctx, k->target, done, total) : 0;
    if (r == SESSION_QUIT)
        s->quit = 1;
    if (r == SESSION_CANCEL && k->cancel)
        k->stopped = 1;
    return r == SESSION_QUIT || (r == SESSION_CANCEL && k->cancel);
}

int session_seek(Session *s, Run *r, int k, int cancel)
{
    if (s->failed || s->quit)
        return -1;
    SessionSeek ctx = { s, k, cancel, 0 };
    const int rc = timeline_current(r->tl) == k ? 0 : timeline_seek(r->tl, k, session_seek_progress, &ctx);
    if (rc < 0) {
        s->failed = rc == TIMELINE_SINK_FAILED ? SESSION_SINK_FAILED : SESSION_OOM;
        return -1;
    }
    return s->quit ? -1 : rc;
}

/* Makes s->step every run's current step; at the last step the run pauses
 * and the final samples are drawn (once: the same names every time).  A key
 * typed during a long way there stops it: the step is then the one reached,
 * every run on it. */
static void arrive(Session *s)
{
    int cancel = 1;
    if (s->differ_at == -3 && s->step < s->num_steps - 1)
        s->differ_at = -2;      /* a stopped search: back at the last step, it searches again */
    for (int i = 0; i < s->nruns; i++) {
        /* an inside panel looks into the step on the way (look_seek) */
        const int rc = look_wanted(s, i) ? look_seek(s, i, cancel) : session_seek(s, &s->runs[i], s->step, cancel);
        if (rc < 0)
            return;
        if (rc == 1) {      /* stopped short: all the runs to the step reached */
            s->step = timeline_current(s->runs[i].tl);
            s->arc = -1;    /* not the stage jumped to */
            cancel = 0;
            i = -1;
        }
    }
    for (int i = 0; i < s->nruns && !s->failed; i++) {
        Run *r = &s->runs[i];
        /* live samples due at this step, drawn now the parameters are here
         * (at most about 50 draws in a whole run) */
        if (s->live)
            live_draw(&r->live, r->t);
        if (s->step >= s->num_steps - 1 && i == 0) {   /* arriving: the samples show, from the top */
            s->samples = 1;
            s->samples_page = 0;
        }
        if (s->step >= s->num_steps - 1 && !r->have_samples && s->cfg.samples > 0) {
            if (samples_draw(&r->samples, r->t, s->cfg.samples, SAMPLES_CAP,
                             sample_temperature(r->t)) != 0)
                s->failed = SESSION_OOM;
            else
                r->have_samples = 1;
        }
    }
    s->reached = timeline_reached(run_shown(s)->tl);
    if (s->step >= s->num_steps - 1)
        s->running = 0;
}

/* The live samples for the model age shown, drawn if they are not yet: at
 * the step they belong to (the Timeline goes there and back, exactly). */
static void live_ensure(Session *s, int age)
{
    Run *r = session_run(s);
    age = live_age(age, r->live.every);
    if (!s->live || age == 0 || live_get(&r->live, age))
        return;     /* age 0: drawn at the start, before the first step */
    if (session_seek(s, r, age - 1, 0) != 0)
        return;
    live_draw(&r->live, r->t);
    session_seek(s, r, s->step, 0);
}

int session_init(Session *s, Trainer *t, const SessionConfig *c)
{
    memset(s, 0, sizeof *s);
    s->cfg = *c;
    s->nruns = 1;
    s->num_steps = t->cfg.adam.num_steps;
    s->reached = 1;
    s->running = !c->paused && s->num_steps > 1;
    s->speed = DEFAULT_SPEED;
    for (int i = 0; i < NSPEEDS; i++)
        if (c->speed != 0 && speeds[i] == (c->speed < 0 ? 0 : c->speed))
            s->speed = i;
    s->samples = 1;
    s->phase = phase_first();
    s->left_step = -1;
    s->arc = -1;
    s->focus = PANEL_NONE;
    s->contrast = c->high_contrast;
    s->mouse = c->mouse;
    if (c->emma) {  /* the lesson's worked example: step 1, phase by phase, explained */
        s->phase_mode = 1;
        s->explain = 1;
    }
    if (c->explain)
        s->explain = c->explain > 0;
    s->other = -1;
    s->differ_at = -2;
    Run *r = &s->runs[0];
    /* the untrained model's live samples, before the first step changes it */
    if (run_start(r, t, s->num_steps) != 0 || !(r->tl = timeline_new(t))) {
        session_free(s);
        return SESSION_OOM;
    }
    r->variant = c->variant;
    int twin = c->twin ? session_add_twin(s, c->twin, c->twin_desc ? c->twin_desc : "", c->twin_sink,
                                          c->twin_sink_ctx) : 0;
    if (twin != 0) {
        session_free(s);
        return twin;
    }
    timeline_set_sink(r->tl, c->sink, c->sink_ctx);
    s->stop = -1;
    s->script = c->script && c->script->count > 0 ? c->script : NULL;
    look_start(s);  /* no inside panel yet; --probe's names */
    arrive(s);      /* step 1 is computed before the screen opens */
    if (s->script && !s->failed)
        session_stop(s, 0, 0);      /* a lesson starts at its first stop */
    int failed = s->failed;
    if (failed)
        session_free(s);
    return failed;
}

void session_free(Session *s)
{
    for (int i = 0; i < SESSION_MAX_RUNS; i++)
        run_free(&s->runs[i]);
    memset(s, 0, sizeof *s);
    s->focus = PANEL_NONE;
}

/* Pauses (a key that moves stops the run); DO_CLOCK when it was running. */
static unsigned pause(Session *s)
{
    unsigned r = s->running ? DO_CLOCK : 0;
    s->running = 0;
    return r;
}

unsigned session_go(Session *s, long k)
{
    unsigned r = DO_DRAW | pause(s);
    if (k < 0)
        k = 0;
    if (k > s->num_steps - 1)
        k = s->num_steps - 1;
    if (k != s->step) {
        s->step = (int)k;
        if (s->phase_mode)
            s->phase = phase_first();
        arrive(s);
    }
    return r;
}

/* A jump (Home, End, ] [, 1-6): step k, and in phase mode its Sample phase,
 * even when k is the step shown. */
static unsigned jump(Session *s, long k)
{
    unsigned r = session_go(s, k);
    if (s->phase_mode)
        s->phase = phase_first();
    return r;
}

unsigned session_set_small(Session *s, int small)
{
    if (small == s->small)
        return 0;
    s->small = small;
    if (small) {
        s->resume = s->running;
        return pause(s);
    }
    if (s->resume && s->step < s->num_steps - 1) {
        s->resume = 0;
        s->running = 1;
        return DO_CLOCK | DO_DRAW;
    }
    s->resume = 0;
    return 0;
}

void session_set_samples_page(Session *s, int per_page)
{
    s->samples_per_page = per_page;
}

void session_tick(Session *s)
{
    if (s->small)
        return;
    if (s->step >= s->num_steps - 1) {
        s->running = 0;
        return;
    }
    s->step++;
    s->arc = -1;
    arrive(s);
}

/* The focus moved to the next (dir 1) or previous (-1) panel on screen. */
static unsigned focus_move(Session *s, int dir, PanelSet on)
{
    PanelId f = focus_of(s, on);
    if (f == PANEL_NONE)
        return 0;
    int at = 0;
    for (int i = 0; i < NFOCUS; i++)
        if (focus_order[i] == f)
            at = i;
    for (int k = 1; k <= NFOCUS; k++) {
        int i = (at + dir * k + NFOCUS * k) % NFOCUS;
        if (on & PANEL_BIT(focus_order[i])) {
            if (focus_order[i] == f)
                return 0;
            s->focus = focus_order[i];
            return DO_DRAW;
        }
    }
    return 0;
}

static unsigned apply(Session *s, Action a, int arg, PanelSet on)
{
    const int n = step_n(s);
    const Phase cur = phase_of(s);
    switch (a) {
    case ACT_QUIT:
        return DO_QUIT;
    case ACT_RUN:
        if (!s->running && s->step >= s->num_steps - 1)
            return 0;       /* nothing left to run */
        s->running = !s->running;
        if (s->running && s->phase_mode)
            s->phase = phase_last();    /* running shows whole steps */
        return DO_DRAW | DO_CLOCK;
    case ACT_NEXT:
        if (hidden_pos(s) >= 0) {       /* guess mode: the answer first */
            s->revealed = 1;
            return DO_DRAW;
        }
        if (s->script)                  /* a lesson: its next stop */
            return session_stop_step(s, 1, on);
        if (s->phase_mode && !phase_is_last(cur)) {
            s->phase = phase_next(cur, n);
            return DO_DRAW | pause(s);
        }
        return session_go(s, (long)s->step + 1);
    case ACT_BACK:
        if (s->script)
            return session_stop_step(s, -1, on);
        if (s->phase_mode && !phase_is_first(cur)) {
            s->phase = phase_prev(cur, n);
            return DO_DRAW | pause(s);
        }
        if (s->phase_mode && s->step > 0) {
            unsigned r = session_go(s, (long)s->step - 1);
            s->phase = phase_last();    /* the step before's last phase */
            return r;
        }
        return session_go(s, (long)s->step - 1);
    case ACT_AHEAD10:
        return jump(s, (long)s->step + 10);
    case ACT_BACK10:
        return jump(s, (long)s->step - 10);
    case ACT_FIRST:
        return jump(s, 0);
    case ACT_LAST:
        return jump(s, (long)s->reached - 1);
    case ACT_ARC: {
        int b[ARC_STAGES];
        if (arg < 0 || arg >= ARC_STAGES)
            return 0;
        arc_bookmarks(s->num_steps, b);
        unsigned r = jump(s, (long)b[arg] - 1);
        /* the lesson line says the stage's sentence, once there (a key may
         * stop a long way short of it) */
        s->arc = s->step == b[arg] - 1 ? arg : -1;
        return r;
    }
    case ACT_UP:
        if (s->phase_mode) {            /* the previous position's forward phase */
            if (n < 1 || cur.kind == PHASE_SAMPLE || (cur.kind == PHASE_FORWARD && cur.pos == 0))
                return 0;
            s->sel = cur.kind == PHASE_FORWARD ? cur.pos - 1 : n - 1;
            s->phase = phase_forward(s->sel);
            return DO_DRAW | pause(s);
        } else {
            int c = sel_of(s);
            s->sel = c > 0 ? c - 1 : 0;
            return c != s->sel ? DO_DRAW : 0;
        }
    case ACT_DOWN:
        if (s->phase_mode) {            /* the next position's forward phase */
            if (n < 1 || (cur.kind != PHASE_SAMPLE && cur.kind != PHASE_FORWARD) ||
                (cur.kind == PHASE_FORWARD && cur.pos >= n - 1))
                return 0;
            s->sel = cur.kind == PHASE_SAMPLE ? 0 : cur.pos + 1;
            s->phase = phase_forward(s->sel);
            return DO_DRAW | pause(s);
        } else {
            int c = sel_of(s);
            s->sel = c < n - 1 ? c + 1 : c;
            return c != s->sel ? DO_DRAW : 0;
        }
    case ACT_FASTER:
        if (s->speed >= NSPEEDS - 1)
            return 0;
        s->speed++;
        return DO_DRAW | DO_CLOCK;
    case ACT_SLOWER:
        if (s->speed <= 0)
            return 0;
        s->speed--;
        return DO_DRAW | DO_CLOCK;
    case ACT_HELP:
        s->help = 1;
        return DO_DRAW;
    case ACT_SAMPLES: {
        /* only where they are (the last step): show, next page, ..., hide */
        const Shown sh = session_shown(s, on);
        if (!sh.samples)
            return 0;
        if (!s->samples) {
            s->samples = 1;
            s->samples_page = 0;
        } else if (sh.samples_more) {
            s->samples_page = sh.samples_page + 1;
        } else {
            s->samples = 0;
        }
        return DO_DRAW;
    }
    case ACT_ESCAPE:
        if (s->zoom) {
            s->zoom = 0;
            return DO_DRAW;
        }
        if (session_shown(s, on).samples == 2) {
            s->samples = 0;
            return DO_DRAW;
        }
        return look_close(s);  /* else the inside panel closes */
    case ACT_ATTENTION: case ACT_UPDATE: case ACT_PROBE: case ACT_LOGITS: case ACT_FOLLOW: case ACT_PICK:
        return look_act(s, a);
    case ACT_PHASES: {
        /* p twice comes back to the phase left, when the step is the same */
        unsigned r = DO_DRAW | pause(s);
        if (s->phase_mode) {
            s->left_step = s->step;
            s->left_phase = cur;
            s->phase_mode = 0;
        } else {
            s->phase_mode = 1;
            s->phase = s->left_step == s->step ? s->left_phase : phase_first();
        }
        return r;
    }
    case ACT_EXPLAIN:
        s->explain = !s->explain;
        return DO_DRAW;
    case ACT_LIVE:
        s->live = !s->live;
        return DO_DRAW;
    case ACT_GUESS:
        s->guess = !s->guess;
        s->revealed = 0;
        return DO_DRAW;
    case ACT_REVEAL:
        if (hidden_pos(s) < 0)
            return 0;
        s->revealed = 1;
        return DO_DRAW;
    case ACT_ZOOM:
        s->focus = focus_of(s, on);
        s->zoom = !s->zoom;
        return DO_DRAW;
    case ACT_FOCUS_NEXT:
        return focus_move(s, 1, on);
    case ACT_FOCUS_PREV:
        return focus_move(s, -1, on);
    case ACT_CONTRAST:
        s->contrast = !s->contrast;
        return DO_DRAW | DO_THEME | DO_REPAINT;
    case ACT_REDRAW:
        return DO_DRAW | DO_REPAINT;
    case ACT_MOUSE:
        s->mouse = !s->mouse;
        snprintf(s->message, sizeof s->message, "mouse %s (m turns it %s)", s->mouse ? "on" : "off",
                 s->mouse ? "off" : "on");
        return DO_DRAW | DO_MOUSE;
    case ACT_FOCUS:
        if (!panel_focusable((PanelId)arg) || !(on & PANEL_BIT(arg)) || focus_of(s, on) == (PanelId)arg)
            return 0;
        s->focus = (PanelId)arg;
        return DO_DRAW;
    case ACT_WHATIF: {
        unsigned r = DO_DRAW | pause(s);
        whatif_open(s);
        return r;
    }
    case ACT_OTHER: {
        if (s->nruns < 2)
            return 0;
        /* the next run; the one left is the one compared with */
        s->other = s->shown;
        s->shown = (s->shown + 1) % s->nruns;
        s->reached = timeline_reached(run_shown(s)->tl);
        return DO_DRAW;
    }
    case ACT_EXPORT:
        return DO_EXPORT | DO_DRAW;     /* the key line then says where */
    case ACT_PROMPT:
        prompt_open(&s->prompt, ":", "a step, +N or -N; Enter goes, Esc cancels");
        return DO_DRAW;
    case ACT_GOTO:
        return jump(s, arg);
    case ACT_SELECT:
        if (arg < 0 || arg >= n)
            return 0;
        if (s->phase_mode) {            /* its forward phase, as Up and Down */
            s->sel = arg;
            s->phase = phase_forward(arg);
            return DO_DRAW | pause(s);
        }
        if (sel_of(s) == arg)
            return 0;
        s->sel = arg;
        return DO_DRAW;
    case ACT_PROBS_UP: case ACT_PROBS_DOWN: {
        const int was = s->probs_scroll, rows = arg > 0 ? arg : 1;
        s->probs_scroll += a == ACT_PROBS_DOWN ? rows : -rows;
        s->probs_scroll = s->probs_scroll < 0 ? 0 : s->probs_scroll > s->probs_max ? s->probs_max : s->probs_scroll;
        return s->probs_scroll != was ? DO_DRAW : 0;
    }
    case ACT_SAMPLES_PAGE: {
        const Shown sh = session_shown(s, on);
        const int per = s->samples_per_page, count = samples_count(s);
        if (sh.samples != 2 || per < 1)
            return 0;
        int page = sh.samples_page + (arg > 0 ? 1 : -1), last = (count - 1) / per;
        page = page < 0 ? 0 : page > last ? last : page;
        if (page == sh.samples_page)
            return 0;
        s->samples_page = page;
        return DO_DRAW;
    }
    default:
        return 0;
    }
}

unsigned session_act(Session *s, Action a, int arg, PanelSet on)
{
    const int step = s->step, sel = sel_of(s), mode = s->phase_mode, plays = s->plays;
    const Phase phase = phase_of(s);
    unsigned r = apply(s, a, arg, on);
    if (s->plays != plays)
        return r;       /* a lesson's stop: it says what shows */
    /* a new step, phase or position hides the answer again (and ends what
     * an arc jump said) */
    const Phase now = phase_of(s);
    if (s->step != step || now.kind != phase.kind || now.pos != phase.pos || s->phase_mode != mode ||
        (!s->phase_mode && sel_of(s) != sel)) {
        s->revealed = 0;
        s->probs_scroll = 0;    /* another list of probabilities: from its top */
        if (a != ACT_ARC)
            s->arc = -1;
    }
    return r;
}

/* A key while the `:` prompt is open: editing, Enter (the step it names,
 * or why not, kept open), Esc. */
static unsigned prompt_session_key(Session *s, int key, PanelSet on)
{
    const PromptResult pr = prompt_key(&s->prompt, key);
    if (pr != PROMPT_ENTER)
        return pr == PROMPT_IGNORED ? 0 : DO_DRAW;
    long k;
    char err[PROMPT_ERROR];
    if (!s->prompt.field.text[0]) {       /* nothing typed: nothing to do */
        prompt_close(&s->prompt);
        return DO_DRAW;
    }
    if (goto_parse(s->prompt.field.text, s->step, s->num_steps, &k, err, sizeof err) != 0) {
        prompt_fail(&s->prompt, err);
        return DO_DRAW;
    }
    prompt_close(&s->prompt);
    return DO_DRAW | session_act(s, ACT_GOTO, (int)k, on);
}

unsigned session_key(Session *s, int key, PanelSet on)
{
    if (s->form.open)       /* the what-if form takes the keys */
        return whatif_key(s, key);
    if (s->editing)         /* so does the line editor */
        return look_key(s, key);
    if (key == UIK_RESIZE)
        return DO_DRAW | DO_REPAINT;
    unsigned said = 0;      /* a message shown until the next key */
    if (s->message[0]) {
        s->message[0] = '\0';
        said = DO_DRAW;
    }
    int which = 0;
    const KeyRow *row = keymap_find(key, &which);
    if (row && row->action == ACT_REDRAW)
        return session_act(s, ACT_REDRAW, 0, on);
    if (s->small)           /* nothing shows what a key would do: only q */
        return row && row->action == ACT_QUIT ? DO_QUIT : 0;
    if (s->help) {          /* any key closes the help */
        s->help = 0;
        return DO_DRAW;
    }
    if (s->prompt.active)
        return said | prompt_session_key(s, key, on);
    /* a count: digits, then G (137G); a lone 1 ... 6 jumps along the arc
     * after COUNT_WAIT_MS unless more digits come (session_count_expire) */
    if (count_add(&s->count, key))
        return said | DO_DRAW | (count_arc(&s->count) >= 0 ? DO_COUNT : 0);
    if (s->count.len) {
        const long k = count_value(&s->count);
        const int arc = count_arc(&s->count);
        count_clear(&s->count);
        said |= DO_DRAW;
        if (row && row->action == ACT_LAST)     /* G or End: the count's step (clamped, as vim) */
            return said | session_act(s, ACT_GOTO, (int)(k < s->num_steps ? k : s->num_steps) - 1, on);
        if (row && row->action == ACT_ESCAPE)
            return said;        /* the count dropped */
        if (arc >= 0)           /* the lone digit's jump first, then the key */
            said |= session_act(s, ACT_ARC, arc, on);
    }
    return said | (row ? session_act(s, row->action, which, on) : 0);
}

unsigned session_count_expire(Session *s, PanelSet on)
{
    const int arc = count_arc(&s->count);
    if (arc < 0)
        return 0;
    count_clear(&s->count);
    return DO_DRAW | session_act(s, ACT_ARC, arc, on);
}

void session_say(Session *s, const char *msg)
{
    snprintf(s->message, sizeof s->message, "%s", msg);
}

void session_set_probs_max(Session *s, int max)
{
    s->probs_max = max > 0 ? max : 0;
    if (s->probs_scroll > s->probs_max)
        s->probs_scroll = s->probs_max;
}

Shown session_shown(const Session *s, PanelSet on)
{
    const StepInfo *in = &run_shown(s)->t->info;
    Shown sh;
    memset(&sh, 0, sizeof sh);
    sh.running = s->running;
    sh.speed = session_speed(s);
    sh.last = s->step >= s->num_steps - 1;
    sh.rate = s->running && !sh.last ? s->rate : 0;
    sh.help = s->help;
    sh.phase_mode = s->phase_mode;
    sh.phase = phase_of(s);
    if (s->phase_mode)
        sh.pos = sh.phase.kind == PHASE_FORWARD ? sh.phase.pos : -1;
    else
        sh.pos = sel_of(s);
    /* before the Update phase the parameters are still the step before's */
    sh.age = s->step + (phase_has_update(sh.phase) ? 1 : 0);
    /* guess mode: the tokens known so far (the model reads them one at a
     * time): at a forward phase (step mode: the selected position) up to its
     * input, and its target once revealed; at the Sample phase only BOS;
     * from the Loss phase on, all.  The rest, the length and the step's loss
     * hide with them. */
    const int n = in->n, guess = s->guess && !s->running && n > 0;
    int known = INT_MAX;
    if (guess && !s->phase_mode)
        known = sel_of(s) + 1 + (s->revealed ? 1 : 0);
    else if (guess && sh.phase.kind == PHASE_SAMPLE)
        known = 1;
    else if (guess && sh.phase.kind == PHASE_FORWARD)
        known = sh.phase.pos + 1 + (s->revealed ? 1 : 0);
    if (known > n)
        known = INT_MAX;    /* every target known */
    sh.guess = s->guess;
    sh.hiding = hidden_pos(s) >= 0;
    sh.hide_from = known;
    sh.hide_len = known != INT_MAX;
    sh.positions = !sh.hide_len ? n : sh.hiding ? known : known - 1;
    sh.hide_loss = sh.hide_len;
    sh.hide_next = guess;
    sh.curve_steps = phase_has_log(sh.phase) && !sh.hide_loss ? in->step + 1 : in->step;
    sh.arc = s->arc;
    sh.message = s->message[0] ? s->message : NULL;
    sh.prompt = s->prompt.active ? &s->prompt : NULL;
    sh.count = s->count.len ? s->count.digits : NULL;
    sh.probs_scroll = s->probs_scroll;
    sh.lesson = s->script != NULL;
    if (session_at_stop(s)) {
        const Stop *st = &s->script->stops[s->stop];
        sh.stop = s->stop;
        sh.stops = s->script->count;
        sh.stop_name = st->name;
        sh.note = s->explain ? st->note : NULL;
    }
    sh.explain = s->explain;
    sh.inside = s->inside;
    sh.logits = s->logits;
    sh.live = s->live;
    /* the final samples once training is over: at the last step (in phase
     * mode, once its Log phase is reached) */
    const Run *r = run_shown(s);
    if (r->have_samples && r->samples.count > 0 && sh.last && (!s->phase_mode || phase_has_log(sh.phase))) {
        sh.samples = s->samples ? 2 : 1;
        const int per = s->samples_per_page, count = samples_count(s);
        sh.samples_page = s->samples_page;
        if (per > 0 && sh.samples_page * per >= count)
            sh.samples_page = (count - 1) / per;     /* a bigger screen: fewer pages */
        sh.samples_more = sh.samples == 2 && per > 0 && (sh.samples_page + 1) * per < count;
    }
    sh.focus = focus_of(s, on);
    sh.zoomed = s->zoom ? sh.focus : PANEL_NONE;
    /* at a stop, the explanation focused (to zoom it: all of its text) keeps
     * the Why of the panel the stop focused */
    sh.explained = sh.note && sh.focus == PANEL_EXPLAIN ? focus_among(s, s->at_stop.focus, on & ~PANEL_BIT(PANEL_EXPLAIN))
                 : sh.focus;
    sh.on_screen = sh.zoomed == PANEL_NONE ? on
                 : (on & (PANEL_BIT(PANEL_STATUS) | PANEL_BIT(PANEL_LESSON) | PANEL_BIT(PANEL_KEYS))) |
                   PANEL_BIT(sh.zoomed);
    return sh;
}

/* Run r's constants, as the panels see them. */
static void view_run(const Session *s, const Run *r, ViewRun *vr)
{
    const Trainer *t = r->t;
    vr->ds = t->ds;
    vr->model = &t->model;
    vr->train = &t->cfg;
    vr->variant = variant_info(r->variant)->name;
    vr->program = r->variant;
    vr->custom = !train_config_is_variant(&t->cfg, r->variant);
    vr->num_steps = s->num_steps;
    vr->vocab_size = t->model.cfg.vocab_size;
    vr->block_size = t->model.cfg.block_size;
    vr->distinct = r->seen.distinct;
    vr->cuts = r->cuts;
    vr->live_every = r->live.every;
    vr->live_name_bytes = r->live.name_bytes;
}

/* Run r's step shown, as sh shows it. */
static void view_step(const Session *s, const Run *r, const Shown *sh, ViewStep *st)
{
    const Trainer *t = r->t;
    st->info = &t->info;
    st->curve = timeline_curve(r->tl);
    st->seen = seen_by_step(&r->seen, s->step);
    trainer_param_name(t, t->info.follow_index, st->follow_name, sizeof st->follow_name);
    st->follow = t->info.follow;
    st->live_age = live_age(sh->age, r->live.every > 0 ? r->live.every : 1);
    st->live_names = live_get(&r->live, st->live_age);
    if (sh->samples == 2)
        st->samples = &r->samples;
}

/* What shows of the other run's step beside the shown one's: the same
 * (phase, position, what guess mode hides), the position and the rows that
 * may show clamped to its n (a twin with another seed trains another name);
 * no overlays. */
static Shown shown_beside(Shown sh, int n)
{
    if (sh.pos >= n)
        sh.pos = n - 1;
    if (!sh.hide_len || sh.positions > n)
        sh.positions = n;
    sh.samples = 0;
    sh.help = 0;
    return sh;
}

void session_view(Session *s, PanelSet on, View *v)
{
    memset(v, 0, sizeof *v);
    v->shown = session_shown(s, on);
    live_ensure(s, v->shown.age);
    Run *r = session_run(s);
    view_run(s, r, &v->run);
    ViewStep *st = &v->step;
    view_step(s, r, &v->shown, st);
    v->form = s->form.open ? &s->form : NULL;
    look_view(s, v);    /* the inside panels' data, computed as they need it */
    ViewCompare *cmp = &v->cmp;
    cmp->runs = s->nruns;
    cmp->label = (char)('A' + s->shown);
    cmp->desc = r->desc;
    if (s->other >= 0) {
        const Run *o = &s->runs[s->other];
        cmp->other_label = (char)('A' + s->other);
        cmp->other_desc = o->desc;
        cmp->curve = timeline_curve(o->tl);
        cmp->loss = o->t->info.loss;
        cmp->shown = shown_beside(v->shown, o->t->info.n);
        view_run(s, o, &cmp->run);
        view_step(s, o, &cmp->shown, &cmp->step);
        if (st->samples && o->have_samples) {
            cmp->samples = &o->samples;
            cmp->differ_at = session_names_differ(s);
        }
    }
}
