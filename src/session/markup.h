/* markup.h: text with roles, as the lesson writes it (session/lesson.h) and
 * the panels flow it (render/render_parts.h flow_text).
 *
 * A role byte switches the role of the text after it; a glyph byte stands
 * for a character whose look depends on the output (UTF-8 or ASCII); NBSP
 * is a space where a line never breaks.  Plain text (markup_plain) drops the
 * roles, spells the glyphs in ASCII and NBSP as a space: what --trace
 * prints. */
#ifndef MICROGPT_MARKUP_H
#define MICROGPT_MARKUP_H

#include <stddef.h>

#include "core/dataset.h"

/* Roles: */
#define MK_TEXT "\x01"      /* plain text */
#define MK_VALUE "\x02"     /* a figure */
#define MK_LABEL "\x03"     /* secondary: labels, notes (ROLE_LABEL) */
#define MK_TARGET "\x04"    /* the target token */
#define MK_TOP "\x05"       /* the model's top choice */
#define MK_KEY "\x06"       /* a key to press */
#define MK_CHANCE "\x07"    /* the chance level */
#define MK_LR "\x08"        /* the learning rate */
#define MK_SELECT "\x0b"    /* the selected position, the current phase */
#define MK_CUT "\x0c"       /* what the block size cuts off */
#define MK_WARN "\x0e"      /* an error to correct (ROLE_WARN) */
/* A space that never breaks a line: */
#define NBSP "\x1f"
/* Glyphs, and how each looks in UTF-8 and in ASCII: */
#define GL_TO "\x10"        /* an arrow, input to target */
#define GL_TIMES "\x11"     /* multiplication */
#define GL_PI "\x12"        /* pi */
#define GL_CUT "\x13"       /* where the block size cuts a name */
#define GL_ELL "\x14"       /* more, left out */
#define GL_APPROX "\x16"    /* approximately equal */
#define GL_TO_UTF8 "\u2192"
#define GL_TO_ASCII "->"
#define GL_TIMES_UTF8 "\u00d7"
#define GL_TIMES_ASCII "*"
#define GL_PI_UTF8 "\u03c0"
#define GL_PI_ASCII "pi"
#define GL_CUT_UTF8 "\u250a"
#define GL_CUT_ASCII "|"
#define GL_ELL_UTF8 "\u2026"
#define GL_ELL_ASCII "..."
#define GL_APPROX_UTF8 "\u2248"
#define GL_APPROX_ASCII "~="

/* 1 when b is a role byte. */
int markup_is_role(unsigned char b);
/* The look of glyph byte b, or NULL when b is none. */
const char *markup_glyph(unsigned char b, int ascii);
/* s[0 .. len) as plain text into out (cap bytes, NUL-terminated): roles
 * dropped, glyphs in ASCII, NBSP as a space.  Returns its length. */
size_t markup_plain(char *out, size_t cap, const char *s, size_t len);

/* A token as every panel and the lesson show it: "[BOS]", the character
 * itself, a visible space (␣, ASCII SP), ^X for a control character,
 * U+XXXX for non-ASCII in ASCII mode (and for a character of no width). */
void token_label(const Dataset *ds, int tok, int ascii, char out[16]);

/* Doc i of ds as a NUL-terminated string, cut after max bytes at a character
 * boundary, with control characters (NUL included) shown as '?', so that it
 * can never be taken for markup. */
void doc_text(const Dataset *ds, size_t i, char *out, size_t max);

#endif
