/* model.c: microgpt.py's gpt(), linear(), rmsnorm() and softmax() on the tape,
 * and the parameter layout and initialisation. */
#include "core/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/carve.h"

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
        w->scores = carve_take(&cv, 2 * (size_t)c->block_size, sizeof(NodeId));
        w->tmp = carve_take(&cv, big, sizeof(NodeId));
        w->xd = carve_take(&cv, big, sizeof(double));
    } while (carve_next(&cv));
    w->block = cv.base;
    return w->block ? 0 : -1;
}

void modelwork_free(ModelWork *w)
{
    free(w->block);
    memset(w, 0, sizeof *w);
}

void modelwork_reset(ModelWork *w)
{
    w->len = 0;
}

/* Tape id of parameter `j` of matrix `mx`. */
static NodeId param(const Matrix *mx, size_t j)
{
    return (NodeId)(1 + mx->off + j);
}

/* linear(x, W): for each row w: sum(w[i] * x[i] for i).
 * parity: weight first in every product, products summed as Python's sum().
 * Each row makes nodes w0*x0, (w0*x0 + 0), w1*x1, (.. + w1*x1), ...; when the
 * tape is not recording, only the row's result is stored: the backward
 * program never reads the products or the partial sums. */
static void linear(Tape *t, ModelWork *w, const Matrix *mx, const NodeId *x, NodeId *out)
{
    const int nin = mx->nin;
    if (!t->record) {
        const size_t need = (size_t)2 * nin * mx->nout;
        if ((size_t)t->len + need > (size_t)t->cap && tape_grow(t, need) != 0)
            __builtin_trap();
        const double *wd = t->data + 1 + mx->off;
        double *xd = w->xd;
        for (int i = 0; i < nin; i++)
            xd[i] = t->data[x[i]];
        for (int o = 0; o < mx->nout; o++, wd += nin) {
            double s = wd[0] * xd[0] + 0.0;
            for (int i = 1; i < nin; i++)
                s = s + wd[i] * xd[i];
            NodeId last = t->len + 2 * nin - 1;
            t->data[last] = s;
            t->len += 2 * nin;
            out[o] = last;
        }
        return;
    }
    for (int o = 0; o < mx->nout; o++) {
        NodeId w0 = param(mx, (size_t)o * (size_t)nin);
        NodeId s = tape_addc(t, tape_mul(t, w0, x[0]), 0.0);
        for (int i = 1; i < nin; i++)
            s = tape_add(t, s, tape_mul(t, w0 + i, x[i]));
        out[o] = s;
    }
}

/* rmsnorm(x): ms = sum(xi * xi) / len(x); scale = (ms + 1e-5) ** -0.5; [xi * scale].
 * parity: `/ len(x)` is `* len(x) ** -1`, and the ** are pow. */
static void rmsnorm(Tape *t, const NodeId *x, int n, NodeId *out)
{
    NodeId s = tape_addc(t, tape_mul(t, x[0], x[0]), 0.0);
    for (int i = 1; i < n; i++)
        s = tape_add(t, s, tape_mul(t, x[i], x[i]));
    NodeId ms = tape_mulc(t, s, py_pow((double)n, -1.0));
    NodeId scale = tape_powc(t, tape_addc(t, ms, 1e-5), -0.5);
    for (int i = 0; i < n; i++)
        out[i] = tape_mul(t, x[i], scale);
}

/* softmax(z) on the tape: max of the data as a constant, exp(z - max), their
 * sum, and each e * sum ** -1 (a pow node per element, as the reference does). */
static void tape_softmax(Tape *t, const NodeId *z, int n, NodeId *out)
{
    double mx = t->data[z[0]];
    for (int i = 1; i < n; i++)
        if (t->data[z[i]] > mx)
            mx = t->data[z[i]];
    /* parity: `z - max` is z + (-max); the exps are all made before their sum. */
    for (int i = 0; i < n; i++)
        out[i] = tape_exp(t, tape_addc(t, z[i], -mx));
    NodeId total = tape_sum(t, out, n);
    /* parity: e / total is e * total ** -1, a fresh pow node for every element. */
    for (int i = 0; i < n; i++)
        out[i] = tape_mul(t, out[i], tape_powc(t, total, -1.0));
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

void model_logits(const Model *m, const double *params, const double *x, double *logits)
{
    const Matrix *mx = &m->mat[MAT_LM_HEAD];
    const double *w = params + mx->off;
    for (int o = 0; o < mx->nout; o++, w += mx->nin) {
        /* parity: the same sum of products as linear() builds on the tape. */
        double s = w[0] * x[0] + 0.0;
        for (int i = 1; i < mx->nin; i++)
            s = s + w[i] * x[i];
        logits[o] = s;
    }
}

void model_forward(const Model *m, ModelWork *w, Tape *t, int token, int pos, NodeId *x_out)
{
    const ModelConfig *c = &m->cfg;
    const int e = c->n_embd, hd = e / c->n_head, T = pos + 1;
    /* parity: `/ head_dim ** 0.5` is `* (head_dim ** 0.5) ** -1`. */
    const double inv_scale = py_pow(py_pow((double)hd, 0.5), -1.0);
    const Matrix *wte = &m->mat[MAT_WTE], *wpe = &m->mat[MAT_WPE];

    for (int i = 0; i < e; i++)
        w->tmp[i] = tape_add(t, param(wte, (size_t)token * e + i), param(wpe, (size_t)pos * e + i));
    rmsnorm(t, w->tmp, e, w->x);

    for (int l = 0; l < c->n_layer; l++) {
        const Matrix *L = &m->mat[model_matrix(m, l, 0)];
        NodeId *kc = w->keys + (size_t)l * c->block_size * e;
        NodeId *vc = w->values + (size_t)l * c->block_size * e;
        memcpy(w->r, w->x, (size_t)e * sizeof(NodeId));
        rmsnorm(t, w->x, e, w->xn);
        linear(t, w, &L[MAT_WQ], w->xn, w->q);
        linear(t, w, &L[MAT_WK], w->xn, kc + (size_t)pos * e);
        linear(t, w, &L[MAT_WV], w->xn, vc + (size_t)pos * e);
        for (int h = 0; h < c->n_head; h++) {
            const int hs = h * hd;
            NodeId *sc = w->scores, *wt = w->scores + c->block_size;
            for (int s = 0; s < T; s++) {
                const NodeId *k = kc + (size_t)s * e + hs;
                NodeId d = tape_addc(t, tape_mul(t, w->q[hs], k[0]), 0.0);
                for (int j = 1; j < hd; j++)
                    d = tape_add(t, d, tape_mul(t, w->q[hs + j], k[j]));
                sc[s] = tape_mulc(t, d, inv_scale);
            }
            tape_softmax(t, sc, T, wt);
            for (int j = 0; j < hd; j++) {
                NodeId o = tape_addc(t, tape_mul(t, wt[0], vc[hs + j]), 0.0);
                for (int s = 1; s < T; s++)
                    o = tape_add(t, o, tape_mul(t, wt[s], vc[(size_t)s * e + hs + j]));
                w->att[hs + j] = o;
            }
        }
        linear(t, w, &L[MAT_WO], w->att, w->tmp);
        for (int i = 0; i < e; i++)
            w->x[i] = tape_add(t, w->tmp[i], w->r[i]);
        memcpy(w->r, w->x, (size_t)e * sizeof(NodeId));
        rmsnorm(t, w->x, e, w->xn);
        linear(t, w, &L[MAT_FC1], w->xn, w->h);
        /* parity: the course's relu() ** 2 is a pow node after the relu node. */
        if (c->activation == ACT_RELU2)
            for (int i = 0; i < 4 * e; i++)
                w->h[i] = tape_powc(t, tape_relu(t, w->h[i]), 2.0);
        else
            for (int i = 0; i < 4 * e; i++)
                w->h[i] = tape_relu(t, w->h[i]);
        linear(t, w, &L[MAT_FC2], w->h, w->tmp);
        for (int i = 0; i < e; i++)
            w->x[i] = tape_add(t, w->tmp[i], w->r[i]);
    }
    w->len = T;
    memcpy(x_out, w->x, (size_t)e * sizeof(NodeId));
}
