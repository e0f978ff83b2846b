/* datafile.h: where the names come from when --data is not given:
 * data/names.txt in the current directory (a source tree after `make data`),
 * else the copy `make install` put beside the binary:
 * PREFIX/share/microgpt-tui/names.txt for PREFIX/bin/microgpt-tui (the binary
 * found through /proc/self/exe, so any PREFIX and DESTDIR work). */
#ifndef MICROGPT_DATAFILE_H
#define MICROGPT_DATAFILE_H

#include <stddef.h>

/* The dataset's path in the current directory. */
#define DATAFILE_LOCAL "data/names.txt"

/* The default dataset: DATAFILE_LOCAL when it exists, else the installed copy
 * (written into buf, len bytes) when it exists, else NULL; then buf holds the
 * installed path looked for, or "" when there is none to look for. */
const char *datafile_default(char *buf, size_t len);

#endif
