/* export.c: a screen as text and as SVG. */
#include "render/export.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/utf8.h"
#include "render/theme.h"

/* The cell's size in SVG units (a 14-unit monospace font: 0.6 em wide,
 * 1.2 em high) and the text's baseline in it. */
#define CELL_W 8.4
#define CELL_H 17.0
#define FONT 14
#define BASELINE 13.0

/* A growing string; once memory runs out, failed (and s NULL). */
typedef struct {
    char *s;
    size_t len, cap;
    int failed;
} Buf;

static void add(Buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->cap ? b->cap * 2 : 4096) + (size_t)n;
        char *s = realloc(b->s, cap);
        if (!s) {
            free(b->s);
            b->s = NULL;
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* How a cell is drawn: colours (0xRRGGBB) and attributes. */
typedef struct {
    unsigned fg, bg;
    int bold, dim, underline;
} Look;

static Look look_of(const Cell *k, int high, int colour, unsigned page_fg, unsigned page_bg)
{
    const Style st = theme_style((Role)k->role, high, colour);
    Look l = { st.fg256 >= 0 ? theme_rgb(st.fg256) : page_fg, st.bg256 >= 0 ? theme_rgb(st.bg256) : page_bg,
               (st.attrs & STYLE_BOLD) != 0, (st.attrs & STYLE_DIM) != 0, (st.attrs & STYLE_UNDERLINE) != 0 };
    if (st.attrs & STYLE_REVERSE) {
        unsigned t = l.fg;
        l.fg = l.bg;
        l.bg = t;
    }
    return l;
}

static int same_text_look(const Look *a, const Look *b)
{
    return a->fg == b->fg && a->bold == b->bold && a->dim == b->dim && a->underline == b->underline;
}

/* The columns a row's text spans: up to its last cell that is not blank
 * (as canvas_dump cuts it). */
static int row_end(const Canvas *c, int y)
{
    int end = 0;
    for (int x = 0; x < c->w; x++) {
        const Cell *k = canvas_cell(c, x, y);
        if (k->g[0] && strcmp(k->g, " ") != 0)
            end = x + 1;
    }
    return end;
}

/* The glyph's characters, XML-escaped, with each one's x (a combining mark
 * at its base's). */
static void glyph(Buf *text, Buf *xs, const char *g, int x)
{
    const unsigned char *p = (const unsigned char *)g;
    size_t left = strlen(g);
    while (left > 0) {
        uint32_t cp;
        size_t n = utf8_decode(p, left, &cp);
        if (n == 0)
            n = 1, cp = '?';
        if (cp == '&')
            add(text, "&amp;");
        else if (cp == '<')
            add(text, "&lt;");
        else if (cp == '>')
            add(text, "&gt;");
        else
            add(text, "%.*s", (int)n, (const char *)p);
        add(xs, "%s%.1f", xs->len ? " " : "", x * CELL_W);
        p += n;
        left -= n;
    }
}

char *export_svg(const Canvas *c, int high, int colour)
{
    const int dark = high && colour;    /* the high-contrast theme's black page */
    const unsigned page_bg = dark ? 0x000000 : 0xffffff, page_fg = dark ? 0xffffff : 0x1a1a1a;
    Buf b = { 0 };
    const double w = c->w * CELL_W, h = c->h * CELL_H;
    add(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.1f\" height=\"%.1f\" viewBox=\"0 0 %.1f %.1f\" "
            "font-family=\"'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace\" font-size=\"%d\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"#%06x\"/>\n", w, h, w, h, FONT, page_bg);
    /* the backgrounds that are not the page's (reverse video: the
     * selection, the cursor), a run of cells at a time */
    for (int y = 0; y < c->h; y++)
        for (int x = 0; x < c->w;) {
            const Look l = look_of(canvas_cell(c, x, y), high, colour, page_fg, page_bg);
            int x1 = x + 1;
            while (x1 < c->w && look_of(canvas_cell(c, x1, y), high, colour, page_fg, page_bg).bg == l.bg)
                x1++;
            if (l.bg != page_bg)
                add(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#%06x\"/>\n",
                    x * CELL_W, y * CELL_H, (x1 - x) * CELL_W, CELL_H, l.bg);
            x = x1;
        }
    /* the text: a row per <text>, a run of one look per <tspan>, each
     * character at its cell */
    for (int y = 0; y < c->h; y++) {
        const int end = row_end(c, y);
        add(&b, "<text y=\"%.1f\" xml:space=\"preserve\">", y * CELL_H + BASELINE);
        for (int x = 0; x < end;) {
            const Look l = look_of(canvas_cell(c, x, y), high, colour, page_fg, page_bg);
            Buf text = { 0 }, xs = { 0 };
            int x1 = x;
            for (; x1 < end; x1++) {
                const Cell *k = canvas_cell(c, x1, y), *next = canvas_cell(c, x1 + 1, y);
                if (k->cont)
                    continue;
                /* a wide character goes alone in its tspan, so that a font
                 * fallback for it cannot shift what follows */
                const int wide = next && next->cont;
                const Look m = look_of(k, high, colour, page_fg, page_bg);
                if (x1 > x && (wide || !same_text_look(&m, &l)))
                    break;
                glyph(&text, &xs, k->g[0] ? k->g : " ", x1);
                if (wide) {
                    x1 += 2;
                    break;
                }
            }
            if (text.failed || xs.failed) {
                free(b.s);
                b.s = NULL;
                b.failed = 1;
            } else if (text.s) {
                add(&b, "<tspan x=\"%s\" fill=\"#%06x\"%s%s%s>%s</tspan>", xs.s, l.fg,
                    l.bold ? " font-weight=\"bold\"" : "", l.dim ? " fill-opacity=\"0.6\"" : "",
                    l.underline ? " text-decoration=\"underline\"" : "", text.s);
            }
            free(text.s);
            free(xs.s);
            x = x1;
        }
        add(&b, "</text>\n");
    }
    add(&b, "</svg>\n");
    return b.s;
}

/* Writes text to path; 0, or -1 with errno. */
static int write_all(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    size_t n = strlen(text);
    int bad = fwrite(text, 1, n, f) != n;
    int saved = errno;
    if (fclose(f) != 0 || bad) {
        if (bad)
            errno = saved;
        return -1;
    }
    return 0;
}

int export_write(const Canvas *c, const char *base, int high, int colour, char *err, size_t len)
{
    char path[4200];
    char *text = canvas_dump(c), *svg = export_svg(c, high, colour);
    int rc = 0;
    if (!text || !svg) {
        snprintf(err, len, "out of memory");
        rc = -1;
    }
    for (int i = 0; i < 2 && rc == 0; i++) {
        snprintf(path, sizeof path, "%s.%s", base, i ? "svg" : "txt");
        if (write_all(path, i ? svg : text) != 0) {
            snprintf(err, len, "%s: cannot write: %s", path, strerror(errno));
            rc = -1;
        }
    }
    free(text);
    free(svg);
    return rc;
}

int export_next_base(const char *dir, char *out, size_t len)
{
    char txt[4200], svg[4200];
    for (int i = 1; i <= 999; i++) {
        snprintf(out, len, "%s%smicrogpt-tui-%03d", dir, dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "", i);
        snprintf(txt, sizeof txt, "%s.txt", out);
        snprintf(svg, sizeof svg, "%s.svg", out);
        if (access(txt, F_OK) != 0 && access(svg, F_OK) != 0)
            return 0;
    }
    return -1;
}
