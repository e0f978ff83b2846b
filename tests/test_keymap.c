/* test_keymap.c: the key table (session/keymap.h): one row per key, every
 * action reachable, the help overlay's two groups, the hint line for each
 * state, and the docs: README.md, docs/ui.md and docs/microgpt-tui.1 name
 * every key of the table in their key tables, and no other. */
#include "testutil.h"

#include <ctype.h>

#include "session/keymap.h"

/* ------------------------------------------------------------------ table */

/* A key's name as the docs write it: "q", "space", "Right", "PgDn",
 * "Ctrl-L", "Enter" (for CR, LF and the keypad's Enter), "F1", "Esc". */
static const char *key_name(int key, char buf[8])
{
    switch (key) {
    case ' ': return "space";
    case '\r': case '\n': case UIK_ENTER: return "Enter";
    case UIK_TAB: return "Tab";
    case UIK_BTAB: return "Shift-Tab";
    case UIK_ESC: return "Esc";
    case UIK_CTRL_L: return "Ctrl-L";
    case UIK_UP: return "Up";
    case UIK_DOWN: return "Down";
    case UIK_LEFT: return "Left";
    case UIK_RIGHT: return "Right";
    case UIK_HOME: return "Home";
    case UIK_END: return "End";
    case UIK_PGUP: return "PgUp";
    case UIK_PGDN: return "PgDn";
    case UIK_F1: return "F1";
    default:
        if (key > ' ' && key < 0x7f) {
            buf[0] = (char)key;
            buf[1] = '\0';
        } else {
            snprintf(buf, 8, "?");
        }
        return buf;
    }
}


static void test_rows(void **state)
{
    (void)state;
    int n;
    const KeyRow *rows = keymap_rows(&n);
    int seen_action[ACT_COUNT] = { 0 }, help[3] = { 0 };
    for (int r = 0; r < n; r++) {
        assert_true(rows[r].keys[0] != 0);
        assert_true(rows[r].action > ACT_NONE && rows[r].action < ACT_COUNT);
        seen_action[rows[r].action]++;
        help[rows[r].group]++;
        if (rows[r].group != HELP_NONE)
            assert_true(rows[r].help_label && rows[r].help_label_ascii && rows[r].help_text);
        for (int h = 0; h < KEYMAP_HINTS; h++)
            if (rows[r].hint[h].modes)
                assert_true(rows[r].label && rows[r].label_ascii && rows[r].hint[h].text);
        /* every key finds its own row, and no key is in two rows */
        for (int k = 0; k < KEYMAP_KEYS && rows[r].keys[k]; k++) {
            int which = -1;
            assert_ptr_equal(keymap_find(rows[r].keys[k], &which), &rows[r]);
            assert_int_equal(which, k);
        }
    }
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        if (seen_action[a] != !keymap_keyless((Action)a))
            fail_msg("action %d is in %d rows", a, seen_action[a]);
    assert_true(keymap_keyless(ACT_FOCUS) && keymap_keyless(ACT_GOTO) && !keymap_keyless(ACT_MOUSE));
    assert_int_equal(help[HELP_RUN], 14);
    assert_int_equal(help[HELP_CLASSROOM], 14);
    /* letters: either case when the row says so; g and G differ */
    int which;
    assert_int_equal(keymap_find('Q', &which)->action, ACT_QUIT);
    assert_int_equal(keymap_find('G', &which)->action, ACT_LAST);
    assert_int_equal(keymap_find('g', &which)->action, ACT_FIRST);
    assert_null(keymap_find('N', &which));
    assert_null(keymap_find('y', &which));
    assert_int_equal(keymap_find('4', &which)->action, ACT_ARC);
    assert_int_equal(which, 3);
    char buf[8];
    assert_string_equal(key_name(' ', buf), "space");
    assert_string_equal(key_name('\r', buf), "Enter");
    assert_string_equal(key_name(UIK_PGDN, buf), "PgDn");
    assert_string_equal(key_name('?', buf), "?");
}

/* The hint line's content for each mode and state, most useful first. */
static char *hint_line(const HintState *st, int ascii)
{
    HintItem h[64];
    int n = keymap_hints(st, ascii, h, 64);
    static char out[1024];
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%s %s/%d", i ? "  " : "", h[i].key, h[i].text,
                              h[i].priority);
    return out;
}

static void test_hints(void **state)
{
    (void)state;
    HintState st = { 0 };
    assert_string_equal(hint_line(&st, 0),
        "space run/9  n \u2192 step/8  b \u2190 back/8  ] [ \u00b110/5  Home End first/last/2  "
        "\u2191\u2193 select/6  + - speed/4  p phases/9  1-6 arc/7  e explain/6  w guess/3  l live/3  "
        "z zoom/2  f what if/4  ? help/12  q quit/12");
    st.runs = 2;    /* a second run: o switches */
    assert_non_null(strstr(hint_line(&st, 0), "f what if/4  o other run/7  ? help/12"));
    st.runs = 1;
    st.running = 1;
    st.samples = 1;
    assert_string_equal(hint_line(&st, 1),
        "space pause/9  n step/8  b back/8  ] [ +-10/5  Home End first/last/2  Up Dn select/6  "
        "+ - speed/4  p phases/9  1-6 arc/7  e explain/6  w guess/3  l live/3  z zoom/2  "
        "s samples/6  f what if/4  ? help/12  q quit/12");
    /* at the last step, paused: nothing left to run, no step to go to
     * (but a lesson's next stop, and the next phase) */
    HintState last = { .last = 1, .samples = 1 };
    assert_string_equal(hint_line(&last, 1),
        "b back/8  ] [ +-10/5  Home End first/last/2  Up Dn select/6  "
        "+ - speed/4  p phases/9  1-6 arc/7  e explain/6  w guess/3  l live/3  z zoom/2  "
        "s samples/6  f what if/4  ? help/12  q quit/12");
    last.lesson = 1;
    assert_non_null(strstr(hint_line(&last, 1), "n next stop/8  b back/8"));
    last.lesson = 0;
    last.phase_mode = 1;
    assert_non_null(strstr(hint_line(&last, 1), "n next phase/10"));
    HintState ph = { .phase_mode = 1, .zoomed = 1, .guess = 1, .hiding = 1 };
    assert_string_equal(hint_line(&ph, 0),
        "r reveal/11  z unzoom/11  Tab next panel/10  n \u2192 next phase/10  b \u2190 back/9  "
        "\u2191\u2193 position/4  p whole steps/8  w no guess/7  e explain/7  1-6 arc/3  "
        "? help/12  q quit/12");
    HintItem few[3];
    assert_int_equal(keymap_hints(&ph, 0, few, 3), 3);
}

/* ------------------------------------------------------------------- docs */

typedef struct {
    char name[64][24];
    int n;
} Names;

static void add(Names *ns, const char *s, size_t len)
{
    static const char *const alias[][2] = {
        { "\u2192", "Right" }, { "\u2190", "Left" }, { "\u2191", "Up" }, { "\u2193", "Down" },
        { "Space", "space" },
    };
    char w[64];
    size_t k = 0;
    for (size_t i = 0; i < len && k < sizeof w - 1; i++) {
        if (s[i] == '\\' && i + 1 < len && s[i + 1] == '-')
            continue;       /* troff's \- */
        w[k++] = s[i];
    }
    w[k] = '\0';
    if (!k || (w[0] == '-' && w[1] == '-'))
        return;             /* an option, not a key */
    for (size_t a = 0; a < sizeof alias / sizeof alias[0]; a++)
        if (strcmp(w, alias[a][0]) == 0)
            snprintf(w, sizeof w, "%s", alias[a][1]);
    for (int i = 0; i < ns->n; i++)
        if (strcmp(ns->name[i], w) == 0)
            return;
    if (ns->n < 64 && strlen(w) < sizeof ns->name[0])
        memcpy(ns->name[ns->n++], w, strlen(w) + 1);
}

/* Adds "2" .. "5" when a range "1 ... 6" was written. */
static void add_range(Names *ns, const char *lo, const char *hi)
{
    if (strlen(lo) == 1 && strlen(hi) == 1)
        for (char c = (char)(lo[0] + 1); c < hi[0]; c++)
            add(ns, &c, 1);
}

/* The keys named in the first column of a Markdown key table (under the
 * line `header`): every `code span`, and the range between two of them
 * written with "...". */
static int markdown_keys(const char *doc, const char *header, Names *ns)
{
    const char *p = strstr(doc, header);
    if (!p)
        return -1;
    p = strchr(p, '\n');
    while (p && p[1] == '|') {
        const char *row = p + 1, *end = strchr(row + 1, '|');
        if (!end)
            return -1;
        char prev[64] = "";
        int range = 0;
        for (const char *q = row + 1; q < end; q++) {
            if (*q == '`') {
                const char *c = strchr(q + 1, '`');
                if (!c || c > end)
                    return -1;
                char cur[64];
                snprintf(cur, sizeof cur, "%.*s", (int)(c - q - 1), q + 1);
                if (cur[0] != '-' || cur[1] != '-')     /* `---` of the header rule is no key */
                    add(ns, cur, strlen(cur));
                if (range)
                    add_range(ns, prev, cur);
                snprintf(prev, sizeof prev, "%s", cur);
                range = 0;
                q = c;
            } else if (strncmp(q, "...", 3) == 0) {
                range = 1;
            }
        }
        p = strchr(row, '\n');
    }
    return 0;
}

/* The keys in bold in the man page's KEYS section: the words of .B, the
 * first, third ... of .BR and the second, fourth ... of .RB (options left
 * out), with "1 ... 6" ranges. */
static int man_keys(const char *doc, Names *ns)
{
    const char *p = strstr(doc, "\n.SH KEYS\n"), *stop;
    if (!p)
        return -1;
    p += 10;
    stop = strstr(p, "\n.SH ");
    if (!stop)
        return -1;
    while (p < stop) {
        const char *eol = strchr(p, '\n');
        int bold_all = strncmp(p, ".B ", 3) == 0, alt = strncmp(p, ".BR ", 4) == 0;
        int ralt = strncmp(p, ".RB ", 4) == 0;     /* roman first, then bold */
        if (bold_all || alt || ralt) {
            const char *q = p + (bold_all ? 3 : 4);
            char words[8][64];
            int nw = 0;
            while (q < eol && nw < 8) {     /* words, "quoted ones" too */
                while (q < eol && *q == ' ')
                    q++;
                if (q >= eol)
                    break;
                const char *e;
                if (*q == '"') {
                    e = memchr(q + 1, '"', (size_t)(eol - q - 1));
                    if (!e)
                        return -1;
                    snprintf(words[nw++], 64, "%.*s", (int)(e - q - 1), q + 1);
                    q = e + 1;
                } else {
                    e = q;
                    while (e < eol && *e != ' ')
                        e++;
                    snprintf(words[nw++], 64, "%.*s", (int)(e - q), q);
                    q = e;
                }
            }
            for (int i = 0; i < nw; i++) {
                if ((alt && i % 2) || (ralt && !(i % 2)))
                    continue;
                add(ns, words[i], strlen(words[i]));
                if (alt && i >= 2 && strstr(words[i - 1], "..."))
                    add_range(ns, words[i - 2], words[i]);
            }
        }
        p = eol + 1;
    }
    return 0;
}

/* The table's key names: one per key, capitals of caseless letters aside
 * (the docs say so once). */
static void table_keys(Names *ns)
{
    int n;
    const KeyRow *rows = keymap_rows(&n);
    for (int r = 0; r < n; r++)
        for (int k = 0; k < KEYMAP_KEYS && rows[r].keys[k]; k++) {
            char buf[8];
            const char *name = key_name(rows[r].keys[k], buf);
            add(ns, name, strlen(name));
        }
}

static int has(const Names *ns, const char *w)
{
    for (int i = 0; i < ns->n; i++)
        if (strcmp(ns->name[i], w) == 0)
            return 1;
    return 0;
}

/* Empty when the doc names exactly the table's keys; else what differs. */
static void compare(const Names *table, const Names *doc, char *out, size_t len)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < table->n; i++)
        if (!has(doc, table->name[i]))
            o += (size_t)snprintf(out + o, len - o, " missing '%s'", table->name[i]);
    for (int i = 0; i < doc->n && o < len; i++)
        if (!has(table, doc->name[i]))
            o += (size_t)snprintf(out + o, len - o, " extra '%s'", doc->name[i]);
}

static int cmp_char(const void *a, const void *b)
{
    return *(const char *)a - *(const char *)b;
}

static void check_doc(const char *path, int man)
{
    char *doc = slurp(path, NULL);
    assert_non_null(doc);
    Names table = { .n = 0 }, named = { .n = 0 };
    table_keys(&table);
    assert_int_equal(man ? man_keys(doc, &named) : markdown_keys(doc, "| Key | What it does |", &named), 0);
    char diff[1024];
    compare(&table, &named, diff, sizeof diff);
    if (diff[0])
        fail_msg("%s:%s", path, diff);
    /* and the docs say which letters work in capitals too: the table's */
    char said[32] = "", want[32] = "";
    const char *a = strstr(doc, "The letter keys "), *b = a ? strstr(a, " work in capitals too") : NULL;
    if (!a || !b)
        fail_msg("%s: no sentence saying which letters work in capitals too", path);
    for (const char *q = a + 16; q < b; q++)
        if (*q >= 'a' && *q <= 'z' && !isalpha((unsigned char)q[-1]) && !isalpha((unsigned char)q[1]))
            said[strlen(said)] = *q;
    int n;
    const KeyRow *rows = keymap_rows(&n);
    for (int r = 0; r < n; r++)
        if (rows[r].caseless)
            want[strlen(want)] = (char)rows[r].keys[0];
    qsort(said, strlen(said), 1, cmp_char);
    qsort(want, strlen(want), 1, cmp_char);
    assert_string_equal(said, want);
    free(doc);
}

static void test_docs_name_every_key(void **state)
{
    (void)state;
    check_doc("README.md", 0);
    check_doc("docs/ui.md", 0);
    check_doc("docs/microgpt-tui.1", 1);
}

/* The checker itself: a table that misses a key, or names one the program
 * does not have, is caught. */
static void test_docs_checker(void **state)
{
    (void)state;
    Names table = { .n = 0 }, named = { .n = 0 };
    table_keys(&table);
    const char *md = "| Key | What it does |\n| --- | --- |\n| `space` | run |\n| `n` or `\u2192` | on |\n"
                     "| `1` ... `6` | arc |\n| `y` | nothing |\n\nafter\n";
    assert_int_equal(markdown_keys(md, "| Key | What it does |", &named), 0);
    assert_true(has(&named, "space") && has(&named, "Right") && has(&named, "4") && has(&named, "y"));
    assert_false(has(&named, "---"));
    char diff[1024];
    compare(&table, &named, diff, sizeof diff);
    assert_non_null(strstr(diff, "missing 'b'"));
    assert_non_null(strstr(diff, "extra 'y'"));
    assert_null(strstr(diff, "missing '3'"));
    Names man = { .n = 0 };
    const char *roff = "\n.SH KEYS\n.TP\n.BR ] \" / \" [\nTen steps (also\n.BR PgDn \" / \" PgUp ).\n"
                       ".TP\n.BR 1 \" ... \" 6\nArc; see\n.BR \\-\\-steps .\n.B Ctrl\\-L\n(or\n.RB ( Esc )\n"
                       ".SH EXIT\n.B y\n";
    assert_int_equal(man_keys(roff, &man), 0);
    assert_int_equal(man.n, 12);        /* ] [ PgDn PgUp 1 6 2 3 4 5 Ctrl-L Esc; not --steps, (, x */
    assert_true(has(&man, "PgUp") && has(&man, "5") && has(&man, "Ctrl-L"));
    assert_false(has(&man, "y") || has(&man, "--steps") || has(&man, "steps"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_hints),
        cmocka_unit_test(test_docs_name_every_key),
        cmocka_unit_test(test_docs_checker),
    };
    return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}
