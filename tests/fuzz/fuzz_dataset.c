/* fuzz_dataset.c: libFuzzer target for the dataset loader.
 *
 * The input is a file's bytes.  dataset_parse() must agree with a slow,
 * independent model of what microgpt.py does with them:
 *   text = bytes.decode('utf-8')          (strict; universal newlines)
 *   docs = [l.strip() for l in text.strip().split('\n') if l.strip()]
 *   uchars = sorted(set(''.join(docs)))
 * (the model decodes UTF-8 by itself, not with utf8.c), then every doc must
 * survive dataset_encode -> dataset_token_utf8 unchanged, and (for one input
 * in four) a tiny model must take two training steps (each written out as
 * --trace writes it) and draw a name on them.
 *
 * Built two ways: with clang -fsanitize=fuzzer (tests/fuzz/, `make fuzz`),
 * and included by tests/test_corpus.c, which replays tests/corpus/fuzz_dataset/
 * in the unit tests; there FUZZ_FAIL reports through cmocka instead of abort(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dataset.h"
#include "app/headless.h"
#include "core/sample.h"
#include "core/train.h"

#ifndef FUZZ_FAIL
#define FUZZ_FAIL(...) do { fprintf(stderr, "fuzz_dataset: " __VA_ARGS__); \
                            fputc('\n', stderr); abort(); } while (0)
#endif
#define FD_CHECK(cond) do { if (!(cond)) FUZZ_FAIL("check failed at line %d: %s", __LINE__, #cond); } while (0)

/* Python 3.11: [c for c in range(0x110000) if chr(c).isspace()]. */
static int fd_isspace(uint32_t c)
{
    static const uint32_t sp[] = { 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20,
        0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
        0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 };
    for (size_t k = 0; k < sizeof sp / sizeof *sp; k++)
        if (sp[k] == c)
            return 1;
    return 0;
}

/* Strict UTF-8 written from the definition: the lead byte gives the length,
 * the continuation bytes the value; then no overlong forms, no surrogates,
 * nothing above U+10FFFF.  Returns the length, or 0 if invalid. */
static size_t fd_decode(const uint8_t *s, size_t n, uint32_t *out)
{
    size_t len;
    uint32_t cp, min;
    if (s[0] < 0x80) { *out = s[0]; return 1; }
    else if ((s[0] & 0xE0) == 0xC0) { len = 2; cp = s[0] & 0x1F; min = 0x80; }
    else if ((s[0] & 0xF0) == 0xE0) { len = 3; cp = s[0] & 0x0F; min = 0x800; }
    else if ((s[0] & 0xF8) == 0xF0) { len = 4; cp = s[0] & 0x07; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *out = cp;
    return len;
}

static int fd_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Expected error: rc -1, a one-line message naming the file and saying `what`. */
static void fd_expect_error(int rc, const Dataset *ds, const char *err, const char *what)
{
    if (rc != -1)
        FUZZ_FAIL("expected an error (%s), got rc %d", what, rc);
    FD_CHECK(memchr(err, '\0', DATASET_ERRLEN) != NULL);
    FD_CHECK(strncmp(err, "fuzz.txt: ", 10) == 0);
    FD_CHECK(strchr(err, '\n') == NULL && strchr(err, '\r') == NULL);
    if (!strstr(err, what))
        FUZZ_FAIL("error \"%s\" does not say \"%s\"", err, what);
    FD_CHECK(ds->buf == NULL && ds->docs == NULL && ds->chars == NULL);
    FD_CHECK(ds->count == 0 && ds->nchars == 0);
}

static FILE *fd_devnull(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    FD_CHECK(f != NULL);
    return f;
}

/* One training step and one sample with a tiny model on the parsed docs. */
static void fd_train(Dataset *ds, uint8_t knob)
{
    TrainConfig c = train_config_default();
    char err[256];
    Trainer t;
    c.model.n_embd = 2;
    c.model.n_head = 1 + (knob & 1);
    c.model.n_layer = 1;
    c.model.block_size = 1 + (knob >> 1 & 7);
    c.adam.num_steps = 2;
    c.seed = knob;
    c.shuffle = knob >> 4 & 1;
    if (trainer_init(&t, ds, &c, err, sizeof err) != 0)
        FUZZ_FAIL("trainer_init: %s", err);
    for (int s = 0; s < 2; s++) {
        trainer_step(&t);
        FD_CHECK(t.info.n >= 1 && t.info.n <= c.model.block_size);
        FD_CHECK(t.info.doc == (size_t)s % ds->count);
        FD_CHECK(t.info.loss == t.info.loss);   /* not NaN */
        trace_write_step(fd_devnull(), &t);      /* --trace prints any doc */
    }
    Sampler sp;
    int *ids = malloc((size_t)c.model.block_size * sizeof *ids);
    FD_CHECK(ids != NULL);
    FD_CHECK(sampler_init(&sp, &t.model) == 0);
    int len = sampler_draw(&sp, trainer_params(&t), &t.rng, 0.5, ids);
    FD_CHECK(len >= 0 && len <= c.model.block_size);
    for (int k = 0; k < len; k++)
        FD_CHECK(ids[k] >= 0 && (size_t)ids[k] < ds->nchars);
    sampler_free(&sp);
    free(ids);
    trainer_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Dataset ds;
    char err[DATASET_ERRLEN];
    uint32_t *text = malloc((size + 1) * sizeof *text);
    size_t ntext = 0, bad = SIZE_MAX;
    FD_CHECK(text != NULL);
    memset(err, 0x55, sizeof err);

    /* decode, translating "\r\n" and lone "\r" to "\n" */
    for (size_t i = 0; i < size;) {
        uint32_t cp;
        size_t k = fd_decode(data + i, size - i, &cp);
        if (k == 0) {
            bad = i;
            break;
        }
        if (cp == '\r') {
            cp = '\n';
            if (i + 1 < size && data[i + 1] == '\n')
                k = 2;
        }
        text[ntext++] = cp;
        i += k;
    }

    int rc = dataset_parse(&ds, (const char *)data, size, "fuzz.txt", err);
    if (size == 0) {
        fd_expect_error(rc, &ds, err, "the file is empty");
        free(text);
        return 0;
    }
    if (bad != SIZE_MAX) {
        size_t line = 1;
        char want[64];
        for (size_t i = 0; i < bad; i++)
            line += data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n');
        snprintf(want, sizeof want, "invalid UTF-8 on line %zu (byte 0x%02X)", line, data[bad]);
        fd_expect_error(rc, &ds, err, want);
        free(text);
        return 0;
    }

    /* text.strip().split('\n'), each line stripped, the empty ones dropped:
     * each expected doc is a [start, end) range of text[]. */
    size_t lo = 0, hi = ntext, ndocs = 0, max_chars = 0;
    size_t *dstart = malloc((ntext + 1) * sizeof *dstart), *dend = malloc((ntext + 1) * sizeof *dend);
    FD_CHECK(dstart && dend);
    while (lo < hi && fd_isspace(text[lo]))
        lo++;
    while (hi > lo && fd_isspace(text[hi - 1]))
        hi--;
    for (size_t a = lo; a <= hi && lo < hi;) {
        size_t b = a;
        while (b < hi && text[b] != '\n')
            b++;
        size_t s = a, e = b;
        while (s < e && fd_isspace(text[s]))
            s++;
        while (e > s && fd_isspace(text[e - 1]))
            e--;
        if (e > s) {
            dstart[ndocs] = s;
            dend[ndocs++] = e;
            if (e - s > max_chars)
                max_chars = e - s;
        }
        a = b + 1;
    }

    /* sorted(set(''.join(docs))) */
    size_t nv = 0;
    uint32_t *vocab = malloc((ntext + 1) * sizeof *vocab);
    FD_CHECK(vocab != NULL);
    for (size_t d = 0; d < ndocs; d++)
        for (size_t k = dstart[d]; k < dend[d]; k++)
            vocab[nv++] = text[k];
    qsort(vocab, nv, sizeof *vocab, fd_cmp_u32);
    size_t nu = 0;
    for (size_t k = 0; k < nv; k++)
        if (nu == 0 || vocab[nu - 1] != vocab[k])
            vocab[nu++] = vocab[k];

    if (ndocs == 0) {
        fd_expect_error(rc, &ds, err, "contains no names (only blank lines)");
    } else if (nu > DATASET_MAX_CHARS) {
        fd_expect_error(rc, &ds, err, "too many distinct characters");
    } else {
        if (rc != 0)
            FUZZ_FAIL("dataset_parse failed: %s", err);
        FD_CHECK(ds.count == ndocs);
        FD_CHECK(ds.nchars == nu);
        FD_CHECK(ds.max_chars == max_chars);
        FD_CHECK(memcmp(ds.chars, vocab, nu * sizeof *vocab) == 0);
        for (uint32_t c = 0; c < 128; c++) {
            int want = -1;
            for (size_t k = 0; k < nu && vocab[k] < 128; k++)
                if (vocab[k] == c)
                    want = (int)k;
            FD_CHECK(ds.ascii_tok[c] == want);
            FD_CHECK(dataset_token(&ds, c) == want);
        }
        for (size_t k = 0; k < nu; k++) {
            FD_CHECK(dataset_token(&ds, vocab[k]) == (int)k);
            if (vocab[k] + 1 < 0x110000 && (k + 1 == nu || vocab[k + 1] != vocab[k] + 1))
                FD_CHECK(dataset_token(&ds, vocab[k] + 1) == -1);
        }
        FD_CHECK(dataset_token(&ds, 0x110000) == -1);
        FD_CHECK(dataset_token(&ds, UINT32_MAX) == -1);

        int *ids = malloc((max_chars + 1) * sizeof *ids);
        FD_CHECK(ids != NULL);
        for (size_t d = 0; d < ndocs; d++) {
            const size_t nchar = dend[d] - dstart[d];
            const DocRef *r = &ds.docs[d];
            FD_CHECK(r->off <= size && r->len <= size - r->off);
            /* the doc's bytes decode to exactly the expected code points */
            size_t pos = 0, k = 0;
            while (pos < r->len) {
                uint32_t cp;
                size_t n = fd_decode((const uint8_t *)ds.buf + r->off + pos, r->len - pos, &cp);
                FD_CHECK(n > 0 && k < nchar && cp == text[dstart[d] + k]);
                pos += n;
                k++;
            }
            FD_CHECK(k == nchar);
            /* encode, then each id's UTF-8 in turn gives back the bytes */
            FD_CHECK(dataset_encode(&ds, d, ids, max_chars + 1) == nchar);
            pos = 0;
            for (k = 0; k < nchar; k++) {
                char u[5];
                FD_CHECK(ids[k] >= 0 && (size_t)ids[k] < nu && vocab[ids[k]] == text[dstart[d] + k]);
                size_t n = dataset_token_utf8(&ds, ids[k], u);
                FD_CHECK(n >= 1 && n <= 4 && u[n] == '\0');
                FD_CHECK(pos + n <= r->len && memcmp(u, ds.buf + r->off + pos, n) == 0);
                pos += n;
            }
            FD_CHECK(pos == r->len);
            /* a short buffer: only `max` ids written, the full count returned */
            size_t max = nchar / 2;
            int *few = malloc((max ? max : 1) * sizeof *few);
            FD_CHECK(few != NULL);
            FD_CHECK(dataset_encode(&ds, d, few, max) == nchar);
            FD_CHECK(max == 0 || memcmp(few, ids, max * sizeof *few) == 0);
            free(few);
        }
        FD_CHECK(dataset_encode(&ds, ndocs, ids, max_chars + 1) == 0);
        free(ids);
        {   /* BOS and ids outside the vocabulary have no text */
            char u[5] = "xxxx";
            FD_CHECK(dataset_token_utf8(&ds, (int)nu, u) == 0 && u[0] == '\0');
            FD_CHECK(dataset_token_utf8(&ds, -1, u) == 0 && u[0] == '\0');
            FD_CHECK(dataset_token_utf8(&ds, (int)nu + 7, u) == 0 && u[0] == '\0');
        }
        if (size % 4 == 0)   /* a quarter of the inputs: training is 3x slower than the rest */
            fd_train(&ds, data[0]);
    }
    dataset_free(&ds);
    dataset_free(&ds);   /* safe on a freed Dataset */
    FD_CHECK(ds.buf == NULL && ds.count == 0);
    free(vocab);
    free(dstart);
    free(dend);
    free(text);
    return 0;
}
