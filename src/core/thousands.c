/* thousands.c: a count with a comma every three digits. */
#include "core/thousands.h"

#include <stdio.h>

void format_thousands(size_t n, char *buf, size_t len)
{
    char d[32], out[48];
    int k = snprintf(d, sizeof d, "%zu", n), o = 0;
    for (int i = 0; i < k; i++) {
        if (i > 0 && (k - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = d[i];
    }
    out[o] = '\0';
    snprintf(buf, len, "%s", out);
}
