/* dataset.c: docs = [l.strip() for l in text.strip().split('\n') if l.strip()]
 * over strict UTF-8 with universal newlines, in one pass over the bytes.
 *
 * The docs stay inside the file's buffer: a line break is always "\n", "\r\n"
 * or a lone "\r" (each one break, as universal newlines translate them), and
 * a stripped line never contains one, so no byte needs rewriting; each doc is
 * an (offset, length) pair.  The vocabulary is a bitmap over all code points,
 * read out in ascending order at the end. */
#include "core/dataset.h"
#include "core/message.h"
#include "core/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CP_LIMIT 0x110000u              /* one past U+10FFFF */
#define BITMAP_WORDS (CP_LIMIT / 64)

/* [c for c in range(0x110000) if chr(c).isspace()] under Python 3.11. */
static const uint32_t py_space[] = {
    0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0,
    0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
    0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
};

int dataset_isspace(uint32_t cp)
{
    size_t lo = 0, hi = sizeof py_space / sizeof py_space[0];
    if (cp > 0x3000 || (cp > 0x20 && cp < 0x85))
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (py_space[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sizeof py_space / sizeof py_space[0] && py_space[lo] == cp;
}

static void mark(uint64_t *bitmap, uint32_t cp)
{
    bitmap[cp >> 6] |= (uint64_t)1 << (cp & 63);
}

/* Adds the code points of the valid UTF-8 in s[0..n) to the bitmap. */
static void mark_range(uint64_t *bitmap, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        mark(bitmap, cp);
        i += k;
    }
}

/* The number of lines: every "\n", "\r\n" and lone "\r" ends one, plus the last. */
static size_t count_lines(const unsigned char *s, size_t n)
{
    size_t lines = 1;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
    return lines;
}

/* Parses buf[0..size), taking ownership of buf (freed on failure). */
static int parse_owned(Dataset *ds, char *buf, size_t size, const char *name,
                       char err[DATASET_ERRLEN])
{
    /* ASCII whitespace other than the line breaks "\n" and "\r". */
    static const unsigned char ascii_blank[128] = {
        [0x09] = 1, [0x0B] = 1, [0x0C] = 1,
        [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, [0x20] = 1,
    };
    const unsigned char *s = (const unsigned char *)buf;
    uint64_t *bitmap = NULL;
    DocRef *docs = NULL;
    uint32_t *chars = NULL;
    size_t count = 0, max_chars = 0, nchars = 0, line = 1, i = 0;
    /* The current line: whether it has a non-blank character yet, the byte
     * span from its first to the end of its last non-blank character, and the
     * same span in code points. */
    int in_doc = 0, rc = DATASET_REFUSED;
    size_t doc_off = 0, doc_end = 0, cp_idx = 0, cp_first = 0, cp_end = 0;

    memset(ds, 0, sizeof *ds);
    if (size == 0) {
        message_about(err, DATASET_ERRLEN, name, "the file is empty");
        goto fail;
    }
    if (size > UINT32_MAX) {
        message_about(err, DATASET_ERRLEN, name, "file too large (%zu bytes; the limit is %lu)",
                size, (unsigned long)UINT32_MAX);
        goto fail;
    }
    docs = malloc(count_lines(s, size) * sizeof *docs);
    bitmap = calloc(BITMAP_WORDS, sizeof *bitmap);
    if (!docs || !bitmap) {
        message_about(err, DATASET_ERRLEN, name, "out of memory");
        rc = DATASET_FAILED;
        goto fail;
    }

    for (;;) {
        uint32_t cp;
        size_t n;
        if (i == size || s[i] == '\n' || s[i] == '\r') {
            if (in_doc) {
                docs[count].off = (uint32_t)doc_off;
                docs[count].len = (uint32_t)(doc_end - doc_off);
                count++;
                if (cp_end - cp_first > max_chars)
                    max_chars = cp_end - cp_first;
                in_doc = 0;
            }
            if (i == size)
                break;
            i += s[i] == '\r' && i + 1 < size && s[i + 1] == '\n' ? 2 : 1;
            line++;
            cp_idx = 0;
            continue;
        }
        if (s[i] < 0x80) {
            cp = s[i];
            n = 1;
            if (ascii_blank[cp]) {
                i++;
                cp_idx++;
                continue;
            }
        } else {
            n = utf8_decode(s + i, size - i, &cp);
            if (n == 0) {
                message_about(err, DATASET_ERRLEN, name, "invalid UTF-8 on line %zu (byte 0x%02X)", line, s[i]);
                goto fail;
            }
            if (dataset_isspace(cp)) {
                i += n;
                cp_idx++;
                continue;
            }
        }
        /* A non-blank character: it, and any blanks since the previous one
         * on this line, belong to the doc. */
        if (!in_doc) {
            in_doc = 1;
            doc_off = i;
            cp_first = cp_idx;
        } else if (doc_end < i) {
            mark_range(bitmap, s + doc_end, i - doc_end);
        }
        mark(bitmap, cp);
        i += n;
        doc_end = i;
        cp_end = ++cp_idx;
    }

    if (count == 0) {
        message_about(err, DATASET_ERRLEN, name, "contains no names (only blank lines)");
        goto fail;
    }
    for (size_t w = 0; w < BITMAP_WORDS; w++)
        for (uint64_t b = bitmap[w]; b; b &= b - 1)
            nchars++;
    if (nchars > DATASET_MAX_CHARS) {
        message_about(err, DATASET_ERRLEN, name, "too many distinct characters (%zu; the limit is %d)",
                nchars, DATASET_MAX_CHARS);
        goto fail;
    }
    chars = malloc(nchars * sizeof *chars);
    if (!chars) {
        message_about(err, DATASET_ERRLEN, name, "out of memory");
        rc = DATASET_FAILED;
        goto fail;
    }
    nchars = 0;
    for (size_t w = 0; w < BITMAP_WORDS; w++)
        for (unsigned bit = 0; bitmap[w] && bit < 64; bit++)
            if ((bitmap[w] >> bit) & 1)
                chars[nchars++] = (uint32_t)(w * 64 + bit);
    free(bitmap);

    {   /* give back what blank lines reserved; keep the old block if this fails */
        DocRef *shrunk = realloc(docs, count * sizeof *docs);
        if (shrunk)
            docs = shrunk;
    }
    ds->buf = buf;
    ds->count = count;
    ds->docs = docs;
    ds->chars = chars;
    ds->nchars = nchars;
    ds->max_chars = max_chars;
    memset(ds->ascii_tok, -1, sizeof ds->ascii_tok);
    for (size_t k = 0; k < nchars && chars[k] < 128; k++)
        ds->ascii_tok[chars[k]] = (int8_t)k;
    return 0;

fail:
    free(buf);
    free(docs);
    free(bitmap);
    free(chars);
    return rc;
}

int dataset_parse(Dataset *ds, const char *bytes, size_t size, const char *name,
                  char err[DATASET_ERRLEN])
{
    char *buf = NULL;
    if (size > 0 && size <= UINT32_MAX) {
        buf = malloc(size);
        if (!buf) {
            memset(ds, 0, sizeof *ds);
            message_about(err, DATASET_ERRLEN, name, "out of memory");
            return DATASET_FAILED;
        }
        memcpy(buf, bytes, size);
    }
    return parse_owned(ds, buf, size, name, err);
}

/* Reads fd to its end into a new buffer (*size bytes): st_size is where to
 * start, not the answer (/proc files say 0, a file may grow meanwhile).
 * Returns 0, or a DATASET_* code with a message. */
static int read_all(int fd, size_t hint, const char *path, char **out, size_t *size,
                    char err[DATASET_ERRLEN])
{
    const size_t limit = (size_t)UINT32_MAX;
    size_t cap = hint < limit ? hint + 1 : limit + 1, got = 0;
    if (cap < 4096)
        cap = 4096;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            message_about(err, DATASET_ERRLEN, path, "out of memory");
            return DATASET_FAILED;
        }
        if (got == cap) {   /* full, and not yet at the end */
            if (cap > limit) {
                free(buf);
                message_about(err, DATASET_ERRLEN, path, "file too large (more than %lu bytes)",
                              (unsigned long)UINT32_MAX);
                return DATASET_REFUSED;
            }
            size_t ncap = cap <= limit / 2 ? cap * 2 : limit + 1;
            char *nbuf = realloc(buf, ncap);
            if (!nbuf)
                free(buf);
            buf = nbuf;
            cap = ncap;
            continue;
        }
        ssize_t r = read(fd, buf + got, cap - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            message_about(err, DATASET_ERRLEN, path, "read error: %s", strerror(errno));
            free(buf);
            return DATASET_FAILED;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    *out = buf;
    *size = got;
    return 0;
}

int dataset_load(Dataset *ds, const char *path, char err[DATASET_ERRLEN])
{
    struct stat st;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

    memset(ds, 0, sizeof *ds);
    if (fd < 0) {
        message_about(err, DATASET_ERRLEN, path, "cannot open: %s", strerror(errno));
        return DATASET_REFUSED;
    }
    if (fstat(fd, &st) != 0) {
        message_about(err, DATASET_ERRLEN, path, "cannot stat: %s", strerror(errno));
        close(fd);
        return DATASET_REFUSED;
    }
    if (!S_ISREG(st.st_mode)) {
        message_about(err, DATASET_ERRLEN, path, S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
        close(fd);
        return DATASET_REFUSED;
    }
    if ((uintmax_t)st.st_size > UINT32_MAX) {
        message_about(err, DATASET_ERRLEN, path, "file too large (%jd bytes; the limit is %lu)",
                (intmax_t)st.st_size, (unsigned long)UINT32_MAX);
        close(fd);
        return DATASET_REFUSED;
    }
    char *buf = NULL;
    size_t size = 0;
    int rc = read_all(fd, (size_t)st.st_size, path, &buf, &size, err);
    close(fd);
    if (rc != 0)
        return rc;
    if (size == 0) {
        free(buf);
        buf = NULL;
    }
    return parse_owned(ds, buf, size, path, err);
}

void dataset_free(Dataset *ds)
{
    free(ds->buf);
    free(ds->docs);
    free(ds->chars);
    memset(ds, 0, sizeof *ds);
}

int dataset_copy(Dataset *dst, const Dataset *src)
{
    memset(dst, 0, sizeof *dst);
    size_t end = 0;
    for (size_t i = 0; i < src->count; i++)
        if ((size_t)src->docs[i].off + src->docs[i].len > end)
            end = (size_t)src->docs[i].off + src->docs[i].len;
    char *buf = malloc(end ? end : 1);
    DocRef *docs = malloc((src->count ? src->count : 1) * sizeof *docs);
    uint32_t *chars = malloc((src->nchars ? src->nchars : 1) * sizeof *chars);
    if (!buf || !docs || !chars) {
        free(buf);
        free(docs);
        free(chars);
        return -1;
    }
    *dst = *src;
    dst->buf = memcpy(buf, src->buf, end);
    dst->docs = memcpy(docs, src->docs, src->count * sizeof *docs);
    dst->chars = memcpy(chars, src->chars, src->nchars * sizeof *chars);
    return 0;
}

int dataset_token(const Dataset *ds, uint32_t cp)
{
    size_t lo = 0, hi = ds->nchars;
    if (cp < 128)
        return ds->ascii_tok[cp];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ds->chars[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ds->nchars && ds->chars[lo] == cp ? (int)lo : -1;
}

size_t dataset_encode(const Dataset *ds, size_t i, int *ids, size_t max)
{
    const unsigned char *s;
    size_t len, pos = 0, k = 0;
    if (i >= ds->count)
        return 0;
    s = (const unsigned char *)ds->buf + ds->docs[i].off;
    len = ds->docs[i].len;
    while (pos < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + pos, len - pos, &cp);
        if (n == 0)   /* cannot happen: the bytes were validated when loaded */
            break;
        if (k < max)
            ids[k] = dataset_token(ds, cp);
        k++;
        pos += n;
    }
    return k;
}

size_t dataset_token_utf8(const Dataset *ds, int tok, char out[5])
{
    size_t n = 0;
    if (tok >= 0 && (size_t)tok < ds->nchars)
        n = utf8_encode(ds->chars[tok], out);
    out[n] = '\0';
    return n;
}
