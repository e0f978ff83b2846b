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

/* Rows over one input: x's gradients in registers, sixteen (then four) at a
 * time, while the rows go by in order; each row's weights' gradients
 * updated once. */
SIMD_AVX2_FN void tape_rows_avx2(Tape *t, NodeId x, int32_t n, const TapeRow *rows, const double *gval, int32_t count)
{
    double *grad = t->grad;
    const double *d = t->data;
    int32_t c = 0;
#define ROW_G(r) _mm256_set1_pd(gval ? gval[r] : grad[rows[r].g])
    for (; c + 16 <= n; c += 16) {
        __m256d gx0 = _mm256_loadu_pd(grad + x + c), gx1 = _mm256_loadu_pd(grad + x + c + 4);
        __m256d gx2 = _mm256_loadu_pd(grad + x + c + 8), gx3 = _mm256_loadu_pd(grad + x + c + 12);
        const __m256d x0 = _mm256_loadu_pd(d + x + c), x1 = _mm256_loadu_pd(d + x + c + 4);
        const __m256d x2 = _mm256_loadu_pd(d + x + c + 8), x3 = _mm256_loadu_pd(d + x + c + 12);
        for (int32_t r = 0; r < count; r++) {
            const NodeId a = rows[r].a0 + c;
            const __m256d g = ROW_G(r);
            _mm256_storeu_pd(grad + a, _mm256_add_pd(_mm256_loadu_pd(grad + a), _mm256_mul_pd(x0, g)));
            _mm256_storeu_pd(grad + a + 4, _mm256_add_pd(_mm256_loadu_pd(grad + a + 4), _mm256_mul_pd(x1, g)));
            _mm256_storeu_pd(grad + a + 8, _mm256_add_pd(_mm256_loadu_pd(grad + a + 8), _mm256_mul_pd(x2, g)));
            _mm256_storeu_pd(grad + a + 12, _mm256_add_pd(_mm256_loadu_pd(grad + a + 12), _mm256_mul_pd(x3, g)));
            gx0 = _mm256_add_pd(gx0, _mm256_mul_pd(_mm256_loadu_pd(d + a), g));
            gx1 = _mm256_add_pd(gx1, _mm256_mul_pd(_mm256_loadu_pd(d + a + 4), g));
            gx2 = _mm256_add_pd(gx2, _mm256_mul_pd(_mm256_loadu_pd(d + a + 8), g));
            gx3 = _mm256_add_pd(gx3, _mm256_mul_pd(_mm256_loadu_pd(d + a + 12), g));
        }
        _mm256_storeu_pd(grad + x + c, gx0);
        _mm256_storeu_pd(grad + x + c + 4, gx1);
        _mm256_storeu_pd(grad + x + c + 8, gx2);
        _mm256_storeu_pd(grad + x + c + 12, gx3);
    }
    for (; c + 4 <= n; c += 4) {
        __m256d gx = _mm256_loadu_pd(grad + x + c);
        const __m256d xv = _mm256_loadu_pd(d + x + c);
        for (int32_t r = 0; r < count; r++) {
            const NodeId a = rows[r].a0 + c;
            const __m256d g = ROW_G(r);
            _mm256_storeu_pd(grad + a, _mm256_add_pd(_mm256_loadu_pd(grad + a), _mm256_mul_pd(xv, g)));
            gx = _mm256_add_pd(gx, _mm256_mul_pd(_mm256_loadu_pd(d + a), g));
        }
        _mm256_storeu_pd(grad + x + c, gx);
    }
#undef ROW_G
    for (; c < n; c++)
        for (int32_t r = 0; r < count; r++) {
            const NodeId a = rows[r].a0 + c;
            const double g = gval ? gval[r] : grad[rows[r].g];
            grad[a] += d[x + c] * g;
            grad[x + c] += d[a] * g;
        }
}

SIMD_AVX2_FN void tape_run_avx2(Tape *t, const TapeProg *p, size_t lo, size_t hi)
{
    const double *vals = t->data;
    double *grad = t->grad;
    for (size_t i = lo; i < hi; i++) {
        const TapeInstr *in = &p->ins[i];
        if (in->a != TAPE_SPECIAL) {
            const double g = grad[in->v];
            grad[in->a] += vals[in->la] * g;
            grad[in->b] += vals[in->lb] * g;
            continue;
        }
        if (in->v == TAPE_BLOCK) {
            const TapeBlock *bk = &p->block[in->b];
            tape_rows_avx2(t, bk->x, bk->n, p->row + bk->first, NULL, bk->count);
            continue;
        }
        const TapeRun *r = &p->run[in->b];
        if (!r->ordered && r->a.step == 1 && r->b.step == 1)
            run_contiguous(grad, vals, r->a.first + r->lo, r->b.first + r->lo, r->hi - r->lo + 1, grad[r->g]);
        else
            tape_run_products(t, r, p->ids);
    }
}
#endif
