/* test_sample.c: drawing a name (core/sample.h): sampler_name gives the
 * tokens sampler_draw draws, as the data's characters in UTF-8 (multi-byte
 * and NUL characters included), and the final samples are the reference's
 * `--- inference ---` names. */
#include "testutil.h"

#include "core/dataset.h"
#include "core/sample.h"
#include "core/train.h"

/* A small run on names with two-, three- and four-byte characters and a NUL
 * (Python's str holds one; the name's length says where it ends). */
static void test_name_utf8(void **state)
{
    (void)state;
    static const char text[] = "\xc3\xa9mile\n\xe6\x97\xa5\xe5\x90\x8d\nz\xf0\x9f\x99\x82\na\0b\nbo\n";
    Dataset ds;
    char err[DATASET_ERRLEN];
    assert_int_equal(dataset_parse(&ds, text, sizeof text - 1, "mem", err), 0);
    TrainConfig cfg = train_config_default();
    cfg.adam.num_steps = 30;
    Trainer t;
    char terr[256];
    assert_int_equal(trainer_init(&t, &ds, &cfg, terr, sizeof terr), 0);
    for (int s = 0; s < 30; s++)
        trainer_step(&t);
    Sampler a, b;
    assert_int_equal(sampler_init(&a, &t.model), 0);
    assert_int_equal(sampler_init(&b, &t.model), 0);
    Rng ra = t.rng, rb = t.rng;
    int ids[8], multi = 0, nul = 0;
    char name[8 * 4 + 1];
    for (int k = 0; k < 200; k++) {
        size_t len = sampler_name(&a, trainer_params(&t), &ra, 1.0, &ds, name);
        int n = sampler_draw(&b, trainer_params(&t), &rb, 1.0, ids);
        char want[8 * 4 + 1];
        size_t w = 0;
        for (int i = 0; i < n; i++) {
            uint32_t cp = ds.chars[ids[i]];
            w += dataset_token_utf8(&ds, ids[i], want + w);
            multi += cp >= 0x80;
            nul += cp == 0;
        }
        assert_int_equal(len, w);
        assert_memory_equal(name, want, w);
        assert_int_equal(name[len], '\0');
    }
    assert_true(multi > 0);     /* the draws met the multi-byte characters ... */
    assert_true(nul > 0);       /* ... and the NUL */
    sampler_free(&a);
    sampler_free(&b);
    trainer_free(&t);
    dataset_free(&ds);
}

/* The final samples after the default 500 steps: the reference's names
 * (tests/golden/reference-default.log), the same when drawn again, and the
 * cap respected. */
static void test_final_samples(void **state)
{
    (void)state;
    Dataset ds;
    char err[DATASET_ERRLEN];
    assert_int_equal(dataset_load(&ds, "data/names.txt", err), 0);
    TrainConfig cfg = train_config_default();
    Trainer t;
    char terr[256];
    assert_int_equal(trainer_init(&t, &ds, &cfg, terr, sizeof terr), 0);
    for (int s = 0; s < cfg.adam.num_steps; s++)
        trainer_step(&t);
    char want[20][64];
    assert_int_equal(reference_samples(want, 20), 20);
    Samples s, again, few;
    assert_int_equal(samples_draw(&s, &t, 20, 500, 0.5), 0);
    assert_int_equal(samples_draw(&again, &t, 20, 500, 0.5), 0);
    assert_int_equal(samples_draw(&few, &t, 20, 3, 0.5), 0);
    assert_int_equal(s.count, 20);
    assert_int_equal(s.step, 499);
    assert_int_equal(few.count, 3);
    assert_int_equal(few.total, 20);
    for (int i = 0; i < 20; i++) {
        assert_string_equal(s.names[i], want[i]);
        assert_string_equal(again.names[i], want[i]);
        if (i < 3)
            assert_string_equal(few.names[i], want[i]);
    }
    samples_free(&s);
    samples_free(&again);
    samples_free(&few);
    trainer_free(&t);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_utf8),
        cmocka_unit_test(test_final_samples),
    };
    return cmocka_run_group_tests_name("sample", tests, NULL, NULL);
}
