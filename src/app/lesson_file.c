/* lesson_file.c: a lesson script's file. */
#include "app/lesson_file.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/inifile.h"
#include "app/settings.h"
#include "core/message.h"
#include "core/utf8.h"
#include "session/markup.h"

/* What a stop may say, each once (note: as many lines as it likes). */
enum { K_NAME, K_STEP, K_PHASE, K_POSITION, K_ZOOM, K_GUESS, K_ARC, K_SAMPLES, K_LIVE, K_EXPLAIN, K_INSIDE,
       K_PROBE, K_FOLLOW, K_LOGITS, K_NOTE, K_COUNT };
static const char *const keys[K_COUNT] = {
    "name", "step", "phase", "position", "zoom", "guess", "arc", "samples", "live", "explain", "inside",
    "probe", "follow", "logits", "note",
};

typedef struct {
    Script *s;
    const char *path;
    const LessonRun *run;
    int block_size;
    int sections;           /* the [section] lines counted when the current stop began */
    unsigned said;          /* the current stop's keys given so far (bits) */
    int explain_said;
    char *err;              /* the first error */
    size_t len;
} Load;

/* Notes the first error, at a line; returns 0 (for the handler). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(Load *l, int line, const char *fmt, ...)
{
    if (!l->err[0]) {
        char msg[400];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        message_about(l->err, l->len, l->path, "line %d: %s", line, msg);
    }
    return 0;
}

/* A decimal integer in [lo, hi], the whole string: 0, or -1. */
static int integer(const char *t, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(t, &end, 10);
    if (!*t || *end || errno == ERANGE || v < lo || v > hi || (*t != '-' && (*t < '0' || *t > '9')))
        return -1;
    *out = v;
    return 0;
}

/* A new stop: the defaults (the step of the stop before). */
static int new_stop(Load *l, int line)
{
    Script *s = l->s;
    if (s->count >= SCRIPT_MAX_STOPS)
        return fail(l, line, "more than %d stops", SCRIPT_MAX_STOPS);
    Stop *st = realloc(s->stops, (size_t)(s->count + 1) * sizeof *st);
    if (!st)
        return fail(l, line, "out of memory");
    s->stops = st;
    Stop *p = &st[s->count];
    memset(p, 0, sizeof *p);
    p->line = line;
    if (s->count) {     /* the step and the names probed: the stop before's */
        const Stop *b = &st[s->count - 1];
        p->step = b->step;
        p->probe_set = b->probe_set;
        p->nprobe = b->nprobe;
        memcpy(p->probe, b->probe, sizeof p->probe);
    }
    p->phase = phase_last();
    p->position = -1;
    p->zoom = PANEL_NONE;
    p->inside = PANEL_NONE;
    p->follow_rank = -1;
    p->follow_index = -1;
    p->samples = 1;
    s->count++;
    l->said = 0;
    l->explain_said = 0;
    return 1;
}

/* The names probed: "emma, zoe" (none: ""), each made of the data's
 * characters; 1, or 0 (failed). */
static int probe_names(Load *l, Stop *p, const char *value, int line)
{
    p->probe_set = 1;
    p->nprobe = 0;
    for (const char *q = value; *value;) {
        const char *end = strchr(q, ',');
        char name[INI_LINE_MAX + 1], why[200];
        snprintf(name, sizeof name, "%.*s", end ? (int)(end - q) : (int)strlen(q), q);
        char *t = name + strspn(name, " \t");     /* trimmed */
        size_t e = strlen(t);
        while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t'))
            t[--e] = '\0';
        if (!*t)
            return fail(l, line, "probe: an empty name (names are separated by commas)");
        ProbeName pn;
        if (inside_name(&pn, l->run->ds, l->block_size, t, why, sizeof why) != 0)
            return fail(l, line, "probe: '%s': %s", t, why);
        int seen = 0;
        for (int i = 0; i < p->nprobe; i++)
            seen |= strcmp(p->probe[i], t) == 0;
        if (!seen) {
            if (p->nprobe == INSIDE_NAMES)
                return fail(l, line, "probe: more than %d names", INSIDE_NAMES);
            snprintf(p->probe[p->nprobe++], sizeof p->probe[0], "%s", t);
        }
        if (!end)
            break;
        q = end + 1;
    }
    return 1;
}

/* inside, probe and follow: the panels inside the model.  1, or 0 (failed). */
static int inside_line(Load *l, Stop *p, int k, const char *value, int line)
{
    long v;
    if (k == K_PROBE)
        return probe_names(l, p, value, line);
    if (k == K_FOLLOW) {
        /* trace (the trainer's own), a rank among the update's biggest moves, or a parameter */
        size_t index;
        char why[200];
        p->follow_rank = -1;
        p->follow_index = -1;
        if (strcmp(value, "trace") == 0)
            return 1;
        if (*value >= '0' && *value <= '9') {
            if (integer(value, 1, INSIDE_MOVERS, &v) != 0)
                return fail(l, line, "follow: '%s' is not a rank from 1 to %d (the update's biggest moves)", value,
                            INSIDE_MOVERS);
            p->follow_rank = (int)v - 1;
            return 1;
        }
        if (!strchr(value, '['))
            return fail(l, line, "follow: '%s' is not trace, a rank from 1 to %d or a parameter (lm_head[4][0])",
                        value, INSIDE_MOVERS);
        if (model_param_parse(l->run->model, value, &index, why, sizeof why) != 0)
            return fail(l, line, "follow: %s", why);
        p->follow_index = (long)index;
        return 1;
    }
    PanelId q = PANEL_NONE;
    if (script_panel(value, &q) != 0 || (q != PANEL_NONE && !panel_inside(q)))
        return fail(l, line, "inside: '%s' is not attention, probe, update or none", value);
    if (panel_inside(p->zoom) && q != p->zoom)
        return fail(l, line, "inside: %s, but zoom = %s (the inside panel zoomed is the one shown)", value,
                    script_panel_name(p->zoom));
    p->inside = q;
    return 1;
}

static int on_line(void *user, const IniPos *at, const char *section, const char *name, const char *value)
{
    Load *l = user;
    Script *s = l->s;
    if (at->indented)
        return fail(l, at->line, "indented (a line starts with its name: NAME = VALUE)");
    /* the lesson's own lines, before the first stop */
    if (!section[0]) {
        if (strcmp(name, "title") == 0) {
            snprintf(s->title, sizeof s->title, "%s", value);
            return 1;
        }
        if (strcmp(name, "order") == 0) {
            if (strcmp(value, "file") == 0 || strcmp(value, "shuffled") == 0) {
                s->order = strcmp(value, "shuffled") == 0;
                return 1;
            }
            return fail(l, at->line, "order: '%s' is not file or shuffled", value);
        }
        return fail(l, at->line, "'%s' is not title or order (a stop's lines go after [stop])", name);
    }
    if (strcmp(section, "stop") != 0)
        return fail(l, at->line, "[%s]: a lesson's sections are [stop]", section);
    if (at->sections != l->sections || s->count == 0) {   /* the first line of a new [stop] */
        l->sections = at->sections;
        if (!new_stop(l, at->line))
            return 0;
    }
    Stop *p = &s->stops[s->count - 1];
    int k = 0;
    while (k < K_COUNT && strcmp(name, keys[k]) != 0)
        k++;
    if (k == K_COUNT) {
        char list[200];
        size_t o = 0;
        for (int i = 0; i < K_COUNT; i++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i == 0 ? "" : i < K_COUNT - 1 ? ", " : " or ",
                                  keys[i]);
        return fail(l, at->line, "'%s' is not %s", name, list);
    }
    if (k != K_NOTE && (l->said & (1u << k)))
        return fail(l, at->line, "%s given twice in one stop", name);
    l->said |= 1u << k;
    long v;
    int b;
    switch (k) {
    case K_NAME:
        if (strlen(value) >= STOP_NAME || strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(value) ||
            !value[0])
            return fail(l, at->line, "name: '%s' is not a short name (a-z, 0-9 and -, at most 39)", value);
        snprintf(p->name, sizeof p->name, "%s", value);
        return 1;
    case K_STEP:
        if (integer(value, 1, l->run->num_steps, &v) != 0)
            return fail(l, at->line, "step: '%s' is not a step from 1 to %d (the run's last)", value,
                        l->run->num_steps);
        p->step = (int)v - 1;
        return 1;
    case K_PHASE: {
        int kind;
        if (script_phase(value, &kind) != 0)
            return fail(l, at->line, "phase: '%s' is not sample, forward, loss, backward, update, log or step",
                        value);
        p->phase_mode = kind >= 0;
        p->phase = kind < 0 ? phase_last() : kind == PHASE_FORWARD ? phase_forward(p->position < 0 ? 0 : p->position)
                 : (Phase){ (PhaseKind)kind, 0 };
        return 1;
    }
    case K_POSITION:
        if (integer(value, 0, l->block_size - 1, &v) != 0)
            return fail(l, at->line, "position: '%s' is not a position from 0 to %d (the block size's last)",
                        value, l->block_size - 1);
        p->position = (int)v;
        p->position_line = at->line;
        if (p->phase.kind == PHASE_FORWARD)
            p->phase = phase_forward(p->position);
        return 1;
    case K_ZOOM:
        if (script_panel(value, &p->zoom) != 0)
            return fail(l, at->line, "zoom: '%s' is not name, positions, probabilities, phase, loss, lr, live, "
                        "explain, attention, probe, update or none", value);
        if (panel_inside(p->zoom)) {    /* the inside panel zoomed is the one shown */
            if ((l->said & (1u << K_INSIDE)) && p->inside != p->zoom)
                return fail(l, at->line, "zoom: %s, but inside = %s (one inside panel shows at a time)", value,
                            script_panel_name(p->inside));
            p->inside = p->zoom;
        }
        return 1;
    case K_INSIDE: case K_PROBE: case K_FOLLOW:
        return inside_line(l, p, k, value, at->line);
    case K_GUESS: case K_ARC: case K_SAMPLES: case K_LIVE: case K_EXPLAIN: case K_LOGITS:
        if (k == K_GUESS && strcmp(value, "revealed") == 0)
            b = 2;      /* guess mode, the answer shown (as after r) */
        else if ((b = settings_boolean(value)) < 0)
            return fail(l, at->line, "%s: '%s' is not yes or no%s", name, value, k == K_GUESS ? " (or revealed)" : "");
        if (k == K_GUESS)
            p->guess = b;
        else if (k == K_ARC)
            p->arc = b;
        else if (k == K_SAMPLES)
            p->samples = b;
        else if (k == K_LIVE)
            p->live = b;
        else if (k == K_LOGITS)
            p->logits = b;
        else
            p->explain = b, l->explain_said = 1;
        return 1;
    default: {  /* K_NOTE: a line more */
        for (const unsigned char *q = (const unsigned char *)value; *q;) {
            uint32_t cp;
            size_t n = utf8_decode(q, strlen((const char *)q), &cp);
            if (n == 0)
                return fail(l, at->line, "note: not UTF-8");
            if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
                return fail(l, at->line, "note: a control character");
            q += n;
        }
        size_t had = p->note ? strlen(p->note) : 0, add = strlen(value);
        if (had + add + 2 > STOP_NOTE_MAX)
            return fail(l, at->line, "note: longer than %d bytes in one stop", STOP_NOTE_MAX);
        char *note = realloc(p->note, had + add + 2);
        if (!note)
            return fail(l, at->line, "out of memory");
        if (had)
            note[had++] = '\n';
        memcpy(note + had, value, add + 1);
        p->note = note;
        if (!l->explain_said)
            p->explain = 1;     /* a note is shown in the explanation panel */
        return 1;
    }
    }
}

int lesson_load(Script *out, const char *path, const LessonRun *run, char *err, size_t len)
{
    memset(out, 0, sizeof *out);
    out->order = -1;
    err[0] = '\0';
    Load l = { .s = out, .path = path, .run = run, .block_size = run->model->cfg.block_size, .err = err,
               .len = len };
    int line;
    switch (inifile_read(path, on_line, &l, &line)) {
    case INI_OK:
        break;
    case INI_OPEN: case INI_READ: case INI_NOT_FILE:
        message_about(err, len, path, "cannot read the lesson: %s", strerror(errno));
        break;
    case INI_TOO_LONG:
        message_about(err, len, path, "line %d: longer than %d bytes", line, INI_LINE_MAX);
        break;
    case INI_MALFORMED:
        message_about(err, len, path, "line %d: not NAME = VALUE, [stop] or a comment (# or ;)", line);
        break;
    default:    /* INI_HANDLER: said in err */
        break;
    }
    if (!err[0] && out->count == 0)
        message_about(err, len, path, "no [stop] in the lesson");
    if (err[0]) {
        script_free(out);
        return -1;
    }
    return 0;
}

int lesson_check_docs(const Script *s, const char *path, const Dataset *ds, int block_size, char *err, size_t len)
{
    for (int i = 0; i < s->count; i++) {
        const Stop *p = &s->stops[i];
        const int at = p->position_line ? p->position_line : p->line;
        const int pos = p->position >= 0 ? p->position : p->phase_mode && p->phase.kind == PHASE_FORWARD ? p->phase.pos : 0;
        if (pos == 0 || ds->count == 0)
            continue;
        /* n = min(block_size, len(tokens) - 1): the name's characters and a BOS each side */
        const size_t doc = (size_t)p->step % ds->count, chars = dataset_encode(ds, doc, NULL, 0);
        const int n = chars + 1 < (size_t)block_size ? (int)chars + 1 : block_size;
        if (pos >= n) {
            char name[64];
            doc_text(ds, doc, name, sizeof name);
            message_about(err, len, path, "line %d: position: %d is past step %d's name, \"%s\" "
                          "(n = %d: positions 0 to %d)", at, pos, p->step + 1, name, n, n - 1);
            return -1;
        }
    }
    return 0;
}
