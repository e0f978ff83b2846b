/* terminal.h: the only code that talks to the terminal (ncurses).
 *
 * It checks the terminal before curses starts, copies a canvas to the screen
 * (one doupdate per frame), reads keys as UIK_* codes, waits for input or a
 * signal without using CPU, and restores the terminal on every way out:
 * term_close; every signal whose default action ends the process, from
 * outside (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1/2, SIGALRM,
 * SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, the real-time ones:
 * noticed by the input loop through a self-pipe, term_stop_signal) or a crash
 * (SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS: endwin in the
 * handler, then the default action).  Signals ignored at the start stay
 * ignored.  Flow control (IXON) is off while curses owns the terminal, so
 * Ctrl-S cannot freeze the screen. */
#ifndef MICROGPT_TERM_H
#define MICROGPT_TERM_H

#include <stddef.h>

#include "render/ui_canvas.h"
#include "render/ui_style.h"
#include "session/mouse.h"

typedef struct {
    int open;
    void *screen;           /* the curses SCREEN */
    int colour;             /* 0: the monochrome theme */
    int high;               /* the high-contrast theme */
    unsigned long attr[ROLE_COUNT];  /* attributes per role (attr_t) */
    short pair[ROLE_COUNT];          /* colour pair per role */
} Term;

/* 1 when the locale's character set (nl_langinfo(CODESET)) is UTF-8; call
 * after setlocale(LC_ALL, ""). */
int term_locale_utf8(void);
/* Checks, before curses starts (and before any work: it is quick), that
 * standard output and input are terminals and that $TERM names one that can
 * address the cursor.  Returns 0, or -1 with a one-line message in err. */
int term_check(char *err, size_t len);
/* Starts curses (and the signal handlers).  Colours unless mono (the mono
 * theme), the terminal has none or NO_COLOR is set and not empty.  Returns
 * 0, or -1 with a message. */
int term_open(Term *t, int mono, char *err, size_t len);
/* Switches between the normal and the high-contrast theme (bright colours
 * on black, nothing dim; without colours: nothing dim).  Repaint after. */
void term_set_theme(Term *t, int high);
/* Restores the terminal (safe to call twice). */
void term_close(Term *t);

/* The terminal's size now. */
void term_size(int *cols, int *rows);
/* Copies the canvas to the screen and updates it in one doupdate. */
void term_draw(Term *t, const Canvas *c);
/* Makes the next term_draw repaint every cell (Ctrl-L, resize). */
void term_repaint(void);
/* Waits until a key may be ready, a signal arrived or timeout_ms passed
 * (-1: no timeout). */
void term_wait(int timeout_ms);
/* The next key (UIK_* or a character), or UIK_NONE when none is waiting. */
int term_key(void);
/* Turns the mouse on or off: clicks, double-clicks and the wheel come as
 * UIK_MOUSE keys (ncurses' own mouse support, SGR 1006 reports where the
 * terminal description has them). */
void term_set_mouse(int on);
/* The mouse event of the last UIK_MOUSE key; 0, or -1 when it was none of
 * ours (another button, a release). */
int term_mouse(MouseEvent *e);
/* The signal (SIGINT, SIGTERM, SIGHUP, ... any of those from outside) that
 * asked us to stop, or 0.  After term_close its action is the one before
 * term_open, so raise() then dies of it as the shell expects. */
int term_stop_signal(void);

#endif
