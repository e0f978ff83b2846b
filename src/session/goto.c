/* goto.c: the step a `:` prompt or a count asks for. */
#include "session/goto.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int goto_parse(const char *text, int step, int num_steps, long *out, char *err, size_t len)
{
    while (isspace((unsigned char)*text))
        text++;
    const char sign = *text == '+' || *text == '-' ? *text : 0;
    const char *num = text + (sign != 0);
    size_t digits = strspn(num, "0123456789");
    const char *end = num + digits;
    while (isspace((unsigned char)*end))
        end++;
    if (digits == 0 || *end != '\0') {
        snprintf(err, len, "'%.24s' is not a step: a number, +N or -N", text);
        return -1;
    }
    /* a number beyond any run's steps is said as typed (never a step of
     * its own making): past the last, or before the first */
    while (digits > 1 && *num == '0') {
        num++;
        digits--;
    }
    const long v = digits <= 10 ? strtol(num, NULL, 10) : -1;
    if (v < 0 || v > 4000000000L) {
        char where[48] = "";
        if (sign)
            snprintf(where, sizeof where, "%d %c ", step + 1, sign);
        if (sign == '-')
            snprintf(err, len, "step %s%.*s is before step 1", where, (int)digits, num);
        else
            snprintf(err, len, "step %s%.*s is past the last step (%d)", where, (int)digits, num, num_steps);
        return -1;
    }
    const long k = sign == '+' ? step + v : sign == '-' ? step - v : v - 1;
    if (k < 0) {
        snprintf(err, len, sign ? "step %ld is before step 1" : "there is no step 0: the first is 1",
                 k + 1);
        return -1;
    }
    if (k >= num_steps) {
        snprintf(err, len, "step %ld is past the last step (%d)", k + 1, num_steps);
        return -1;
    }
    *out = k;
    return 0;
}

int count_add(Count *c, int digit)
{
    if (digit < '0' || digit > '9' || (c->len == 0 && digit == '0'))
        return 0;
    if (c->len < COUNT_DIGITS) {
        c->digits[c->len++] = (char)digit;
        c->digits[c->len] = '\0';
    }
    return 1;
}

int count_arc(const Count *c)
{
    return c->len == 1 && c->digits[0] >= '1' && c->digits[0] <= '6' ? c->digits[0] - '1' : -1;
}

long count_value(const Count *c)
{
    return c->len ? strtol(c->digits, NULL, 10) : 0;
}

void count_clear(Count *c)
{
    c->len = 0;
    c->digits[0] = '\0';
}
