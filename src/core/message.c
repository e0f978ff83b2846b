/* message.c: safe one-line messages. */
#include "core/message.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

void message_scrub(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;
    size_t left = strlen(s);
    while (left > 0) {
        uint32_t cp;
        size_t k = utf8_decode(r, left, &cp);
        if (k == 0) {           /* not UTF-8: one byte, as an 8-bit terminal reads it */
            k = 1;
            cp = *r;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            *w++ = '?';
        } else {
            memmove(w, r, k);
            w += k;
        }
        r += k;
        left -= k;
    }
    *w = '\0';
}

void message_about(char *err, size_t len, const char *name, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t mlen = strlen(msg), nlen = strlen(name);
    if (mlen > len - 3)
        mlen = len - 3;
    if (nlen > len - 3 - mlen)
        nlen = len - 3 - mlen;
    memcpy(err, name, nlen);
    memcpy(err + nlen, ": ", 2);
    memcpy(err + nlen + 2, msg, mlen);
    err[nlen + 2 + mlen] = '\0';
    message_scrub(err);
}
