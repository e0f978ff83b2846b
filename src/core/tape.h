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
 * so it is computed once (tape_topo) on a recording pass, which also keeps
 * each node's children (TapeNode).  tape_backward() replays such an order on
 * a recorded tape, exactly as Value.backward does; tape_compile() turns it
 * into a program of TapeInstr that tape_run() replays on later passes made
 * without recording, which only write each node's data (and, for nodes whose
 * local gradient is neither 1 nor a child's data, that gradient in `lg`). */
#ifndef MICROGPT_TAPE_H
#define MICROGPT_TAPE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "core/pymath.h"

typedef int32_t NodeId;

#define TAPE_SINK 0

/* How a node's local gradients are found (for tape_compile). */
enum { TAPE_ADD, TAPE_ADDC, TAPE_MUL, TAPE_UNARY };

typedef struct {
    NodeId a, b;        /* children in Python's order; TAPE_SINK when absent or constant */
    double la, lb;      /* their local gradients, as the forward pass computed them */
    int kind;           /* TAPE_ADD ... */
} TapeNode;

typedef struct {
    double *data;       /* [cap]; data[TAPE_SINK] stays 0 */
    double *lg;         /* [cap] = data + cap: local gradient of TAPE_UNARY nodes; lg[TAPE_SINK] stays 1 */
    double *grad;
    TapeNode *node;     /* written only while `record` is set */
    NodeId len;         /* nodes in use */
    NodeId cap;
    NodeId first;       /* first interior node; [1, first) are parameters */
    int record;         /* keep each node's children and local gradients (default 1) */
} Tape;

/* One step of a compiled backward: grad[a] += vals[la] * grad[v];
 * grad[b] += vals[lb] * grad[v], where vals is data followed by lg. */
typedef struct {
    NodeId v, a, b, la, lb;
} TapeInstr;

/* A tape with `nparams` parameter nodes (data and grad 0) and room for `cap`
 * nodes in all (it grows when needed).  Returns 0, or -1 when out of memory. */
int tape_init(Tape *t, size_t nparams, size_t cap);
void tape_free(Tape *t);
/* Stops recording and frees the records (children, local gradients). */
void tape_drop_records(Tape *t);
/* Allocates the records again and starts recording; -1 when out of memory. */
int tape_keep_records(Tape *t);
/* Drops every interior node and zeroes their grads, keeping the parameters. */
void tape_reset(Tape *t);
/* Grows the tape for `extra` more nodes; -1 when out of memory. */
int tape_grow(Tape *t, size_t extra);

/* Appends a node and returns its id (aborts on out of memory, as Python would). */
static inline NodeId tape_push(Tape *t, int kind, double d, NodeId a, double la, NodeId b, double lb)
{
    if (t->len == t->cap && tape_grow(t, 1) != 0)
        __builtin_trap();
    NodeId i = t->len++;
    t->data[i] = d;
    if (kind == TAPE_UNARY)
        t->lg[i] = la;
    if (t->record)
        t->node[i] = (TapeNode){ a, b, la, lb, kind };
    return i;
}

/* The Value operations.  Each appends one node with Python's data and local
 * gradients; a `c` suffix means the second operand is a plain number. */

/* a + b: local gradients 1 and 1. */
static inline NodeId tape_add(Tape *t, NodeId a, NodeId b)
{
    return tape_push(t, TAPE_ADD, t->data[a] + t->data[b], a, 1.0, b, 1.0);
}
/* a + c (also `c + a`, and `a - c` as a + (-c)). */
static inline NodeId tape_addc(Tape *t, NodeId a, double c)
{
    return tape_push(t, TAPE_ADDC, t->data[a] + c, a, 1.0, TAPE_SINK, 0.0);
}
/* a * b: local gradients b.data and a.data (x * x lists x twice). */
static inline NodeId tape_mul(Tape *t, NodeId a, NodeId b)
{
    double da = t->data[a], db = t->data[b];
    return tape_push(t, TAPE_MUL, da * db, a, db, b, da);
}
/* a * c (also `c * a`, and -a as a * -1). */
static inline NodeId tape_mulc(Tape *t, NodeId a, double c)
{
    return tape_push(t, TAPE_UNARY, t->data[a] * c, a, c, TAPE_SINK, 0.0);
}
/* a ** k: data pow(a, k), local gradient k * pow(a, k - 1).
 * parity: both are Python's float `**`, never sqrt, 1/x or x*x. */
static inline NodeId tape_powc(Tape *t, NodeId a, double k)
{
    double da = t->data[a];
    return tape_push(t, TAPE_UNARY, py_pow(da, k), a, k * py_pow(da, k - 1.0), TAPE_SINK, 0.0);
}
/* a.log(): local gradient 1 / a (a true division, as in Value.log). */
static inline NodeId tape_log(Tape *t, NodeId a)
{
    double da = t->data[a];
    return tape_push(t, TAPE_UNARY, log(da), a, 1.0 / da, TAPE_SINK, 0.0);
}
/* a.exp(): local gradient exp(a). */
static inline NodeId tape_exp(Tape *t, NodeId a)
{
    double e = exp(t->data[a]);
    return tape_push(t, TAPE_UNARY, e, a, e, TAPE_SINK, 0.0);
}
/* a.relu(): max(0, a) (Python's int 0 behaves as +0.0), local gradient a > 0. */
static inline NodeId tape_relu(Tape *t, NodeId a)
{
    double da = t->data[a];
    int pos = da > 0.0;
    return tape_push(t, TAPE_UNARY, pos ? da : 0.0, a, pos ? 1.0 : 0.0, TAPE_SINK, 0.0);
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

/* Compiles `order` (reversed, as for tape_backward) on a recorded tape into
 * prog (room for n) and returns its length.  The program stays valid while
 * the tape's cap is unchanged.  With `uses` (how many nodes consume each node,
 * nodes read from outside the tape counted too) and `alias` (one entry per
 * node, zeroed), a node whose only consumer is a sum takes that sum's grad
 * instead of a copy of it (0 + g), so sums vanish from the program; only the
 * sign of a zero gradient can differ, which no later step can see. */
size_t tape_compile(const Tape *t, const NodeId *order, size_t n, const int32_t *uses,
                    NodeId *alias, TapeInstr *prog);
/* Counts, for every node, the interior nodes that have it as a child (into
 * uses, one entry per node, zeroed by the caller). */
void tape_count_uses(const Tape *t, int32_t *uses);
/* Runs a compiled backward on a pass made with the same shape as the recording.
 * parity: the same additions in the same order as tape_backward. */
void tape_run(Tape *t, const TapeInstr *prog, size_t n);

/* Appends to out[] the interior nodes reachable from `root` that `visited`
 * does not mark yet, in depth-first post-order (children first, in order),
 * marking them; returns how many.  `visited` has one byte per node (len);
 * `stack` is scratch for 2 * len entries. */
size_t tape_topo(const Tape *t, NodeId root, uint8_t *visited, NodeId *out, NodeId *stack);

#endif
