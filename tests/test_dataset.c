/* test_dataset.c: dataset.c against what Python 3.11 does with
 *   docs = [l.strip() for l in open(path).read().strip().split('\n') if l.strip()]
 *   uchars = sorted(set(''.join(docs)))
 * Every expected value below was printed by python3 (the expression is beside it). */
#include "testutil.h"
#include "core/dataset.h"
#include "core/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define S(lit) (lit), (sizeof(lit) - 1)   /* a string literal as (bytes, size), NULs included */

/* ---- helpers ------------------------------------------------------------ */

static void parse_ok(Dataset *ds, const char *bytes, size_t size)
{
    char err[DATASET_ERRLEN] = "";
    if (dataset_parse(ds, bytes, size, "mem.txt", err) != 0)
        fail_msg("dataset_parse failed: %s", err);
}

static void assert_zeroed(const Dataset *ds)
{
    assert_null(ds->buf);
    assert_null(ds->docs);
    assert_null(ds->chars);
    assert_int_equal(ds->count, 0);
    assert_int_equal(ds->nchars, 0);
}

/* err is one line, names `name`, and contains `needle`. */
static void assert_err(const char *err, const char *name, const char *needle)
{
    assert_true(strlen(err) > 0 && strlen(err) < DATASET_ERRLEN);
    if (strchr(err, '\n') || strchr(err, '\r'))
        fail_msg("message is not one line: %s", err);
    if (!strstr(err, name))
        fail_msg("message \"%s\" does not name \"%s\"", err, name);
    if (!strstr(err, needle))
        fail_msg("message \"%s\" does not say \"%s\"", err, needle);
}

static void parse_err(const char *bytes, size_t size, const char *needle)
{
    Dataset ds;
    char err[DATASET_ERRLEN] = "";
    int rc = dataset_parse(&ds, bytes, size, "mem.txt", err);
    if (rc != -1)
        fail_msg("expected an error saying \"%s\", got rc %d", needle, rc);
    assert_err(err, "mem.txt", needle);
    assert_zeroed(&ds);
    dataset_free(&ds);   /* harmless on the zeroed struct */
}

/* Writes bytes to a new temporary file; returns its path (free it, unlink it). */
static char *temp_file(const char *bytes, size_t size)
{
    char *path = strdup("/tmp/test_dataset_XXXXXX");
    int fd;
    assert_non_null(path);
    fd = mkstemp(path);
    assert_true(fd >= 0);
    for (size_t off = 0; off < size;) {
        ssize_t w = write(fd, bytes + off, size - off);
        assert_true(w > 0);
        off += (size_t)w;
    }
    assert_int_equal(close(fd), 0);
    return path;
}

static void load_err(const char *path, const char *needle)
{
    Dataset ds;
    char err[DATASET_ERRLEN] = "";
    int rc = dataset_load(&ds, path, err);
    if (rc != -1)
        fail_msg("%s: expected an error saying \"%s\", got rc %d", path, needle, rc);
    assert_err(err, path, needle);
    assert_zeroed(&ds);
}

static void assert_doc(const Dataset *ds, size_t i, const char *bytes, size_t len)
{
    assert_true(i < ds->count);
    if (ds->docs[i].len != len || memcmp(ds->buf + ds->docs[i].off, bytes, len) != 0)
        fail_msg("doc %zu is \"%.*s\" (%u bytes), expected \"%.*s\" (%zu bytes)", i,
                 (int)ds->docs[i].len, ds->buf + ds->docs[i].off, ds->docs[i].len,
                 (int)len, bytes, len);
}

static void assert_vocab(const Dataset *ds, const uint32_t *cps, size_t n)
{
    assert_int_equal(ds->nchars, n);
    for (size_t k = 0; k < n; k++) {
        if (ds->chars[k] != cps[k])
            fail_msg("uchars[%zu] = U+%04X, expected U+%04X", k, ds->chars[k], cps[k]);
        assert_int_equal(dataset_token(ds, cps[k]), (int)k);
    }
}

/* Every doc encodes to ids whose UTF-8, concatenated, is the doc's bytes. */
static void assert_round_trip(const Dataset *ds)
{
    int *ids = malloc((ds->max_chars + 1) * sizeof *ids);
    assert_non_null(ids);
    for (size_t i = 0; i < ds->count; i++) {
        size_t n = dataset_encode(ds, i, ids, ds->max_chars + 1), pos = 0;
        const char *doc = ds->buf + ds->docs[i].off;
        assert_true(n >= 1 && n <= ds->max_chars);
        for (size_t k = 0; k < n; k++) {
            char out[5];
            size_t len;
            assert_true(ids[k] >= 0 && (size_t)ids[k] < ds->nchars);
            len = dataset_token_utf8(ds, ids[k], out);
            assert_true(len >= 1 && len <= 4);
            assert_int_equal(out[len], '\0');
            assert_true(pos + len <= ds->docs[i].len);
            assert_memory_equal(out, doc + pos, len);
            pos += len;
        }
        assert_int_equal(pos, ds->docs[i].len);
    }
    free(ids);
}

/* ---- docs and strip ------------------------------------------------------ */

static void test_simple(void **state)
{
    Dataset ds;
    /* sorted(set('emmaoliviaava')) */
    static const uint32_t v[] = { 'a', 'e', 'i', 'l', 'm', 'o', 'v' };
    (void)state;
    parse_ok(&ds, S("emma\nolivia\nava\n"));
    assert_int_equal(ds.count, 3);
    assert_doc(&ds, 0, S("emma"));
    assert_doc(&ds, 1, S("olivia"));
    assert_doc(&ds, 2, S("ava"));
    assert_vocab(&ds, v, 7);
    assert_int_equal(ds.max_chars, 6);
    assert_round_trip(&ds);
    dataset_free(&ds);
    assert_zeroed(&ds);
    dataset_free(&ds);   /* twice is harmless */

    parse_ok(&ds, S("x"));   /* no final newline, one character */
    assert_int_equal(ds.count, 1);
    assert_doc(&ds, 0, S("x"));
    assert_int_equal(ds.max_chars, 1);
    dataset_free(&ds);
}

static void test_newlines(void **state)
{
    Dataset ds;
    (void)state;
    parse_ok(&ds, S("emma\r\nolivia\r\nava\r\n"));
    assert_int_equal(ds.count, 3);
    assert_doc(&ds, 0, S("emma"));
    assert_doc(&ds, 1, S("olivia"));
    assert_doc(&ds, 2, S("ava"));
    dataset_free(&ds);

    parse_ok(&ds, S("emma\rolivia\rava"));   /* a lone \r is a line break */
    assert_int_equal(ds.count, 3);
    assert_doc(&ds, 1, S("olivia"));
    dataset_free(&ds);

    /* [l.strip() for l in 'a\r\r\nb\rc\n\rd'.replace('\r\n','\n').replace('\r','\n').split('\n') if l.strip()] */
    parse_ok(&ds, S("a\r\r\nb\rc\n\rd"));
    assert_int_equal(ds.count, 4);
    assert_doc(&ds, 0, S("a"));
    assert_doc(&ds, 1, S("b"));
    assert_doc(&ds, 2, S("c"));
    assert_doc(&ds, 3, S("d"));
    dataset_free(&ds);

    parse_ok(&ds, S("\n\n\r\n  \t\nemma  \n\n\t\n   ava\t\n\n\n\r"));   /* blank lines around */
    assert_int_equal(ds.count, 2);
    assert_doc(&ds, 0, S("emma"));
    assert_doc(&ds, 1, S("ava"));
    dataset_free(&ds);
}

static void test_strip_unicode_blanks(void **state)
{
    Dataset ds;
    /* docs of b'\t\xc2\xa0\xe3\x80\x80\x1c\xc2\x85emma\x1c\xc2\x85 \xc2\xa0ann\xe3\x80\x80\t\n' -> ['emma\x1c\x85 \xa0ann'];
     * [hex(ord(c)) for c in sorted(set(''.join(docs)))] */
    static const uint32_t v[] = { 0x1c, 0x20, 0x61, 0x65, 0x6d, 0x6e, 0x85, 0xa0 };
    (void)state;
    parse_ok(&ds, S("\t\xc2\xa0\xe3\x80\x80\x1c\xc2\x85" "emma\x1c\xc2\x85 \xc2\xa0" "ann\xe3\x80\x80\t\n"));
    assert_int_equal(ds.count, 1);
    assert_doc(&ds, 0, S("emma\x1c\xc2\x85 \xc2\xa0" "ann"));
    assert_vocab(&ds, v, 8);
    assert_int_equal(ds.max_chars, 11);
    assert_round_trip(&ds);
    dataset_free(&ds);

    /* U+2028 is whitespace but not a line break here: kept inside, stripped at the ends.
     * docs of b'ab\xe2\x80\xa8cd\n\xe2\x80\xa8ef\xe2\x80\xa8\n' -> ['ab\u2028cd', 'ef'] */
    parse_ok(&ds, S("ab\xe2\x80\xa8" "cd\n\xe2\x80\xa8" "ef\xe2\x80\xa8\n"));
    assert_int_equal(ds.count, 2);
    assert_doc(&ds, 0, S("ab\xe2\x80\xa8" "cd"));
    assert_doc(&ds, 1, S("ef"));
    assert_int_equal(dataset_token(&ds, 0x2028), 6);   /* after a b c d e f */
    assert_int_equal(ds.max_chars, 5);
    dataset_free(&ds);

    /* \x0b, \x0c, \x1c..\x1f and \x85 are not line breaks for split('\n'). */
    parse_ok(&ds, S("a\x0b" "b\x0c" "c\x1d" "d\x1e" "e\x1f" "f\xc2\x85g\n"));
    assert_int_equal(ds.count, 1);
    assert_int_equal(ds.max_chars, 13);
    dataset_free(&ds);
}

/* [c for c in range(0x110000) if chr(c).isspace()] */
static const uint32_t PY_SPACE[] = {
    0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
    0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009,
    0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
};
enum { N_PY_SPACE = sizeof PY_SPACE / sizeof PY_SPACE[0] };

static void test_isspace_matches_python(void **state)
{
    size_t k = 0;
    (void)state;
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        int want = k < N_PY_SPACE && PY_SPACE[k] == cp;
        if (dataset_isspace(cp) != want)
            fail_msg("dataset_isspace(U+%04X) = %d", cp, dataset_isspace(cp));
        k += want;
    }
    assert_int_equal(k, N_PY_SPACE);
}

/* Each whitespace code point is stripped at both ends of a line and kept
 * between two characters; each near-miss is kept everywhere. */
static void test_strip_each_space(void **state)
{
    /* [hex(c) for c in (0x0, 0x1b, 0x7f, 0xad, 0x180e, 0x200b, 0x2060, 0xfeff) if chr(c).isspace()] -> [] */
    static const uint32_t not_space[] = { 0x0, 0x1b, 0x7f, 0xad, 0x180e, 0x200b, 0x2060, 0xfeff };
    (void)state;
    for (size_t k = 0; k < N_PY_SPACE; k++) {
        char w[4], buf[32], doc[16];
        size_t n = utf8_encode(PY_SPACE[k], w), len = 0, dlen = 0;
        Dataset ds;
        if (PY_SPACE[k] == '\n' || PY_SPACE[k] == '\r')
            continue;   /* line breaks, tested above */
        memcpy(buf + len, w, n), len += n;
        buf[len++] = 'x';
        memcpy(buf + len, w, n), len += n;
        buf[len++] = 'y';
        memcpy(buf + len, w, n), len += n;
        memcpy(buf + len, w, n), len += n;
        doc[dlen++] = 'x';
        memcpy(doc + dlen, w, n), dlen += n;
        doc[dlen++] = 'y';
        parse_ok(&ds, buf, len);
        assert_int_equal(ds.count, 1);
        assert_doc(&ds, 0, doc, dlen);
        assert_int_equal(ds.max_chars, 3);
        assert_int_equal(ds.nchars, 3);
        assert_true(dataset_token(&ds, PY_SPACE[k]) >= 0);
        dataset_free(&ds);
    }
    for (size_t k = 0; k < sizeof not_space / sizeof not_space[0]; k++) {
        char w[4], buf[16];
        size_t n = utf8_encode(not_space[k], w), len = 0;
        Dataset ds;
        memcpy(buf + len, w, n), len += n;
        buf[len++] = 'x';
        memcpy(buf + len, w, n), len += n;
        parse_ok(&ds, buf, len);
        assert_int_equal(ds.count, 1);
        assert_doc(&ds, 0, buf, len);
        assert_int_equal(ds.max_chars, 3);
        dataset_free(&ds);
    }
}

static void test_vocab_order(void **state)
{
    Dataset ds;
    /* docs = ['Émile', 'zoë', "O'Brien", 'Jean-Luc', 'Åsa', 'Renée Zoë', 'ß'];
     * [hex(ord(c)) for c in sorted(set(''.join(docs)))] */
    static const uint32_t v[] = {
        0x20, 0x27, 0x2d, 0x42, 0x4a, 0x4c, 0x4f, 0x52, 0x5a, 0x61, 0x63, 0x65, 0x69,
        0x6c, 0x6d, 0x6e, 0x6f, 0x72, 0x73, 0x75, 0x7a, 0xc5, 0xc9, 0xdf, 0xe9, 0xeb,
    };
    int ids[3] = { 0, 0, 0 };
    (void)state;
    parse_ok(&ds, S("\xc3\x89mile\nzo\xc3\xab\nO'Brien\nJean-Luc\n\xc3\x85sa\nRen\xc3\xa9" "e Zo\xc3\xab\n\xc3\x9f\n"));
    assert_int_equal(ds.count, 7);
    assert_vocab(&ds, v, sizeof v / sizeof v[0]);
    assert_int_equal(ds.max_chars, 9);   /* max(map(len, docs)) */
    assert_doc(&ds, 5, S("Ren\xc3\xa9" "e Zo\xc3\xab"));
    assert_round_trip(&ds);

    /* encode writes at most max ids but counts them all */
    assert_int_equal(dataset_encode(&ds, 1, ids, 2), 3);   /* "zoë" */
    assert_int_equal(ids[0], 20);
    assert_int_equal(ids[1], 16);
    assert_int_equal(ids[2], 0);   /* untouched */
    assert_int_equal(dataset_encode(&ds, 1, NULL, 0), 3);
    assert_int_equal(dataset_encode(&ds, 99, ids, 3), 0);   /* no such doc */

    /* not in the vocabulary */
    assert_int_equal(dataset_token(&ds, 'b'), -1);
    assert_int_equal(dataset_token(&ds, 0x00), -1);
    assert_int_equal(dataset_token(&ds, 0x7f), -1);
    assert_int_equal(dataset_token(&ds, 0xc4), -1);
    assert_int_equal(dataset_token(&ds, 0xff), -1);
    assert_int_equal(dataset_token(&ds, 0x10ffff), -1);
    assert_int_equal(dataset_token(&ds, 0xffffffffu), -1);

    {   /* BOS and out-of-range ids give "" */
        char out[5] = "zzzz";
        assert_int_equal(dataset_token_utf8(&ds, (int)ds.nchars, out), 0);
        assert_string_equal(out, "");
        assert_int_equal(dataset_token_utf8(&ds, -1, out), 0);
        assert_int_equal(dataset_token_utf8(&ds, 1000, out), 0);
        assert_int_equal(dataset_token_utf8(&ds, 23, out), 2);
        assert_string_equal(out, "\xc3\x9f");
    }
    dataset_free(&ds);
}

static void test_nul_and_bom(void **state)
{
    Dataset ds;
    /* sorted(set('a\0b' + 'c')) -> ['\x00', 'a', 'b', 'c'] */
    static const uint32_t v[] = { 0x0, 'a', 'b', 'c' };
    /* docs of b'\xef\xbb\xbfemma\nava\n' -> ['\ufeffemma', 'ava']; sorted set -> a e m v U+FEFF */
    static const uint32_t vb[] = { 'a', 'e', 'm', 'v', 0xfeff };
    (void)state;
    parse_ok(&ds, S(" a\0b \n\0\n c"));
    assert_int_equal(ds.count, 3);
    assert_doc(&ds, 0, S("a\0b"));
    assert_doc(&ds, 1, S("\0"));
    assert_doc(&ds, 2, S("c"));
    assert_vocab(&ds, v, 4);
    assert_int_equal(dataset_token(&ds, 0), 0);
    assert_round_trip(&ds);
    dataset_free(&ds);

    parse_ok(&ds, S("\xef\xbb\xbf" "emma\nava\n"));
    assert_int_equal(ds.count, 2);
    assert_doc(&ds, 0, S("\xef\xbb\xbf" "emma"));
    assert_vocab(&ds, vb, 5);
    assert_int_equal(ds.max_chars, 5);
    dataset_free(&ds);

    /* the four-byte and boundary forms decode to the right code points */
    {
        /* [hex(ord(c)) for c in sorted(set(b'\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf'.decode()))] */
        static const uint32_t vu[] = { 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xffff, 0x10000, 0x10ffff };
        parse_ok(&ds, S("\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"));
        assert_int_equal(ds.count, 1);
        assert_vocab(&ds, vu, 8);
        assert_int_equal(ds.max_chars, 8);
        assert_round_trip(&ds);
        dataset_free(&ds);
    }
}

/* ---- errors ------------------------------------------------------------- */

static void test_parse_errors(void **state)
{
    (void)state;
    parse_err(S(""), "empty");
    parse_err(S("\n"), "contains no names");
    parse_err(S("\n \t\n\xe3\x80\x80\r\n\xe2\x80\xa8\r\xc2\xa0\n"), "contains no names");
    /* the line of e.start, counted after newline translation */
    parse_err(S("ab\ncd\n\xffx\n"), "line 3");
    parse_err(S("a\r\nb\rc\xc3("), "line 3");
    parse_err(S("a\r\xff"), "line 2");
    parse_err(S("emma\n  \xff  \n"), "line 2");   /* Python decodes the blank lines too */
    parse_err(S("x\n\xe2\x80\xa8\xc3"), "line 2");
    /* overlong */
    parse_err(S("\xc0\x80"), "invalid UTF-8 on line 1");
    parse_err(S("\xc1\xbf"), "invalid UTF-8 on line 1");
    parse_err(S("\xe0\x80\x80"), "invalid UTF-8 on line 1");
    parse_err(S("\xe0\x9f\xbf"), "invalid UTF-8 on line 1");
    parse_err(S("\xf0\x80\x80\x80"), "invalid UTF-8 on line 1");
    parse_err(S("\xf0\x8f\xbf\xbf"), "invalid UTF-8 on line 1");
    /* surrogates */
    parse_err(S("ok\n\xed\xa0\x80"), "invalid UTF-8 on line 2");
    parse_err(S("ok\n\xed\xbf\xbf"), "invalid UTF-8 on line 2");
    /* above U+10FFFF, and bytes that never start a sequence */
    parse_err(S("\xf4\x90\x80\x80"), "invalid UTF-8 on line 1");
    parse_err(S("\xf5\x80\x80\x80"), "invalid UTF-8 on line 1");
    parse_err(S("\xf8\x88\x80\x80\x80"), "invalid UTF-8 on line 1");
    parse_err(S("\xfe"), "invalid UTF-8 on line 1");
    parse_err(S("\xff"), "invalid UTF-8 on line 1");
    /* truncated, at the end of the file and before another character */
    parse_err(S("abc\n\xe2\x82"), "invalid UTF-8 on line 2");
    parse_err(S("\xf0\x9f\x98"), "invalid UTF-8 on line 1");
    parse_err(S("\xc3"), "invalid UTF-8 on line 1");
    parse_err(S("\xe2\x82" "a"), "invalid UTF-8 on line 1");
    parse_err(S("\xc3\n"), "invalid UTF-8 on line 1");
    /* stray continuation bytes */
    parse_err(S("\x80"), "invalid UTF-8 on line 1");
    parse_err(S("a\xbf" "b"), "invalid UTF-8 on line 1");
    /* more than 4 GiB: refused from the size alone, the bytes are never read */
    {
        static const char one[1] = "a";
        parse_err(one, (size_t)UINT32_MAX + 1, "too large");
    }
}

/* A newline-separated run of `n` distinct non-blank code points from U+0021 up. */
static char *distinct_chars(size_t n, size_t *size, uint32_t *last)
{
    char *buf = malloc(n * 4 + n / 64 + 1), *p = buf;
    uint32_t cp = 0x21;
    assert_non_null(buf);
    for (size_t k = 0; k < n; k++, cp++) {
        while (dataset_isspace(cp) || (cp >= 0xd800 && cp <= 0xdfff))
            cp++;
        p += utf8_encode(cp, p);
        *last = cp;
        if (k % 64 == 63)
            *p++ = '\n';
    }
    *size = (size_t)(p - buf);
    return buf;
}

static void test_vocab_limit(void **state)
{
    Dataset ds;
    char err[DATASET_ERRLEN] = "";
    size_t size;
    uint32_t last;
    char *buf = distinct_chars(DATASET_MAX_CHARS, &size, &last), *path;
    (void)state;
    /* exactly the limit is fine, and every id maps back */
    parse_ok(&ds, buf, size);
    assert_int_equal(ds.nchars, DATASET_MAX_CHARS);
    assert_int_equal(ds.chars[DATASET_MAX_CHARS - 1], last);
    for (size_t k = 0; k < ds.nchars; k++)
        assert_int_equal(dataset_token(&ds, ds.chars[k]), (int)k);
    assert_round_trip(&ds);
    dataset_free(&ds);
    free(buf);

    buf = distinct_chars(DATASET_MAX_CHARS + 1, &size, &last);
    path = temp_file(buf, size);
    assert_int_equal(dataset_load(&ds, path, err), -1);
    assert_err(err, path, "too many distinct characters");
    assert_err(err, path, "65536");
    assert_zeroed(&ds);
    unlink(path);
    free(path);
    free(buf);
}

static void test_load_errors(void **state)
{
    char dir[] = "/tmp/test_dataset_dir_XXXXXX", fifo[64], *path;
    int fd;
    (void)state;
    load_err("/nonexistent/names.txt", "No such file or directory");

    assert_non_null(mkdtemp(dir));
    load_err(dir, "is a directory");
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    load_err(fifo, "not a regular file");   /* returns at once: nothing waits for a writer */
    unlink(fifo);
    rmdir(dir);

    load_err("/dev/null", "not a regular file");
    load_err("/dev/zero", "not a regular file");

    path = temp_file("", 0);
    load_err(path, "empty");
    unlink(path);
    free(path);

    path = temp_file(S("\r\n  \n\t\n"));
    load_err(path, "contains no names");
    unlink(path);
    free(path);

    path = temp_file(S("emma\r\nava\r\n\xe2\x82"));
    load_err(path, "invalid UTF-8 on line 3");
    unlink(path);
    free(path);

    /* unreadable: root reads anything, so only as another user */
    path = temp_file(S("emma\n"));
    assert_int_equal(chmod(path, 0), 0);
    if (geteuid() != 0)
        load_err(path, "Permission denied");
    unlink(path);
    free(path);

    /* a sparse file one byte over 4 GiB: refused by size, never read */
    path = temp_file("", 0);
    fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    if (ftruncate(fd, (off_t)UINT32_MAX + 1) == 0)
        load_err(path, "too large");
    close(fd);
    unlink(path);
    free(path);

    {   /* a very long name is cut, the message stays whole and on one line */
        Dataset ds;
        char err[DATASET_ERRLEN], name[600];
        memset(name, 'n', sizeof name - 1);
        name[sizeof name - 1] = '\0';
        name[10] = '\n';
        assert_int_equal(dataset_parse(&ds, S("\n"), name, err), -1);
        assert_true(strlen(err) == DATASET_ERRLEN - 1);
        assert_null(strchr(err, '\n'));
        assert_non_null(strstr(err, "contains no names"));
    }
}

static void test_load_file(void **state)
{
    Dataset ds;
    char err[DATASET_ERRLEN] = "";
    /* docs of 'zoë \r\n\r\n\u3000Renée\r'.encode() -> ['zoë', 'Renée'] */
    char *path = temp_file(S("zo\xc3\xab \r\n\r\n\xe3\x80\x80Ren\xc3\xa9" "e\r"));
    (void)state;
    assert_int_equal(dataset_load(&ds, path, err), 0);
    assert_int_equal(ds.count, 2);
    assert_doc(&ds, 0, S("zo\xc3\xab"));
    assert_doc(&ds, 1, S("Ren\xc3\xa9" "e"));
    assert_int_equal(ds.max_chars, 5);
    assert_round_trip(&ds);
    dataset_free(&ds);
    unlink(path);
    free(path);
}

/* ---- the real data -------------------------------------------------------- */

static void test_names_txt(void **state)
{
    Dataset ds;
    char err[DATASET_ERRLEN] = "";
    const char *path = access("data/names.txt", R_OK) == 0 ? "data/names.txt" : "../shared/names.txt";
    int ids[16];
    (void)state;
    if (access(path, R_OK) != 0)
        skip();
    if (dataset_load(&ds, path, err) != 0)
        fail_msg("%s", err);
    /* docs = [l.strip() for l in open('names.txt').read().strip().split('\n') if l.strip()]
     * len(docs), ''.join(sorted(set(''.join(docs)))), docs[0], max(map(len, docs))
     * -> 32033 abcdefghijklmnopqrstuvwxyz emma 15 */
    assert_int_equal(ds.count, 32033);
    assert_int_equal(ds.nchars, 26);
    for (int k = 0; k < 26; k++) {
        assert_int_equal(ds.chars[k], (uint32_t)('a' + k));
        assert_int_equal(dataset_token(&ds, (uint32_t)('a' + k)), k);
    }
    assert_doc(&ds, 0, S("emma"));
    assert_int_equal(ds.max_chars, 15);
    assert_int_equal(dataset_encode(&ds, 0, ids, 16), 4);
    assert_int_equal(ids[0], 4);   /* e */
    assert_int_equal(ids[1], 12);  /* m */
    assert_int_equal(ids[2], 12);
    assert_int_equal(ids[3], 0);   /* a */
    assert_round_trip(&ds);
    dataset_free(&ds);
}

static void test_two_million_lines(void **state)
{
    enum { LINES = 2000000 };
    Dataset ds;
    char *buf = malloc((size_t)LINES * 6), *p = buf;
    (void)state;
    assert_non_null(buf);
    for (size_t i = 0; i < LINES; i++) {   /* i's base-26 digits as letters (1-5), then \n */
        size_t v = i;
        do {
            *p++ = (char)('a' + v % 26);
            v /= 26;
        } while (v > 0);
        *p++ = '\n';
    }
    parse_ok(&ds, buf, (size_t)(p - buf));
    assert_int_equal(ds.count, LINES);
    assert_int_equal(ds.nchars, 26);
    assert_doc(&ds, 0, S("a"));
    assert_doc(&ds, 27, S("bb"));   /* 27 = 1 + 1*26 */
    assert_int_equal(ds.max_chars, 5);   /* 26**4 < 2e6 < 26**5 */
    dataset_free(&ds);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_newlines),
        cmocka_unit_test(test_strip_unicode_blanks),
        cmocka_unit_test(test_isspace_matches_python),
        cmocka_unit_test(test_strip_each_space),
        cmocka_unit_test(test_vocab_order),
        cmocka_unit_test(test_nul_and_bom),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_vocab_limit),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_names_txt),
        cmocka_unit_test(test_two_million_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
