/* inifile.c: inih's ini_parse_stream with a reader that counts lines. */
#include "app/inifile.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    FILE *f;
    IniPos at;
    int too_long;           /* the first line too long, or 0 */
    int refused;            /* the first line the handler refused, or 0 */
    IniHandler h;
    void *user;
} Reader;

/* fgets for inih: one whole line, counted, its facts noted; a line longer
 * than inih's buffer is noted and the rest of it skipped (inih would take
 * the pieces for lines of their own). */
static char *read_line(char *str, int num, void *stream)
{
    Reader *r = stream;
    if (!fgets(str, num, r->f))
        return NULL;
    r->at.line++;
    size_t n = strlen(str);
    if (n > 0 && str[n - 1] != '\n' && !feof(r->f)) {
        int c;
        while ((c = fgetc(r->f)) != EOF && c != '\n') {
        }
        if (!r->too_long)
            r->too_long = r->at.line;
    }
    const char *p = str;
    if (r->at.line == 1 && strncmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;     /* a byte-order mark, which inih skips too */
    r->at.indented = *p == ' ' || *p == '\t';
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '[')
        r->at.sections++;
    return str;
}

static int handle(void *user, const char *section, const char *name, const char *value)
{
    Reader *r = user;
    if (!name[0])
        return 0;   /* "= value": no name, a malformed line (not the handler's refusal) */
    if (r->h(r->user, &r->at, section, name, value))
        return 1;
    if (!r->refused)
        r->refused = r->at.line;
    return 0;
}

int inifile_read(const char *path, IniHandler h, void *user, int *line)
{
    *line = 0;
    Reader r = { .f = fopen(path, "r"), .h = h, .user = user };
    if (!r.f)
        return INI_OPEN;
    struct stat st;
    if (fstat(fileno(r.f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(r.f);
        errno = EISDIR;
        return INI_NOT_FILE;
    }
    int first = ini_parse_stream(read_line, &r, handle, &r);
    int bad = ferror(r.f), saved = errno;
    fclose(r.f);
    if (bad) {
        errno = saved;
        return INI_READ;
    }
    /* the first error of the file: inih's (the first line it could not
     * parse, or the handler refused), or a line too long */
    if (r.too_long && (first <= 0 || r.too_long <= first)) {
        *line = r.too_long;
        return INI_TOO_LONG;
    }
    if (first > 0) {
        *line = first;
        return first == r.refused ? INI_HANDLER : INI_MALFORMED;
    }
    return INI_OK;
}
