/* pymath.h: Python's float `**`, so that every power is computed as CPython does. */
#ifndef MICROGPT_PYMATH_H
#define MICROGPT_PYMATH_H

/* x ** y for Python floats (CPython's float_pow): the special cases it sorts out
 * itself (y == 0, NaNs, infinities, x == 0, x == 1, negative x with an integer
 * y taken as -(|x| ** y) or |x| ** y), then libm pow.  The cases where Python
 * raises (0 ** negative, negative ** fraction) return NaN here. */
double py_pow_slow(double x, double y);

/* What Python's float() reads, bare (no surrounding whitespace): a finite
 * decimal number, the whole string (no hexadecimal, no "inf" or "nan").
 * Returns 0 with the value in *out, or -1. */
int py_float(const char *s, double *out);

#include <math.h>
/* x as Python prints it: a NaN is "nan" whatever its sign bit (printf writes
 * "-nan" for one with the bit set, as x86's arithmetic makes them); any other
 * value unchanged.  For what is shown, never for what is computed.  (NAN, not
 * fabs(x): the compiler may drop a fabs it proves useless, as on exp(x).) */
static inline double py_shown(double x)
{
    return isnan(x) ? (double)NAN : x;
}

/* The common case (x positive, finite and not 1; y finite and not 0) is
 * libm's pow directly; everything else is sorted out by py_pow_slow. */
static inline double py_pow(double x, double y)
{
    if (x > 0.0 && x != 1.0 && x < INFINITY && y != 0.0 && y - y == 0.0)
        return pow(x, y);
    return py_pow_slow(x, y);
}

#endif
