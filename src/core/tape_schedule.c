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
 * the compiled order (heaps keep each kind's ready instructions).
 *
 * To keep this cheap, the input vector of rows of linear() counts as one
 * gradient: an instruction that touches any of its nodes is taken to touch
 * them all.  That only adds edges (orders more than needed), so any order
 * of the graph stays exact. */
#include "core/tape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/tape_kernel.h"

/* The gradient a node stands for in the graph: its input vector's first
 * node when it belongs to one taken as a whole (see above), else itself. */
static inline NodeId node_of(const TapeScratch *sc, NodeId x)
{
    return sc->repgen[x] == sc->segment ? sc->rep[x] : x;
}

/* The gradient instruction `in` reads (one), in the graph's terms. */
static NodeId instr_read(const TapeProg *p, const TapeInstr *in, const TapeScratch *sc)
{
    return node_of(sc, in->a != TAPE_SPECIAL ? in->v : p->run[in->b].g); /* only runs exist before blocks */
}

/* 1 if run r's b operand is an input vector taken as a whole, exactly. */
static int whole_b(const TapeRun *r, const TapeScratch *sc)
{
    const NodeId f = r->b.first;
    return r->b.step == 1 && r->lo == 0 && r->hi == r->n - 1 && sc->repgen[f] == sc->segment &&
           sc->rep[f] == f && sc->replen[f] == r->n;
}

/* The gradients `in` adds into (into w[], at most 2 + 2 * products):
 * params 1, the parameters' only (as they are); params 0, the others (in
 * the graph's terms, a whole input vector as its first node); no sink. */
static int instr_writes(const TapeProg *p, const TapeInstr *in, NodeId *w, NodeId first, int params,
                        const TapeScratch *sc)
{
    int n = 0;
    if (in->a != TAPE_SPECIAL) {
        if (in->a != TAPE_SINK && (in->a < first) == params)
            w[n++] = params ? in->a : node_of(sc, in->a);
        if (in->b != TAPE_SINK && (in->b < first) == params)
            w[n++] = params ? in->b : node_of(sc, in->b);
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
        if (s == 1 && !params && whole_b(r, sc)) {
            w[n++] = r->b.first;
            continue;
        }
        for (int32_t i = r->lo; i <= r->hi; i++) {
            const NodeId id = tape_vec_id(v, p->ids, i);
            if ((id < first) == params)
                w[n++] = params ? id : node_of(sc, id);
        }
    }
    return n;
}

/* Takes the input vectors of whole rows of linear() as whole gradients
 * (rep), each vector once; a vector overlapping one already taken stays
 * node by node. */
static void take_inputs(const TapeProg *p, const TapeInstr *ins, int32_t n, NodeId first, TapeScratch *sc)
{
    for (int32_t i = 0; i < n; i++) {
        if (ins[i].a != TAPE_SPECIAL)
            continue;
        const TapeRun *r = &p->run[ins[i].b];
        if (r->ordered || r->b.step != 1 || r->b.first < first || r->lo != 0 || r->hi != r->n - 1 || whole_b(r, sc))
            continue;
        const NodeId f = r->b.first;
        int free_ = 1;
        for (int32_t k = 0; k < r->n && free_; k++)
            free_ = sc->repgen[f + k] != sc->segment;
        if (!free_)
            continue;
        for (int32_t k = 0; k < r->n; k++) {
            sc->repgen[f + k] = sc->segment;
            sc->rep[f + k] = f;
        }
        sc->replen[f] = r->n;
    }
}

typedef struct {
    int32_t from, to;
} Edge;

typedef struct {
    int32_t instr, next;
} Reader;

/* 1 if no parameter gets two additions in the segment, else 0: every
 * parameter an instruction adds into is stamped (a run's contiguous weights
 * as one stretch); a stamp already there is a second addition. */
static int params_disjoint(const TapeProg *p, const TapeInstr *ins, int32_t n, NodeId first, NodeId *w,
                           TapeScratch *sc)
{
    const int32_t mark = ++sc->mark;
    int32_t *stamp = sc->stamp;
    int ok = 1;
    for (int32_t i = 0; i < n && ok; i++) {
        const TapeRun *r = ins[i].a == TAPE_SPECIAL ? &p->run[ins[i].b] : NULL;
        if (r && r->a.step == 1 && r->a.first + r->hi < first && r->b.step != TAPE_LISTED &&
            r->b.first + r->lo * r->b.step >= first && r->b.first + r->hi * r->b.step >= first) {
            for (NodeId a = r->a.first + r->lo; a <= r->a.first + r->hi; a++) {
                ok &= stamp[a] != mark;
                stamp[a] = mark;
            }
            continue;
        }
        const int nw = instr_writes(p, &ins[i], w, first, 1, NULL);
        for (int k = 0; k < nw; k++) {
            ok &= stamp[w[k]] != mark;
            stamp[w[k]] = mark;
        }
    }
    return ok;
}

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
    int32_t *last = sc->last, *head = sc->head, *gen = sc->gen; /* valid where gen is this segment's */
    const int32_t segment = sc->segment;
    NodeId *w = malloc((size_t)maxw * sizeof *w);
    Reader *pool = malloc((size_t)(n > 0 ? n : 1) * sizeof *pool);
    int32_t *seen = malloc((size_t)(n > 0 ? n : 1) * sizeof *seen); /* seen[j] == i: edge j -> i made */
    Edge *e = NULL;
    size_t ne = 0, cape = 0;
    int rc = w && pool && seen ? 0 : -1;
    const int unique = rc == 0 && params_disjoint(p, ins, n, first, w, sc); /* then left out */
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
#define TOUCH(x)                 \
    do {                         \
        if (gen[x] != segment) { \
            gen[x] = segment;    \
            last[x] = -1;        \
            head[x] = -1;        \
        }                        \
    } while (0)
    for (int32_t i = 0; rc == 0 && i < n; i++) {
        const NodeId r = instr_read(p, &ins[i], sc);
        if (r != TAPE_SINK) {
            TOUCH(r);
            if (last[r] >= 0)
                EDGE(last[r], i);
            pool[i] = (Reader){ i, head[r] };
            head[r] = i;
        }
        int nw = instr_writes(p, &ins[i], w, first, 0, sc);
        if (!unique)
            nw += instr_writes(p, &ins[i], w + nw, first, 1, sc);
        for (int k = 0; rc == 0 && k < nw; k++) {
            const NodeId a = w[k];
            TOUCH(a);
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
#undef TOUCH
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

/* For every run instruction, the instruction of the run that continues its
 * dot (TapeRun.cont), or -1. */
static int find_next_runs(const TapeProg *p, const TapeInstr *ins, int32_t n, int32_t *next)
{
    int32_t r0 = INT32_MAX, r1 = 0;
    for (int32_t i = 0; i < n; i++) {
        next[i] = -1;
        if (ins[i].a == TAPE_SPECIAL) {
            r0 = ins[i].b < r0 ? ins[i].b : r0;
            r1 = ins[i].b + 1 > r1 ? ins[i].b + 1 : r1;
        }
    }
    if (r1 <= r0)
        return 0;
    int32_t *at = malloc((size_t)(r1 - r0) * sizeof *at); /* run -> its instruction */
    if (!at)
        return -1;
    memset(at, 0xff, (size_t)(r1 - r0) * sizeof *at);
    for (int32_t i = 0; i < n; i++)
        if (ins[i].a == TAPE_SPECIAL)
            at[ins[i].b - r0] = i;
    for (int32_t i = 0; i < n; i++)
        if (ins[i].a == TAPE_SPECIAL) {
            const int32_t c = p->run[ins[i].b].cont;
            next[i] = c >= r0 && c < r1 ? at[c - r0] : -1;
        }
    free(at);
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
    int32_t *gfirst = sc->group; /* -1 between calls */
    uint8_t *done = calloc(sz, 1), *isready = calloc(sz, 1);
    int32_t *off = NULL, *succ = NULL;
    int params_unique = 0;
    int rc = ins && indeg && order && next && group && heaps && done && isready ? 0 : -1;
    if (rc == 0) {
        memcpy(ins, p->ins + lo, (size_t)n * sizeof *ins);
        sc->segment++; /* a new segment: the per-node tables start afresh */
        take_inputs(p, ins, n, first, sc);
        rc = build_graph(p, ins, n, first, sc, &off, &succ, indeg, &params_unique);
    }
    if (rc == 0)
        rc = find_next_runs(p, ins, n, next);
    /* rows of linear() grouped by their input: the groups' heaps share
     * heaps[2n ..], each with room for all its members */
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
        for (int32_t i = 0; i < n; i++) /* leave the table as it was (only rows set it: another run's b
                                            * may be no node, an index into the id list) */
            if (ins[i].a == TAPE_SPECIAL && rowlike(&p->run[ins[i].b], first))
                gfirst[p->run[ins[i].b].b.first] = -1;
        gheap = malloc((size_t)(ngroups > 0 ? ngroups : 1) * sizeof *gheap);
        rc = rc == 0 && gheap ? 0 : -1;
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
    free(gheap);
    free(done);
    free(isready);
    free(off);
    free(succ);
    return rc;
}
