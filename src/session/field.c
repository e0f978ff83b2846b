/* field.c: a one-line text field. */
#include "session/field.h"

#include <string.h>

#include "session/keys.h"

void field_set(Field *f, const char *text)
{
    f->len = 0;
    for (const char *p = text; *p && f->len < FIELD_MAX; p++)
        if (*p >= 0x20 && *p < 0x7f)
            f->text[f->len++] = *p;
    f->text[f->len] = '\0';
    f->cursor = f->len;
}

int field_key(Field *f, int key)
{
    switch (key) {
    case UIK_LEFT:
        f->cursor -= f->cursor > 0;
        return 1;
    case UIK_RIGHT:
        f->cursor += f->cursor < f->len;
        return 1;
    case UIK_HOME:
        f->cursor = 0;
        return 1;
    case UIK_END:
        f->cursor = f->len;
        return 1;
    case UIK_BACKSPACE: case 0x7f: case 8: case UIK_DELETE:
        if (key != UIK_DELETE) {    /* backspace: the character before the cursor */
            if (f->cursor == 0)
                return 1;
            f->cursor--;
        }
        if (f->cursor < f->len) {
            memmove(f->text + f->cursor, f->text + f->cursor + 1, (size_t)(f->len - f->cursor));
            f->len--;
        }
        return 1;
    default:
        if (key < 0x20 || key >= 0x7f)
            return 0;
        if (f->len < FIELD_MAX) {
            memmove(f->text + f->cursor + 1, f->text + f->cursor, (size_t)(f->len - f->cursor + 1));
            f->text[f->cursor++] = (char)key;
            f->len++;
        }
        return 1;
    }
}
