/* testutil.h: what every cmocka test file includes. */
#ifndef MICROGPT_TESTUTIL_H
#define MICROGPT_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

/* Bitwise equality of two doubles (so -0.0 != 0.0 and NaN == same NaN). */
static inline int same_bits(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }
#define assert_bits_equal(a, b) do { double a_ = (a), b_ = (b); \
    if (!same_bits(a_, b_)) fail_msg("%.17g != %.17g", a_, b_); } while (0)

#endif
