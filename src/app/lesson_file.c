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

/* What a stop may say, each once (note: as many lines as it likes). */
enum { K_NAME, K_STEP, K_PHASE, K_POSITION, K_ZOOM, K_GUESS, K_ARC, K_SAMPLES, K_LIVE, K_EXPLAIN, K_NOTE,
       K_COUNT };
static const char *const keys[K_COUNT] = {
    "name", "step", "phase", "position", "zoom", "guess", "arc", "samples", "live", "explain", "note",
};

typedef struct {
    Script *s;
    const char *path;
    int num_steps, block_size;
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
    p->step = s->count ? st[s->count - 1].step : 0;
    p->phase = phase_last();
    p->position = -1;
    p->zoom = PANEL_NONE;
    p->samples = 1;
    s->count++;
    l->said = 0;
    l->explain_said = 0;
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
    if (k == K_COUNT)
        return fail(l, at->line, "'%s' is not name, step, phase, position, zoom, guess, arc, samples, live, "
                    "explain or note", name);
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
        if (integer(value, 1, l->num_steps, &v) != 0)
            return fail(l, at->line, "step: '%s' is not a step from 1 to %d (the run's last)", value, l->num_steps);
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
        if (p->phase.kind == PHASE_FORWARD)
            p->phase = phase_forward(p->position);
        return 1;
    case K_ZOOM:
        if (script_panel(value, &p->zoom) != 0)
            return fail(l, at->line, "zoom: '%s' is not name, positions, probabilities, phase, loss, lr, live, "
                        "explain or none", value);
        return 1;
    case K_GUESS: case K_ARC: case K_SAMPLES: case K_LIVE: case K_EXPLAIN:
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

int lesson_load(Script *out, const char *path, int num_steps, int block_size, char *err, size_t len)
{
    memset(out, 0, sizeof *out);
    out->order = -1;
    err[0] = '\0';
    Load l = { .s = out, .path = path, .num_steps = num_steps, .block_size = block_size, .err = err, .len = len };
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
