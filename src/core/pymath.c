/* pymath.c: CPython's float_pow (Objects/floatobject.c), case by case. */
#include "core/pymath.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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

int py_float(const char *s, double *out)
{
    char *end;
    if (*s == '\0' || isspace((unsigned char)*s))
        return -1;
    double v = strtod(s, &end);
    /* strtod sets ERANGE on overflow (then v is infinite) and on underflow:
     * 1e-310 reads as a subnormal and 1e-400 as 0, as float() reads them. */
    if (*end != '\0' || !isfinite(v))
        return -1;
    /* strtod also reads hexadecimal ("0x1p-3"), which Python's float() does not */
    if (strpbrk(s, "xX"))
        return -1;
    *out = v;
    return 0;
}
