/* tape.h: the scalar autograd engine (microgpt.py's `Value`) as a tape.
 *
 * Every Value is a node: its data, its grad, and at most two children with
 * one local gradient each.  Node 0 is a sink that stands for every constant
 * operand (a plain Python number becomes a childless Value whose gradient is
 * never read); nodes [1, first) are the model's parameters; nodes from
 * `first` on are the interior nodes a forward pass appends.
 *
 * A sum of products, sum(a[i] * b[i] for i) (a row of linear(), an attention
 * score or output, rmsnorm's sum of squares), is 2n Values in the reference.
 * A tape in TAPE_FULL mode records all of them, exactly the reference's
 * graph; in TAPE_COMPACT and TAPE_DATA modes it is one node, a dot, whose
 * data is computed with the same operations in the same order.
 *
 * Backward needs the reversed depth-first topological order that
 * Value.backward builds.  Its shape depends only on the model configuration,
 * so it is computed once (tape_topo) on a recording pass.  tape_backward()
 * replays that order on a TAPE_FULL tape exactly as Value.backward does.
 * tape_compile() turns the order of a TAPE_COMPACT recording into a program
 * (TapeProg) that tape_run() replays on later passes made in TAPE_DATA mode,
 * which number the nodes as the compact recording did but store only each
 * node's data (and, for nodes whose local gradient is neither 1 nor a
 * child's data, that gradient in `lg`).  In the reference's order a dot's
 * products are visited one after the other, from the last to the first,
 * each with the same upstream gradient, so the program holds them as runs
 * (TapeRun) that the kernels execute as loops: the products of a run touch
 * distinct gradients (checked when compiling), so running them side by side
 * changes no bit. */
#ifndef MICROGPT_TAPE_H
#define MICROGPT_TAPE_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "core/pymath.h"

typedef int32_t NodeId;

#define TAPE_SINK 0

/* How a node's local gradients are found (for tape_compile). */
enum { TAPE_ADD, TAPE_ADDC, TAPE_MUL, TAPE_UNARY, TAPE_DOT };

/* What a tape records of a forward pass. */
typedef enum {
    TAPE_DATA,      /* the data only (and lg): a pass the compiled backward replays */
    TAPE_COMPACT,   /* also every node's children; a sum of products is one dot node */
    TAPE_FULL,      /* every Value of the reference, node by node (for tape_backward) */
} TapeMode;

typedef struct {
    NodeId a, b;        /* children in Python's order; TAPE_SINK when absent or constant;
                           TAPE_DOT: a is the index of its TapeDot */
    double la, lb;      /* their local gradients, as the forward pass computed them */
    int kind;           /* TAPE_ADD ... */
} TapeNode;

/* A vector of node ids: first, first + step, first + 2 step ...; or, when
 * step is TAPE_LISTED, ids[first], ids[first + 1] ... of an id list. */
typedef struct {
    NodeId first;
    int32_t step;
} TapeVec;
#define TAPE_LISTED INT32_MIN

/* A dot node's operands: sum(a[i] * b[i] for i in range(n)); listed ids are in Tape.ids. */
typedef struct {
    TapeVec a, b;
    int32_t n;
} TapeDot;

typedef struct {
    double *data;       /* [cap]; data[TAPE_SINK] stays 0 */
    double *lg;         /* [cap] = data + cap: local gradient of TAPE_UNARY nodes; lg[TAPE_SINK] stays 1 */
    double *grad;
    TapeNode *node;     /* [cap], in TAPE_COMPACT and TAPE_FULL modes */
    TapeDot *dot;       /* the dots of a TAPE_COMPACT recording */
    NodeId *ids;        /* their listed operands */
    size_t ndot, capdot, nids, capids;
    NodeId len;         /* nodes in use */
    NodeId cap;
    NodeId first;       /* first interior node; [1, first) are parameters */
    TapeMode mode;      /* default TAPE_FULL */
} Tape;

/* A tape with `nparams` parameter nodes (data and grad 0) and room for `cap`
 * nodes in all (it grows when needed), in TAPE_FULL mode.  Returns 0, or -1
 * when out of memory. */
int tape_init(Tape *t, size_t nparams, size_t cap);
void tape_free(Tape *t);
/* Switches mode, allocating or freeing the records; -1 when out of memory
 * (the mode is then TAPE_DATA).  Takes effect from the next tape_reset. */
int tape_set_mode(Tape *t, TapeMode mode);
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
    if (t->mode != TAPE_DATA)
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
/* A node with data d = a ** k and local gradient lg = k * a ** (k - 1), both
 * computed by the caller (who may share them between equal operands). */
static inline NodeId tape_powv(Tape *t, NodeId a, double d, double lg)
{
    return tape_push(t, TAPE_UNARY, d, a, lg, TAPE_SINK, 0.0);
}
/* a ** k: data pow(a, k), local gradient k * pow(a, k - 1).
 * parity: both are Python's float `**`, never sqrt, 1/x or x*x. */
static inline NodeId tape_powc(Tape *t, NodeId a, double k)
{
    double da = t->data[a];
    return tape_powv(t, a, py_pow(da, k), k * py_pow(da, k - 1.0));
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

/* sum(a[i] * b[i] for i in range(n)), n >= 1: parity: the products a[i] * b[i]
 * (a first) summed as Python's sum() does, from the integer 0, left to
 * right.  TAPE_FULL records the 2n nodes; the other modes one dot node. */
NodeId tape_dot(Tape *t, const NodeId *a, const NodeId *b, int n);
/* `rows` dots in a row, in TAPE_DATA or TAPE_COMPACT mode: dot r is
 * sum(w[r][i] * x[i]), w[r][i] the parameter node w0 + r * n + i (a row of
 * linear()).  Returns the first one's id; the caller writes their data. */
NodeId tape_rows(Tape *t, NodeId w0, int rows, const NodeId *x, int n);

/* ---- the order of the backward pass ------------------------------------- */

/* One step of the depth-first post-order: node v (lo < 0), or the products
 * lo .. hi of dot v, in that order, with nothing between them. */
typedef struct {
    NodeId v;
    int32_t lo, hi;
} TapeEvent;

/* A growable list of events. */
typedef struct {
    TapeEvent *ev;
    size_t n, cap;
} TapeOrder;

/* Appends to out the interior nodes (and dot products) reachable from
 * `root` that `visited` does not mark yet, in depth-first post-order
 * (children first, in order; a dot's operands a[i], b[i], then its product
 * i), marking them.  `visited` has one byte per node (len); `stack` is
 * scratch for 2 * len entries.  Returns -1 when out of memory, else 0. */
int tape_topo(const Tape *t, NodeId root, uint8_t *visited, TapeOrder *out, int32_t *stack);
void tape_order_free(TapeOrder *o);

/* Runs the chain rule over order->ev[lo .. hi) in reverse (the reversed
 * topological order) on a TAPE_FULL tape: for each node v, for each child c:
 * c.grad += local * v.grad.
 * parity: this is Value.backward's loop; the order of the additions into
 * each grad is the order of `order`, which is what makes the bits match. */
void tape_backward(Tape *t, const TapeOrder *order, size_t lo, size_t hi);

/* ---- the compiled backward ---------------------------------------------- */

/* One step of a compiled backward: grad[a] += vals[la] * grad[v];
 * grad[b] += vals[lb] * grad[v], where vals is data followed by lg.  When a
 * is TAPE_SPECIAL, v says what (TAPE_RUN, TAPE_BLOCK) and b which one. */
typedef struct {
    NodeId v, a, b, la, lb;
} TapeInstr;
#define TAPE_SPECIAL (-1)
enum { TAPE_RUN, TAPE_BLOCK };

/* Products hi down to lo of a dot of n: grad[a[i]] += data[b[i]] * grad[g];
 * grad[b[i]] += data[a[i]] * grad[g].  Listed ids are in TapeProg.ids.
 * `ordered`: some id repeats (other than a[i] == b[i] for all i, rmsnorm's
 * squares), so the products must run one by one, in that order. */
typedef struct {
    NodeId g;
    TapeVec a, b;
    int32_t lo, hi, n;
    int32_t ordered;
    int32_t cont;       /* the run of the same dot with products just below, or -1 */
} TapeRun;

/* Whole rows of linear() with one input x (n contiguous nodes from x),
 * one after the other: for each row r, in order, every product of
 * grad[a0 + i] += data[x + i] * grad[g]; grad[x + i] += data[a0 + i] * grad[g]
 * (row r's a0 and g are rows[first + r]).  The rows' weights are distinct
 * parameters, so x's gradients get the rows' additions in the rows' order
 * whatever else runs side by side. */
typedef struct {
    NodeId x;
    int32_t n, first, count;
} TapeBlock;
typedef struct {
    NodeId a0, g;
} TapeRow;

typedef struct {
    TapeInstr *ins;
    TapeRun *run;
    NodeId *ids;
    TapeBlock *block;
    TapeRow *row;
    size_t nins, capins, nrun, caprun, nids, capids, nblock, capblock, nrow, caprow;
} TapeProg;

/* Per-node scratch for compiling and scheduling the segments of one
 * recording: tables of `len` entries that each call leaves as it found them. */
typedef struct {
    int32_t *stamp;         /* marks of distinctness checks (mark counts up) */
    int32_t *last, *head;   /* tape_schedule's last writer and reader list of each node ... */
    int32_t *gen;           /* ... valid where gen is the segment's number (segment counts up) */
    int32_t *group;         /* -1 between calls: tape_schedule's row groups by input */
    int32_t *dotrun;        /* -1 between calls: tape_compile's last run of each dot */
    int32_t *rep, *repgen;  /* tape_schedule: the input vector a node is taken as a whole with (rep), */
    int32_t *replen;        /* where repgen is the segment's number; replen: that vector's length */
    int32_t mark, segment;
} TapeScratch;
int tape_scratch_init(TapeScratch *s, NodeId len);
void tape_scratch_free(TapeScratch *s);

/* Compiles order->ev[lo .. hi) in reverse, from a TAPE_COMPACT (or
 * TAPE_FULL) recording, appending to prog; -1 when out of memory.  The
 * program stays valid while the tape's cap is unchanged.  `uses` (how many
 * nodes consume each node, nodes read from outside the tape counted too)
 * and `alias` (one entry per node, zeroed) let a node whose only consumer is
 * a sum take that sum's grad instead of a copy of it (0 + g), so sums vanish
 * from the program; only the sign of a zero gradient can differ, which no
 * later step can see. */
int tape_compile(const Tape *t, const TapeOrder *order, size_t lo, size_t hi, const int32_t *uses,
                 NodeId *alias, TapeScratch *scratch, TapeProg *prog);
void tape_prog_free(TapeProg *p);
/* Counts, for every node, the interior nodes that have it as a child (a
 * dot's operands included) into uses, one entry per node, zeroed by the
 * caller; -1 when out of memory. */
int tape_count_uses(const Tape *t, int32_t *uses);
/* Rows of weights times one input x (n contiguous nodes from x), one after
 * the other, as a block runs them: for row r, every product of
 * grad[a0[r] + i] += data[x + i] * g; grad[x + i] += data[a0[r] + i] * g,
 * with g = gval[r], or grad[rows[r].g] when gval is NULL (a0 is rows[r].a0).
 * For the trainer's head too, whose rows share the last residual stream. */
void tape_rows_grad(Tape *t, NodeId x, int32_t n, const TapeRow *rows, const double *gval, int32_t count);

/* Reorders instructions [lo, p->nins) (the segment just compiled) keeping
 * every gradient's sequence of reads and additions (so no bit changes): a
 * dot's runs come together and merge, and rows of linear() that share their
 * input come together as blocks.  `first` is the tape's first interior
 * node.  Returns 0, or -1 when out of memory. */
int tape_schedule(TapeProg *p, size_t lo, NodeId first, TapeScratch *scratch);
/* Runs instructions [lo, hi) of a compiled backward on a TAPE_DATA pass made
 * with the same shape as the recording.
 * parity: the same additions, into each grad in the same order, as tape_backward. */
void tape_run(Tape *t, const TapeProg *p, size_t lo, size_t hi);

#endif
