/* field.c: a one-line text field. */
#include "session/field.h"

#include <string.h>

#include "core/utf8.h"
#include "session/keys.h"

/* A code point the field takes: printable (not C0, DEL or C1), a scalar value. */
static int printable(unsigned long cp)
{
    return cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0) && cp < 0x110000 &&
           !(cp >= 0xd800 && cp < 0xe000);
}

/* Inserts the UTF-8 of cp at the cursor when it fits. */
static void insert(Field *f, unsigned long cp)
{
    char u[4];
    const int n = (int)utf8_encode((uint32_t)cp, u);
    if (f->len + n > FIELD_MAX)
        return;
    memmove(f->text + f->cursor + n, f->text + f->cursor, (size_t)(f->len - f->cursor + 1));
    memcpy(f->text + f->cursor, u, (size_t)n);
    f->cursor += n;
    f->len += n;
}

void field_set(Field *f, const char *text)
{
    f->len = f->cursor = 0;
    f->text[0] = '\0';
    const size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = utf8_decode((const unsigned char *)text + i, n - i, &cp);
        if (l == 0) {
            i++;
            continue;
        }
        if (printable(cp))
            insert(f, cp);
        i += l;
    }
    f->cursor = f->len;
}

/* The start of the character before byte at (at > 0). */
static int before(const Field *f, int at)
{
    do
        at--;
    while (at > 0 && ((unsigned char)f->text[at] & 0xc0) == 0x80);
    return at;
}

int field_char_len(const Field *f)
{
    uint32_t cp;
    return f->cursor < f->len
           ? (int)utf8_decode((const unsigned char *)f->text + f->cursor, (size_t)(f->len - f->cursor), &cp) : 0;
}

int field_key(Field *f, int key)
{
    switch (key) {
    case UIK_LEFT:
        if (f->cursor > 0)
            f->cursor = before(f, f->cursor);
        return 1;
    case UIK_RIGHT:
        f->cursor += field_char_len(f);
        return 1;
    case UIK_HOME:
        f->cursor = 0;
        return 1;
    case UIK_END:
        f->cursor = f->len;
        return 1;
    case 21:            /* Ctrl-U: all of it, as a shell line's */
        field_set(f, "");
        return 1;
    case UIK_BACKSPACE: case 0x7f: case 8: case UIK_DELETE: {
        if (key != UIK_DELETE) {    /* backspace: the character before the cursor */
            if (f->cursor == 0)
                return 1;
            f->cursor = before(f, f->cursor);
        }
        const int n = field_char_len(f);
        memmove(f->text + f->cursor, f->text + f->cursor + n, (size_t)(f->len - f->cursor - n + 1));
        f->len -= n;
        return 1;
    }
    default:
        if (key < 0 || !printable((unsigned long)key))
            return 0;
        insert(f, (unsigned long)key);
        return 1;
    }
}
