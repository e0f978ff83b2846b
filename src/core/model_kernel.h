/* model_kernel.h: the forward's matrix-vector kernel (internal to model.c and
 * model_avx2.c). */
#ifndef MICROGPT_MODEL_KERNEL_H
#define MICROGPT_MODEL_KERNEL_H

#include "core/simd.h"

#if SIMD_HAVE_AVX2
/* out[o] = sum(w[o][i] * x[i] for i), each row's sum in Python's order
 * (w[o][0] * x[0] + 0, then + w[o][i] * x[i] left to right), from the
 * transposed matrix wt[i][o] (nin rows of nout): four rows per vector, the
 * rows side by side, every row's own operations unchanged. */
void matvec_t_avx2(const double *wt, const double *x, int nout, int nin, double *out);
/* dst[i][o] = src[o][i] for a matrix of nout rows of nin. */
void transpose_avx2(const double *src, int nout, int nin, double *dst);
#endif

#endif
