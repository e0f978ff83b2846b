/* pymath.h: Python's float `**`, so that every power is computed as CPython does. */
#ifndef MICROGPT_PYMATH_H
#define MICROGPT_PYMATH_H

/* x ** y for Python floats (CPython's float_pow): the special cases it sorts out
 * itself (y == 0, NaNs, infinities, x == 0, x == 1, negative x with an integer
 * y taken as -(|x| ** y) or |x| ** y), then libm pow.  The cases where Python
 * raises (0 ** negative, negative ** fraction) return NaN here. */
double py_pow(double x, double y);

#endif
