/* tape.c: storage, backward pass and topological order of the autograd tape. */
#include "tape.h"

#include <stdlib.h>
#include <string.h>

int tape_init(Tape *t, size_t nparams, size_t cap)
{
    memset(t, 0, sizeof *t);
    if (cap < nparams + 1)
        cap = nparams + 1;
    if (cap > INT32_MAX)
        return -1;
    t->data = calloc(cap, sizeof *t->data);
    t->grad = calloc(cap, sizeof *t->grad);
    t->node = calloc(cap, sizeof *t->node);
    if (!t->data || !t->grad || !t->node) {
        tape_free(t);
        return -1;
    }
    t->cap = (NodeId)cap;
    t->first = (NodeId)(nparams + 1);
    t->len = t->first;
    return 0;
}

void tape_free(Tape *t)
{
    free(t->data);
    free(t->grad);
    free(t->node);
    memset(t, 0, sizeof *t);
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
    double *d = realloc(t->data, cap * sizeof *d);
    if (!d)
        return -1;
    t->data = d;
    double *g = realloc(t->grad, cap * sizeof *g);
    if (!g)
        return -1;
    t->grad = g;
    TapeNode *n = realloc(t->node, cap * sizeof *n);
    if (!n)
        return -1;
    t->node = n;
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
