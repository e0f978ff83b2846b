/* configtable.c: a run's configuration field by field. */
#include "core/configtable.h"

#include <stdio.h>
#include <string.h>

#include "core/model.h"
#include "core/thousands.h"

enum {
    F_BLOCK, F_INIT, F_ACT, F_BETAS, F_SCHEDULE, F_STEPS, F_PARAMS, F_LOGLINE, F_HEADER, F_DATA,
    F_SEED, F_ORDER, F_SIZES, F_LR, F_TEMPERATURE, F_CHANGES, F_COUNT
};

static const ConfigField fields[F_COUNT] = {
    [F_BLOCK] = { "block_size", "--block-size", 1, 1 },
    [F_INIT] = { "init", "--init-std, --zero-init-proj / --no-zero-init-proj", 1, 1 },
    [F_ACT] = { "MLP activation", "--activation relu2|relu", 1, 1 },
    [F_BETAS] = { "beta1, beta2", "--beta1, --beta2", 1, 1 },
    [F_SCHEDULE] = { "LR schedule", "--lr-schedule cosine|linear", 1, 1 },
    [F_STEPS] = { "num_steps", "--steps", 1, 1 },
    [F_PARAMS] = { "parameters", "(follows)", 1, 1 },
    [F_LOGLINE] = { "step log line", "(the variant's)", 1, 1 },
    [F_HEADER] = { "inference header", "(the variant's)", 1, 1 },
    [F_DATA] = { "data", "(the same list for any file)", 1, 0 },
    [F_SEED] = { "seed", "--seed", 0, 1 },
    [F_ORDER] = { "data order", "--no-shuffle", 0, 1 },
    [F_SIZES] = { "n_embd, n_head, n_layer", "--n-embd, --n-head, --n-layer", 0, 1 },
    [F_LR] = { "learning_rate", "--lr", 0, 1 },
    [F_TEMPERATURE] = { "temperature", "--temperature", 0, 1 },
    [F_CHANGES] = { "changes", "--change", 0, 1 },
};

const ConfigField *configtable_fields(int *count)
{
    *count = F_COUNT;
    return fields;
}

/* The parameters a model of c has (0 when c is not a model). */
static size_t nparams_of(const ModelConfig *c)
{
    Model m;
    char err[128];
    if (model_init(&m, *c, err, sizeof err) != 0)
        return 0;
    size_t n = m.nparams;
    model_free(&m);
    return n;
}

void configtable_value(int i, const TrainConfig *c, Variant v, char *buf, size_t len)
{
    const ModelConfig *m = &c->model;
    if (len == 0)
        return;
    buf[0] = '\0';
    switch (i) {
    case F_BLOCK:
        snprintf(buf, len, "%d", m->block_size);
        break;
    case F_INIT:
        if (m->zero_init_proj)
            snprintf(buf, len, "gauss(0, %g); attn_wo and mlp_fc2 at std 0 (the draws still made)", m->init_std);
        else
            snprintf(buf, len, "gauss(0, %g) for every matrix", m->init_std);
        break;
    case F_ACT:
        snprintf(buf, len, "%s", m->activation == ACT_RELU ? "relu(x)" : "relu(x) ** 2");
        break;
    case F_BETAS:
        snprintf(buf, len, "%g, %g", c->adam.beta1, c->adam.beta2);
        break;
    case F_SCHEDULE:
        snprintf(buf, len, "%s", adam_lr_formula(c->adam.schedule));
        break;
    case F_STEPS:
        snprintf(buf, len, "%d", c->adam.num_steps);
        break;
    case F_PARAMS:
        format_thousands(nparams_of(m), buf, len);
        break;
    case F_LOGLINE:
        snprintf(buf, len, "%s", strcmp(variant_info(v)->log_end, "\r") == 0 ? "print(..., end='\\r')"
                                                                             : "print(...): newline");
        break;
    case F_HEADER:
        snprintf(buf, len, "%s", variant_info(v)->inference_header);
        break;
    case F_DATA:
        snprintf(buf, len, "%s", v == VARIANT_GIST ? "[line.strip() for line in open(...) if line.strip()]"
                                                   : ".read().strip().split('\\n'), each line stripped, "
                                                     "empty ones dropped");
        break;
    case F_SEED:
        snprintf(buf, len, "%llu", c->seed);
        break;
    case F_ORDER:
        snprintf(buf, len, "%s", c->shuffle ? "random.shuffle(docs)" : "the file's (no shuffle)");
        break;
    case F_SIZES:
        snprintf(buf, len, "%d, %d, %d", m->n_embd, m->n_head, m->n_layer);
        break;
    case F_LR:
        snprintf(buf, len, "%g", c->adam.lr);
        break;
    case F_TEMPERATURE:
        snprintf(buf, len, "%g", c->temperature);
        break;
    case F_CHANGES: {
        size_t o = 0;
        if (c->changes.count == 0)
            o = (size_t)snprintf(buf, len, "none");
        for (int k = 0; k < c->changes.count && o < len; k++) {
            char one[128];
            change_format(&c->changes.at[k], one, sizeof one);
            o += (size_t)snprintf(buf + o, len - o, "%s%s", k ? " " : "", one);
        }
        break;
    }
    default:
        break;
    }
}

int configtable_differences(const TrainConfig *c, Variant v, int *out, int cap)
{
    TrainConfig course = train_config_default();
    course.model.vocab_size = c->model.vocab_size;
    int n = 0;
    for (int i = 0; i < F_COUNT && n < cap; i++) {
        char a[256], b[256];
        if (!fields[i].effect)
            continue;
        configtable_value(i, c, v, a, sizeof a);
        configtable_value(i, &course, VARIANT_COURSE, b, sizeof b);
        if (strcmp(a, b) != 0)
            out[n++] = i;
    }
    return n;
}
