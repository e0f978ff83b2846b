/* tape_avx2.c: the compiled backward with AVX2: a run whose operands are
 * contiguous (a row of linear(), an attention score, rmsnorm's squares) does
 * four products at a time.  The products of a run add into distinct
 * gradients (tape_compile checks it; `ordered` runs go one by one), so each
 * gradient still gets the same additions in the same order. */
#include "core/tape_kernel.h"

#if SIMD_HAVE_AVX2
#include <immintrin.h>

/* Products lo..hi with a and b contiguous. */
static SIMD_AVX2_FN void run_contiguous(double *grad, const double *d, NodeId a, NodeId b, int32_t n, double g)
{
    const __m256d gv = _mm256_set1_pd(g);
    int32_t i = 0;
    if (a == b) { /* rmsnorm's x * x: x gets both halves, a's first */
        for (; i + 4 <= n; i += 4) {
            const __m256d x = _mm256_loadu_pd(d + a + i);
            __m256d ga = _mm256_loadu_pd(grad + a + i);
            ga = _mm256_add_pd(ga, _mm256_mul_pd(x, gv));
            ga = _mm256_add_pd(ga, _mm256_mul_pd(x, gv));
            _mm256_storeu_pd(grad + a + i, ga);
        }
    } else {
        for (; i + 4 <= n; i += 4) {
            const __m256d ga = _mm256_loadu_pd(grad + a + i), db = _mm256_loadu_pd(d + b + i);
            _mm256_storeu_pd(grad + a + i, _mm256_add_pd(ga, _mm256_mul_pd(db, gv)));
            const __m256d gb = _mm256_loadu_pd(grad + b + i), da = _mm256_loadu_pd(d + a + i);
            _mm256_storeu_pd(grad + b + i, _mm256_add_pd(gb, _mm256_mul_pd(da, gv)));
        }
    }
    for (; i < n; i++) {
        grad[a + i] += d[b + i] * g;
        grad[b + i] += d[a + i] * g;
    }
}

SIMD_AVX2_FN void tape_run_avx2(Tape *t, const TapeProg *p, size_t lo, size_t hi)
{
    const double *vals = t->data;
    double *grad = t->grad;
    for (size_t i = lo; i < hi; i++) {
        const TapeInstr *in = &p->ins[i];
        if (in->a >= 0) {
            const double g = grad[in->v];
            grad[in->a] += vals[in->la] * g;
            grad[in->b] += vals[in->lb] * g;
            continue;
        }
        const TapeRun *r = &p->run[-in->a - 1];
        if (!r->ordered && r->a.step == 1 && r->b.step == 1)
            run_contiguous(grad, vals, r->a.first + r->lo, r->b.first + r->lo, r->hi - r->lo + 1, grad[r->g]);
        else
            tape_run_products(t, r, p->ids);
    }
}
#endif
