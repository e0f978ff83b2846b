/* inifile.h: an INI file read with inih (Debian's libinih-dev), with what
 * inih does not tell its handler: the line each name is on, whether that
 * line is indented (inih then continues the previous value with it), and
 * how many [section] lines came before (so that sections of one name, one
 * per lesson stop, stay apart).  Used by the settings file (app/config.c)
 * and the lesson scripts (app/lesson_file.c). */
#ifndef MICROGPT_INIFILE_H
#define MICROGPT_INIFILE_H

typedef struct {
    int line;               /* the line read, 1-based */
    int sections;           /* [section] lines read so far, this one included */
    int indented;           /* the line starts with a blank */
} IniPos;

/* Called for each NAME = VALUE (names and values trimmed; section "" before
 * the first [section]).  Returns nonzero to go on, 0 for an error (then
 * inifile_read reports that line). */
typedef int (*IniHandler)(void *user, const IniPos *at, const char *section, const char *name,
                          const char *value);

enum {
    INI_OK = 0,
    INI_OPEN = -1,          /* the file cannot be opened (errno says why) */
    INI_MALFORMED = -2,     /* a line that is no NAME = VALUE, [section] or comment */
    INI_HANDLER = -3,       /* the handler refused a line */
    INI_TOO_LONG = -4,      /* a line longer than INI_LINE_MAX bytes */
    INI_READ = -5,          /* a read error (errno says why) */
    INI_NOT_FILE = -6,      /* a directory */
};
enum { INI_LINE_MAX = 199 };

/* Reads the file at path.  Returns INI_OK, or an INI_* error with its line
 * in *line (0 for INI_OPEN, INI_READ, INI_NOT_FILE); errno set for those. */
int inifile_read(const char *path, IniHandler h, void *user, int *line);

#endif
