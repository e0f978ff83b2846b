/* screens.c: a session's screens as files. */
#include "app/screens.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "core/message.h"
#include "render/export.h"
#include "render/frame.h"

/* The names of a step's phases in file names: sample, forward-0 ... log. */
static void phase_name(Phase p, char *out, size_t len)
{
    static const char *const names[PHASE_KINDS] = { "sample", "forward", "loss", "backward", "update", "log" };
    if (p.kind == PHASE_FORWARD)
        snprintf(out, len, "forward-%d", p.pos);
    else
        snprintf(out, len, "%s", names[p.kind]);
}

/* Draws the session and writes it as dir/NN-name.  0, or -1 (err told). */
static int one(Session *s, Canvas *c, const ScreensOut *o, int n, const char *name, FILE *list, FILE *err)
{
    char base[4200], why[4400];
    snprintf(base, sizeof base, "%s/%02d-%s", o->dir, n, name);
    render_frame(c, s);
    if (export_write(c, base, o->high, o->colour, why, sizeof why) != 0) {
        message_scrub(why);
        fprintf(err, "microgpt-tui: %s\n", why);
        return -1;
    }
    fprintf(list, "%s\n", base);
    return 0;
}

/* A UTF-8 LC_CTYPE, so that the characters' widths are known (the files are
 * UTF-8 whatever the terminal's locale): the environment's when it is one,
 * else a UTF-8 one the system has.  0, or -1 when there is none. */
static int utf8_ctype(void)
{
    static const char *const names[] = { "", "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *got = setlocale(LC_CTYPE, names[i]);
        const char *cs = got ? nl_langinfo(CODESET) : NULL;
        if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
            return 0;
    }
    return -1;
}

int screens_export(const SessionConfig *sc, Trainer *t, const ScreensOut *o, FILE *list, FILE *err)
{
    char msg[4200];
    if (!o->ascii && utf8_ctype() != 0) {
        fprintf(err, "microgpt-tui: --export-screens: no UTF-8 locale on this system; give --ascii\n");
        return 2;
    }
    if (mkdir(o->dir, 0777) != 0 && errno != EEXIST) {
        message_about(msg, sizeof msg, o->dir, "cannot make the directory: %s", strerror(errno));
        fprintf(err, "microgpt-tui: %s\n", msg);
        return 2;
    }
    SessionConfig c = *sc;
    c.paused = 1;
    Session s;
    Canvas cv;
    if (session_init(&s, t, &c) != 0) {
        fprintf(err, "microgpt-tui: out of memory\n");
        return 1;
    }
    if (canvas_init(&cv, o->w, o->h, o->ascii) != 0) {
        session_free(&s);
        fprintf(err, "microgpt-tui: out of memory\n");
        return 1;
    }
    int rc = 0;
    if (s.script) {     /* each stop of the lesson */
        for (int i = 0; i < s.script->count && rc == 0 && !s.failed; i++) {
            session_stop(&s, i, 0);
            const char *name = s.script->stops[i].name;
            rc = one(&s, &cv, o, i + 1, name[0] ? name : "stop", list, err);
        }
    } else {            /* every phase of step 1, as --emma shows it */
        s.phase_mode = 1;
        s.explain = 1;
        const int n = s.runs[s.shown].t->info.n;
        for (int i = 0; i < phase_count(n) && rc == 0 && !s.failed; i++) {
            char name[32];
            s.phase = phase_at(i, n);
            phase_name(s.phase, name, sizeof name);
            rc = one(&s, &cv, o, i + 1, name, list, err);
        }
    }
    if (s.failed && rc == 0) {
        fprintf(err, "microgpt-tui: out of memory\n");
        rc = -1;
    }
    if (rc == 0 && (fflush(list) != 0 || ferror(list))) {
        fprintf(err, "microgpt-tui: standard output: write error: %s\n", strerror(errno));
        rc = -1;
    }
    canvas_free(&cv);
    session_free(&s);
    return rc == 0 ? 0 : 1;
}
