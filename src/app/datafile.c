/* datafile.c: the default dataset, here or installed. */
#include "app/datafile.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* PREFIX/share/microgpt-tui/names.txt for the running PREFIX/bin/microgpt-tui
 * into buf; 0, or -1 when the binary is not in a bin/ directory. */
static int installed_path(char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';                  /* PREFIX/bin */
    slash = strrchr(exe, '/');
    if (!slash || strcmp(slash + 1, "bin") != 0)
        return -1;
    *slash = '\0';                  /* PREFIX ("" for /bin) */
    int w = snprintf(buf, len, "%s/share/microgpt-tui/names.txt", exe);
    return w > 0 && (size_t)w < len ? 0 : -1;
}

const char *datafile_default(char *buf, size_t len)
{
    if (len > 0)
        buf[0] = '\0';
    if (access(DATAFILE_LOCAL, F_OK) == 0)
        return DATAFILE_LOCAL;
    if (installed_path(buf, len) != 0) {
        if (len > 0)
            buf[0] = '\0';
        return NULL;
    }
    return access(buf, F_OK) == 0 ? buf : NULL;
}
