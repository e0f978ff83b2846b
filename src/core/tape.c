/* tape.c: storage, backward pass and topological order of the autograd tape. */
#include "core/tape.h"

#include <stdlib.h>
#include <string.h>

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
    t->record = 1;
    return 0;
}

void tape_free(Tape *t)
{
    free(t->data);
    free(t->grad);
    free(t->node);
    memset(t, 0, sizeof *t);
}

void tape_drop_records(Tape *t)
{
    free(t->node);
    t->node = NULL;
    t->record = 0;
}

int tape_keep_records(Tape *t)
{
    if (!t->node)
        t->node = calloc((size_t)t->cap, sizeof *t->node);
    if (!t->node)
        return -1;
    t->record = 1;
    return 0;
}

void tape_reset(Tape *t)
{
    memset(t->grad + t->first, 0, (size_t)(t->len - t->first) * sizeof *t->grad);
    t->grad[TAPE_SINK] = 0.0;
    t->len = t->first;
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

void tape_backward(Tape *t, const NodeId *order, size_t n)
{
    double *grad = t->grad;
    const TapeNode *node = t->node;
    for (size_t i = 0; i < n; i++) {
        NodeId v = order[i];
        double g = grad[v];
        const TapeNode *nd = &node[v];
        /* parity: child a before child b, and `local * grad` as Python writes it. */
        grad[nd->a] += nd->la * g;
        grad[nd->b] += nd->lb * g;
    }
}

void tape_count_uses(const Tape *t, int32_t *uses)
{
    for (NodeId v = t->first; v < t->len; v++) {
        uses[t->node[v].a]++;
        uses[t->node[v].b]++;
    }
}

size_t tape_compile(const Tape *t, const NodeId *order, size_t n, const int32_t *uses,
                    NodeId *alias, TapeInstr *prog)
{
    const NodeId ONE = t->cap + TAPE_SINK, ZERO = TAPE_SINK;
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        NodeId v = order[i];
        const TapeNode *nd = &t->node[v];
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
        prog[out++] = p;
    }
    return out;
}

void tape_run(Tape *t, const TapeInstr *prog, size_t n)
{
    const double *vals = t->data;
    double *grad = t->grad;
    for (size_t i = 0; i < n; i++) {
        const TapeInstr *p = &prog[i];
        double g = grad[p->v];
        grad[p->a] += vals[p->la] * g;
        grad[p->b] += vals[p->lb] * g;
    }
}

size_t tape_topo(const Tape *t, NodeId root, uint8_t *visited, NodeId *out, NodeId *stack)
{
    /* Iterative form of build_topo: each stack entry is (node, next child 0..2). */
    size_t nout = 0, sp = 0;
    if (root < t->first || visited[root])
        return 0;
    visited[root] = 1;
    stack[sp++] = root;
    stack[sp++] = 0;
    while (sp) {
        NodeId v = stack[sp - 2];
        NodeId k = stack[sp - 1];
        if (k == 2) {
            out[nout++] = v;
            sp -= 2;
            continue;
        }
        stack[sp - 1] = k + 1;
        NodeId c = k == 0 ? t->node[v].a : t->node[v].b;
        if (c >= t->first && !visited[c]) {
            visited[c] = 1;
            stack[sp++] = c;
            stack[sp++] = 0;
        }
    }
    return nout;
}
