/* goto.h: going to a step by number, the two ways a keyboard user expects:
 * the `:` prompt (a step, or +N / -N from the one shown) and vim's count
 * prefix (the digits, then G: 137G).  Pure: what the text and the digits
 * mean; the session applies them (session_key). */
#ifndef MICROGPT_GOTO_H
#define MICROGPT_GOTO_H

#include <stddef.h>

/* The step (0-based) that text asks for, with step (0-based) shown and
 * num_steps in the run: "137" is step 137 (1-based, as on screen), "+10"
 * and "-10" count from the step shown; spaces around are fine.  Returns 0,
 * or -1 with why not in err ("'abc' is not a step: a number, +N or -N",
 * "step 600 is past the last step (500)"; a number too large for any run
 * as typed: "step 21 + 99999999999 is past the last step (500)"). */
int goto_parse(const char *text, int step, int num_steps, long *out, char *err, size_t len);

/* A count being typed: its digits, and whether it is a lone 1 ... 6, whose
 * jump along the arc waits a moment (COUNT_WAIT_MS) for more digits. */
enum { COUNT_DIGITS = 10, COUNT_WAIT_MS = 400 };
typedef struct {
    char digits[COUNT_DIGITS + 1];
    int len;
} Count;

/* Adds a digit (a '0' cannot start a count: returns 0 for it, 1 when taken;
 * digits beyond COUNT_DIGITS are dropped). */
int count_add(Count *c, int digit);
/* The arc milestone a lone digit 1 ... 6 stands for (0 ... 5), or -1. */
int count_arc(const Count *c);
/* The count's value (0 when empty). */
long count_value(const Count *c);
void count_clear(Count *c);

#endif
