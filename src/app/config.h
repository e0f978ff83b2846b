/* config.h: the settings file, read with inih (Debian's libinih-dev).
 *
 * $XDG_CONFIG_HOME/microgpt-tui/config, or ~/.config/microgpt-tui/config:
 * lines `NAME = VALUE` (app/settings.h says which), comments after # or ;
 * at the start of a line.  Command-line options override it; --config FILE
 * reads another file, --no-config none.  A malformed line or a bad value is
 * an error naming the file and the line; an unknown name is a warning. */
#ifndef MICROGPT_CONFIG_H
#define MICROGPT_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#include "app/settings.h"

/* The default file's path from the environment's values (NULL: unset):
 * xdg/microgpt-tui/config when xdg is an absolute path (the XDG base
 * directory rule: a relative one is ignored), else home/.config/...
 * Returns 0, or -1 when there is neither (then there is no file). */
int config_default_path(char *out, size_t len, const char *xdg, const char *home);

/* Reads the file at path into s.  A missing file is an error when
 * must_exist (--config FILE), else no file at all.  Each unknown name is a
 * warning line on warn ("microgpt-tui: FILE:N: ...").  Returns 0, or -1
 * with a one-line message in err naming the file and the line. */
int config_load(Settings *s, const char *path, int must_exist, FILE *warn, char *err, size_t len);

#endif
