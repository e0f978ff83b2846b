/* tape_schedule.c: reordering a compiled segment of the backward (tape.h).
 *
 * Two instructions may trade places when neither adds into a gradient the
 * other reads or adds into: every gradient then sees the same reads and the
 * same additions in the same order, so no bit changes.  The segment's
 * dependency graph says which orders keep that (an edge for every gradient
 * one instruction adds into and a later one reads or adds into, or that one
 * reads and a later one adds into); any topological order of it is exact.
 * The order picked: continue the last run's dot when its next products are
 * ready (they merge into one run), else another row of linear() with the
 * same input as the last run (they become a block), else the first ready
 * single instruction, else the first ready run, "first" meaning earliest in
 * the compiled order (heaps keep each kind's ready instructions). */
#include "core/tape.h"

#include <stdlib.h>
#include <string.h>

#include "core/tape_kernel.h"

/* The gradients instruction `in` reads (one) and adds into (into w[], at
 * most 2 + 2 * max products); the sink is left out. */
static NodeId instr_read(const TapeProg *p, const TapeInstr *in)
{
    if (in->a != TAPE_SPECIAL)
        return in->v;
    return p->run[in->b].g; /* only runs exist before blocks are made */
}

/* params: 1 for the parameters' gradients only, 0 for the others only. */
static int instr_writes(const TapeProg *p, const TapeInstr *in, NodeId *w, NodeId first, int params)
{
    int n = 0;
    if (in->a != TAPE_SPECIAL) {
        if (in->a != TAPE_SINK && (in->a < first) == params)
            w[n++] = in->a;
        if (in->b != TAPE_SINK && (in->b < first) == params)
            w[n++] = in->b;
        return n;
    }
    const TapeRun *r = &p->run[in->b];
    for (int s = 0; s < 2; s++) {
        const TapeVec v = s == 0 ? r->a : r->b;
        if (v.step != TAPE_LISTED) { /* a progression: all parameters or none */
            const NodeId lo = v.first + r->lo * v.step, hi = v.first + r->hi * v.step;
            const int all = (lo < hi ? hi : lo) < first, none = (lo < hi ? lo : hi) >= first;
            if ((params && none) || (!params && all))
                continue;
        }
        for (int32_t i = r->lo; i <= r->hi; i++) {
            const NodeId id = tape_vec_id(v, p->ids, i);
            if ((id < first) == params)
                w[n++] = id;
        }
    }
    return n;
}

typedef struct {
    int32_t from, to;
} Edge;

typedef struct {
    int32_t instr, next;
} Reader;

/* The dependency graph of the segment's n instructions: succ[off[i] ..
 * off[i + 1]) follow instruction i; indeg[i] precede it.  Parameters'
 * gradients (below `first`) are only added into during the backward, never
 * read; when no parameter gets two additions in the segment (checked, into
 * *params_unique; each weight is in one product per position), they order
 * nothing and are left out.  0, or -1 when out of memory. */
static int build_graph(const TapeProg *p, const TapeInstr *ins, int32_t n, NodeId first, TapeScratch *sc,
                       int32_t **off_out, int32_t **succ_out, int32_t *indeg, int *params_unique)
{
    int32_t maxw = 2;
    for (int32_t i = 0; i < n; i++)
        if (ins[i].a == TAPE_SPECIAL) {
            const TapeRun *r = &p->run[ins[i].b];
            if (2 * (r->hi - r->lo + 1) > maxw)
                maxw = 2 * (r->hi - r->lo + 1);
        }
    int32_t *last = sc->last, *head = sc->head; /* -1: no writer yet, no reader since */
    NodeId *w = malloc((size_t)maxw * sizeof *w);
    Reader *pool = malloc((size_t)(n > 0 ? n : 1) * sizeof *pool);
    int32_t *seen = malloc((size_t)(n > 0 ? n : 1) * sizeof *seen); /* seen[j] == i: edge j -> i made */
    Edge *e = NULL;
    size_t ne = 0, cape = 0;
    int rc = w && pool && seen ? 0 : -1;
    int unique = 1; /* no parameter gets two additions: they are left out */
    const int32_t mark = ++sc->mark;
    for (int32_t i = 0; rc == 0 && i < n && unique; i++) {
        const int nw = instr_writes(p, &ins[i], w, first, 1);
        for (int k = 0; k < nw; k++) {
            unique &= sc->stamp[w[k]] != mark;
            sc->stamp[w[k]] = mark;
        }
    }
    if (rc == 0)
        memset(seen, 0xff, (size_t)n * sizeof *seen);
#define EDGE(from, to)                                                                   \
    do {                                                                                 \
        if (seen[from] != (to)) {                                                        \
            if (tape_reserve((void **)&e, &cape, ne, 1, sizeof *e) != 0) {               \
                rc = -1;                                                                 \
                break;                                                                   \
            }                                                                            \
            seen[from] = (to);                                                           \
            e[ne++] = (Edge){ (from), (to) };                                            \
        }                                                                                \
    } while (0)
    for (int32_t i = 0; rc == 0 && i < n; i++) {
        const NodeId r = instr_read(p, &ins[i]);
        if (r != TAPE_SINK) {
            if (last[r] >= 0)
                EDGE(last[r], i);
            pool[i] = (Reader){ i, head[r] };
            head[r] = i;
        }
        int nw = instr_writes(p, &ins[i], w, first, 0);
        if (!unique)
            nw += instr_writes(p, &ins[i], w + nw, first, 1);
        for (int k = 0; rc == 0 && k < nw; k++) {
            const NodeId a = w[k];
            if (last[a] >= 0 && last[a] != i)
                EDGE(last[a], i);
            for (int32_t q = head[a]; q >= 0 && rc == 0; q = pool[q].next)
                if (pool[q].instr != i)
                    EDGE(pool[q].instr, i);
            head[a] = -1;
            last[a] = i;
        }
    }
#undef EDGE
    int32_t *off = NULL, *succ = NULL;
    if (rc == 0) {
        off = calloc((size_t)n + 1, sizeof *off);
        succ = malloc((ne ? ne : 1) * sizeof *succ);
        rc = off && succ ? 0 : -1;
    }
    if (rc == 0) {
        memset(indeg, 0, (size_t)n * sizeof *indeg);
        for (size_t k = 0; k < ne; k++) {
            off[e[k].from + 1]++;
            indeg[e[k].to]++;
        }
        for (int32_t i = 0; i < n; i++)
            off[i + 1] += off[i];
        memcpy(seen, off, (size_t)n * sizeof *seen); /* now: where each list fills */
        for (size_t k = 0; k < ne; k++)
            succ[seen[e[k].from]++] = e[k].to;
    }
    /* leave the tables as they were: -1 wherever this segment wrote */
    for (int32_t i = 0; w && i < n; i++) {
        const NodeId r = instr_read(p, &ins[i]);
        last[r] = head[r] = -1;
        int nw = instr_writes(p, &ins[i], w, first, 0);
        if (!unique)
            nw += instr_writes(p, &ins[i], w + nw, first, 1);
        for (int k = 0; k < nw; k++)
            last[w[k]] = head[w[k]] = -1;
    }
    free(w);
    free(pool);
    free(seen);
    free(e);
    if (rc != 0) {
        free(off);
        free(succ);
        return -1;
    }
    *off_out = off;
    *succ_out = succ;
    *params_unique = unique;
    return 0;
}

/* A whole row of linear(): parameters times a contiguous input. */
static int rowlike(const TapeRun *r, NodeId first)
{
    return !r->ordered && r->a.step == 1 && r->a.first + r->n <= first && r->b.step == 1 && r->b.first >= first &&
           r->lo == 0 && r->hi == r->n - 1;
}

static int same_vec(TapeVec x, TapeVec y)
{
    return x.first == y.first && x.step == y.step;
}

/* A binary min-heap of instruction numbers. */
typedef struct {
    int32_t *v;
    int32_t n;
} Heap;

static void heap_push(Heap *h, int32_t x)
{
    int32_t i = h->n++;
    while (i > 0 && h->v[(i - 1) / 2] > x) {
        h->v[i] = h->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h->v[i] = x;
}

static int32_t heap_pop(Heap *h)
{
    const int32_t top = h->v[0], x = h->v[--h->n];
    int32_t i = 0;
    for (;;) {
        int32_t c = 2 * i + 1;
        if (c >= h->n)
            break;
        if (c + 1 < h->n && h->v[c + 1] < h->v[c])
            c++;
        if (h->v[c] >= x)
            break;
        h->v[i] = h->v[c];
        i = c;
    }
    if (h->n > 0)
        h->v[i] = x;
    return top;
}

/* The first entry of h not yet emitted (lazy deletion), or -1. */
static int32_t heap_take(Heap *h, const uint8_t *done)
{
    while (h->n > 0) {
        const int32_t x = heap_pop(h);
        if (!done[x])
            return x;
    }
    return -1;
}

/* For every run instruction, the run that continues its dot (the same
 * operands, products just below), or -1: runs sorted by (operands, lo). */
static const TapeProg *sort_prog;
static const TapeInstr *sort_ins;
static int cmp_runs(const void *x, const void *y)
{
    const TapeRun *a = &sort_prog->run[sort_ins[*(const int32_t *)x].b];
    const TapeRun *b = &sort_prog->run[sort_ins[*(const int32_t *)y].b];
    const int64_t ka[5] = { a->a.first, a->a.step, a->b.first, a->b.step, a->lo };
    const int64_t kb[5] = { b->a.first, b->a.step, b->b.first, b->b.step, b->lo };
    for (int k = 0; k < 5; k++)
        if (ka[k] != kb[k])
            return ka[k] < kb[k] ? -1 : 1;
    return 0;
}

static int find_next_runs(const TapeProg *p, const TapeInstr *ins, int32_t n, int32_t *next)
{
    int32_t *idx = malloc((size_t)(n > 0 ? n : 1) * sizeof *idx), m = 0;
    if (!idx)
        return -1;
    for (int32_t i = 0; i < n; i++) {
        next[i] = -1;
        if (ins[i].a == TAPE_SPECIAL)
            idx[m++] = i;
    }
    sort_prog = p;
    sort_ins = ins;
    qsort(idx, (size_t)m, sizeof *idx, cmp_runs);
    for (int32_t k = 1; k < m; k++) {
        const TapeRun *y = &p->run[ins[idx[k - 1]].b], *x = &p->run[ins[idx[k]].b];
        if (same_vec(x->a, y->a) && same_vec(x->b, y->b) && y->hi == x->lo - 1)
            next[idx[k]] = idx[k - 1];
    }
    free(idx);
    return 0;
}

/* The segment in the scheduled order, with a dot's consecutive runs merged
 * and consecutive rows of one input made blocks, written back at lo. */
static int rewrite(TapeProg *p, size_t lo, const TapeInstr *ins, const int32_t *order, int32_t n, NodeId first,
                   int params_unique, TapeScratch *sc)
{
    int32_t *stamp = sc->stamp, *mark = &sc->mark;
    TapeInstr *out = malloc((size_t)(n > 0 ? n : 1) * sizeof *out);
    if (!out)
        return -1;
    int32_t m = 0;
    for (int32_t k = 0; k < n; k++) {
        const TapeInstr *in = &ins[order[k]];
        if (in->a == TAPE_SPECIAL && m > 0 && out[m - 1].a == TAPE_SPECIAL) {
            TapeRun *prev = &p->run[out[m - 1].b];
            const TapeRun *r = &p->run[in->b];
            if (same_vec(r->a, prev->a) && same_vec(r->b, prev->b) && r->hi == prev->lo - 1 && r->g == prev->g) {
                prev->lo = r->lo; /* one run: products prev->hi down to r->lo */
                prev->ordered = prev->ordered || r->ordered || !tape_run_distinct(prev, p->ids, stamp, ++*mark);
                continue;
            }
        }
        out[m++] = *in;
    }
    /* blocks: two or more consecutive rows with one input, their weights
     * disjoint (so when no parameter has two additions in the segment), no
     * row's upstream gradient among the input's */
    int32_t k = 0, w = 0;
    while (k < m) {
        int32_t e = k;
        if (out[k].a == TAPE_SPECIAL && rowlike(&p->run[out[k].b], first)) {
            const TapeRun *r0 = &p->run[out[k].b];
            ++*mark;
            int ok = 1;
            while (e < m && ok && out[e].a == TAPE_SPECIAL) {
                const TapeRun *r = &p->run[out[e].b];
                if (!rowlike(r, first) || !same_vec(r->b, r0->b) || r->n != r0->n ||
                    (r->g >= r0->b.first && r->g < r0->b.first + r0->n))
                    break;
                for (int32_t i = 0; i < r->n && ok && !params_unique; i++)
                    ok = stamp[r->a.first + i] != *mark;
                if (!ok)
                    break;
                for (int32_t i = 0; i < r->n && !params_unique; i++)
                    stamp[r->a.first + i] = *mark;
                e++;
            }
        }
        if (e - k >= 2) {
            const TapeRun *r0 = &p->run[out[k].b];
            if (tape_reserve((void **)&p->block, &p->capblock, p->nblock, 1, sizeof *p->block) != 0 ||
                tape_reserve((void **)&p->row, &p->caprow, p->nrow, (size_t)(e - k), sizeof *p->row) != 0) {
                free(out);
                return -1;
            }
            p->block[p->nblock] = (TapeBlock){ r0->b.first, r0->n, (int32_t)p->nrow, e - k };
            for (int32_t j = k; j < e; j++)
                p->row[p->nrow++] = (TapeRow){ p->run[out[j].b].a.first, p->run[out[j].b].g };
            out[w++] = (TapeInstr){ .v = TAPE_BLOCK, .a = TAPE_SPECIAL, .b = (NodeId)p->nblock++ };
            k = e;
        } else {
            out[w++] = out[k++];
        }
    }
    memcpy(p->ins + lo, out, (size_t)w * sizeof *out);
    p->nins = lo + (size_t)w;
    free(out);
    return 0;
}

int tape_schedule(TapeProg *p, size_t lo, NodeId first, TapeScratch *sc)
{
    const int32_t n = (int32_t)(p->nins - lo);
    const size_t sz = (size_t)(n > 0 ? n : 1);
    TapeInstr *ins = malloc(sz * sizeof *ins);
    int32_t *indeg = malloc(sz * sizeof *indeg), *order = malloc(sz * sizeof *order);
    int32_t *next = malloc(sz * sizeof *next), *group = malloc(sz * sizeof *group);
    int32_t *heaps = malloc(3 * sz * sizeof *heaps); /* single, runs, and the groups' */
    int32_t *gfirst = sc->group, *gstart = NULL; /* -1 between calls */
    uint8_t *done = calloc(sz, 1), *isready = calloc(sz, 1);
    int32_t *off = NULL, *succ = NULL;
    int params_unique = 0;
    int rc = ins && indeg && order && next && group && heaps && done && isready ? 0 : -1;
    if (rc == 0) {
        memcpy(ins, p->ins + lo, (size_t)n * sizeof *ins);
        rc = build_graph(p, ins, n, first, sc, &off, &succ, indeg, &params_unique);
    }
    if (rc == 0)
        rc = find_next_runs(p, ins, n, next);
    /* rows of linear() grouped by their input: group g's heap lives in
     * heaps[2n + gstart[g] ..] (room for all its members) */
    int32_t ngroups = 0;
    Heap *gheap = NULL;
    if (rc == 0) {
        int32_t *count = calloc(sz, sizeof *count);
        rc = count ? 0 : -1;
        for (int32_t i = 0; rc == 0 && i < n; i++) {
            group[i] = -1;
            if (ins[i].a != TAPE_SPECIAL || !rowlike(&p->run[ins[i].b], first))
                continue;
            const TapeRun *r = &p->run[ins[i].b];
            if (gfirst[r->b.first] < 0)
                gfirst[r->b.first] = i;
            const TapeRun *r0 = &p->run[ins[gfirst[r->b.first]].b];
            if (r0->n != r->n)
                continue; /* another length from the same node: not grouped */
            if (group[gfirst[r->b.first]] < 0)
                group[gfirst[r->b.first]] = ngroups++;
            group[i] = group[gfirst[r->b.first]];
            count[group[i]]++;
        }
        for (int32_t i = 0; i < n; i++) /* leave the table as it was */
            if (ins[i].a == TAPE_SPECIAL)
                gfirst[p->run[ins[i].b].b.first] = -1;
        gstart = malloc((size_t)(ngroups + 1) * sizeof *gstart);
        gheap = malloc((size_t)(ngroups > 0 ? ngroups : 1) * sizeof *gheap);
        rc = rc == 0 && gstart && gheap ? 0 : -1;
        for (int32_t g = 0, at = 0; rc == 0 && g < ngroups; g++) {
            gheap[g] = (Heap){ heaps + 2 * sz + at, 0 };
            at += count[g];
        }
        free(count);
    }
    if (rc == 0) {
        Heap single = { heaps, 0 }, runs = { heaps + sz, 0 };
        for (int32_t i = 0; i < n; i++)
            if (indeg[i] == 0) {
                isready[i] = 1;
                heap_push(ins[i].a == TAPE_SPECIAL ? &runs : &single, i);
                if (group[i] >= 0)
                    heap_push(&gheap[group[i]], i);
            }
        int32_t last = -1;
        for (int32_t k = 0; k < n; k++) {
            int32_t i = -1;
            if (last >= 0 && next[last] >= 0 && isready[next[last]] && !done[next[last]])
                i = next[last];
            if (i < 0 && last >= 0 && group[last] >= 0)
                i = heap_take(&gheap[group[last]], done);
            if (i < 0)
                i = heap_take(&single, done);
            if (i < 0)
                i = heap_take(&runs, done);
            done[i] = 1;
            order[k] = i;
            if (ins[i].a == TAPE_SPECIAL)
                last = i;
            for (int32_t q = off[i]; q < off[i + 1]; q++) {
                const int32_t j = succ[q];
                if (--indeg[j] == 0) {
                    isready[j] = 1;
                    heap_push(ins[j].a == TAPE_SPECIAL ? &runs : &single, j);
                    if (group[j] >= 0)
                        heap_push(&gheap[group[j]], j);
                }
            }
        }
        rc = rewrite(p, lo, ins, order, n, first, params_unique, sc);
    }
    free(ins);
    free(indeg);
    free(order);
    free(next);
    free(group);
    free(heaps);
    free(gstart);
    free(gheap);
    free(done);
    free(isready);
    free(off);
    free(succ);
    return rc;
}
