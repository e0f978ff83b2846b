/* render_parts.c: frames, labels, formats. */
#include "render_parts.h"

#include <stdio.h>
#include <string.h>

#include "ui_glyphs.h"
#include "utf8.h"

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
            canvas_text(c, nx, r.y, nw, note, ROLE_DIM);
            canvas_put(c, x1 - 1, r.y, " ", ROLE_BORDER);
        }
    }
    int w = r.w - 4, h = r.h - 2;
    return (Rect){ r.x + 2, r.y + 1, w > 0 ? w : 0, h > 0 ? h : 0 };
}

void token_label(const Dataset *ds, int tok, int ascii, char out[16])
{
    const Glyphs *g = glyphs_get(ascii);
    if (tok < 0 || (size_t)tok >= ds->nchars) {
        snprintf(out, 16, "%s", g->bos);
        return;
    }
    uint32_t cp = ds->chars[tok];
    if (cp == ' ')
        snprintf(out, 16, "%s", g->space);
    else if (cp < 0x20)
        snprintf(out, 16, "^%c", (char)(cp + 0x40));
    else if (cp == 0x7f)
        snprintf(out, 16, "^?");
    else if (cp >= 0x80 && (ascii || (cp < 0xa0)))
        snprintf(out, 16, "U+%04X", (unsigned)cp);
    else {
        size_t n = utf8_encode(cp, out);
        out[n] = '\0';
        if (text_width(out, ascii) < 1)    /* a lone combining mark, say */
            snprintf(out, 16, "U+%04X", (unsigned)cp);
    }
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

void fmt_lr(char *buf, size_t len, double lr)
{
    if (lr < 1.0)
        snprintf(buf, len, "%.6f", lr);
    else
        snprintf(buf, len, "%.4g", lr);
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
