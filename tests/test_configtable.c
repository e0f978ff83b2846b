/* test_configtable.c: a run's configuration field by field (core/configtable):
 * README's table of the two programs is the table's rows where the course
 * and the gist differ, cell for cell; the "what differs" card lists exactly
 * the fields a run changes from the course. */
#include "testutil.h"

#include "core/configtable.h"

/* A cell of a Markdown table row as text: trimmed, "\|" as "|", without
 * its backticks. */
static void cell_text(const char *a, const char *b, char *out, size_t len)
{
    while (a < b && *a == ' ')
        a++;
    while (b > a && b[-1] == ' ')
        b--;
    size_t o = 0;
    for (const char *p = a; p < b && o + 1 < len; p++) {
        if (p[0] == '\\' && p + 1 < b && p[1] == '|')
            continue;
        if (p[0] == '`')
            continue;
        out[o++] = *p;
    }
    out[o] = '\0';
}

/* The cells of row `line` (up to 4), split at the '|' that are not "\|". */
static int cells(const char *line, char out[4][256])
{
    const char *p = line + 1, *start = p;
    int n = 0;
    for (; *p && *p != '\n' && n < 4; p++)
        if (*p == '|' && p[-1] != '\\') {
            cell_text(start, p, out[n], sizeof out[n]);
            n++;
            start = p + 1;
        }
    return n;
}

static void test_readme_table(void **state)
{
    (void)state;
    size_t len;
    char *readme = slurp("README.md", &len);
    assert_non_null(readme);
    const char *head = strstr(readme, "| | course (default) | Karpathy's final gist | option of its own |");
    assert_non_null(head);
    const char *row = strchr(strchr(head, '\n') + 1, '\n') + 1;     /* past the |---| line */
    TrainConfig course = train_config_variant(VARIANT_COURSE), gist = train_config_variant(VARIANT_GIST);
    course.model.vocab_size = gist.model.vocab_size = 27;           /* names.txt's */
    int nf, rows = 0;
    const ConfigField *f = configtable_fields(&nf);
    for (int i = 0; i < nf; i++) {
        if (!f[i].programs)
            continue;
        char c[4][256], a[256], b[256];
        if (row[0] != '|' || cells(row, c) != 4)
            fail_msg("README's table has no row for '%s'", f[i].label);
        configtable_value(i, &course, VARIANT_COURSE, a, sizeof a);
        configtable_value(i, &gist, VARIANT_GIST, b, sizeof b);
        if (strcmp(c[0], f[i].label) != 0 || strcmp(c[1], a) != 0 || strcmp(c[2], b) != 0 ||
            strcmp(c[3], f[i].option) != 0)
            fail_msg("README's row '%s | %s | %s | %s' is not the table's '%s | %s | %s | %s'", c[0], c[1],
                     c[2], c[3], f[i].label, a, b, f[i].option);
        rows++;
        row = strchr(row, '\n') + 1;
    }
    assert_int_equal(rows, 10);
    assert_true(row[0] != '|');     /* no row more */
    free(readme);
}

static void test_differences(void **state)
{
    (void)state;
    int out[32], nf;
    const ConfigField *f = configtable_fields(&nf);
    TrainConfig c = train_config_default();
    c.model.vocab_size = 27;
    assert_int_equal(configtable_differences(&c, VARIANT_COURSE, out, 32), 0);
    /* the gist: every field the programs differ in, but the data's reading */
    TrainConfig g = train_config_variant(VARIANT_GIST);
    g.model.vocab_size = 27;
    int n = configtable_differences(&g, VARIANT_GIST, out, 32);
    assert_int_equal(n, 9);
    for (int k = 0; k < n; k++)
        assert_true(f[out[k]].programs && f[out[k]].effect);
    char v[256];
    configtable_value(out[0], &g, VARIANT_GIST, v, sizeof v);
    assert_string_equal(f[out[0]].label, "block_size");
    assert_string_equal(v, "16");
    configtable_value(out[6], &g, VARIANT_GIST, v, sizeof v);
    assert_string_equal(f[out[6]].label, "parameters");
    assert_string_equal(v, "4,192");
    /* --emma (the file's order), a learning rate and a change */
    c.shuffle = 0;
    c.adam.lr = 0.003;
    char err[128];
    assert_int_equal(changes_set(&c.changes, 99, 0, 0.001, 0, err, sizeof err), 0);
    n = configtable_differences(&c, VARIANT_COURSE, out, 32);
    assert_int_equal(n, 3);
    assert_string_equal(f[out[0]].label, "data order");
    configtable_value(out[0], &c, VARIANT_COURSE, v, sizeof v);
    assert_string_equal(v, "the file's (no shuffle)");
    assert_string_equal(f[out[1]].label, "learning_rate");
    configtable_value(out[2], &c, VARIANT_COURSE, v, sizeof v);
    assert_string_equal(v, "100:lr=0.001");
    /* the output alone: the course's configuration printed as the gist */
    c = train_config_default();
    c.model.vocab_size = 27;
    n = configtable_differences(&c, VARIANT_GIST, out, 32);
    assert_int_equal(n, 2);
    assert_string_equal(f[out[0]].label, "step log line");
    assert_string_equal(f[out[1]].label, "inference header");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readme_table),
        cmocka_unit_test(test_differences),
    };
    return cmocka_run_group_tests_name("configtable", tests, NULL, NULL);
}
