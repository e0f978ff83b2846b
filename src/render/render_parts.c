/* render_parts.c: frames, labels, formats. */
#include "render/render_parts.h"

#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "render/render.h"
#include "render/ui_glyphs.h"
#include "core/utf8.h"

const char *side_title(char *buf, size_t len, const View *v, const char *title)
{
    if (!v->side)
        return title;
    snprintf(buf, len, "%c: %s", v->side, title);
    return buf;
}

void blank(Canvas *c, Rect r)
{
    canvas_fill(c, r, " ", ROLE_TEXT);
}

Rect frame(Canvas *c, Rect r, const char *title, const char *note)
{
    const Glyphs *g = glyphs_get(c->ascii);
    blank(c, r);
    if (r.w < 2 || r.h < 2)
        return (Rect){ r.x, r.y, 0, 0 };
    int x1 = r.x + r.w - 1, y1 = r.y + r.h - 1;
    for (int x = r.x + 1; x < x1; x++) {
        canvas_put(c, x, r.y, g->h, ROLE_BORDER);
        canvas_put(c, x, y1, g->h, ROLE_BORDER);
    }
    for (int y = r.y + 1; y < y1; y++) {
        canvas_put(c, r.x, y, g->v, ROLE_BORDER);
        canvas_put(c, x1, y, g->v, ROLE_BORDER);
    }
    canvas_put(c, r.x, r.y, g->tl, ROLE_BORDER);
    canvas_put(c, x1, r.y, g->tr, ROLE_BORDER);
    canvas_put(c, r.x, y1, g->bl, ROLE_BORDER);
    canvas_put(c, x1, y1, g->br, ROLE_BORDER);
    int room = r.w - 4;     /* between "╭ " and " ╮" */
    int used = 0;
    if (title && room > 2) {
        canvas_put(c, r.x + 1, r.y, " ", ROLE_BORDER);
        used = canvas_text_fit(c, r.x + 2, r.y, room - 1, title, ROLE_TITLE);
        canvas_put(c, r.x + 2 + used, r.y, " ", ROLE_BORDER);
        used += 2;
    }
    if (note && *note) {
        int nw = text_width(note, c->ascii);
        if (used + nw + 3 <= r.w - 2) {
            int nx = x1 - 1 - nw;
            canvas_put(c, nx - 1, r.y, " ", ROLE_BORDER);
            canvas_text(c, nx, r.y, nw, note, ROLE_LABEL);
            canvas_put(c, x1 - 1, r.y, " ", ROLE_BORDER);
        }
    }
    int w = r.w - 4, h = r.h - 2;
    return (Rect){ r.x + 2, r.y + 1, w > 0 ? w : 0, h > 0 ? h : 0 };
}

void text_right(Canvas *c, int x, int y, int w, const char *s, Role role)
{
    int tw = text_width(s, c->ascii);
    if (tw > w)
        canvas_text_fit(c, x, y, w, s, role);
    else
        canvas_text(c, x + w - tw, y, tw, s, role);
}

void text_center(Canvas *c, int x, int y, int w, const char *s, Role role)
{
    int tw = text_width(s, c->ascii);
    if (tw > w)
        canvas_text_fit(c, x, y, w, s, role);
    else
        canvas_text(c, x + (w - tw) / 2, y, tw, s, role);
}

int digits(long v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

/* ------------------------------------------------------------ flowed text */

static Role markup_role(unsigned char b, Role cur)
{
    switch (b) {
    case 0x01: return ROLE_TEXT;
    case 0x02: return ROLE_VALUE;
    case 0x03: return ROLE_LABEL;
    case 0x04: return ROLE_TARGET;
    case 0x05: return ROLE_TOP;
    case 0x06: return ROLE_KEY;
    case 0x07: return ROLE_CHANCE;
    case 0x08: return ROLE_LR;
    case 0x0b: return ROLE_SELECT;
    case 0x0c: return ROLE_CUT;
    case 0x0e: return ROLE_WARN;
    default: return cur;
    }
}

/* Appends the text of byte b of flowed text to buf (k of cap used): a
 * glyph's look, a space for NBSP, the byte itself; roles add nothing. */
static size_t text_of(unsigned char b, int ascii, char *buf, size_t k, size_t cap)
{
    const char *g = markup_glyph(b, ascii);
    if (g) {
        size_t n = strlen(g);
        if (k + n < cap) {
            memcpy(buf + k, g, n);
            k += n;
        }
    } else if (!markup_is_role(b) && k + 1 < cap) {
        buf[k++] = b == (unsigned char)NBSP[0] ? ' ' : (char)b;
    }
    return k;
}

/* The display width of s[0 .. n) without its markup. */
static int word_width(const char *s, size_t n, int ascii)
{
    char buf[4096];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k = text_of((unsigned char)s[i], ascii, buf, k, sizeof buf);
    buf[k] = '\0';
    return text_width(buf, ascii);
}

/* Draws s[0 .. n) at (x, y) within [x, end); returns the role after it. */
static Role draw_word(Canvas *c, int x, int y, int end, const char *s, size_t n, Role role)
{
    char buf[4096];
    size_t k = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char b = i < n ? (unsigned char)s[i] : 0;
        if (i == n || markup_is_role(b)) {
            buf[k] = '\0';
            if (k > 0 && x < end)
                x += canvas_text(c, x, y, end - x, buf, role);
            k = 0;
            if (i < n)
                role = markup_role(b, role);
            continue;
        }
        k = text_of(b, c->ascii, buf, k, sizeof buf);
    }
    return role;
}

static int flow(Canvas *c, int ascii, Rect r, int y, const char *s, int indent)
{
    const int y0 = y, end = r.x + r.w;
    int x = r.x, start = r.x;
    Role role = ROLE_TEXT;
    if (indent >= r.w)
        indent = 0;
    const char *p = s;
    while (*p) {
        if (*p == '\n') {
            y++;
            x = start = r.x;
            p++;
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t n = 0;
        while (p[n] && p[n] != ' ' && p[n] != '\n')
            n++;
        int w = word_width(p, n, ascii);
        int gap = x > start ? 1 : 0;
        if (x > start && x + gap + w > end) {
            y++;
            x = start = r.x + indent;
            gap = 0;
        }
        x += gap;
        if (c && y >= r.y && y < r.y + r.h)
            role = draw_word(c, x, y, end, p, n, role);
        else
            for (size_t i = 0; i < n; i++)
                role = markup_role((unsigned char)p[i], role);
        x += w;
        p += n;
    }
    return y - y0 + 1;
}

int flow_text(Canvas *c, Rect r, int y, const char *s, int indent)
{
    return flow(c, c->ascii, r, y, s, indent);
}

int flow_text_cut(Canvas *c, Rect r, int y, const char *s, int indent, int *cut)
{
    const int rows = r.y + r.h - y;
    *cut = 0;
    if (rows <= 0) {
        *cut = *s != '\0';
        return 0;
    }
    if (flow_rows(c->ascii, r.w, s, indent) <= rows)
        return flow_text(c, r, y, s, indent);
    *cut = 1;
    /* the longest run of whole words that fits with the ellipsis after it */
    const size_t len = strlen(s);
    char *buf = malloc(len + sizeof GL_ELL);
    if (!buf)
        return 0;
    int drawn = 0;
    for (size_t i = len; i > 0; i--) {
        if ((s[i] != ' ' && s[i] != '\n') || s[i - 1] == ' ' || s[i - 1] == '\n')
            continue;       /* not the end of a word */
        memcpy(buf, s, i);
        memcpy(buf + i, GL_ELL, sizeof GL_ELL);
        if (flow_rows(c->ascii, r.w, buf, indent) <= rows) {
            drawn = flow_text(c, r, y, buf, indent);
            break;
        }
    }
    free(buf);
    return drawn;
}

void warn_text(Canvas *c, Rect r, const char *s)
{
    char buf[512];
    snprintf(buf, sizeof buf, MK_WARN "%s", s);
    int cut;
    flow_text_cut(c, r, r.y, buf, 0, &cut);
}

int markup_width(const char *s, int ascii)
{
    return word_width(s, strlen(s), ascii);
}

int flow_rows(int ascii, int w, const char *s, int indent)
{
    return flow(NULL, ascii, (Rect){ 0, 0, w, 1 << 20 }, 0, s, indent);
}

/* ------------------------------------------------------------------ focus */

void focus_frame(Canvas *c, Rect r)
{
    const Glyphs *g = glyphs_get(c->ascii);
    if (r.w < 2 || r.h < 2)
        return;
    int x1 = r.x + r.w - 1, y1 = r.y + r.h - 1;
    for (int y = r.y; y <= y1; y++)
        for (int x = r.x; x <= x1; x++) {
            if (y != r.y && y != y1 && x != r.x && x != x1)
                continue;
            Cell *k = canvas_at(c, x, y);
            if (!k || k->role != ROLE_BORDER)
                continue;
            const char *h = NULL;
            if (x == r.x && y == r.y) h = g->ftl;
            else if (x == x1 && y == r.y) h = g->ftr;
            else if (x == r.x && y == y1) h = g->fbl;
            else if (x == x1 && y == y1) h = g->fbr;
            else if (y == r.y || y == y1) h = strcmp(k->g, " ") == 0 ? " " : g->fh;
            else h = g->fv;
            canvas_put(c, x, y, h, ROLE_FOCUS);
        }
}

