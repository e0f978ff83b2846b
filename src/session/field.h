/* field.h: a one-line text field (a number typed into a form, a name),
 * curses-free: the text, the cursor, and the keys that edit it.  The
 * session owns the fields of its forms; the renderers draw them. */
#ifndef MICROGPT_FIELD_H
#define MICROGPT_FIELD_H

enum { FIELD_MAX = 40 };

typedef struct {
    char text[FIELD_MAX + 1];   /* printable characters in UTF-8, NUL-terminated */
    int len, cursor;            /* in bytes; the cursor on a character's first byte, 0 .. len */
} Field;

/* Sets the text (cut to FIELD_MAX bytes at a character's end; control
 * characters and bytes that are not UTF-8 dropped), the cursor at its end. */
void field_set(Field *f, const char *text);
/* Applies an editing key: a printable character (a key is its code point:
 * ASCII or beyond) is inserted at the cursor (while there is room),
 * Backspace (also DEL and Ctrl-H) deletes the character before it, Delete
 * the one at it, Ctrl-U all of them, Left / Right / Home / End move it.  Returns 1 when the key
 * was one of those (whether or not it changed anything), else 0 (the form's
 * own keys: Enter, Esc, Tab, Up, Down...). */
int field_key(Field *f, int key);
/* The bytes of the character at the cursor (0 at the end). */
int field_char_len(const Field *f);

#endif
