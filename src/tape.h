/* tape.h: the scalar autograd engine (microgpt.py's `Value`) as a tape.
 *
 * Every Value is a node: its data, its grad, and at most two children with
 * one local gradient each.  Node 0 is a sink that stands for every constant
 * operand (a plain Python number becomes a childless Value whose gradient is
 * never read); nodes [1, first) are the model's parameters; nodes from
 * `first` on are the interior nodes a forward pass appends, in creation order.
 *
 * Backward needs the reversed depth-first topological order that
 * Value.backward builds.  Its shape depends only on the model configuration,
 * so it is computed once (tape_topo) and replayed each step (tape_backward). */
#ifndef MICROGPT_TAPE_H
#define MICROGPT_TAPE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "pymath.h"

typedef int32_t NodeId;

#define TAPE_SINK 0

typedef struct {
    NodeId a, b;        /* children in Python's order; TAPE_SINK when absent or constant */
    double la, lb;      /* their local gradients, as the forward pass computed them */
} TapeNode;

typedef struct {
    double *data;
    double *grad;
    TapeNode *node;
    NodeId len;         /* nodes in use */
    NodeId cap;
    NodeId first;       /* first interior node; [1, first) are parameters */
} Tape;

/* A tape with `nparams` parameter nodes (data and grad 0) and room for `cap`
 * nodes in all (it grows when needed).  Returns 0, or -1 when out of memory. */
int tape_init(Tape *t, size_t nparams, size_t cap);
void tape_free(Tape *t);
/* Drops every interior node and zeroes their grads, keeping the parameters. */
void tape_reset(Tape *t);
/* Grows the tape for `extra` more nodes; -1 when out of memory. */
int tape_grow(Tape *t, size_t extra);

/* Appends a node and returns its id (aborts on out of memory, as Python would). */
static inline NodeId tape_push(Tape *t, double d, NodeId a, double la, NodeId b, double lb)
{
    if (t->len == t->cap && tape_grow(t, 1) != 0) __builtin_trap();
    NodeId i = t->len++;
    t->data[i] = d;
    t->node[i] = (TapeNode){ a, b, la, lb };
    return i;
}

/* The Value operations.  Each appends one node with Python's data and local
 * gradients; a `c` suffix means the second operand is a plain number. */

/* a + b: local gradients 1 and 1. */
static inline NodeId tape_add(Tape *t, NodeId a, NodeId b)
{
    return tape_push(t, t->data[a] + t->data[b], a, 1.0, b, 1.0);
}
/* a + c (also `c + a`, and `a - c` as a + (-c)). */
static inline NodeId tape_addc(Tape *t, NodeId a, double c)
{
    return tape_push(t, t->data[a] + c, a, 1.0, TAPE_SINK, 0.0);
}
/* a * b: local gradients b.data and a.data (x * x lists x twice). */
static inline NodeId tape_mul(Tape *t, NodeId a, NodeId b)
{
    double da = t->data[a], db = t->data[b];
    return tape_push(t, da * db, a, db, b, da);
}
/* a * c (also `c * a`, and -a as a * -1). */
static inline NodeId tape_mulc(Tape *t, NodeId a, double c)
{
    return tape_push(t, t->data[a] * c, a, c, TAPE_SINK, 0.0);
}
/* a ** k: data pow(a, k), local gradient k * pow(a, k - 1).
 * parity: both are Python's float `**`, never sqrt, 1/x or x*x. */
static inline NodeId tape_powc(Tape *t, NodeId a, double k)
{
    double da = t->data[a];
    return tape_push(t, py_pow(da, k), a, k * py_pow(da, k - 1.0), TAPE_SINK, 0.0);
}
/* a.log(): local gradient 1 / a (a true division, as in Value.log). */
static inline NodeId tape_log(Tape *t, NodeId a)
{
    double da = t->data[a];
    return tape_push(t, log(da), a, 1.0 / da, TAPE_SINK, 0.0);
}
/* a.exp(): local gradient exp(a). */
static inline NodeId tape_exp(Tape *t, NodeId a)
{
    double e = exp(t->data[a]);
    return tape_push(t, e, a, e, TAPE_SINK, 0.0);
}
/* a.relu(): max(0, a) (Python's int 0 behaves as +0.0), local gradient a > 0. */
static inline NodeId tape_relu(Tape *t, NodeId a)
{
    double da = t->data[a];
    int pos = da > 0.0;
    return tape_push(t, pos ? da : 0.0, a, pos ? 1.0 : 0.0, TAPE_SINK, 0.0);
}
/* sum(xs): parity: Python's sum starts from the integer 0, so the first node
 * is xs[0] + 0 and the others are added left to right. */
static inline NodeId tape_sum(Tape *t, const NodeId *xs, int n)
{
    NodeId s = tape_addc(t, xs[0], 0.0);
    for (int i = 1; i < n; i++)
        s = tape_add(t, s, xs[i]);
    return s;
}

/* Runs the chain rule over `order` (interior node ids, already reversed):
 * for each node v, for each child c: c.grad += local * v.grad.
 * parity: this is Value.backward's loop; the order of the additions into
 * each grad is the order of `order`, which is what makes the bits match. */
void tape_backward(Tape *t, const NodeId *order, size_t n);

/* Appends to out[] the interior nodes reachable from `root` that `visited`
 * does not mark yet, in depth-first post-order (children first, in order),
 * marking them; returns how many.  `visited` has one byte per node (len);
 * `stack` is scratch for 2 * len entries. */
size_t tape_topo(const Tape *t, NodeId root, uint8_t *visited, NodeId *out, NodeId *stack);

#endif
