/* keys.h: the key codes the terminal layer reads and the session applies.
 *
 * Printable characters and control characters are their own code (a
 * Unicode scalar value); the keys that have no character get a code above
 * Unicode's range.  The terminal layer (tui/terminal.c) turns what curses
 * reads into these codes; the key table (session/keymap.h) says what each
 * one does. */
#ifndef MICROGPT_KEYS_H
#define MICROGPT_KEYS_H

enum {
    UIK_NONE = -1,          /* no key waiting */
    UIK_UP = 0x110000, UIK_DOWN, UIK_LEFT, UIK_RIGHT, UIK_HOME, UIK_END,
    UIK_PGUP, UIK_PGDN, UIK_F1, UIK_RESIZE, UIK_BTAB, UIK_ENTER, UIK_BACKSPACE, UIK_DELETE,
    UIK_MOUSE,              /* a mouse event: the terminal layer says which (term_mouse) */
    UIK_TAB = 9, UIK_CTRL_L = 12, UIK_ESC = 27,
};

/* The key of an escape sequence the terminal description did not know
 * (tmux and xterm disagree on Home and End, for one): seq is what followed
 * ESC, e.g. "[4~", "OH", "[1;5C".  Returns a UIK_* key, or 0 when the
 * sequence means nothing to us (so that its bytes never act as keys). */
int key_escape(const char *seq);

#endif
