/* prompt.c: a line a key opens. */
#include "session/prompt.h"

#include <stdio.h>
#include <string.h>

#include "session/keys.h"

void prompt_open(Prompt *p, const char *label, const char *hint)
{
    memset(p, 0, sizeof *p);
    p->active = 1;
    p->label = label;
    p->hint = hint;
    field_set(&p->field, "");
}

void prompt_close(Prompt *p)
{
    p->active = 0;
}

void prompt_fail(Prompt *p, const char *error)
{
    snprintf(p->error, sizeof p->error, "%s", error);
}

PromptResult prompt_key(Prompt *p, int key)
{
    switch (key) {
    case '\r': case '\n': case UIK_ENTER:
        return PROMPT_ENTER;
    case UIK_ESC:
        prompt_close(p);
        return PROMPT_CANCEL;
    default:
        if (!field_key(&p->field, key))
            return PROMPT_IGNORED;
        break;
    }
    p->error[0] = '\0';
    return PROMPT_EDITED;
}
