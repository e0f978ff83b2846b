/* config.c: the settings file. */
#include "app/config.h"

#include <errno.h>
#include <string.h>

#include "app/inifile.h"
#include "core/message.h"

int config_default_path(char *out, size_t len, const char *xdg, const char *home)
{
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(out, len, "%s/microgpt-tui/config", xdg);
    else if (home && home[0])
        n = snprintf(out, len, "%s/.config/microgpt-tui/config", home);
    else
        return -1;
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

typedef struct {
    Settings *s;
    const char *path;
    FILE *warn;
    char *err;              /* the first error */
    size_t len;
} Load;

static int on_setting(void *user, const IniPos *at, const char *section, const char *name, const char *value)
{
    Load *l = user;
    char where[64];
    snprintf(where, sizeof where, "line %d", at->line);
    if (at->indented) {
        if (!l->err[0])
            message_about(l->err, l->len, l->path, "%s: indented (a setting starts its line: NAME = VALUE)", where);
        return 0;
    }
    int k = settings_key(name);
    if (section[0] || k < 0) {
        if (l->warn) {
            char msg[512];
            message_about(msg, sizeof msg, l->path, "%s: unknown setting '%s%s%s' (ignored)", where, section,
                          section[0] ? "." : "", name);
            fprintf(l->warn, "microgpt-tui: warning: %s\n", msg);
        }
        return 1;
    }
    const char *bad = settings_set(l->s, (SettingKey)k, value);
    if (bad) {
        if (!l->err[0])
            message_about(l->err, l->len, l->path, "%s: %s: '%s' %s", where, name, value, bad);
        return 0;
    }
    return 1;
}

int config_load(Settings *s, const char *path, int must_exist, FILE *warn, char *err, size_t len)
{
    Settings got;
    settings_clear(&got);
    err[0] = '\0';
    Load l = { &got, path, warn, err, len };
    int line;
    int rc = inifile_read(path, on_setting, &l, &line);
    switch (rc) {
    case INI_OK:
        break;
    case INI_OPEN:
        if (errno == ENOENT && !must_exist)
            return 0;       /* no settings file: nothing to set */
        /* fall through */
    case INI_READ: case INI_NOT_FILE:
        message_about(err, len, path, "cannot read the settings: %s", strerror(errno));
        return -1;
    case INI_TOO_LONG:
        message_about(err, len, path, "line %d: longer than %d bytes", line, INI_LINE_MAX);
        return -1;
    case INI_MALFORMED:
        message_about(err, len, path, "line %d: not a setting (NAME = VALUE), nor a comment (# or ;)", line);
        return -1;
    default:    /* INI_HANDLER: the message is in err */
        return -1;
    }
    settings_merge(&got, s);    /* the file's values over what s had */
    *s = got;
    return 0;
}
