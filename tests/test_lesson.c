/* test_lesson.c: the lesson's worked example (session/lesson.h) and its
 * markup (session/markup.h): each statement, worded once for --trace and
 * the screen, with step 1 of --emma's real numbers; the markup (roles,
 * glyphs, where lines may break); the lr_t formula of either schedule;
 * control characters of the data never reaching the text. */
#include <math.h>

#include "testutil.h"

#include "core/dataset.h"
#include "core/train.h"
#include "session/lesson.h"
#include "session/markup.h"

typedef struct {
    Dataset ds;
    Trainer t;
    char follow[64];
} Step1;

static Step1 *step1(const char *text, int block, LrSchedule schedule)
{
    Step1 *s = calloc(1, sizeof *s);
    char err[256];
    assert_non_null(s);
    if (text)
        assert_int_equal(dataset_parse(&s->ds, text, strlen(text), "mem", err), 0);
    else
        assert_int_equal(dataset_load(&s->ds, "data/names.txt", err), 0);
    TrainConfig cfg = train_config_default();
    cfg.shuffle = 0;
    cfg.model.block_size = block;
    cfg.adam.schedule = schedule;
    assert_int_equal(trainer_init(&s->t, &s->ds, &cfg, err, sizeof err), 0);
    trainer_step(&s->t);
    trainer_param_name(&s->t, s->t.info.follow_index, s->follow, sizeof s->follow);
    return s;
}

static void step1_free(Step1 *s)
{
    trainer_free(&s->t);
    dataset_free(&s->ds);
    free(s);
}

static Lesson lesson(const Step1 *s)
{
    return (Lesson){ .ds = &s->ds, .in = &s->t.info, .model = &s->t.model, .adam = s->t.cfg.adam,
                     .num_steps = s->t.cfg.adam.num_steps, .follow_name = s->follow };
}

/* A line as plain text. */
static char *plain(const Lesson *l, LessonLine line, int arg)
{
    static char out[2][4096];
    static int k;
    char mk[4096];
    size_t n = lesson_line(l, line, arg, mk, sizeof mk);
    k ^= 1;
    markup_plain(out[k], sizeof out[k], mk, n);
    return out[k];
}

/* step 1 of --emma: the lesson's figures, each statement in its one
 * wording (--trace prints these lines, the phase panel flows them). */
static void test_emma_lines(void **state)
{
    (void)state;
    Step1 *s = step1(NULL, 8, LR_COSINE);
    const Lesson scr = lesson(s);
    assert_string_equal(plain(&scr, LL_DOC, 0), "doc = docs[0 % 32033] = \"emma\"");
    assert_string_equal(plain(&scr, LL_TOKENS, 0), "tokens = [26, 4, 12, 12, 0, 26]");
    assert_string_equal(plain(&scr, LL_CHARS, 1), "# [BOS, 'e', 'm', 'm', 'a', BOS]");
    assert_string_equal(plain(&scr, LL_CHARS, 0), "# [BOS, e, m, m, a, BOS]");
    assert_string_equal(plain(&scr, LL_N, 0), "  = min(8, 6 - 1) = 5");
    assert_string_equal(plain(&scr, LL_N, 1), "n = min(8, 6 - 1) = 5");
    assert_string_equal(plain(&scr, LL_CUT, 0), "");
    assert_string_equal(plain(&scr, LL_PREDICTIONS, 0), "5 predictions to make:");
    assert_string_equal(plain(&scr, LL_PAIRS, 0), "[BOS]->e  e->m  m->m  m->a  a->[BOS] ");
    assert_string_equal(plain(&scr, LL_INPUT, 1), "input e (4) -> target m (12)");
    assert_string_equal(plain(&scr, LL_INPUT, 1 + LESSON_HIDDEN), "input e (4) -> target ?");
    assert_string_equal(plain(&scr, LL_POS_LOSS, 1), "loss_1 = -log(0.0396) = 3.2279");
    assert_string_equal(plain(&scr, LL_POS_LOSS, 1 + LESSON_HIDDEN), "loss_1 = -log(?) = ?");
    assert_string_equal(plain(&scr, LL_POS_LOSS, 9), "");     /* no such position */
    assert_string_equal(plain(&scr, LL_LOSS_SUM, 2), "loss = (3.39 + 3.23 + 3.25 + 3.15 + 3.36) / 5");
    assert_string_equal(plain(&scr, LL_LOSS_SUM, 4), "loss = (3.3880 + 3.2279 + 3.2522 + 3.1549 + 3.3590) / 5");
    /* the mean says = when the terms as shown add up to it, else ~= (UTF-8: ≈) */
    assert_string_equal(plain(&scr, LL_LOSS_MEAN, 4), "     = 3.2764");
    assert_string_equal(plain(&scr, LL_LOSS_MEAN, 2), "     ~= 3.2764");
    char mk[128];
    lesson_line(&scr, LL_LOSS_MEAN, 2, mk, sizeof mk);
    assert_non_null(strstr(mk, GL_APPROX));
    assert_string_equal(markup_glyph(GL_APPROX[0], 0), "\u2248");
    {   /* four decimals that do not add up: 1.0000 * 3 + 1.0001 over 4 is not 1.0001 */
        StepInfo in = s->t.info;
        double pl[4] = { 1.00004, 1.00004, 1.00004, 1.00014 };
        int toks[5] = { 26, 4, 12, 12, 0 };
        in.n = 4;
        in.pos_loss = pl;
        in.tokens = toks;
        in.loss = (1.00004 + 1.00004 + 1.00004 + 1.00014) / 4;
        Lesson odd = scr;
        odd.in = &in;
        assert_string_equal(plain(&odd, LL_LOSS_MEAN, 4), "     ~= 1.0001");
        assert_string_equal(plain(&odd, LL_LOSS_SUM, 4), "loss = (1.0000 + 1.0000 + 1.0000 + 1.0001) / 4");
        in.pos_loss[3] = 1.00004;
        in.loss = 1.00004;
        assert_string_equal(plain(&odd, LL_LOSS_MEAN, 4), "     = 1.0000");
    }
    assert_string_equal(plain(&scr, LL_CHANCE, 0), "chance = -log(1/27) = 3.2958");
    assert_string_equal(plain(&scr, LL_HARDEST, 0), "Hardest: position 0, [BOS] -> e (loss 3.39).");
    assert_string_equal(plain(&scr, LL_CHOICES, 0), "exp(loss) = 26.5 choices (chance: 27)");
    assert_string_equal(plain(&scr, LL_VERDICT, 0), "The model is at chance: about as good as guessing.");
    assert_string_equal(plain(&scr, LL_NORMS, 0), "gradient norm of each matrix:");
    assert_string_equal(plain(&scr, LL_NORM_NAME, 0), "wte");
    assert_string_equal(plain(&scr, LL_NORM_NAME, 3), "layer0.attn_wq");
    assert_string_equal(plain(&scr, LL_NORM_NAME, -1), "all 4064");
    assert_string_equal(plain(&scr, LL_NORM, 0), "1.396");
    assert_string_equal(plain(&scr, LL_NORM, -1), "2.51");
    assert_string_equal(plain(&scr, LL_NO_GRAD, 0), "No gradient for attn_wq, attn_wk, attn_wv and mlp_fc1: "
                                                    "attn_wo and mlp_fc2 start at 0, so nothing flows back "
                                                    "through them yet.");
    assert_string_equal(plain(&scr, LL_LR, 0), "lr_t = 0.01 * 0.5 * (1 + cos(pi * 0 / 500)) = 0.010000");
    assert_string_equal(plain(&scr, LL_ADAM_ON, 0), "Adam on lm_head[4][0]:");
    assert_string_equal(plain(&scr, LL_GRAD, 0), "grad = -0.124877");
    assert_string_equal(plain(&scr, LL_M, 0), "m = 0.9 * 0 + (1 - 0.9) * -0.124877 = -0.0124877");
    assert_string_equal(plain(&scr, LL_V, 0), "v = 0.95 * 0 + (1 - 0.95) * (-0.124877)^2 = 0.00077971");
    assert_string_equal(plain(&scr, LL_UPDATED, 0),
                        "All 4064 parameters updated (1808 changed value); gradients reset to 0.");
    assert_string_equal(plain(&scr, LL_LOG, 0), "step    1 /  500 | loss 3.2764");
    /* no line is two lines */
    for (LessonLine k = 0; k < LL_COUNT; k++)
        assert_null(strchr(plain(&scr, k, 0), '\n'));
    assert_string_equal(plain(&scr, LL_NEXT, 0),
                        "Next: step 2 trains on docs[1] = \"olivia\", with the parameters just updated.");
    step1_free(s);
}

/* The screen's markup: figures, the target, glyphs, and where a line may
 * break (a plain space) or not (NBSP). */
static void test_screen_markup(void **state)
{
    (void)state;
    Step1 *s = step1(NULL, 8, LR_COSINE);
    const Lesson scr = lesson(s);
    char buf[512];
    lesson_line(&scr, LL_POS_LOSS, 1, buf, sizeof buf);
    assert_string_equal(buf, "loss_1" NBSP "=" NBSP "-log(" MK_TARGET "0.0396" MK_TEXT ") =" NBSP MK_VALUE
                             "3.2279");
    lesson_line(&scr, LL_LR, 0, buf, sizeof buf);
    assert_string_equal(buf, "lr_t" NBSP "=" NBSP "0.01" NBSP GL_TIMES NBSP "0.5 " GL_TIMES NBSP "(1" NBSP "+ cos("
                             GL_PI NBSP GL_TIMES NBSP "0" NBSP "/" NBSP "500)) =" NBSP MK_VALUE "0.010000");
    char out[128];
    assert_int_equal(markup_plain(out, sizeof out, GL_TO GL_CUT GL_ELL, 3), 6);
    assert_string_equal(out, "->|...");
    assert_string_equal(markup_glyph(GL_PI[0], 0), "\u03c0");
    assert_null(markup_glyph('a', 0));
    step1_free(s);
}

/* The gist's linear schedule: its own formula. */
static void test_linear_lr(void **state)
{
    (void)state;
    Step1 *s = step1(NULL, 8, LR_LINEAR);
    const Lesson scr = lesson(s);
    assert_string_equal(plain(&scr, LL_LR, 0), "lr_t = 0.01 * (1 - 0 / 500) = 0.010000");
    char buf[256];
    lesson_line(&scr, LL_LR, 0, buf, sizeof buf);
    assert_string_equal(buf, "lr_t" NBSP "=" NBSP "0.01 " GL_TIMES NBSP "(1" NBSP "-" NBSP "0" NBSP "/" NBSP
                             "500) =" NBSP MK_VALUE "0.010000");
    step1_free(s);
}

/* The learning-rate panel's formula: the core's (adam_lr_formula) in
 * --help's words, with × and π on screen. */
static void test_lr_formula(void **state)
{
    (void)state;
    char buf[256], plain[256];
    size_t n = lesson_lr_formula(buf, sizeof buf, LR_COSINE);
    markup_plain(plain, sizeof plain, buf, n);
    assert_string_equal(plain, "lr_t = lr * 0.5 * (1 + cos(pi * step / steps))");
    assert_non_null(strstr(buf, GL_TIMES));
    assert_non_null(strstr(buf, GL_PI));
    n = lesson_lr_formula(buf, sizeof buf, LR_LINEAR);
    markup_plain(plain, sizeof plain, buf, n);
    assert_string_equal(plain, "lr_t = lr * (1 - step / steps)");
}

/* lr_t as the screen shows it: always 8 characters, fixed point with as
 * many decimals as fit from 0.0001 to 9999.999, three significant digits in
 * scientific notation outside (the cosine's last step, 9.87e-08, is not
 * 0.000000; --lr 12345.678 does not widen the status line).  Expected texts:
 * Python's '%.*f' and '%.2e'. */
static void test_lr_text(void **state)
{
    (void)state;
    static const struct { double lr; const char *text; } cases[] = {
        { 0.01, "0.010000" }, { 0.009911, "0.009911" }, { 0.001, "0.001000" },
        { 0.000999, "0.000999" }, { 0.0001, "0.000100" }, { 9.99e-05, "9.99e-05" },
        { 9.869571931442334e-08, "9.87e-08" }, { 1.000000000000001e-05, "1.00e-05" },
        { 0.0, "0.000000" }, { 0.5, "0.500000" }, { 0.99999999, "1.000000" }, { 2.5, "2.500000" },
        { 9.9999999, "10.00000" }, { 1234.5678, "1234.568" }, { 9999.9999, "10000.00" },
        { 12345.678, "1.23e+04" }, { 1e10, "1.00e+10" },
        { 1.7976931348623157e308, "1.8e+308" }, { 4.9406564584124654e-324, "4.9e-324" },
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lesson_lr_text(buf, sizeof buf, cases[i].lr);
        assert_string_equal(buf, cases[i].text);
    }
    /* every rate of a cosine run of --lr 12345.678 (the status line's
     * field does not move) */
    for (int k = 0; k <= 1000; k++) {
        lesson_lr_text(buf, sizeof buf, 12345.678 * 0.5 * (1 + cos(M_PI * k / 1000)));
        assert_int_equal(strlen(buf), LESSON_LR_CHARS);
    }
    /* the Update phase's formula at the course's last step */
    Step1 *s = step1(NULL, 8, LR_COSINE);
    s->t.info.step = 499;
    s->t.info.lr_t = adam_lr(&s->t.info.adam, 499);
    const Lesson scr = lesson(s);
    assert_non_null(strstr(plain(&scr, LL_LR, 0), "= 9.87e-08"));
    step1_free(s);
}

/* A name longer than the block size: the tokens mark the cut and a line
 * says what is never predicted.  Control characters in a name: '?' in the
 * doc, ^A in the characters, never a raw control byte (--trace prints
 * these lines to a terminal too).  A name longer than the lists show: how
 * many more. */
static void test_cut_and_control(void **state)
{
    (void)state;
    static const char text[] = "abcdef\nb\x01\x1f" "c\n";
    Step1 *s = step1(text, 4, LR_COSINE);
    const Lesson scr = lesson(s);
    char buf[512];
    lesson_line(&scr, LL_TOKENS, 0, buf, sizeof buf);
    /* ids: \x01 0, \x1f 1, a 2 ... f 7, BOS 8; n = 4: e and f are cut */
    assert_non_null(strstr(buf, ", 4, 5, " MK_LABEL GL_CUT MK_CUT " 6, 7, 8]"));
    assert_string_equal(plain(&scr, LL_TOKENS, 0), "tokens = [8, 2, 3, 4, 5, | 6, 7, 8]");
    assert_string_equal(plain(&scr, LL_CUT, 0),
                        "cut at the block size: the last 3 tokens (after |) are never predicted.");
    step1_free(s);
    /* step 2 trains on "b\x01\x1f" "c" */
    s = step1(text, 8, LR_COSINE);
    trainer_step(&s->t);
    const Lesson scr2 = lesson(s);
    assert_string_equal(plain(&scr2, LL_DOC, 0), "doc = docs[1 % 2] = \"b??c\"");
    assert_string_equal(plain(&scr2, LL_CHARS, 1), "# [BOS, 'b', '^A', '^_', 'c', BOS]");
    assert_string_equal(plain(&scr2, LL_INPUT, 1), "input b (3) -> target ^A (0)");
    step1_free(s);
    /* 45 characters: the lists show 40 and say how many more */
    static const char longname[] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrs\n";
    s = step1(longname, 64, LR_COSINE);
    const Lesson scr3 = lesson(s);
    const char *t = plain(&scr3, LL_TOKENS, 0);
    assert_non_null(strstr(t, ", 12, 13, ... (5 more), 26]"));
    t = plain(&scr3, LL_CHARS, 0);
    assert_non_null(strstr(t, ", m, n, ... (5 more), BOS]"));
    step1_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emma_lines),
        cmocka_unit_test(test_screen_markup),
        cmocka_unit_test(test_linear_lr),
        cmocka_unit_test(test_lr_text),
        cmocka_unit_test(test_lr_formula),
        cmocka_unit_test(test_cut_and_control),
    };
    return cmocka_run_group_tests_name("lesson", tests, NULL, NULL);
}
