/* fuzz_cli.c: libFuzzer target for the option parser.
 *
 * The input is split at NUL bytes into arguments (after argv[0]), each in a
 * block of its own size so that reading past one is caught.  cli_parse() must
 * then: return 0 with every value in range, or -1 with a non-empty one-line
 * message; give the same answer when called again on a fresh copy (getopt's
 * global state is reset by cli_parse, even after a call that stopped inside a
 * cluster of short options); and leave no state that changes the result of a
 * known command line parsed in between.
 *
 * Built two ways: with clang -fsanitize=fuzzer (`make fuzz`), and included by
 * tests/test_corpus.c, which replays tests/corpus/fuzz_cli/ in the unit tests;
 * there FUZZ_FAIL reports through cmocka instead of abort(). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cli.h"

#ifndef FUZZ_FAIL
#define FUZZ_FAIL(...) do { fprintf(stderr, "fuzz_cli: " __VA_ARGS__); \
                            fputc('\n', stderr); abort(); } while (0)
#endif
#define FC_CHECK(cond) do { if (!(cond)) FUZZ_FAIL("check failed at line %d: %s", __LINE__, #cond); } while (0)

enum { FC_MAX_ARGS = 64 };

/* argv[0] = "microgpt-tui", then the input's NUL-separated pieces, each copied
 * into its own allocation; argv[argc] = NULL.  Returns argc. */
static int fc_make_argv(const uint8_t *data, size_t size, char **argv)
{
    int argc = 0;
    argv[argc++] = strdup("microgpt-tui");
    for (size_t i = 0; i < size && argc < FC_MAX_ARGS;) {
        const uint8_t *nul = memchr(data + i, 0, size - i);
        size_t len = nul ? (size_t)(nul - (data + i)) : size - i;
        char *a = malloc(len + 1);
        FC_CHECK(a != NULL);
        memcpy(a, data + i, len);
        a[len] = '\0';
        argv[argc++] = a;
        i += len + 1;
    }
    argv[argc] = NULL;
    FC_CHECK(argv[0] != NULL);
    return argc;
}

static void fc_free_argv(char **argv, char **orig, int argc)
{
    (void)argv;   /* getopt_long permutes argv: free the original pointers */
    for (int k = 0; k < argc; k++)
        free(orig[k]);
}

static int fc_streq(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static int fc_same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static int fc_same_train(const TrainConfig *x, const TrainConfig *y)
{
    const ModelConfig *mx = &x->model, *my = &y->model;
    int same = mx->vocab_size == my->vocab_size && mx->n_embd == my->n_embd && mx->n_head == my->n_head &&
           mx->n_layer == my->n_layer && mx->block_size == my->block_size &&
           fc_same_double(mx->init_std, my->init_std) && mx->zero_init_proj == my->zero_init_proj &&
           mx->activation == my->activation && x->adam.schedule == y->adam.schedule &&
           fc_same_double(x->adam.lr, y->adam.lr) && fc_same_double(x->adam.beta1, y->adam.beta1) &&
           fc_same_double(x->adam.beta2, y->adam.beta2) && fc_same_double(x->adam.eps, y->adam.eps) &&
           x->adam.num_steps == y->adam.num_steps &&
           x->seed == y->seed && x->shuffle == y->shuffle &&
           fc_same_double(x->temperature, y->temperature) && x->changes.count == y->changes.count;
    for (int i = 0; same && i < x->changes.count; i++) {
        const Change *a = &x->changes.at[i], *b = &y->changes.at[i];
        same = a->step == b->step && a->set == b->set;
        for (int f = 0; same && f < CHANGE_FIELDS; f++)
            same = !(a->set & (1u << f)) || fc_same_double(a->value[f], b->value[f]);
    }
    return same;
}

/* The same options, comparing strings by value (they point into argv).
 * Every field of Options (src/app/cli.h): add new ones here. */
static int fc_same(const Options *a, const Options *b)
{
    return fc_streq(a->data, b->data) && fc_streq(a->csv, b->csv) && a->variant == b->variant &&
           fc_same_train(&a->train, &b->train) &&
           a->samples == b->samples && a->headless == b->headless && a->paused == b->paused &&
           memcmp(&a->set, &b->set, sizeof a->set) == 0 && a->help == b->help &&
           a->version == b->version && a->emma == b->emma && a->trace == b->trace &&
           fc_streq(a->config, b->config) && a->no_config == b->no_config &&
           fc_streq(a->compare, b->compare) &&
           (!a->compare || (fc_same_train(&a->twin, &b->twin) && a->twin_variant == b->twin_variant &&
                            strcmp(a->twin_csv, b->twin_csv) == 0));
}

/* A configuration's values in range, its changes within its steps. */
static void fc_check_train(const TrainConfig *t)
{
    const ModelConfig *m = &t->model;
    const AdamConfig *a = &t->adam;
    FC_CHECK(a->num_steps >= 1 && a->num_steps <= 100000000);
    FC_CHECK(m->n_embd >= 1 && m->n_embd <= 512 && m->n_head >= 1 && m->n_head <= 512);
    FC_CHECK(m->n_embd % m->n_head == 0);
    FC_CHECK(m->n_layer >= 1 && m->n_layer <= 32 && m->block_size >= 1 && m->block_size <= 256);
    FC_CHECK(a->lr >= 0.0 && isfinite(a->lr));
    FC_CHECK(m->init_std >= 0.0 && isfinite(m->init_std));
    FC_CHECK(m->zero_init_proj == 0 || m->zero_init_proj == 1);
    FC_CHECK(m->activation == ACT_RELU2 || m->activation == ACT_RELU);
    FC_CHECK(a->schedule == LR_COSINE || a->schedule == LR_LINEAR);
    FC_CHECK(a->beta1 >= 0.0 && a->beta1 < 1.0 && a->beta2 >= 0.0 && a->beta2 < 1.0);
    FC_CHECK(t->temperature > 0.0 && isfinite(t->temperature));
    FC_CHECK(isfinite(pow(t->temperature, -1.0)));   /* the reference's temperature ** -1 */
    const Changes *c = &t->changes;
    FC_CHECK(c->count >= 0 && c->count <= CHANGES_MAX);
    for (int i = 0; i < c->count; i++) {
        FC_CHECK(c->at[i].step >= 0 && c->at[i].step < a->num_steps);
        FC_CHECK(i == 0 || c->at[i].step > c->at[i - 1].step);
        FC_CHECK(c->at[i].set != 0 && c->at[i].set < (1u << CHANGE_FIELDS));
        for (int f = 0; f < CHANGE_FIELDS; f++)
            FC_CHECK(!(c->at[i].set & (1u << f)) || change_check(f, c->at[i].value[f]) == NULL);
    }
}

static void fc_check_result(int rc, const Options *o, const char *err)
{
    if (rc == 0) {
        fc_check_train(&o->train);
        FC_CHECK(o->samples >= 0 && o->samples <= 1000000);
        FC_CHECK(o->variant == VARIANT_COURSE || o->variant == VARIANT_GIST);
        FC_CHECK(!o->trace || o->headless);                      /* --trace implies --headless */
        FC_CHECK(!o->emma || (o->train.shuffle == 0 && o->paused)); /* --emma: file order, paused */
        if (o->compare) {   /* a twin: valid, as many steps, its own CSV file */
            fc_check_train(&o->twin);
            FC_CHECK(o->twin.adam.num_steps == o->train.adam.num_steps);
            /* its own CSV file, when it has one ("" is none: --csv "" is a
             * name, refused when the file is created) */
            FC_CHECK(!o->csv || !o->twin_csv[0] || strcmp(o->csv, o->twin_csv) != 0);
        }
    } else {
        FC_CHECK(rc == -1);
        FC_CHECK(memchr(err, '\0', CLI_ERRLEN) != NULL);
        FC_CHECK(err[0] != '\0');
        for (const char *p = err; *p; p++)
            if (*p == '\n' || *p == '\r')
                FUZZ_FAIL("error message is not one line: \"%s\"", err);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *argv1[FC_MAX_ARGS + 1], *orig1[FC_MAX_ARGS + 1];
    char *argv2[FC_MAX_ARGS + 1], *orig2[FC_MAX_ARGS + 1];
    char err1[CLI_ERRLEN], err2[CLI_ERRLEN], errk[CLI_ERRLEN];
    Options o1, o2, ok;

    int argc = fc_make_argv(data, size, argv1);
    memcpy(orig1, argv1, sizeof argv1);
    memset(err1, 0x55, sizeof err1);
    int rc1 = cli_parse(&o1, argc, argv1, err1);
    fc_check_result(rc1, &o1, err1);

    /* a known command line right after: nothing of the last call may show */
    {
        char a0[] = "microgpt-tui", a1[] = "--steps", a2[] = "7", a3[] = "--headless",
             a4[] = "--data=x.txt";
        char *known[] = { a0, a1, a2, a3, a4, NULL };
        FC_CHECK(cli_parse(&ok, 5, known, errk) == 0);
        FC_CHECK(ok.train.adam.num_steps == 7 && ok.headless == 1 && strcmp(ok.data, "x.txt") == 0);
        FC_CHECK(ok.csv == NULL && ok.samples == 20 && ok.train.model.n_embd == 16);
        FC_CHECK(ok.compare == NULL && ok.train.changes.count == 0);
    }

    /* the same input again, on a fresh copy: the same answer */
    FC_CHECK(fc_make_argv(data, size, argv2) == argc);
    memcpy(orig2, argv2, sizeof argv2);
    memset(err2, 0x55, sizeof err2);
    int rc2 = cli_parse(&o2, argc, argv2, err2);
    FC_CHECK(rc1 == rc2);
    if (rc1 == 0)
        FC_CHECK(fc_same(&o1, &o2));
    else if (strcmp(err1, err2) != 0)
        FUZZ_FAIL("two calls, two messages: \"%s\" then \"%s\"", err1, err2);

    fc_free_argv(argv1, orig1, argc);
    fc_free_argv(argv2, orig2, argc);
    return 0;
}
