/* dataset.h: the documents and their vocabulary, read exactly as microgpt.py
 * reads them:  docs = [l.strip() for l in text.strip().split('\n') if l.strip()]
 * with the file decoded as strict UTF-8 under universal newlines, then
 * (optionally) random.shuffle(docs), then uchars = sorted(set(''.join(docs))).
 * Pure: no printing; errors come back as a message for the caller to show. */
#ifndef MICROGPT_DATASET_H
#define MICROGPT_DATASET_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t off, len;  /* byte offset into Dataset.buf and byte length */
} DocRef;

typedef struct {
    char *buf;          /* owned: the file's bytes; docs point into it */
    size_t count;       /* number of docs */
    DocRef *docs;       /* doc i is buf[docs[i].off .. + docs[i].len) (UTF-8, may contain NUL) */
    uint32_t *chars;    /* the vocabulary: distinct code points, ascending */
    size_t nchars;      /* len(uchars); BOS = nchars; vocab_size = nchars + 1 */
    size_t max_chars;   /* the longest doc, in code points */
    int8_t ascii_tok[128]; /* token id of each ASCII code point, -1 if absent
                              (ids of ASCII characters are < 128: they sort first) */
} Dataset;

enum { DATASET_ERRLEN = 256 };
/* What the loaders return besides 0: the file is refused (bad input), or
 * loading it failed (out of memory, a read error). */
enum { DATASET_REFUSED = -1, DATASET_FAILED = -2 };

/* Reads (to its end, whatever stat says: /proc files say 0 bytes) and parses
 * the file at `path`.  Returns 0, or with a one-line message (no trailing
 * newline, naming the file, control characters as '?') in `err`:
 * DATASET_REFUSED when it is missing, unreadable, a directory, not a regular
 * file (FIFOs and devices, /dev/null included, are refused before any read),
 * too large (more than UINT32_MAX bytes), empty, only blank lines, invalid
 * UTF-8 on line N (1-based, after newline translation; checked over the whole
 * file, as Python decodes it all), or more than DATASET_MAX_CHARS distinct
 * characters; DATASET_FAILED when out of memory or on a read error.  On
 * failure *ds is left zeroed and owns nothing.  Memory: the file's bytes plus
 * 8 bytes per line. */
int dataset_load(Dataset *ds, const char *path, char err[DATASET_ERRLEN]);
/* Same, from bytes in memory (copied).  `name` is used in messages. */
int dataset_parse(Dataset *ds, const char *bytes, size_t size, const char *name,
                  char err[DATASET_ERRLEN]);
/* A copy of src that owns its own memory (the docs in src's order), for a
 * second run that shuffles them its own way.  Returns 0, or -1 when out of
 * memory (*dst then owns nothing). */
int dataset_copy(Dataset *dst, const Dataset *src);
/* Frees what *ds owns and zeroes it (safe on a zeroed or already freed Dataset). */
void dataset_free(Dataset *ds);
/* The reference's `random.shuffle(docs)` is rng_shuffle(rng, ds->docs, ds->count, sizeof(DocRef)). */


/* Token id of code point `cp`, or -1 if it is not in the vocabulary. */
int dataset_token(const Dataset *ds, uint32_t cp);
/* Encodes doc i into ids (at most `max` of them); returns the number of code
 * points in the doc (which may exceed `max`). */
size_t dataset_encode(const Dataset *ds, size_t i, int *ids, size_t max);
/* Writes the UTF-8 of token id `tok` into out, NUL-terminated, and returns its
 * byte length (0-4); BOS, or any id outside the vocabulary, gives "". */
size_t dataset_token_utf8(const Dataset *ds, int tok, char out[5]);

/* Python 3.11's chr(cp).isspace(): the 29 code points str.strip() removes. */
int dataset_isspace(uint32_t cp);

/* Largest vocabulary we accept (distinct characters). */
#define DATASET_MAX_CHARS 65536

#endif
