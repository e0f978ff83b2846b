/* terminal.c: ncurses in, ncurses out. */
#include "tui/terminal.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <term.h>
#include <termios.h>
#include <wchar.h>

#include "render/theme.h"
#include "session/keys.h"
#include "core/utf8.h"

/* Written by the signal handlers only. */
static volatile sig_atomic_t stop_signal;
/* The self-pipe: a handler writes a byte so that poll() wakes up. */
static int wake[2] = { -1, -1 };
/* The actions before term_open, put back by term_close; a signal ignored
 * then (nohup) stays ignored. */
static struct sigaction saved_action[NSIG];
static unsigned char handled[NSIG];

/* How many times in a row poll() said a key was waiting and none came. */
static int readable_idle;
/* The last mouse event read (term_key gives UIK_MOUSE for it). */
static MEVENT last_mouse;
static int have_mouse;

int term_locale_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int term_check(char *err, size_t len)
{
    if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
        snprintf(err, len, "standard %s is not a terminal; use --headless for plain output",
                 isatty(STDOUT_FILENO) ? "input" : "output");
        return -1;
    }
    const char *name = getenv("TERM");
    if (!name || !*name) {
        snprintf(err, len, "TERM is not set; a full-screen terminal is needed (or use --headless)");
        return -1;
    }
    int e = 0;
    if (setupterm(NULL, STDOUT_FILENO, &e) != OK) {
        snprintf(err, len, "unknown terminal type '%s'; a full-screen terminal is needed (or use --headless)", name);
        return -1;
    }
    const char *cup = tigetstr("cup");
    int ok = cup && cup != (char *)-1 && tigetflag("hc") <= 0;
    del_curterm(cur_term);
    cur_term = NULL;
    if (!ok) {
        snprintf(err, len, "terminal '%s' cannot move the cursor; a full-screen terminal is needed (or use --headless)", name);
        return -1;
    }
    return 0;
}

static void on_stop(int sig)
{
    int saved = errno;
    stop_signal = sig;
    if (wake[1] >= 0 && write(wake[1], "s", 1) < 0) {
        /* the pipe is full: poll wakes up anyway */
    }
    errno = saved;
}

static void on_winch(int sig)
{
    int saved = errno;
    if (wake[1] >= 0 && write(wake[1], "w", 1) < 0) {
        /* full: fine */
    }
    /* ncurses's own handler notes the resize for the next getch */
    const struct sigaction *old = &saved_action[SIGWINCH];
    if ((old->sa_flags & SA_SIGINFO) == 0 && old->sa_handler != SIG_DFL &&
        old->sa_handler != SIG_IGN && old->sa_handler != NULL)
        old->sa_handler(sig);
    errno = saved;
}

/* A crash: give the terminal back, then die as the signal would have it. */
static void on_crash(int sig)
{
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Every signal whose default action ends the process gets a handler while
 * curses owns the terminal (SIGKILL and SIGSTOP cannot have one).  The ones
 * that come from outside ask the input loop to stop: it restores the
 * terminal, then the program dies of the signal (tui/ui.c). */
static const int stop_sigs[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
    SIGXCPU, SIGXFSZ,
#ifdef SIGIO
    SIGIO,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGEMT
    SIGEMT,
#endif
#ifdef SIGLOST
    SIGLOST,
#endif
};
/* The ones that mean the program itself broke: the terminal is restored in
 * the handler and the program dies at once. */
static const int crash_sigs[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS };

static void catch_signal(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa;
    if (sig <= 0 || sig >= NSIG || sigaction(sig, NULL, &saved_action[sig]) != 0 ||
        saved_action[sig].sa_handler == SIG_IGN)
        return;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    if (sigaction(sig, &sa, NULL) == 0)
        handled[sig] = 1;
}

static void handlers(int install)
{
    if (!install) {
        for (int sig = 1; sig < NSIG; sig++)
            if (handled[sig]) {
                sigaction(sig, &saved_action[sig], NULL);
                handled[sig] = 0;
            }
        return;
    }
    for (size_t i = 0; i < sizeof stop_sigs / sizeof stop_sigs[0]; i++)
        catch_signal(stop_sigs[i], on_stop, 0);
    /* the real-time signals end the process too */
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
        catch_signal(sig, on_stop, 0);
    for (size_t i = 0; i < sizeof crash_sigs / sizeof crash_sigs[0]; i++)
        catch_signal(crash_sigs[i], on_crash, (int)(SA_RESETHAND | SA_NODEFER));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_winch;
    sigaction(SIGWINCH, &sa, &saved_action[SIGWINCH]);
    handled[SIGWINCH] = 1;
}

/* The theme (render/theme.h) in curses' terms: attributes, and a colour
 * pair for a role with a colour (xterm-256, or the 8-colour stand-in). */
static attr_t attrs_of(unsigned a)
{
    return (a & STYLE_BOLD ? A_BOLD : 0) | (a & STYLE_DIM ? A_DIM : 0) |
           (a & STYLE_UNDERLINE ? A_UNDERLINE : 0) | (a & STYLE_REVERSE ? A_REVERSE : 0);
}

static void theme(Term *t)
{
    short next = 1;
    for (int r = 0; r < ROLE_COUNT; r++) {
        const Style st = theme_style((Role)r, t->high, t->colour);
        t->attr[r] = attrs_of(st.attrs);
        t->pair[r] = 0;
        if ((st.fg256 >= 0 || st.bg256 >= 0) && next < COLOR_PAIRS) {
            const int wide = COLORS >= 256;
            init_pair(next, wide ? st.fg256 : st.fg8, wide ? st.bg256 : st.bg8);
            t->pair[r] = next++;
        }
    }
}

void term_set_theme(Term *t, int high)
{
    if (!t->open)
        return;
    t->high = high;
    theme(t);
}

int term_open(Term *t, int mono, char *err, size_t len)
{
    memset(t, 0, sizeof *t);
    stop_signal = 0;
    if (pipe(wake) != 0) {
        snprintf(err, len, "cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(wake[i], F_SETFL, fcntl(wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(wake[i], F_SETFD, FD_CLOEXEC);
    }
    t->screen = newterm(NULL, stdout, stdin);
    if (!t->screen) {
        snprintf(err, len, "cannot start the terminal '%s'", getenv("TERM") ? getenv("TERM") : "");
        close(wake[0]);
        close(wake[1]);
        wake[0] = wake[1] = -1;
        return -1;
    }
    t->open = 1;
    handlers(1);
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    scrollok(stdscr, FALSE);
    leaveok(stdscr, TRUE);
    set_escdelay(25);
    /* Ctrl-S and Ctrl-Q are keys here, not flow control: cbreak leaves IXON
     * on, and Ctrl-S would freeze the screen until Ctrl-Q.  Made part of the
     * program mode (def_prog_mode); endwin restores the shell's modes, IXON
     * included. */
    struct termios tio;
    if (tcgetattr(STDIN_FILENO, &tio) == 0) {
        tio.c_iflag &= ~(tcflag_t)IXON;
        tcsetattr(STDIN_FILENO, TCSADRAIN, &tio);
        def_prog_mode();
    }
    curs_set(0);
    const char *nc = getenv("NO_COLOR");
    t->colour = !mono && has_colors() && !(nc && *nc);
    if (t->colour) {
        start_color();
        /* colours on the terminal's own background, or none at all */
        if (use_default_colors() != OK)
            t->colour = 0;
    }
    theme(t);
    return 0;
}

void term_close(Term *t)
{
    if (!t->open)
        return;
    curs_set(1);
    endwin();
    handlers(0);
    delscreen((SCREEN *)t->screen);
    t->screen = NULL;
    t->open = 0;
    close(wake[0]);
    close(wake[1]);
    wake[0] = wake[1] = -1;
}

void term_size(int *cols, int *rows)
{
    *cols = COLS;
    *rows = LINES;
}

void term_draw(Term *t, const Canvas *c)
{
    for (int y = 0; y < c->h && y < LINES; y++)
        for (int x = 0; x < c->w && x < COLS; x++) {
            const Cell *k = canvas_cell(c, x, y);
            if (k->cont)
                continue;
            wchar_t w[CCHARW_MAX + 1];
            int n = 0;
            const unsigned char *s = (const unsigned char *)k->g;
            size_t left = strlen(k->g);
            while (left > 0 && n < CCHARW_MAX) {
                uint32_t cp;
                size_t l = utf8_decode(s, left, &cp);
                if (l == 0)
                    break;
                w[n++] = (wchar_t)cp;
                s += l;
                left -= l;
            }
            if (n == 0)
                w[n++] = L' ';
            w[n] = L'\0';
            cchar_t cc;
            setcchar(&cc, w, (attr_t)t->attr[k->role], t->pair[k->role], NULL);
            mvwadd_wch(stdscr, y, x, &cc);
        }
    wnoutrefresh(stdscr);
    doupdate();
}

void term_repaint(void)
{
    clearok(curscr, TRUE);
}

void term_wait(int timeout_ms)
{
    struct pollfd p[2] = { { STDIN_FILENO, POLLIN, 0 }, { wake[0], POLLIN, 0 } };
    if (stop_signal)
        return;
    if (poll(p, 2, timeout_ms) > 0) {
        if (p[1].revents & POLLIN) {
            char buf[64];
            while (read(wake[0], buf, sizeof buf) > 0) {
            }
        }
        /* the terminal is gone (hung up without a SIGHUP reaching us): stop
         * as if it had, rather than spin on a dead descriptor */
        if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
            stop_signal = SIGHUP;
        else if (p[0].revents & POLLIN)
            readable_idle++;
    }
}

static int function_key(wint_t ch)
{
    switch (ch) {
    case KEY_UP: return UIK_UP;
    case KEY_DOWN: return UIK_DOWN;
    case KEY_LEFT: return UIK_LEFT;
    case KEY_RIGHT: return UIK_RIGHT;
    case KEY_HOME: case KEY_FIND: case KEY_A1: return UIK_HOME;
    case KEY_END: case KEY_SELECT: case KEY_C1: return UIK_END;
    case KEY_PPAGE: return UIK_PGUP;
    case KEY_NPAGE: return UIK_PGDN;
    case KEY_F(1): return UIK_F1;
    case KEY_BTAB: return UIK_BTAB;
    case KEY_ENTER: return UIK_ENTER;
    case KEY_BACKSPACE: return UIK_BACKSPACE;
    case KEY_DC: return UIK_DELETE;
    case KEY_RESIZE: return UIK_RESIZE;
    case KEY_MOUSE:
        have_mouse = getmouse(&last_mouse) == OK;
        return have_mouse ? UIK_MOUSE : 0;
    default: return 0;     /* a key we do not use */
    }
}

/* After an ESC that curses did not turn into a key (it waited ESCDELAY for
 * one): the rest of an escape sequence it does not know, if one follows at
 * once, read whole so that its bytes ('[' of "ESC [ 4 ~", say) never act as
 * keys.  Any other key typed right after Esc is a key of its own, read
 * next: Esc cancels at once and the key acts (there is no Alt+key here). */
static int escape(void)
{
    wint_t ch;
    int r = wget_wch(stdscr, &ch);
    if (r == ERR)
        return UIK_ESC;     /* Esc alone */
    if (r == KEY_CODE_YES || (ch != '[' && ch != 'O')) {
        if (r == KEY_CODE_YES)
            ungetch((int)ch);
        else
            unget_wch((wchar_t)ch);
        return UIK_ESC;
    }
    char seq[16];
    int n = 0;
    seq[n++] = (char)ch;
    for (;;) {
        if (wget_wch(stdscr, &ch) != OK)
            return 0;       /* cut short: drop it */
        if (n < (int)sizeof seq - 1 && ch < 0x80)
            seq[n++] = (char)ch;
        /* CSI ends with a byte in 0x40-0x7e; SS3 ("ESC O x") after one */
        if ((seq[0] == 'O' && n == 2) || (seq[0] == '[' && ch >= 0x40 && ch <= 0x7e))
            break;
    }
    seq[n] = '\0';
    return key_escape(seq);
}

int term_key(void)
{
    wint_t ch;
    int r = wget_wch(stdscr, &ch);
    if (r == ERR) {
        /* readable again and again with nothing to read: end of file */
        if (readable_idle > 1000)
            stop_signal = SIGHUP;
        return UIK_NONE;
    }
    readable_idle = 0;
    if (r == KEY_CODE_YES)
        return function_key(ch);
    if (ch == 27)
        return escape();
    return (int)ch;
}

int term_stop_signal(void)
{
    return stop_signal;
}

/* The events asked for: the first button's clicks and double-clicks, and
 * the wheel (buttons 4 and 5 pressed). */
#define MOUSE_EVENTS (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED)

void term_set_mouse(int on)
{
    mousemask(on ? MOUSE_EVENTS : 0, NULL);
}

int term_mouse(MouseEvent *e)
{
    if (!have_mouse)
        return -1;
    const mmask_t b = last_mouse.bstate;
    if (b & BUTTON1_DOUBLE_CLICKED)
        e->kind = MOUSE_DOUBLE;
    else if (b & BUTTON1_CLICKED)
        e->kind = MOUSE_CLICK;
    else if (b & BUTTON4_PRESSED)
        e->kind = MOUSE_WHEEL_UP;
    else if (b & BUTTON5_PRESSED)
        e->kind = MOUSE_WHEEL_DOWN;
    else
        return -1;
    e->x = last_mouse.x;
    e->y = last_mouse.y;
    return 0;
}
