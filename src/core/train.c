/* train.c: one iteration of the reference's training loop.
 *
 * The body of the model (embedding to last residual stream) runs on the
 * autograd tape.  The head (lm_head, softmax, -log p) runs on plain numbers
 * and its backward is written out by hand: the reference's topological order
 * there depends on the target token, and spelling it out is both exact and
 * cheaper than replaying a graph.  See docs/architecture.md. */
#include "core/train.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/carve.h"
#include "core/fastpow.h"
#include "core/gradnorm.h"

TrainConfig train_config_variant(Variant v)
{
    TrainConfig c;
    memset(&c, 0, sizeof c);
    c.model = (ModelConfig){ .vocab_size = 0, .n_embd = 16, .n_head = 4, .n_layer = 1, .block_size = 8,
                             .init_std = 0.02, .zero_init_proj = 1, .activation = ACT_RELU2 };
    c.adam = (AdamConfig){ .lr = 0.01, .beta1 = 0.9, .beta2 = 0.95, .eps = 1e-8, .num_steps = 500,
                           .schedule = LR_COSINE };
    c.seed = 42;
    c.shuffle = 1;
    c.temperature = 0.5;
    if (v == VARIANT_GIST) {
        c.model.block_size = 16;
        c.model.init_std = 0.08;
        c.model.zero_init_proj = 0;
        c.model.activation = ACT_RELU;
        c.adam.beta1 = 0.85;
        c.adam.beta2 = 0.99;
        c.adam.schedule = LR_LINEAR;
        c.adam.num_steps = 1000;
    }
    return c;
}

TrainConfig train_config_default(void)
{
    return train_config_variant(VARIANT_COURSE);
}

AdamConfig train_adam_at(const TrainConfig *c, int step)
{
    return changes_adam(&c->changes, &c->adam, step);
}

double train_lr_at(const TrainConfig *c, int step)
{
    AdamConfig a = train_adam_at(c, step);
    return adam_lr(&a, step);
}

double train_lr_peak(const TrainConfig *c)
{
    double peak = c->adam.lr;
    for (int i = 0; i < c->changes.count; i++)
        if ((c->changes.at[i].set & CHANGE_LR) && c->changes.at[i].value[0] > peak)
            peak = c->changes.at[i].value[0];
    return peak;
}

double train_temperature_at(const TrainConfig *c, int step)
{
    return changes_temperature(&c->changes, c->temperature, step);
}

static int same_adam(const AdamConfig *a, const AdamConfig *b)
{
    return a->lr == b->lr && a->beta1 == b->beta1 && a->beta2 == b->beta2 && a->eps == b->eps &&
           a->num_steps == b->num_steps && a->schedule == b->schedule;
}

/* The same data order and the same initial model. */
static int same_start(const TrainConfig *a, const TrainConfig *b)
{
    const ModelConfig *x = &a->model, *y = &b->model;
    return a->seed == b->seed && a->shuffle == b->shuffle && x->n_embd == y->n_embd &&
           x->n_head == y->n_head && x->n_layer == y->n_layer && x->block_size == y->block_size &&
           x->init_std == y->init_std && x->zero_init_proj == y->zero_init_proj &&
           x->activation == y->activation;
}

int train_config_diverge(const TrainConfig *a, const TrainConfig *b)
{
    if (!same_start(a, b))
        return 0;
    /* the settings change only at 0 and at the steps of either list */
    int step = 0, ia = 0, ib = 0;
    for (;;) {
        AdamConfig p = train_adam_at(a, step), q = train_adam_at(b, step);
        if (!same_adam(&p, &q))
            return step;
        while (ia < a->changes.count && a->changes.at[ia].step <= step)
            ia++;
        while (ib < b->changes.count && b->changes.at[ib].step <= step)
            ib++;
        int na = ia < a->changes.count ? a->changes.at[ia].step : INT_MAX;
        int nb = ib < b->changes.count ? b->changes.at[ib].step : INT_MAX;
        step = na < nb ? na : nb;
        if (step == INT_MAX)
            return INT_MAX;
    }
}

int train_config_is_variant(const TrainConfig *c, Variant v)
{
    const TrainConfig d = train_config_variant(v);
    return c->changes.count == 0 && c->temperature == d.temperature &&
           train_config_diverge(c, &d) == INT_MAX;
}

const double *trainer_params(const Trainer *t) { return t->tape.data + 1; }
const double *trainer_grads(const Trainer *t) { return t->tape.grad + 1; }

static void free_orders(Trainer *t)
{
    tape_order_free(&t->order);
    tape_prog_free(&t->prog);
    free(t->seg);
    free(t->emb);
    t->seg = NULL;
    t->emb = NULL;
}

/* Finds, in position pos's instructions, the n_embd that add wte[0][i] (the
 * recording used token 0); trainer_backward points them at the step's row. */
static int find_embedding(Trainer *t, int pos)
{
    const int e = t->model.cfg.n_embd;
    const NodeId wte0 = (NodeId)(1 + t->model.mat[MAT_WTE].off);
    size_t k = 0;
    for (size_t i = t->seg[2 * pos]; i < t->seg[2 * pos + 1]; i++) {
        const NodeId a = t->prog.ins[i].a;
        if (a >= wte0 && a < wte0 + e) {
            t->emb[(size_t)pos * e + (a - wte0)] = i;
            k++;
        }
    }
    return k == (size_t)e ? 0 : -1;
}

/* Records the body of every position once and finds, per position, the
 * depth-first order of its new nodes as Value.backward would visit them
 * (position 0's loss is reached first, then position 1's...).  Within a
 * position the body is entered through the last residual stream, element
 * 0 first: that part of the order does not depend on the data.  The
 * reference walk keeps the order of the full graph; otherwise the order of
 * a compact recording is compiled, each position's program from the last
 * position to the first (the order the backward runs them, so a node's
 * consumers are always compiled before it), and the tape then records data
 * only. */
static int build_orders(Trainer *t)
{
    const ModelConfig *c = &t->model.cfg;
    const int e = c->n_embd, B = c->block_size;
    free_orders(t);
    if (tape_set_mode(&t->tape, t->reference ? TAPE_FULL : TAPE_COMPACT) != 0)
        return -1;
    tape_reset(&t->tape);
    modelwork_reset(&t->work);
    for (int pos = 0; pos < B; pos++)
        model_forward(&t->model, &t->work, &t->tape, 0, pos, t->xf + (size_t)pos * e);
    const size_t len = (size_t)t->tape.len;
    uint8_t *visited = calloc(len, 1);
    int32_t *stack = malloc(2 * len * sizeof *stack);
    int32_t *uses = calloc(len, sizeof *uses);
    NodeId *alias = calloc(len, sizeof *alias);
    TapeScratch scratch;
    const int scratch_ok = tape_scratch_init(&scratch, (NodeId)len) == 0;
    size_t *ev = malloc(2 * (size_t)B * sizeof *ev);
    t->seg = malloc(2 * (size_t)B * sizeof *t->seg);
    t->emb = malloc((size_t)B * e * sizeof *t->emb);
    int rc = visited && stack && uses && alias && scratch_ok && ev && t->seg && t->emb ? 0 : -1;
    if (rc == 0 && (rc = tape_count_uses(&t->tape, uses)) == 0) {
        for (size_t i = 0; i < (size_t)B * e; i++)
            uses[t->xf[i]]++; /* the last residual stream also feeds lm_head */
    }
    for (int pos = 0; rc == 0 && pos < B; pos++) {
        ev[2 * pos] = t->order.n;
        for (int j = 0; rc == 0 && j < e; j++)
            rc = tape_topo(&t->tape, t->xf[(size_t)pos * e + j], visited, &t->order, stack);
        ev[2 * pos + 1] = t->order.n;
    }
    if (t->reference && rc == 0)
        memcpy(t->seg, ev, 2 * (size_t)B * sizeof *ev);
    for (int pos = B - 1; !t->reference && rc == 0 && pos >= 0; pos--) {
        t->seg[2 * pos] = t->prog.nins;
        rc = tape_compile(&t->tape, &t->order, ev[2 * pos], ev[2 * pos + 1], uses, alias, &scratch, &t->prog);
        if (rc == 0)
            rc = tape_schedule(&t->prog, t->seg[2 * pos], t->tape.first, &scratch);
        t->seg[2 * pos + 1] = t->prog.nins;
        if (rc == 0)
            rc = find_embedding(t, pos);
    }
    free(visited);
    free(stack);
    free(uses);
    free(alias);
    tape_scratch_free(&scratch);
    free(ev);
    tape_reset(&t->tape);
    if (!t->reference) {
        tape_order_free(&t->order); /* only the program is needed from now on */
        if (tape_set_mode(&t->tape, TAPE_DATA) != 0)
            rc = -1;
    }
    return rc;
}

int trainer_set_reference(Trainer *t, int on)
{
    t->reference = on;
    return build_orders(t);
}

int trainer_check(const TrainConfig *cfg, const Dataset *ds, char *err, size_t errlen)
{
    ModelConfig c = cfg->model;
    c.vocab_size = (int)ds->nchars + 1;
    Model m;
    int rc = model_init(&m, c, err, errlen);
    if (rc != 0)
        return rc;
    const double nodes = model_graph_nodes(&c, c.block_size);
    const double total = nodes + (double)m.nparams;
    model_free(&m);
    if (total > TRAIN_MAX_NODES) {
        snprintf(err, errlen, "model too large: %.0f autograd nodes per step (at most %d); "
                 "use a smaller --n-embd, --n-layer or --block-size", nodes, TRAIN_MAX_NODES);
        return -1;
    }
    return 0;
}

int trainer_init(Trainer *t, Dataset *ds, const TrainConfig *cfg, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    int rc = trainer_check(cfg, ds, err, errlen);
    if (rc != 0)
        return rc;
    t->ds = ds;
    t->cfg = *cfg;
    t->cfg.model.vocab_size = (int)ds->nchars + 1;
    if ((rc = model_init(&t->model, t->cfg.model, err, errlen)) != 0)
        return rc;
    const ModelConfig *c = &t->model.cfg;
    const size_t V = (size_t)c->vocab_size, B = (size_t)c->block_size, E = (size_t)c->n_embd;

    /* The fast powers' check of the libm runs now, at start-up (fastpow.h). */
    (void)fastpow_mode();
    /* The reference: random.seed(seed); random.shuffle(docs); then the matrices. */
    rng_seed(&t->rng, cfg->seed);
    if (cfg->shuffle)
        rng_shuffle(&t->rng, ds->docs, ds->count, sizeof *ds->docs);

    if (tape_init(&t->tape, t->model.nparams, t->model.nparams + 1 + (size_t)model_tape_nodes(c, c->block_size)) != 0)
        goto oom;
    model_init_params(&t->model, &t->rng, t->tape.data + 1);
    Carve cv = CARVE_INIT;
    do {
        t->m = carve_take(&cv, t->model.nparams, sizeof *t->m);
        t->v = carve_take(&cv, t->model.nparams, sizeof *t->v);
        t->xf = carve_take(&cv, B * E, sizeof *t->xf);
        t->xd = carve_take(&cv, B * E, sizeof *t->xd);
        t->e = carve_take(&cv, B * V, sizeof *t->e);
        t->total = carve_take(&cv, B, sizeof *t->total);
        t->info.tokens = carve_take(&cv, B + 1, sizeof *t->info.tokens);
        t->info.logits = carve_take(&cv, B * V, sizeof *t->info.logits);
        t->info.probs = carve_take(&cv, B * V, sizeof *t->info.probs);
        t->info.pos_loss = carve_take(&cv, B, sizeof *t->info.pos_loss);
        t->info.grad_norm = carve_take(&cv, (size_t)t->model.nmat, sizeof *t->info.grad_norm);
        t->head_rows = carve_take(&cv, V, sizeof *t->head_rows);
        t->head_g = carve_take(&cv, V, sizeof *t->head_g);
    } while (carve_next(&cv));
    t->block = cv.base;
    if (!t->block)
        goto oom;
    if (modelwork_init(&t->work, &t->model) != 0 || build_orders(t) != 0)
        goto oom;
    t->info.step = -1;
    t->follow_auto = 1;
    return 0;
oom:
    trainer_free(t);
    snprintf(err, errlen, "out of memory");
    return -2;
}

int trainer_fork(Trainer *t, const Trainer *from, const TrainConfig *cfg, char *err, size_t errlen)
{
    if (!same_start(&from->cfg, cfg) || cfg->adam.num_steps != from->cfg.adam.num_steps) {
        snprintf(err, errlen, "a branch keeps the seed, the data order, the model and the steps");
        return -1;
    }
    TrainConfig c = *cfg;
    c.shuffle = 0;      /* the docs are already in from's order */
    if (trainer_init(t, from->ds, &c, err, errlen) != 0)
        return -1;
    t->cfg.shuffle = cfg->shuffle;
    const size_t n = t->model.nparams;
    t->step = from->step;
    t->rng = from->rng;
    memcpy(t->tape.data + 1, from->tape.data + 1, n * sizeof *t->m);
    memcpy(t->m, from->m, n * sizeof *t->m);
    memcpy(t->v, from->v, n * sizeof *t->v);
    return 0;
}

void trainer_free(Trainer *t)
{
    free_orders(t);
    free(t->block);
    modelwork_free(&t->work);
    tape_free(&t->tape);
    model_free(&t->model);
    memset(t, 0, sizeof *t);
}

void trainer_forward(Trainer *t)
{
    const ModelConfig *c = &t->model.cfg;
    const int V = c->vocab_size, E = c->n_embd, B = c->block_size, BOS = V - 1;
    StepInfo *in = &t->info;
    const double *params = t->tape.data + 1;

    /* doc = docs[step % len(docs)]; tokens = [BOS] + ids + [BOS]; n = min(block_size, len(tokens) - 1) */
    in->step = t->step;
    in->doc = (size_t)t->step % t->ds->count;
    in->doc_chars = dataset_encode(t->ds, in->doc, in->tokens + 1, (size_t)B);
    in->tokens[0] = BOS;
    in->n = in->doc_chars + 1 < (size_t)B ? (int)in->doc_chars + 1 : B;
    if ((size_t)in->n == in->doc_chars + 1)
        in->tokens[in->n] = BOS;

    tape_reset(&t->tape);
    modelwork_reset(&t->work);
    modelwork_load(&t->work, &t->model, params);
    double sum = 0.0;
    for (int pos = 0; pos < in->n; pos++) {
        NodeId *xf = t->xf + (size_t)pos * E;
        double *xd = t->xd + (size_t)pos * E;
        double *logits = in->logits + (size_t)pos * V, *probs = in->probs + (size_t)pos * V;
        model_forward(&t->model, &t->work, &t->tape, in->tokens[pos], pos, xf);
        for (int j = 0; j < E; j++)
            xd[j] = t->tape.data[xf[j]];
        model_logits(&t->model, &t->work, params, xd, logits);
        t->total[pos] = softmax_data(logits, V, t->e + (size_t)pos * V, probs);
        /* parity: loss_t = -probs[target].log() is log(p) * -1. */
        in->pos_loss[pos] = log(probs[in->tokens[pos + 1]]) * -1.0;
        /* parity: sum(losses) from the integer 0. */
        sum = pos == 0 ? in->pos_loss[0] + 0.0 : sum + in->pos_loss[pos];
    }
    /* parity: loss = (1 / n) * sum(losses). */
    in->loss = sum * (1.0 / in->n);
    in->adam = train_adam_at(&t->cfg, t->step);  /* with the changes assigned up to this step */
    in->lr_t = adam_lr(&in->adam, t->step);
    if (t->follow_auto)
        t->follow = t->model.mat[MAT_LM_HEAD].off + (size_t)in->tokens[1] * (size_t)E;
    in->follow_index = t->follow;
    t->phase = TRAIN_FORWARD_DONE;
}

/* The backward of one lm_head row: e_k -> (z_k - max) -> z_k, then the sum of
 * products from its last term to its first.  parity: the reference reaches
 * these nodes in exactly this order; each grad starts at 0. */
/* The upstream gradient of lm_head row k's products at position pos, given
 * the gradient ge of its exp: e_k -> (z_k - max) -> z_k, then the running
 * sum of products passes it on (0 + g, the same at every product).
 * parity: the reference reaches these nodes in exactly this order; each
 * grad starts at 0. */
static double head_row_g(const Trainer *t, int pos, int k, double ge)
{
    const int V = t->model.cfg.vocab_size;
    const double ga = 0.0 + t->e[(size_t)pos * V + k] * ge; /* exp: local exp(a) */
    const double g = 0.0 + 1.0 * ga;                        /* a = z + (-max): local 1 */
    return 0.0 + g;
}

/* The head of position pos: -log p[target] back to the logits and to the last
 * residual stream.  In the reference's reversed topological order: the loss
 * term, log, p[target], total ** -1, total; then the running sum of the exps
 * from the last to the first, each non-target row right after its term; the
 * target's row last, since the body was first reached through it.  Each row
 * is the products of sum(w[j] * x[j]) from the last to the first (w first):
 * every w[j] once, x[j] once per row in the rows' order, so the rows run as
 * one block over the last residual stream (tape_rows_grad). */
static void head_backward(Trainer *t, int pos, double g_loss)
{
    const int V = t->model.cfg.vocab_size, E = t->model.cfg.n_embd;
    const StepInfo *in = &t->info;
    const int tgt = in->tokens[pos + 1];
    const double p = in->probs[(size_t)pos * V + tgt];
    const double e_tgt = t->e[(size_t)pos * V + tgt];
    const double total = t->total[pos];
    const NodeId w0 = (NodeId)(1 + t->model.mat[MAT_LM_HEAD].off);
    double g_log = 0.0 + -1.0 * g_loss;                 /* loss_t = log(p) * -1 */
    double g_p = 0.0 + (1.0 / p) * g_log;               /* log: local 1 / p */
    double g_etgt = 0.0 + py_pow(total, -1.0) * g_p;    /* p = e * inv: e first */
    double g_inv = 0.0 + e_tgt * g_p;
    double g_sum = 0.0 + (-1.0 * py_pow(total, -2.0)) * g_inv; /* inv = total ** -1 */
    int32_t r = 0;
    for (int k = V - 1; k >= 0; k--) {
        if (k == tgt) {
            g_etgt += 1.0 * g_sum;
        } else {
            t->head_rows[r] = (TapeRow){ w0 + (NodeId)(k * E), TAPE_SINK };
            t->head_g[r++] = head_row_g(t, pos, k, 0.0 + 1.0 * g_sum);
        }
        g_sum = 0.0 + 1.0 * g_sum;
    }
    t->head_rows[r] = (TapeRow){ w0 + (NodeId)(tgt * E), TAPE_SINK };
    t->head_g[r++] = head_row_g(t, pos, tgt, g_etgt);
    const NodeId *xf = t->xf + (size_t)pos * E;
    int contiguous = 1;
    for (int j = 1; j < E; j++)
        contiguous &= xf[j] == xf[0] + j;
    if (contiguous) {
        tape_rows_grad(&t->tape, xf[0], E, t->head_rows, t->head_g, r);
        return;
    }
    double *grad = t->tape.grad;
    const double *d = t->tape.data;
    for (int32_t k = 0; k < r; k++)
        for (int j = E - 1; j >= 0; j--) {
            grad[t->head_rows[k].a0 + j] += d[xf[j]] * t->head_g[k]; /* mul(w, x): w first */
            grad[xf[j]] += d[t->head_rows[k].a0 + j] * t->head_g[k];
        }
}

void trainer_backward(Trainer *t)
{
    StepInfo *in = &t->info;
    /* loss = S * (1/n): S.grad = (1/n) * 1; every loss_t then gets 0 + 1 * S.grad. */
    const double g_loss = 0.0 + 1.0 * ((1.0 / in->n) * 1.0);
    for (int pos = in->n - 1; pos >= 0; pos--) {
        head_backward(t, pos, g_loss);
        if (t->reference) {
            tape_backward(&t->tape, &t->order, t->seg[2 * pos], t->seg[2 * pos + 1]);
            continue;
        }
        const int E = t->model.cfg.n_embd;
        const NodeId wte_row = (NodeId)(1 + t->model.mat[MAT_WTE].off + (size_t)in->tokens[pos] * (size_t)E);
        for (int i = 0; i < E; i++)
            t->prog.ins[t->emb[(size_t)pos * E + i]].a = wte_row + i;
        tape_run(&t->tape, &t->prog, t->seg[2 * pos], t->seg[2 * pos + 1]);
    }
    const double *g = t->tape.grad + 1;
    double total = 0.0;
    for (int i = 0; i < t->model.nmat; i++) {
        const Matrix *mx = &t->model.mat[i];
        const double s = grad_sumsq(g + mx->off, (size_t)mx->nout * (size_t)mx->nin);
        in->grad_norm[i] = sqrt(s);
        total += s;
    }
    in->grad_norm_total = sqrt(total);
    t->phase = TRAIN_BACKWARD_DONE;
}

void trainer_update(Trainer *t)
{
    StepInfo *in = &t->info;
    size_t n = t->model.nparams;
    in->params_updated = adam_update(&in->adam, t->step, in->lr_t, t->tape.data + 1,
                                     t->tape.grad + 1, t->m, t->v, n, t->follow, &in->follow);
    t->step++;
    t->phase = TRAIN_IDLE;
}

void trainer_param_name(const Trainer *t, size_t index, char *buf, size_t len)
{
    model_param_name(&t->model, index, buf, len);
}

void trainer_step(Trainer *t)
{
    trainer_forward(t);
    trainer_backward(t);
    trainer_update(t);
}

int trainstate_alloc(TrainState *s, const Trainer *t)
{
    size_t n = t->model.nparams;
    memset(s, 0, sizeof *s);
    s->params = malloc(n * sizeof *s->params);
    s->m = malloc(n * sizeof *s->m);
    s->v = malloc(n * sizeof *s->v);
    if (!s->params || !s->m || !s->v) {
        trainstate_free(s);
        return -1;
    }
    return 0;
}

void trainstate_free(TrainState *s)
{
    free(s->params);
    free(s->m);
    free(s->v);
    memset(s, 0, sizeof *s);
}

void trainer_save(const Trainer *t, TrainState *s)
{
    size_t n = t->model.nparams;
    s->step = t->step;
    s->rng = t->rng;
    memcpy(s->params, t->tape.data + 1, n * sizeof *s->params);
    memcpy(s->m, t->m, n * sizeof *s->m);
    memcpy(s->v, t->v, n * sizeof *s->v);
}

void trainer_restore(Trainer *t, const TrainState *s)
{
    size_t n = t->model.nparams;
    t->step = s->step;
    t->rng = s->rng;
    memcpy(t->tape.data + 1, s->params, n * sizeof *s->params);
    memcpy(t->m, s->m, n * sizeof *s->m);
    memcpy(t->v, s->v, n * sizeof *s->v);
    memset(t->tape.grad, 0, (size_t)t->tape.first * sizeof *t->tape.grad);
    t->phase = TRAIN_IDLE;
    t->info.step = -1;
}
