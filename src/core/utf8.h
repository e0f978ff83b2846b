/* utf8.h: strict UTF-8 as CPython's 'utf-8' codec decodes it (no overlongs,
 * no surrogates, nothing above U+10FFFF, no truncated sequences or stray
 * continuation bytes; U+0000 and U+FEFF are ordinary characters). */
#ifndef MICROGPT_UTF8_H
#define MICROGPT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s[0..n) (n >= 1) into *cp; returns its byte length (1-4), or 0 if the bytes there are not valid UTF-8. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Writes the UTF-8 of scalar value cp (<= U+10FFFF, not a surrogate) into out; returns its byte length (1-4). */
size_t utf8_encode(uint32_t cp, char out[4]);

#endif
