/* markup.c: plain text from markup; a token's label and a doc, safe to
 * put in markup. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700   /* wcwidth */
#endif
#include "session/markup.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/utf8.h"

int markup_is_role(unsigned char b)
{
    return (b >= 0x01 && b <= 0x08) || b == 0x0b || b == 0x0c || b == 0x0e;
}

const char *markup_glyph(unsigned char b, int ascii)
{
    switch (b) {
    case 0x10: return ascii ? GL_TO_ASCII : GL_TO_UTF8;
    case 0x11: return ascii ? GL_TIMES_ASCII : GL_TIMES_UTF8;
    case 0x12: return ascii ? GL_PI_ASCII : GL_PI_UTF8;
    case 0x13: return ascii ? GL_CUT_ASCII : GL_CUT_UTF8;
    case 0x14: return ascii ? GL_ELL_ASCII : GL_ELL_UTF8;
    case 0x16: return ascii ? GL_APPROX_ASCII : GL_APPROX_UTF8;
    default: return NULL;
    }
}

size_t markup_plain(char *out, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        const char *g = markup_glyph(b, 1);
        if (markup_is_role(b))
            continue;
        if (g) {
            size_t n = strlen(g);
            if (o + n < cap) {
                memcpy(out + o, g, n);
                o += n;
            }
            continue;
        }
        if (b == (unsigned char)NBSP[0])
            b = ' ';
        if (o + 1 < cap)
            out[o++] = (char)b;
    }
    out[o] = '\0';
    return o;
}

void token_label(const Dataset *ds, int tok, int ascii, char out[16])
{
    if (tok < 0 || (size_t)tok >= ds->nchars) {
        snprintf(out, 16, "[BOS]");
        return;
    }
    uint32_t cp = ds->chars[tok];
    if (cp == ' ')
        snprintf(out, 16, "%s", ascii ? "SP" : "\u2423");
    else if (cp < 0x20)
        snprintf(out, 16, "^%c", (char)(cp + 0x40));
    else if (cp == 0x7f)
        snprintf(out, 16, "^?");
    else if (cp >= 0x80 && (ascii || cp < 0xa0 || wcwidth((wchar_t)cp) == 0))
        snprintf(out, 16, "U+%04X", (unsigned)cp);     /* ASCII, a C1 control, a lone combining mark */
    else
        out[utf8_encode(cp, out)] = '\0';
}

void doc_text(const Dataset *ds, size_t i, char *out, size_t max)
{
    const DocRef *d = &ds->docs[i];
    size_t n = d->len < max ? d->len : max;
    while (n < d->len && n > 0 && ((unsigned char)ds->buf[d->off + n] & 0xc0) == 0x80)
        n--;        /* don't cut a character in two */
    memcpy(out, ds->buf + d->off, n);
    for (size_t k = 0; k < n; k++)
        if ((unsigned char)out[k] < 0x20)
            out[k] = '?';
    out[n] = '\0';
}
