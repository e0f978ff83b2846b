/* theme.c: the themes' tables. */
#include "render/theme.h"

/* Okabe-Ito colours as the nearest xterm-256 entries, with 8-colour stand-ins. */
enum { C_ORANGE, C_SKY, C_GREEN, C_YELLOW, C_BLUE, C_VERMILLION, C_PURPLE, C_NONE };
static const short c256[] = { 214, 74, 36, 227, 32, 166, 175 };
static const short c8[] = { 3, 6, 2, 3, 4, 1, 5 };

/* The high-contrast theme's colours: bright ones on black. */
enum { H_WHITE, H_YELLOW, H_CYAN, H_GREEN, H_MAGENTA, H_ORANGE, H_RED, H_GREY };
static const short h256[] = { 231, 226, 51, 46, 207, 214, 203, 246 };
static const short h8[] = { 7, 3, 6, 2, 5, 3, 1, 7 };

enum { B = STYLE_BOLD, D = STYLE_DIM, U = STYLE_UNDERLINE, R = STYLE_REVERSE };

/* role: colour, attributes with colour, attributes in monochrome */
typedef struct { int colour; unsigned with, mono; } RoleStyle;

static const RoleStyle roles[ROLE_COUNT] = {
    [ROLE_TEXT] = { C_NONE, 0, 0 },
    [ROLE_LABEL] = { C_NONE, 0, 0 },      /* never dim: a class reads it */
    [ROLE_TITLE] = { C_NONE, B, B },
    [ROLE_BORDER] = { C_NONE, D, D },
    [ROLE_VALUE] = { C_NONE, B, B },
    [ROLE_TARGET] = { C_VERMILLION, B, B | U },
    [ROLE_TOP] = { C_SKY, B, B },
    [ROLE_BAR] = { C_NONE, 0, 0 },
    [ROLE_LOSSBAR] = { C_ORANGE, 0, 0 },
    [ROLE_RAW] = { C_SKY, 0, 0 },
    [ROLE_AVG] = { C_ORANGE, B, B },
    [ROLE_CHANCE] = { C_PURPLE, 0, 0 },
    [ROLE_LR] = { C_GREEN, 0, 0 },
    [ROLE_MARKER] = { C_VERMILLION, B, B },
    [ROLE_SELECT] = { C_NONE, R, R },
    [ROLE_RUN] = { C_GREEN, B, B },
    [ROLE_PAUSE] = { C_ORANGE, B, B | R },
    [ROLE_KEY] = { C_SKY, B, B },
    [ROLE_WARN] = { C_VERMILLION, B, B },
    [ROLE_CUT] = { C_NONE, D, D },
    [ROLE_FOCUS] = { C_BLUE, B, B },
    [ROLE_GHOST] = { C_PURPLE, 0, D },
    [ROLE_AHEAD] = { C_NONE, D, D },         /* decoration: after the step's marker */
};
/* high contrast: bright colours on black, bold text, nothing dim (a
 * projector washes dim and dark colours out); the cut tail stays grey */
static const RoleStyle hc[ROLE_COUNT] = {
    [ROLE_TEXT] = { H_WHITE, B, B },
    [ROLE_LABEL] = { H_WHITE, 0, 0 },
    [ROLE_TITLE] = { H_YELLOW, B, B | U },
    [ROLE_BORDER] = { H_WHITE, 0, 0 },
    [ROLE_VALUE] = { H_YELLOW, B, B },
    [ROLE_TARGET] = { H_ORANGE, B | U, B | U },
    [ROLE_TOP] = { H_CYAN, B, B },
    [ROLE_BAR] = { H_WHITE, B, B },
    [ROLE_LOSSBAR] = { H_ORANGE, B, B },
    [ROLE_RAW] = { H_CYAN, B, B },
    [ROLE_AVG] = { H_YELLOW, B, B },
    [ROLE_CHANCE] = { H_MAGENTA, B, B },
    [ROLE_LR] = { H_GREEN, B, B },
    [ROLE_MARKER] = { H_RED, B, B },
    [ROLE_SELECT] = { H_WHITE, R | B, R | B },
    [ROLE_RUN] = { H_GREEN, B, B },
    [ROLE_PAUSE] = { H_YELLOW, B | R, B | R },
    [ROLE_KEY] = { H_CYAN, B, B },
    [ROLE_WARN] = { H_RED, B, B },
    [ROLE_CUT] = { H_GREY, 0, 0 },
    [ROLE_FOCUS] = { H_YELLOW, B, B },
    [ROLE_GHOST] = { H_MAGENTA, 0, 0 },
    [ROLE_AHEAD] = { H_GREY, 0, 0 },
};

Style theme_style(Role r, int high, int colour)
{
    Style s = { -1, -1, -1, -1, 0 };
    if (r < 0 || r >= ROLE_COUNT)
        return s;
    const RoleStyle *t = high ? &hc[r] : &roles[r];
    s.attrs = colour ? t->with : t->mono;
    if (!colour)
        return s;
    if (high) {     /* every role on black */
        s.fg256 = h256[t->colour];
        s.fg8 = h8[t->colour];
        s.bg256 = 0;
        s.bg8 = 0;
    } else if (t->colour != C_NONE) {
        s.fg256 = c256[t->colour];
        s.fg8 = c8[t->colour];
    }
    return s;
}

int theme_role_dim(Role r, int high)
{
    return ((theme_style(r, high, 1).attrs | theme_style(r, high, 0).attrs) & STYLE_DIM) != 0;
}

unsigned theme_rgb(int n)
{
    static const unsigned ansi[16] = {
        0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
        0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
    };
    if (n < 0 || n > 255)
        return 0;
    if (n < 16)
        return ansi[n];
    if (n >= 232) {     /* the grey ramp */
        unsigned g = 8 + 10 * (unsigned)(n - 232);
        return g << 16 | g << 8 | g;
    }
    static const unsigned level[6] = { 0, 95, 135, 175, 215, 255 };   /* the 6x6x6 cube */
    n -= 16;
    return level[n / 36] << 16 | level[n / 6 % 6] << 8 | level[n % 6];
}
