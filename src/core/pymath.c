/* pymath.c: CPython's float_pow (Objects/floatobject.c), case by case. */
#include "core/pymath.h"

#include <math.h>

static int is_odd_integer(double y)
{
    /* y / 2 is exact, so y is an odd integer iff y is whole and y / 2 is not. */
    double h = y * 0.5;
    return y == floor(y) && h != floor(h);
}

double py_pow_slow(double x, double y)
{
    int negate = 0;
    if (y == 0.0)
        return 1.0;
    if (isnan(x))
        return x;
    if (isnan(y))
        return x == 1.0 ? 1.0 : y;
    if (isinf(y)) {
        x = fabs(x);
        if (x == 1.0)
            return 1.0;
        if ((y > 0.0) == (x > 1.0))
            return fabs(y);
        return 0.0;
    }
    if (isinf(x)) {
        int odd = is_odd_integer(y);
        if (y > 0.0)
            return odd ? x : fabs(x);
        return odd ? copysign(0.0, x) : 0.0;
    }
    if (x == 0.0) {
        if (y < 0.0)
            return NAN; /* Python: ZeroDivisionError */
        return is_odd_integer(y) ? x : 0.0;
    }
    if (x < 0.0) {
        if (y != floor(y))
            return NAN; /* Python: a complex result */
        x = -x;
        negate = is_odd_integer(y);
    }
    if (x == 1.0)
        return negate ? -1.0 : 1.0;
    double r = pow(x, y);
    return negate ? -r : r;
}
