/* gradnorm.h: the gradient norms the UI and --trace show (the reference has
 * none).  Summed in 8 interleaved partial sums so that the AVX2 kernel can
 * add lanes side by side; the portable loop adds the same lanes in the same
 * order, so both give the same bits. */
#ifndef MICROGPT_GRADNORM_H
#define MICROGPT_GRADNORM_H

#include <stddef.h>

/* sum(g[j] ** 2 for j in range(n)) as 8 partial sums, g[j] * g[j] added to
 * lane j % 8 in order from 0.0, combined ((0 + 1) + (2 + 3)) + ((4 + 5) + (6 + 7)). */
double grad_sumsq(const double *g, size_t n);

#endif
