/* tape.c: storage, dot products, topological order, backward pass and the
 * compiled backward of the autograd tape. */
#include "core/tape.h"

#include <stdlib.h>
#include <string.h>

#include "core/simd.h"
#include "core/tape_kernel.h"

/* ---- storage ------------------------------------------------------------ */

int tape_init(Tape *t, size_t nparams, size_t cap)
{
    memset(t, 0, sizeof *t);
    if (cap < nparams + 1)
        cap = nparams + 1;
    if (cap > INT32_MAX)
        return -1;
    t->data = calloc(2 * cap, sizeof *t->data);
    t->grad = calloc(cap, sizeof *t->grad);
    t->node = calloc(cap, sizeof *t->node);
    if (!t->data || !t->grad || !t->node) {
        tape_free(t);
        return -1;
    }
    t->cap = (NodeId)cap;
    t->lg = t->data + cap;
    t->lg[TAPE_SINK] = 1.0;
    t->first = (NodeId)(nparams + 1);
    t->len = t->first;
    t->mode = TAPE_FULL;
    return 0;
}

void tape_free(Tape *t)
{
    free(t->data);
    free(t->grad);
    free(t->node);
    free(t->dot);
    free(t->ids);
    memset(t, 0, sizeof *t);
}

int tape_set_mode(Tape *t, TapeMode mode)
{
    if (mode == TAPE_DATA) {
        free(t->node);
        t->node = NULL;
    } else if (!t->node) {
        t->node = calloc((size_t)t->cap, sizeof *t->node);
        if (!t->node) {
            t->mode = TAPE_DATA;
            return -1;
        }
    }
    if (mode != TAPE_COMPACT) {
        free(t->dot);
        free(t->ids);
        t->dot = NULL;
        t->ids = NULL;
        t->capdot = t->capids = 0;
    }
    t->ndot = t->nids = 0;
    t->mode = mode;
    return 0;
}

void tape_reset(Tape *t)
{
    memset(t->grad + t->first, 0, (size_t)(t->len - t->first) * sizeof *t->grad);
    t->grad[TAPE_SINK] = 0.0;
    t->len = t->first;
    t->ndot = t->nids = 0;
}

int tape_grow(Tape *t, size_t extra)
{
    size_t need = (size_t)t->len + extra;
    size_t cap = (size_t)t->cap;
    while (cap < need)
        cap = cap * 2;
    if (cap > INT32_MAX)
        return -1;
    double *d = realloc(t->data, 2 * cap * sizeof *d);
    if (!d)
        return -1;
    memmove(d + cap, d + t->cap, (size_t)t->cap * sizeof *d);
    t->data = d;
    t->lg = d + cap;
    double *g = realloc(t->grad, cap * sizeof *g);
    if (!g)
        return -1;
    t->grad = g;
    if (t->node) {
        TapeNode *n = realloc(t->node, cap * sizeof *n);
        if (!n)
            return -1;
        t->node = n;
    }
    memset(t->grad + t->cap, 0, (cap - (size_t)t->cap) * sizeof *g);
    t->cap = (NodeId)cap;
    return 0;
}

/* Makes room for `more` elements in a growable array; -1 when out of memory. */
int tape_reserve(void **arr, size_t *cap, size_t used, size_t more, size_t size)
{
    if (used + more <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < used + more)
        c *= 2;
    void *p = realloc(*arr, c * size);
    if (!p)
        return -1;
    *arr = p;
    *cap = c;
    return 0;
}

/* ---- dot products ------------------------------------------------------- */

/* ids as a TapeVec of a compact recording: an arithmetic progression, or a
 * copy in t->ids. */
static TapeVec vec_of(Tape *t, const NodeId *ids, int n)
{
    const int32_t step = n > 1 ? ids[1] - ids[0] : 1;
    int regular = step != 0;
    for (int i = 2; regular && i < n; i++)
        regular = ids[i] - ids[i - 1] == step;
    if (regular)
        return (TapeVec){ ids[0], step };
    if (tape_reserve((void **)&t->ids, &t->capids, t->nids, (size_t)n, sizeof *t->ids) != 0)
        __builtin_trap();
    TapeVec v = { (NodeId)t->nids, TAPE_LISTED };
    memcpy(t->ids + t->nids, ids, (size_t)n * sizeof *ids);
    t->nids += (size_t)n;
    return v;
}

static NodeId push_dot(Tape *t, double d, TapeVec a, TapeVec b, int n)
{
    if (tape_reserve((void **)&t->dot, &t->capdot, t->ndot, 1, sizeof *t->dot) != 0)
        __builtin_trap();
    t->dot[t->ndot] = (TapeDot){ a, b, n };
    return tape_push(t, TAPE_DOT, d, (NodeId)t->ndot++, 0.0, TAPE_SINK, 0.0);
}

NodeId tape_dot(Tape *t, const NodeId *a, const NodeId *b, int n)
{
    if (t->mode == TAPE_FULL) {
        NodeId s = tape_addc(t, tape_mul(t, a[0], b[0]), 0.0);
        for (int i = 1; i < n; i++)
            s = tape_add(t, s, tape_mul(t, a[i], b[i]));
        return s;
    }
    const double *d = t->data;
    /* parity: the same products and sums as the nodes above compute. */
    double s = d[a[0]] * d[b[0]] + 0.0;
    for (int i = 1; i < n; i++)
        s = s + d[a[i]] * d[b[i]];
    if (t->mode == TAPE_DATA)
        return tape_push(t, TAPE_DOT, s, TAPE_SINK, 0.0, TAPE_SINK, 0.0);
    return push_dot(t, s, vec_of(t, a, n), vec_of(t, b, n), n);
}

NodeId tape_rows(Tape *t, NodeId w0, int rows, const NodeId *x, int n)
{
    if ((size_t)t->len + (size_t)rows > (size_t)t->cap && tape_grow(t, (size_t)rows) != 0)
        __builtin_trap();
    const NodeId first = t->len;
    if (t->mode == TAPE_DATA) {
        t->len += rows;
        return first;
    }
    const TapeVec xv = vec_of(t, x, n);
    for (int r = 0; r < rows; r++)
        push_dot(t, 0.0, (TapeVec){ w0 + r * n, 1 }, xv, n);
    return first;
}

/* Id i of vector v; ids is the list of listed vectors. */
static inline NodeId vec_id(TapeVec v, const NodeId *ids, int32_t i)
{
    return v.step == TAPE_LISTED ? ids[v.first + i] : v.first + i * v.step;
}

/* ---- topological order -------------------------------------------------- */

static int order_push(TapeOrder *o, TapeEvent e)
{
    if (tape_reserve((void **)&o->ev, &o->cap, o->n, 1, sizeof *o->ev) != 0)
        return -1;
    o->ev[o->n++] = e;
    return 0;
}

void tape_order_free(TapeOrder *o)
{
    free(o->ev);
    memset(o, 0, sizeof *o);
}

/* Products lo..hi of dot v come next in post-order: a new event, or the
 * last one extended when it ends with product lo - 1 of v. */
static int emit_products(TapeOrder *o, NodeId v, int32_t lo, int32_t hi)
{
    if (o->n && o->ev[o->n - 1].v == v && o->ev[o->n - 1].lo >= 0 && o->ev[o->n - 1].hi == lo - 1) {
        o->ev[o->n - 1].hi = hi;
        return 0;
    }
    return order_push(o, (TapeEvent){ v, lo, hi });
}

int tape_topo(const Tape *t, NodeId root, uint8_t *visited, TapeOrder *out, int32_t *stack)
{
    /* Iterative form of build_topo: each stack entry is (node, state).  A
     * plain node's states are its children 0, 1, then done; a dot of n
     * products goes a[0], b[0], (product 0) a[1], b[1], (product 1) ...,
     * exactly as the 2n nodes it stands for would be walked. */
    /* contiguous operand vectors known to be all visited (visits are never
     * undone), so that further rows over them skip the checks */
    enum { TOPO_SEEN = 16 };
    NodeId seen_first[TOPO_SEEN];
    int32_t seen_n[TOPO_SEEN];
    int nseen = 0;
    size_t sp = 0;
    if (root < t->first || visited[root])
        return 0;
    visited[root] = 1;
    stack[sp++] = root;
    stack[sp++] = 0;
    while (sp) {
        const NodeId v = stack[sp - 2];
        const int32_t k = stack[sp - 1];
        const TapeNode *nd = &t->node[v];
        NodeId c;
        if (nd->kind == TAPE_DOT) {
            /* state 2i: a[i] next; 2i + 1: b[i] next; product i is done when
             * the state reaches 2i + 2.  Operands already visited (or
             * parameters) are stepped over here, without a push. */
            const TapeDot *d = &t->dot[nd->a];
            const int32_t end = 2 * d->n;
            /* a row of linear(): every a[i] a parameter, nothing to visit */
            const int a_params = d->a.step == 1 && d->a.first + d->n <= t->first;
            const int b_plain = d->b.step == 1;
            int32_t s = k;
            c = TAPE_SINK;
            if (k == 0 && a_params && b_plain) /* the rows after the first of a layer: all seen */
                for (int q = 0; q < nseen && q < TOPO_SEEN; q++)
                    if (seen_first[q] == d->b.first && seen_n[q] >= d->n)
                        s = end;
            for (; s < end; s++) {
                if (s % 2 == 0 && a_params)
                    continue;
                c = s % 2 == 0 ? vec_id(d->a, t->ids, s / 2) : vec_id(d->b, t->ids, s / 2);
                if (c >= t->first && !visited[c])
                    break;
            }
            /* products k/2 .. s/2 - 1 are done (product i when state 2i + 2 is reached) */
            const int32_t lo = k / 2 - (k > 0 && k % 2 == 0), hi = s / 2 - 1;
            if (hi >= lo && hi >= 0 && emit_products(out, v, lo < 0 ? 0 : lo, hi) != 0)
                return -1;
            if (s == end) {
                if (b_plain) { /* every b[i] is visited now: remember it (the oldest goes) */
                    seen_first[nseen % TOPO_SEEN] = d->b.first;
                    seen_n[nseen % TOPO_SEEN] = d->n;
                    nseen++;
                }
                sp -= 2;
                continue;
            }
            stack[sp - 1] = s + 1;
            visited[c] = 1;
            stack[sp++] = c;
            stack[sp++] = 0;
            continue;
        } else {
            if (k == 2) {
                if (order_push(out, (TapeEvent){ v, -1, -1 }) != 0)
                    return -1;
                sp -= 2;
                continue;
            }
            c = k == 0 ? nd->a : nd->b;
        }
        stack[sp - 1] = k + 1;
        if (c >= t->first && !visited[c]) {
            visited[c] = 1;
            stack[sp++] = c;
            stack[sp++] = 0;
        }
    }
    return 0;
}

/* ---- the reference's backward ------------------------------------------- */

void tape_backward(Tape *t, const TapeOrder *order, size_t lo, size_t hi)
{
    double *grad = t->grad;
    const TapeNode *node = t->node;
    for (size_t i = hi; i-- > lo;) {
        NodeId v = order->ev[i].v;
        double g = grad[v];
        const TapeNode *nd = &node[v];
        /* parity: child a before child b, and `local * grad` as Python writes it. */
        grad[nd->a] += nd->la * g;
        grad[nd->b] += nd->lb * g;
    }
}

/* ---- the compiled backward ---------------------------------------------- */

int tape_count_uses(const Tape *t, int32_t *uses)
{
    /* a dot's contiguous operands add 1 to a whole stretch: differences,
     * summed at the end */
    int32_t *diff = calloc((size_t)t->len + 1, sizeof *diff);
    if (!diff)
        return -1;
    for (NodeId v = t->first; v < t->len; v++) {
        const TapeNode *nd = &t->node[v];
        if (nd->kind != TAPE_DOT) {
            uses[nd->a]++;
            uses[nd->b]++;
            continue;
        }
        /* only interior nodes' uses matter (tape_compile aliases no parameter) */
        const TapeDot *d = &t->dot[nd->a];
        for (int s = 0; s < 2; s++) {
            const TapeVec x = s == 0 ? d->a : d->b;
            if (x.step == 1 && x.first >= t->first) {
                diff[x.first]++;
                diff[x.first + d->n]--;
                continue;
            }
            if (x.step == 1 && x.first + d->n <= t->first)
                continue; /* parameters */
            for (int32_t i = 0; i < d->n; i++) {
                const NodeId id = vec_id(x, t->ids, i);
                uses[id] += id >= t->first;
            }
        }
    }
    int32_t run = 0;
    for (NodeId v = 0; v < t->len; v++) {
        run += diff[v];
        uses[v] += run;
    }
    free(diff);
    return 0;
}

void tape_prog_free(TapeProg *p)
{
    free(p->ins);
    free(p->run);
    free(p->ids);
    free(p->block);
    free(p->row);
    memset(p, 0, sizeof *p);
}

/* A vector of the program: listed ids copied into prog->ids. */
static int prog_vec(TapeProg *p, const Tape *t, TapeVec v, int32_t n, TapeVec *out)
{
    if (v.step != TAPE_LISTED) {
        *out = v;
        return 0;
    }
    if (tape_reserve((void **)&p->ids, &p->capids, p->nids, (size_t)n, sizeof *p->ids) != 0)
        return -1;
    memcpy(p->ids + p->nids, t->ids + v.first, (size_t)n * sizeof *p->ids);
    *out = (TapeVec){ (NodeId)p->nids, TAPE_LISTED };
    p->nids += (size_t)n;
    return 0;
}

/* 1 if the products lo..hi of a run touch distinct gradients (a[i] == b[i]
 * for every i, rmsnorm's squares, allowed), none of them grad[g]. */
/* The ids lo..hi of an arithmetic vector span [*min, *max]. */
static void vec_span(TapeVec v, int32_t lo, int32_t hi, NodeId *min, NodeId *max)
{
    const NodeId x = v.first + lo * v.step, y = v.first + hi * v.step;
    *min = x < y ? x : y;
    *max = x < y ? y : x;
}

int tape_run_distinct(const TapeRun *r, const NodeId *ids, int32_t *stamp, int32_t mark)
{
    if (r->a.step != TAPE_LISTED && r->b.step != TAPE_LISTED && r->a.step != 0 && r->b.step != 0) {
        /* two progressions: distinct within each; disjoint spans, or the same one (squares) */
        NodeId a0, a1, b0, b1;
        vec_span(r->a, r->lo, r->hi, &a0, &a1);
        vec_span(r->b, r->lo, r->hi, &b0, &b1);
        const int same = r->a.first == r->b.first && r->a.step == r->b.step;
        const int apart = a1 < b0 || b1 < a0;
        if ((same || apart) && (r->g < a0 || r->g > a1) && (r->g < b0 || r->g > b1))
            return 1;
    }
    int square = 1;
    for (int32_t i = r->lo; i <= r->hi; i++)
        square &= vec_id(r->a, ids, i) == vec_id(r->b, ids, i);
    stamp[r->g] = mark;
    for (int32_t i = r->lo; i <= r->hi; i++) {
        const NodeId a = vec_id(r->a, ids, i), b = vec_id(r->b, ids, i);
        if (stamp[a] == mark || (!square && (a == b || stamp[b] == mark)))
            return 0;
        stamp[a] = mark;
        stamp[b] = mark;
    }
    return 1;
}

int tape_scratch_init(TapeScratch *s, NodeId len)
{
    const size_t n = (size_t)(len > 0 ? len : 1);
    s->mark = s->segment = 0;
    s->stamp = calloc(n, sizeof *s->stamp);
    s->last = malloc(n * sizeof *s->last);
    s->head = malloc(n * sizeof *s->head);
    s->gen = calloc(n, sizeof *s->gen);
    s->group = malloc(n * sizeof *s->group);
    s->dotrun = malloc(n * sizeof *s->dotrun);
    s->rep = malloc(n * sizeof *s->rep);
    s->repgen = calloc(n, sizeof *s->repgen);
    s->replen = malloc(n * sizeof *s->replen);
    if (!s->stamp || !s->last || !s->head || !s->gen || !s->group || !s->dotrun || !s->rep || !s->repgen ||
        !s->replen) {
        tape_scratch_free(s);
        return -1;
    }
    memset(s->group, 0xff, n * sizeof *s->group);
    memset(s->dotrun, 0xff, n * sizeof *s->dotrun);
    return 0;
}

void tape_scratch_free(TapeScratch *s)
{
    free(s->stamp);
    free(s->last);
    free(s->head);
    free(s->gen);
    free(s->group);
    free(s->dotrun);
    free(s->rep);
    free(s->repgen);
    free(s->replen);
    memset(s, 0, sizeof *s);
}

int tape_compile(const Tape *t, const TapeOrder *order, size_t lo, size_t hi, const int32_t *uses,
                 NodeId *alias, TapeScratch *scratch, TapeProg *prog)
{
    const NodeId ONE = t->cap + TAPE_SINK, ZERO = TAPE_SINK;
    for (size_t e = hi; e-- > lo;) {
        const TapeEvent *ev = &order->ev[e];
        const NodeId v = ev->v;
        const TapeNode *nd = &t->node[v];
        if (tape_reserve((void **)&prog->ins, &prog->capins, prog->nins, 1, sizeof *prog->ins) != 0)
            return -1;
        if (ev->lo >= 0) { /* products of a dot: one run */
            const TapeDot *d = &t->dot[nd->a];
            if (tape_reserve((void **)&prog->run, &prog->caprun, prog->nrun, 1, sizeof *prog->run) != 0)
                return -1;
            TapeRun r = { .g = uses && alias[v] ? alias[v] : v, .lo = ev->lo, .hi = ev->hi, .n = d->n, .cont = -1 };
            if (prog_vec(prog, t, d->a, d->n, &r.a) != 0 || prog_vec(prog, t, d->b, d->n, &r.b) != 0)
                return -1;
            r.ordered = !tape_run_distinct(&r, prog->ids, scratch->stamp, ++scratch->mark);
            if (scratch->dotrun[v] >= 0) /* the dot's runs come in order of falling products */
                prog->run[scratch->dotrun[v]].cont = (int32_t)prog->nrun;
            scratch->dotrun[v] = (int32_t)prog->nrun;
            prog->run[prog->nrun] = r;
            prog->ins[prog->nins++] = (TapeInstr){ .v = TAPE_RUN, .a = TAPE_SPECIAL, .b = (NodeId)prog->nrun };
            prog->nrun++;
            continue;
        }
        if (nd->kind == TAPE_DOT)
            continue; /* its sums pass its grad on unchanged: the runs read it */
        TapeInstr p = { .v = v, .a = nd->a, .b = nd->b };
        switch (nd->kind) {
        case TAPE_ADD: p.la = ONE; p.lb = ONE; break;
        case TAPE_ADDC: p.la = ONE; p.lb = ZERO; break;
        case TAPE_MUL: p.la = nd->b; p.lb = nd->a; break;
        default: p.la = t->cap + v; p.lb = ZERO; break;
        }
        if (uses && alias[v])
            p.v = alias[v];
        if (uses && p.la == ONE && p.a >= t->first && uses[p.a] == 1) {
            alias[p.a] = p.v;
            p.a = TAPE_SINK;
            p.la = ZERO;
        }
        if (uses && p.lb == ONE && p.b >= t->first && uses[p.b] == 1) {
            alias[p.b] = p.v;
            p.b = TAPE_SINK;
            p.lb = ZERO;
        }
        if (p.a == TAPE_SINK && p.b == TAPE_SINK)
            continue;
        if (p.a == TAPE_SINK) { /* keep the live half first */
            p.a = p.b;
            p.la = p.lb;
            p.b = TAPE_SINK;
            p.lb = ZERO;
        }
        prog->ins[prog->nins++] = p;
    }
    for (size_t e = lo; e < hi; e++) /* leave the table as it was */
        if (order->ev[e].lo >= 0)
            scratch->dotrun[order->ev[e].v] = -1;
    return 0;
}

void tape_run_scalar(Tape *t, const TapeProg *p, size_t lo, size_t hi)
{
    const double *vals = t->data;
    double *grad = t->grad;
    for (size_t i = lo; i < hi; i++) {
        const TapeInstr *in = &p->ins[i];
        if (in->a == TAPE_SPECIAL) {
            const TapeBlock *bk = &p->block[in->b];
            if (in->v == TAPE_RUN)
                tape_run_products(t, &p->run[in->b], p->ids);
            else
                tape_rows_scalar(t, bk->x, bk->n, p->row + bk->first, NULL, bk->count);
            continue;
        }
        const double g = grad[in->v];
        grad[in->a] += vals[in->la] * g;
        grad[in->b] += vals[in->lb] * g;
    }
}

void tape_rows_grad(Tape *t, NodeId x, int32_t n, const TapeRow *rows, const double *gval, int32_t count)
{
#if SIMD_HAVE_AVX2
    if (simd_level() == SIMD_AVX2) {
        tape_rows_avx2(t, x, n, rows, gval, count);
        return;
    }
#endif
    tape_rows_scalar(t, x, n, rows, gval, count);
}

void tape_run(Tape *t, const TapeProg *p, size_t lo, size_t hi)
{
#if SIMD_HAVE_AVX2
    if (simd_level() == SIMD_AVX2) {
        tape_run_avx2(t, p, lo, hi);
        return;
    }
#endif
    tape_run_scalar(t, p, lo, hi);
}
