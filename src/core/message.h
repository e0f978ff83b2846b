/* message.h: one-line error messages that quote what was typed or named (a
 * file name, an option's value) without letting it drive the terminal or
 * break the line.  Used for --data, --csv and the options alike. */
#ifndef MICROGPT_MESSAGE_H
#define MICROGPT_MESSAGE_H

#include <stddef.h>

/* Makes s safe to print: every control character becomes '?' (C0 and DEL,
 * the C1 controls U+0080..U+009F written in UTF-8, and the bytes 0x80..0x9F
 * that are not part of a UTF-8 character, which 8-bit terminals read as C1). */
void message_scrub(char *s);

/* Writes "name: message" into err (len bytes, len >= 4), scrubbed: a name
 * too long to leave room for the message is cut. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void message_about(char *err, size_t len, const char *name, const char *fmt, ...);

#endif
