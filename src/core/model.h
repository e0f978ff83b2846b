/* model.h: the GPT of microgpt.py: its configuration, parameter layout,
 * initialisation and forward pass, built on the autograd tape. */
#ifndef MICROGPT_MODEL_H
#define MICROGPT_MODEL_H

#include <stddef.h>

#include "core/rng.h"
#include "core/tape.h"

/* The MLP's activation: the course's relu(x) ** 2, or the gist's relu(x). */
typedef enum { ACT_RELU2, ACT_RELU } Activation;

typedef struct {
    int vocab_size;
    int n_embd;
    int n_head;
    int n_layer;
    int block_size;
    double init_std;        /* every matrix is drawn with gauss(0, init_std) ... */
    int zero_init_proj;     /* ... except attn_wo and mlp_fc2 at std 0 when set (draws still made) */
    Activation activation;  /* of the MLP */
} ModelConfig;

/* The matrices of the state dict, in creation order:
 * wte, wpe, lm_head, then per layer attn_wq, attn_wk, attn_wv, attn_wo, mlp_fc1, mlp_fc2. */
enum { MAT_WTE, MAT_WPE, MAT_LM_HEAD, MAT_GLOBAL };
enum { MAT_WQ, MAT_WK, MAT_WV, MAT_WO, MAT_FC1, MAT_FC2, MAT_PER_LAYER };

typedef struct {
    char name[24];      /* as in the state dict: "wte", "layer0.attn_wq", ... */
    size_t off;         /* index of its first value in the flat parameter list */
    int nout, nin;      /* rows, values per row */
    double std;         /* initialisation std (0 for attn_wo and mlp_fc2 when zero_init_proj) */
} Matrix;

typedef struct {
    ModelConfig cfg;
    int nmat;
    Matrix *mat;        /* MAT_GLOBAL + MAT_PER_LAYER * n_layer of them */
    size_t nparams;
    double inv_embd;        /* n_embd ** -1 (rmsnorm's mean) */
    double inv_sqrt_hd;     /* (head_dim ** 0.5) ** -1 (the attention scores' scale) */
} Model;

/* Per-sequence attention caches and per-call scratch for the forward pass. */
typedef struct {
    NodeId *keys, *values;  /* [n_layer][block_size][n_embd] */
    int len;                /* positions cached so far */
    NodeId *x, *r, *xn, *q, *k, *v, *att, *h, *tmp;
    NodeId *scores, *wt;    /* [n_head][block_size]: the heads' scores and softmax weights */
    NodeId *vcol;           /* [block_size]: one column of the values (and softmax scratch) */
    NodeId *wid;            /* [4 n_embd]: a row's weight ids (TAPE_FULL) */
    double *xd;             /* a linear layer's input values */
    double *attn;           /* NULL, or where model_forward writes each head's attention
                             * weights (see model_attn_index); set by the caller */
    double *trans;          /* [nparams]: each matrix of linear() and lm_head transposed, at its offset */
    int trans_ready;        /* trans holds the parameters of this sequence (modelwork_load) */
    void *block;            /* the one allocation the above are carved from */
} ModelWork;

/* Checks the configuration (sizes positive, n_embd divisible by n_head,
 * init_std finite and >= 0) and lays out the parameters.  Returns 0, or with
 * a message in err -1 (the configuration is refused) or -2 (out of memory). */
int model_init(Model *m, ModelConfig cfg, char *err, size_t errlen);
void model_free(Model *m);
/* Index of matrix `which` of layer `layer` (MAT_WQ...), or of a global one (layer -1). */
int model_matrix(const Model *m, int layer, int which);
/* The matrix holding parameter `index` (its row and column in *row, *col),
 * or -1 when index is past the last parameter. */
int model_param_at(const Model *m, size_t index, int *row, int *col);
/* A parameter's name: "lm_head[4][0]", "layer0.attn_wq[3][15]" ("?" past
 * the last). */
void model_param_name(const Model *m, size_t index, char *buf, size_t len);
/* The parameter a name names, as model_param_name writes it (the "layer0."
 * of a one-layer model may be left out; spaces are ignored) into *index.
 * Returns 0, or -1 with a one-line message in err. */
int model_param_parse(const Model *m, const char *text, size_t *index, char *err, size_t errlen);

/* Draws every parameter with gauss(0, std) in creation order, row by row,
 * into params[0 .. nparams) (std-0 draws still consume the generator). */
void model_init_params(const Model *m, Rng *rng, double *params);

/* How many tape nodes the forward bodies of positions 0 .. positions-1 make
 * in TAPE_FULL mode (the reference's Values: what model_forward appends), as
 * a double so that huge sizes do not wrap. */
double model_graph_nodes(const ModelConfig *c, int positions);
/* The same in TAPE_COMPACT and TAPE_DATA modes (a sum of products is one node). */
double model_tape_nodes(const ModelConfig *c, int positions);

int modelwork_init(ModelWork *w, const Model *m);
void modelwork_free(ModelWork *w);
/* Empties the attention caches (a new sequence); forgets modelwork_load. */
void modelwork_reset(ModelWork *w);
/* The parameters of the sequence that follows (after modelwork_reset), for
 * the fast kernels: the matrices transposed when the AVX2 kernels run.
 * Without it (or on a recording tape) the forward reads the parameters from
 * the tape as they are: the same results, more slowly. */
void modelwork_load(ModelWork *w, const Model *m, const double *params);

/* Where model_forward puts the weight head h of layer l gives cached position
 * s (<= pos) at position pos in ModelWork.attn: the array holds n_layer *
 * n_head * block_size * block_size doubles (row pos: its pos + 1 weights). */
static inline size_t model_attn_index(const ModelConfig *c, int l, int h, int pos, int s)
{
    return (((size_t)l * (size_t)c->n_head + (size_t)h) * (size_t)c->block_size + (size_t)pos) *
           (size_t)c->block_size + (size_t)s;
}

/* The body of gpt(token_id, pos_id, keys, values): appends the forward pass of
 * one token up to the last residual stream to the tape (parameters are tape
 * nodes 1 + index) and writes the ids of its n_embd nodes to x_out.  pos must
 * equal the number of cached positions.  With w->attn set, each head's
 * softmax weights over the positions so far are copied there as well. */
void model_forward(const Model *m, ModelWork *w, Tape *t, int token, int pos, NodeId *x_out);

/* The head of gpt(): logits = linear(x, lm_head), on plain numbers (the
 * trainer does its backward by hand, see train.c); w's transposed lm_head
 * when loaded. */
void model_logits(const Model *m, const ModelWork *w, const double *params, const double *x, double *logits);

/* softmax(z) on plain numbers, as the reference computes its data: the max as
 * a constant, e = exp(z - max), total = sum(e), p = e * total ** -1.
 * Writes e and p (either may alias z); returns total. */
double softmax_data(const double *z, int n, double *e, double *p);

#endif
