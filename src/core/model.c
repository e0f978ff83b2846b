/* model.c: microgpt.py's gpt(), linear(), rmsnorm() and softmax() on the tape,
 * and the parameter layout and initialisation. */
#include "core/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/carve.h"
#include "core/fastpow.h"
#include "core/model_kernel.h"
#include "core/simd.h"

static const char *const layer_names[MAT_PER_LAYER] = {
    "attn_wq", "attn_wk", "attn_wv", "attn_wo", "mlp_fc1", "mlp_fc2",
};

static void set_matrix(Matrix *mx, const char *name, int nout, int nin, double std, size_t *off)
{
    snprintf(mx->name, sizeof mx->name, "%s", name);
    mx->nout = nout;
    mx->nin = nin;
    mx->std = std;
    mx->off = *off;
    *off += (size_t)nout * (size_t)nin;
}

int model_init(Model *m, ModelConfig c, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    if (c.vocab_size < 2 || c.n_embd < 1 || c.n_head < 1 || c.n_layer < 1 || c.block_size < 1) {
        snprintf(err, errlen, "model sizes must be positive");
        return -1;
    }
    if (!(c.init_std >= 0.0 && isfinite(c.init_std))) {
        snprintf(err, errlen, "the initialisation std must be a finite number >= 0");
        return -1;
    }
    if (c.n_embd % c.n_head != 0) {
        snprintf(err, errlen, "--n-embd (%d) must be divisible by --n-head (%d)", c.n_embd, c.n_head);
        return -1;
    }
    m->cfg = c;
    m->nmat = MAT_GLOBAL + MAT_PER_LAYER * c.n_layer;
    m->mat = calloc((size_t)m->nmat, sizeof *m->mat);
    if (!m->mat) {
        snprintf(err, errlen, "out of memory");
        return -2;
    }
    size_t off = 0;
    int e = c.n_embd;
    const double std = c.init_std, proj_std = c.zero_init_proj ? 0.0 : c.init_std;
    set_matrix(&m->mat[MAT_WTE], "wte", c.vocab_size, e, std, &off);
    set_matrix(&m->mat[MAT_WPE], "wpe", c.block_size, e, std, &off);
    set_matrix(&m->mat[MAT_LM_HEAD], "lm_head", c.vocab_size, e, std, &off);
    for (int l = 0; l < c.n_layer; l++) {
        static const int rows[MAT_PER_LAYER] = { 1, 1, 1, 1, 4, 1 };
        static const int cols[MAT_PER_LAYER] = { 1, 1, 1, 1, 1, 4 };
        for (int k = 0; k < MAT_PER_LAYER; k++) {
            char name[24];
            snprintf(name, sizeof name, "layer%d.%s", l, layer_names[k]);
            set_matrix(&m->mat[MAT_GLOBAL + MAT_PER_LAYER * l + k], name, rows[k] * e, cols[k] * e,
                       (k == MAT_WO || k == MAT_FC2) ? proj_std : std, &off);
        }
    }
    m->nparams = off;
    /* parity: `/ len(x)` is `* len(x) ** -1`; `/ head_dim ** 0.5` is `* (head_dim ** 0.5) ** -1`. */
    m->inv_embd = py_pow((double)e, -1.0);
    m->inv_sqrt_hd = py_pow(py_pow((double)(e / c.n_head), 0.5), -1.0);
    return 0;
}

void model_free(Model *m)
{
    free(m->mat);
    memset(m, 0, sizeof *m);
}

int model_matrix(const Model *m, int layer, int which)
{
    int i = layer < 0 ? which : MAT_GLOBAL + MAT_PER_LAYER * layer + which;
    return i < m->nmat ? i : -1;
}

int model_param_at(const Model *m, size_t index, int *row, int *col)
{
    for (int i = 0; i < m->nmat; i++) {
        const Matrix *mx = &m->mat[i];
        const size_t cnt = (size_t)mx->nout * (size_t)mx->nin;
        if (index >= mx->off && index < mx->off + cnt) {
            *row = (int)((index - mx->off) / (size_t)mx->nin);
            *col = (int)((index - mx->off) % (size_t)mx->nin);
            return i;
        }
    }
    return -1;
}

void model_param_name(const Model *m, size_t index, char *buf, size_t len)
{
    int row, col, i = model_param_at(m, index, &row, &col);
    if (i < 0)
        snprintf(buf, len, "?");
    else
        snprintf(buf, len, "%s[%d][%d]", m->mat[i].name, row, col);
}

int model_param_parse(const Model *m, const char *text, size_t *index, char *err, size_t errlen)
{
    char t[64];
    size_t k = 0;
    for (const char *p = text; *p && k + 1 < sizeof t; p++)
        if (*p != ' ')
            t[k++] = *p;
    t[k] = '\0';
    char *br = strchr(t, '[');
    int row, col;
    char end;
    if (!br || sscanf(br, "[%d][%d]%c", &row, &col, &end) != 2) {
        snprintf(err, errlen, "'%.40s' is not MATRIX[ROW][COL], e.g. lm_head[4][0]", text);
        return -1;
    }
    *br = '\0';
    for (int i = 0; i < m->nmat; i++) {
        const Matrix *mx = &m->mat[i];
        const char *name = mx->name;
        /* "attn_wq" stands for "layer0.attn_wq" in a one-layer model */
        if (strcmp(name, t) != 0 && !(m->cfg.n_layer == 1 && strncmp(name, "layer0.", 7) == 0 &&
                                      strcmp(name + 7, t) == 0))
            continue;
        if (row < 0 || row >= mx->nout || col < 0 || col >= mx->nin) {
            snprintf(err, errlen, "%s is %d x %d: rows 0-%d, columns 0-%d", name, mx->nout, mx->nin,
                     mx->nout - 1, mx->nin - 1);
            return -1;
        }
        *index = mx->off + (size_t)row * (size_t)mx->nin + (size_t)col;
        return 0;
    }
    snprintf(err, errlen, "no matrix '%.30s' (wte, wpe, lm_head, %sattn_wq ... mlp_fc2)", t,
             m->cfg.n_layer == 1 ? "" : "layer0.");
    return -1;
}

void model_init_params(const Model *m, Rng *rng, double *params)
{
    for (int i = 0; i < m->nmat; i++) {
        const Matrix *mx = &m->mat[i];
        size_t n = (size_t)mx->nout * (size_t)mx->nin;
        for (size_t j = 0; j < n; j++)
            params[mx->off + j] = rng_gauss(rng, 0.0, mx->std);
    }
}

double model_graph_nodes(const ModelConfig *c, int positions)
{
    const double E = c->n_embd, H = c->n_head, L = c->n_layer, P = positions;
    const double rms = 3 * E + 3;   /* E squares, E sum nodes, mean, + eps, ** -0.5, E products */
    /* per layer and position: rmsnorm, q k v (2E^2 each), attention over T
     * cached positions (T (4E + 6H)), attn_wo (2E^2), residual (E), rmsnorm,
     * mlp_fc1 (8E^2), relu and ** 2 (8E) or relu alone (4E), mlp_fc2 (8E^2),
     * residual (E) */
    const double act = c->activation == ACT_RELU2 ? 8 * E : 4 * E;
    const double layer = rms + 6 * E * E + 2 * E * E + E + rms + 8 * E * E + act + 8 * E * E + E;
    const double attn_per_t = 4 * E + 6 * H;
    return P * (E + rms) + L * (P * layer + attn_per_t * P * (P + 1) / 2);
}

double model_tape_nodes(const ModelConfig *c, int positions)
{
    const double E = c->n_embd, H = c->n_head, L = c->n_layer, P = positions;
    const double rms = E + 4;       /* the sum of squares (a dot), mean, + eps, ** -0.5, E products */
    /* per layer and position: rmsnorm, q k v (E dots each), the heads'
     * outputs (E dots), attn_wo (E dots), residual (E), rmsnorm, mlp_fc1 (4E
     * dots), relu and ** 2 (8E) or relu alone (4E), mlp_fc2 (E dots), residual
     * (E); per head and cached position: the score (a dot and the scaling)
     * and softmax (5). */
    const double act = c->activation == ACT_RELU2 ? 8 * E : 4 * E;
    const double layer = rms + 3 * E + E + E + E + rms + 4 * E + act + E + E;
    return P * (E + rms) + L * (P * layer + 7 * H * P * (P + 1) / 2);
}

int modelwork_init(ModelWork *w, const Model *m)
{
    const ModelConfig *c = &m->cfg;
    size_t e = (size_t)c->n_embd;
    size_t cache = (size_t)c->n_layer * (size_t)c->block_size * e;
    size_t big = 4 * e > (size_t)c->vocab_size ? 4 * e : (size_t)c->vocab_size;
    Carve cv = CARVE_INIT;
    memset(w, 0, sizeof *w);
    do {
        w->keys = carve_take(&cv, cache, sizeof(NodeId));
        w->values = carve_take(&cv, cache, sizeof(NodeId));
        w->x = carve_take(&cv, e, sizeof(NodeId));
        w->r = carve_take(&cv, e, sizeof(NodeId));
        w->xn = carve_take(&cv, e, sizeof(NodeId));
        w->q = carve_take(&cv, e, sizeof(NodeId));
        w->k = carve_take(&cv, e, sizeof(NodeId));
        w->v = carve_take(&cv, e, sizeof(NodeId));
        w->att = carve_take(&cv, e, sizeof(NodeId));
        w->h = carve_take(&cv, big, sizeof(NodeId));
        w->scores = carve_take(&cv, (size_t)c->n_head * (size_t)c->block_size, sizeof(NodeId));
        w->wt = carve_take(&cv, (size_t)c->n_head * (size_t)c->block_size, sizeof(NodeId));
        w->vcol = carve_take(&cv, (size_t)c->block_size, sizeof(NodeId));
        w->wid = carve_take(&cv, 4 * e, sizeof(NodeId));
        w->tmp = carve_take(&cv, big, sizeof(NodeId));
        w->xd = carve_take(&cv, big, sizeof(double));
        w->trans = carve_take(&cv, m->nparams, sizeof(double));
    } while (carve_next(&cv));
    w->block = cv.base;
    return w->block ? 0 : -1;
}

void modelwork_free(ModelWork *w)
{
    free(w->block);
    memset(w, 0, sizeof *w);
}

/* The data of out = W x (one sum of products per row), as linear() computes it. */
static void matvec(const double *wd, const double *x, int nout, int nin, double *out)
{
    for (int o = 0; o < nout; o++, wd += nin) {
        /* parity: w[0] * x[0] + 0, then + w[i] * x[i] left to right: Python's sum(). */
        double s = wd[0] * x[0] + 0.0;
        for (int i = 1; i < nin; i++)
            s = s + wd[i] * x[i];
        out[o] = s;
    }
}

void modelwork_reset(ModelWork *w)
{
    w->len = 0;
    w->trans_ready = 0;
}

void modelwork_load(ModelWork *w, const Model *m, const double *params)
{
#if SIMD_HAVE_AVX2
    w->trans_ready = simd_level() == SIMD_AVX2;
    if (!w->trans_ready)
        return;
    for (int k = 0; k < m->nmat; k++) {
        const Matrix *mx = &m->mat[k];
        if (k == MAT_WTE || k == MAT_WPE)
            continue; /* read a row at a time, never multiplied */
        transpose_avx2(params + mx->off, mx->nout, mx->nin, w->trans + mx->off);
    }
#else
    (void)m;
    (void)params;
    w->trans_ready = 0; /* the portable kernel reads the rows as they are */
#endif
}

/* The data of out = W x for matrix mx: the AVX2 kernel on the transposed
 * copy when it is loaded, else the rows one by one. */
static void matrix_times(const ModelWork *w, const Matrix *mx, const double *params, const double *x, double *out)
{
#if SIMD_HAVE_AVX2
    if (w->trans_ready) {
        matvec_t_avx2(w->trans + mx->off, x, mx->nout, mx->nin, out);
        return;
    }
#else
    (void)w;
#endif
    matvec(params + mx->off, x, mx->nout, mx->nin, out);
}

/* Tape id of parameter `j` of matrix `mx`. */
static NodeId param(const Matrix *mx, size_t j)
{
    return (NodeId)(1 + mx->off + j);
}

/* linear(x, W): for each row w: sum(w[i] * x[i] for i).
 * parity: weight first in every product, products summed as Python's sum();
 * a compact tape computes the rows' data with the same operations. */
static void linear(Tape *t, ModelWork *w, const Matrix *mx, const NodeId *x, NodeId *out)
{
    const int nin = mx->nin, nout = mx->nout;
    const NodeId w0 = param(mx, 0);
    if (t->mode == TAPE_FULL) {
        for (int o = 0; o < nout; o++) {
            for (int i = 0; i < nin; i++)
                w->wid[i] = w0 + o * nin + i;
            out[o] = tape_dot(t, w->wid, x, nin);
        }
        return;
    }
    const NodeId first = tape_rows(t, w0, nout, x, nin);
    for (int i = 0; i < nin; i++)
        w->xd[i] = t->data[x[i]];
    matrix_times(w, mx, t->data + 1, w->xd, t->data + first);
    for (int o = 0; o < nout; o++)
        out[o] = first + o;
}

/* rmsnorm(x): ms = sum(xi * xi) / len(x); scale = (ms + 1e-5) ** -0.5; [xi * scale].
 * parity: `/ len(x)` is `* len(x) ** -1`, and the ** are pow. */
static void rmsnorm(const Model *m, Tape *t, const NodeId *x, int n, NodeId *out)
{
    NodeId s = tape_dot(t, x, x, n);
    NodeId ms = tape_mulc(t, s, m->inv_embd);
    NodeId scale = tape_powc(t, tape_addc(t, ms, 1e-5), -0.5);
    for (int i = 0; i < n; i++)
        out[i] = tape_mul(t, x[i], scale);
}

/* softmax(z) on the tape: max of the data as a constant, exp(z - max), their
 * sum, and each e * sum ** -1 (a pow node per element, as the reference does). */
static void tape_softmax(Tape *t, const NodeId *z, int n, NodeId *pw, NodeId *out)
{
    double mx = t->data[z[0]];
    for (int i = 1; i < n; i++)
        if (t->data[z[i]] > mx)
            mx = t->data[z[i]];
    /* parity: `z - max` is z + (-max); the exps are all made before their sum. */
    for (int i = 0; i < n; i++)
        out[i] = tape_exp(t, tape_addc(t, z[i], -mx));
    NodeId total = tape_sum(t, out, n);
    /* parity: e / total is e * total ** -1, a fresh pow node for every element
     * (its data pow(total, -1) and local gradient -1 * pow(total, -2) are the
     * same numbers each time, so they are computed once). */
    const double dt = t->data[total];
    const double inv = py_pow(dt, -1.0), lg = -1.0 * py_pow(dt, -2.0);
    for (int i = 0; i < n; i++)
        pw[i] = tape_powv(t, total, inv, lg);
    for (int i = 0; i < n; i++)
        out[i] = tape_mul(t, out[i], pw[i]);
}

double softmax_data(const double *z, int n, double *e, double *p)
{
    double mx = z[0];
    for (int i = 1; i < n; i++)
        if (z[i] > mx)
            mx = z[i];
    for (int i = 0; i < n; i++)
        e[i] = exp(z[i] + -mx);
    /* parity: sum() from the integer 0, then e * total ** -1 per element. */
    double total = e[0] + 0.0;
    for (int i = 1; i < n; i++)
        total = total + e[i];
    double inv = py_pow(total, -1.0);
    for (int i = 0; i < n; i++)
        p[i] = e[i] * inv;
    return total;
}

void model_logits(const Model *m, const ModelWork *w, const double *params, const double *x, double *logits)
{
    /* parity: the same sum of products as linear() builds on the tape. */
    matrix_times(w, &m->mat[MAT_LM_HEAD], params, x, logits);
}

/* The MLP's activation on the hidden vector h (in place): relu(x), and for
 * the course's relu(x) ** 2 a pow node after each relu node.  All relu
 * nodes first, then all powers: the same nodes as the reference makes
 * element by element, numbered so that the powers are contiguous.
 * parity: relu(x) ** 2 is pow(r, 2.0) with local gradient 2.0 * pow(r, 1.0),
 * both Python's `**`, here through fastpow's exact fast path. */
static void activation(Tape *t, NodeId *h, int n, Activation act)
{
    const FastPowMode mode = fastpow_mode();
    for (int i = 0; i < n; i++)
        h[i] = tape_relu(t, h[i]);
    if (act != ACT_RELU2)
        return;
    for (int i = 0; i < n; i++) {
        const double r = t->data[h[i]];
        h[i] = tape_powv(t, h[i], fastpow_sq(r, mode), 2.0 * fastpow_one(r, mode));
    }
}

void model_forward(const Model *m, ModelWork *w, Tape *t, int token, int pos, NodeId *x_out)
{
    const ModelConfig *c = &m->cfg;
    const int e = c->n_embd, H = c->n_head, hd = e / H, T = pos + 1, B = c->block_size;
    const Matrix *wte = &m->mat[MAT_WTE], *wpe = &m->mat[MAT_WPE];

    for (int i = 0; i < e; i++)
        w->tmp[i] = tape_add(t, param(wte, (size_t)token * e + i), param(wpe, (size_t)pos * e + i));
    rmsnorm(m, t, w->tmp, e, w->x);

    for (int l = 0; l < c->n_layer; l++) {
        const Matrix *L = &m->mat[model_matrix(m, l, 0)];
        NodeId *kc = w->keys + (size_t)l * B * e;
        NodeId *vc = w->values + (size_t)l * B * e;
        memcpy(w->r, w->x, (size_t)e * sizeof(NodeId));
        rmsnorm(m, t, w->x, e, w->xn);
        linear(t, w, &L[MAT_WQ], w->xn, w->q);
        linear(t, w, &L[MAT_WK], w->xn, kc + (size_t)pos * e);
        linear(t, w, &L[MAT_WV], w->xn, vc + (size_t)pos * e);
        /* Each head's scores and softmax, then each head's outputs: the
         * heads are independent, so this order changes no value; it makes
         * the outputs (the input of attn_wo) contiguous nodes. */
        for (int h = 0; h < H; h++) {
            NodeId *sc = w->scores + (size_t)h * B;
            for (int s = 0; s < T; s++) {
                /* parity: q . k as sum(q[j] * k[j]), then `/ head_dim ** 0.5`
                 * as `* (head_dim ** 0.5) ** -1`. */
                NodeId d = tape_dot(t, w->q + h * hd, kc + (size_t)s * e + h * hd, hd);
                sc[s] = tape_mulc(t, d, m->inv_sqrt_hd);
            }
            tape_softmax(t, sc, T, w->vcol, w->wt + (size_t)h * B);
            if (w->attn)    /* a copy for whoever looks inside (core/probe.h) */
                for (int s = 0; s < T; s++)
                    w->attn[model_attn_index(c, l, h, pos, s)] = t->data[w->wt[(size_t)h * B + s]];
        }
        for (int h = 0; h < H; h++) {
            for (int j = 0; j < hd; j++) {
                for (int s = 0; s < T; s++)
                    w->vcol[s] = vc[(size_t)s * e + h * hd + j];
                w->att[h * hd + j] = tape_dot(t, w->wt + (size_t)h * B, w->vcol, T);
            }
        }
        linear(t, w, &L[MAT_WO], w->att, w->tmp);
        for (int i = 0; i < e; i++)
            w->x[i] = tape_add(t, w->tmp[i], w->r[i]);
        memcpy(w->r, w->x, (size_t)e * sizeof(NodeId));
        rmsnorm(m, t, w->x, e, w->xn);
        linear(t, w, &L[MAT_FC1], w->xn, w->h);
        activation(t, w->h, 4 * e, c->activation);
        linear(t, w, &L[MAT_FC2], w->h, w->tmp);
        for (int i = 0; i < e; i++)
            w->x[i] = tape_add(t, w->tmp[i], w->r[i]);
    }
    w->len = T;
    memcpy(x_out, w->x, (size_t)e * sizeof(NodeId));
}
