/* tape_kernel.h: the compiled backward's kernels (internal to tape.c and
 * tape_avx2.c). */
#ifndef MICROGPT_TAPE_KERNEL_H
#define MICROGPT_TAPE_KERNEL_H

#include "core/simd.h"
#include "core/tape.h"

/* Id i of a program vector (listed ids in `ids`). */
static inline NodeId tape_vec_id(TapeVec v, const NodeId *ids, int32_t i)
{
    return v.step == TAPE_LISTED ? ids[v.first + i] : v.first + i * v.step;
}

/* The products of a run, from the last to the first, one by one: exactly
 * the reference's order.  parity: each product is mul(a, b): child a first,
 * local gradient b.data, then child b, local gradient a.data. */
static inline void tape_run_products(Tape *t, const TapeRun *r, const NodeId *ids)
{
    const double *d = t->data;
    double *grad = t->grad;
    const double g = grad[r->g];
    for (int32_t i = r->hi; i >= r->lo; i--) {
        const NodeId a = tape_vec_id(r->a, ids, i), b = tape_vec_id(r->b, ids, i);
        grad[a] += d[b] * g;
        grad[b] += d[a] * g;
    }
}

/* tape_rows_grad with the portable code: each row's products in any order (they
 * add into distinct gradients but x's, which get the rows in order). */
static inline void tape_rows_scalar(Tape *t, NodeId x, int32_t n, const TapeRow *rows, const double *gval,
                                    int32_t count)
{
    const double *d = t->data;
    double *grad = t->grad;
    for (int32_t r = 0; r < count; r++) {
        const NodeId a0 = rows[r].a0;
        const double g = gval ? gval[r] : grad[rows[r].g];
        for (int32_t i = 0; i < n; i++) {
            grad[a0 + i] += d[x + i] * g;
            grad[x + i] += d[a0 + i] * g;
        }
    }
}

#if SIMD_HAVE_AVX2
void tape_rows_avx2(Tape *t, NodeId x, int32_t n, const TapeRow *rows, const double *gval, int32_t count);
#endif

/* Makes room for `more` elements in a growable array; -1 when out of memory. */
int tape_reserve(void **arr, size_t *cap, size_t used, size_t more, size_t size);
/* 1 if the products lo..hi of a run touch distinct gradients (a[i] == b[i]
 * for every i allowed), none of them grad[g]; stamp: one entry per node,
 * with no entry equal to mark yet. */
int tape_run_distinct(const TapeRun *r, const NodeId *ids, int32_t *stamp, int32_t mark);

/* tape_run with the portable kernels. */
void tape_run_scalar(Tape *t, const TapeProg *p, size_t lo, size_t hi);
#if SIMD_HAVE_AVX2
/* tape_run with runs of contiguous operands four products at a time. */
void tape_run_avx2(Tape *t, const TapeProg *p, size_t lo, size_t hi);
#endif

#endif
