/* test_message.c: one-line messages quoting names safely (core/message.h). */
#include "testutil.h"

#include "core/message.h"

static void scrubbed(const char *in, const char *want)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", in);
    message_scrub(buf);
    assert_string_equal(buf, want);
}

static void test_scrub(void **state)
{
    (void)state;
    scrubbed("plain name.csv", "plain name.csv");
    scrubbed("/x/a\nb\033[31m", "/x/a?b?[31m");            /* the issue's --csv */
    scrubbed("\r\t\x01\x1f\x7f", "?????");
    scrubbed("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    scrubbed("a\xc2\x9b" "2Jb", "a?2Jb");                     /* U+009B (CSI) in UTF-8: one '?' */
    scrubbed("\xc2\x80\xc2\x9f\xc2\xa0", "??\xc2\xa0");         /* C1 out, U+00A0 kept */
    scrubbed("a\x9b" "2J", "a?2J");                           /* a raw 8-bit CSI */
    scrubbed("caf\xe9", "caf\xe9");                           /* Latin-1, not a control: kept */
    scrubbed("\xed\xa0\x80", "\xed\xa0?");                     /* not UTF-8: byte by byte */
    scrubbed("\xe2\x82", "\xe2?");                             /* cut short: byte by byte */
    scrubbed("", "");
}

static void test_about(void **state)
{
    (void)state;
    char err[64];
    message_about(err, sizeof err, "out\n.csv", "cannot write: %s", "No such file or directory");
    assert_string_equal(err, "out?.csv: cannot write: No such file or directory");
    /* a long name is cut to leave room for the message; the line fits */
    char name[200];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    message_about(err, sizeof err, name, "read error: %s", "EIO");
    assert_int_equal(strlen(err), sizeof err - 1);
    assert_non_null(strstr(err, "nnn: read error: EIO"));
    /* a message too long for the buffer keeps its start, before the name */
    message_about(err, 16, "f", "%s", "0123456789abcdefghij");
    assert_string_equal(err, ": 0123456789abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scrub),
        cmocka_unit_test(test_about),
    };
    return cmocka_run_group_tests_name("message", tests, NULL, NULL);
}
