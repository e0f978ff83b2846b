/* prompt.h: a line a key opens on the key line, curses-free: the `:`
 * prompt's (go to step).  Its text is a Field (session/field.h, the
 * forms' one-line editor: Left, Right, Home, End, Backspace, Delete,
 * Ctrl-U to erase it); Enter and Esc end it.  What the line is
 * for (its label, what Enter does, its error) is the owner's. */
#ifndef MICROGPT_PROMPT_H
#define MICROGPT_PROMPT_H

#include "session/field.h"

enum { PROMPT_ERROR = 120 };

typedef struct {
    int active;             /* open, taking the keys */
    const char *label;      /* shown before the text (":") */
    const char *hint;       /* shown after it while there is no error ("Enter goes, Esc cancels") */
    Field field;            /* the text and its cursor */
    char error[PROMPT_ERROR];   /* why Enter did not take the text, or "" */
} Prompt;

/* What a key did. */
typedef enum {
    PROMPT_IGNORED,         /* not a key of the line: nothing changed */
    PROMPT_EDITED,          /* an editing key (the error is dropped) */
    PROMPT_ENTER,           /* Enter: the owner takes the text, or says why not (prompt_fail) */
    PROMPT_CANCEL,          /* Esc: closed */
} PromptResult;

/* Opens p, empty. */
void prompt_open(Prompt *p, const char *label, const char *hint);
/* Applies a key. */
PromptResult prompt_key(Prompt *p, int key);
/* Keeps p open with an error shown after the text. */
void prompt_fail(Prompt *p, const char *error);
void prompt_close(Prompt *p);

#endif
