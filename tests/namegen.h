/* namegen.h: a large made-up dataset, the same for the tests and the
 * benchmark: name-like lines of 3 to 10 lowercase letters (names.txt
 * averages 6.1), from a fixed linear congruential generator. */
#ifndef MICROGPT_NAMEGEN_H
#define MICROGPT_NAMEGEN_H

#include <stddef.h>
#include <stdint.h>

/* The most bytes namegen_write writes for `lines` lines. */
#define NAMEGEN_MAX_BYTES(lines) ((size_t)(lines) * 11)

/* Writes `lines` lines into buf (NAMEGEN_MAX_BYTES(lines) bytes at least);
 * returns the bytes written. */
static inline size_t namegen_write(char *buf, long lines)
{
    char *p = buf;
    uint32_t x = 12345;
    for (long i = 0; i < lines; i++) {
        x = x * 1103515245u + 12345u;
        int len = 3 + (int)(x >> 16) % 8;
        for (int k = 0; k < len; k++) {
            x = x * 1103515245u + 12345u;
            *p++ = (char)('a' + (x >> 16) % 26);
        }
        *p++ = '\n';
    }
    return (size_t)(p - buf);
}

#endif
