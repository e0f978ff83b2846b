/* ui_canvas.c: the in-memory screen. */
#include "render/ui_canvas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/utf8.h"

int canvas_init(Canvas *c, int w, int h, int ascii)
{
    memset(c, 0, sizeof *c);
    c->ascii = ascii;
    return canvas_resize(c, w, h);
}

void canvas_free(Canvas *c)
{
    free(c->cells);
    c->cells = NULL;
    c->w = c->h = 0;
}

int canvas_resize(Canvas *c, int w, int h)
{
    if (w < 1 || h < 1)
        w = h = 0;
    Cell *cells = NULL;
    if (w > 0) {
        cells = malloc((size_t)w * (size_t)h * sizeof *cells);
        if (!cells)
            return -1;
    }
    free(c->cells);
    c->cells = cells;
    c->w = w;
    c->h = h;
    canvas_clear(c);
    return 0;
}

void canvas_blit(Canvas *c, const Canvas *src)
{
    for (int y = 0; y < c->h && y < src->h; y++)
        for (int x = 0; x < c->w && x < src->w; x++) {
            const int cut = x == c->w - 1 && x + 1 < src->w && src->cells[y * src->w + x + 1].cont;
            if (cut) {
                memset(&c->cells[y * c->w + x], 0, sizeof c->cells[0]);
                c->cells[y * c->w + x].g[0] = ' ';
            } else {
                c->cells[y * c->w + x] = src->cells[y * src->w + x];
            }
        }
}

void canvas_clear(Canvas *c)
{
    for (int i = 0; i < c->w * c->h; i++) {
        memset(&c->cells[i], 0, sizeof c->cells[i]);
        c->cells[i].g[0] = ' ';
    }
}

Cell *canvas_at(Canvas *c, int x, int y)
{
    if (x < 0 || y < 0 || x >= c->w || y >= c->h)
        return NULL;
    return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

const Cell *canvas_cell(const Canvas *c, int x, int y)
{
    return canvas_at((Canvas *)c, x, y);
}

/* Overwriting half of a wide glyph blanks its other half. */
static void unwide(Canvas *c, int x, int y)
{
    Cell *k = canvas_at(c, x, y);
    if (!k)
        return;
    if (k->cont) {
        Cell *l = canvas_at(c, x - 1, y);
        if (l)
            strcpy(l->g, " ");
    } else {
        Cell *r = canvas_at(c, x + 1, y);
        if (r && r->cont) {
            r->cont = 0;
            strcpy(r->g, " ");
        }
    }
}

static void set_cell(Canvas *c, int x, int y, const char *g, size_t len, Role role)
{
    Cell *k = canvas_at(c, x, y);
    if (!k)
        return;
    unwide(c, x, y);
    if (len >= CELL_GLYPH)
        len = CELL_GLYPH - 1;
    memcpy(k->g, g, len);
    k->g[len] = '\0';
    k->role = (unsigned char)role;
    k->cont = 0;
    k->hit = HIT_NONE;
}

void canvas_put(Canvas *c, int x, int y, const char *glyph, Role role)
{
    set_cell(c, x, y, glyph, strlen(glyph), role);
}

void canvas_fill(Canvas *c, Rect r, const char *glyph, Role role)
{
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            canvas_put(c, x, y, glyph, role);
}

/* How a character shows: its display width (0: a combining mark), or one
 * of these. */
enum {
    CH_QUERY = -1,      /* '?': a byte that is not UTF-8, a C0 control or DEL */
    CH_CODE = -2,       /* its code point, U+00E9 (as the tokens label it): any
                         * non-ASCII character in ASCII, a C1 control, one the
                         * terminal cannot show */
};

/* The next code point of s (advancing *s) and how it shows. */
static int next_char(const char **s, int ascii, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t n = strnlen(*s, 4);
    size_t len = utf8_decode(p, n, cp);
    if (len == 0) {
        *s += 1;
        return CH_QUERY;
    }
    *s += len;
    if (*cp < 0x20 || *cp == 0x7f)
        return CH_QUERY;
    if (*cp < 0x80)
        return 1;
    if (ascii || *cp < 0xa0)
        return CH_CODE;
    int w = wcwidth((wchar_t)*cp);
    return w < 0 || w > 2 ? CH_CODE : w;
}

/* The U+XXXX of a CH_CODE character; its length. */
static int char_code(uint32_t cp, char out[12])
{
    return snprintf(out, 12, "U+%04X", (unsigned)cp);
}

int text_width(const char *s, int ascii)
{
    int w = 0;
    uint32_t cp;
    char code[12];
    while (*s) {
        int cw = next_char(&s, ascii, &cp);
        w += cw == CH_QUERY ? 1 : cw == CH_CODE ? char_code(cp, code) : cw;
    }
    return w;
}

void canvas_tag(Canvas *c, Rect r, HitKind hit, int value)
{
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            Cell *k = canvas_at(c, x, y);
            if (k) {
                k->hit = (unsigned char)hit;
                k->value = value;
            }
        }
}

int canvas_text(Canvas *c, int x, int y, int maxw, const char *s, Role role)
{
    uint32_t cp;
    if (x < 0 || y < 0 || y >= c->h)
        return 0;
    if (maxw > c->w - x)
        maxw = c->w - x;
    int col = 0;
    while (*s && col < maxw) {
        const char *from = s;
        int w = next_char(&s, c->ascii, &cp);
        if (w == CH_QUERY) {
            set_cell(c, x + col, y, "?", 1, role);
            col++;
        } else if (w == CH_CODE) {
            char code[12];
            const int n = char_code(cp, code);
            if (col + n > maxw)
                break;
            for (int i = 0; i < n; i++)
                set_cell(c, x + col + i, y, code + i, 1, role);
            col += n;
        } else if (w == 0) {
            /* a combining mark joins the glyph before it, when there is room */
            Cell *prev = col > 0 ? canvas_at(c, x + col - 1, y) : NULL;
            if (prev && !prev->cont) {
                size_t have = strlen(prev->g), add = (size_t)(s - from);
                if (have + add < CELL_GLYPH) {
                    memcpy(prev->g + have, from, add);
                    prev->g[have + add] = '\0';
                }
            }
        } else if (w == 1) {
            set_cell(c, x + col, y, from, (size_t)(s - from), role);
            col++;
        } else {
            if (col + 2 > maxw)
                break;
            set_cell(c, x + col, y, from, (size_t)(s - from), role);
            unwide(c, x + col + 1, y);
            Cell *r = canvas_at(c, x + col + 1, y);
            if (r) {
                r->g[0] = '\0';
                r->role = (unsigned char)role;
                r->cont = 1;
                r->hit = HIT_NONE;
            }
            col += 2;
        }
    }
    return col;
}

int canvas_text_fit(Canvas *c, int x, int y, int maxw, const char *s, Role role)
{
    if (maxw <= 0)
        return 0;
    if (text_width(s, c->ascii) <= maxw)
        return canvas_text(c, x, y, maxw, s, role);
    if (c->ascii) {
        if (maxw <= 3)
            return canvas_text(c, x, y, maxw, "...", role);
        int n = canvas_text(c, x, y, maxw - 3, s, role);
        return n + canvas_text(c, x + n, y, 3, "...", role);
    }
    int n = canvas_text(c, x, y, maxw - 1, s, role);
    canvas_put(c, x + n, y, "\u2026", role);
    return n + 1;
}

static char *dump(const Canvas *c, int roles)
{
    size_t cap = (size_t)c->h * ((size_t)c->w * CELL_GLYPH + 1) + 1;
    char *out = malloc(cap), *p = out;
    if (!out)
        return NULL;
    for (int y = 0; y < c->h; y++) {
        char *end = p;
        for (int x = 0; x < c->w; x++) {
            const Cell *k = canvas_cell(c, x, y);
            if (roles) {
                int blank = k->role == ROLE_TEXT && (strcmp(k->g, " ") == 0);
                *p++ = blank ? '.' : (char)('a' + k->role);
                if (!blank)
                    end = p;
            } else {
                size_t n = strlen(k->g);
                memcpy(p, k->g, n);
                p += n;
                if (n && strcmp(k->g, " ") != 0)
                    end = p;
            }
        }
        p = end;
        *p++ = '\n';
    }
    *p = '\0';
    return out;
}

char *canvas_dump(const Canvas *c) { return dump(c, 0); }
char *canvas_dump_roles(const Canvas *c) { return dump(c, 1); }
