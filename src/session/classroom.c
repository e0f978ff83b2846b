/* classroom.c: phases, the arc, explanations, names seen, live samples. */
#include "session/classroom.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ phases */

int phase_count(int n)
{
    return (n > 0 ? n : 0) + 5;
}

int phase_clamp(int phase, int n)
{
    int last = phase_count(n) - 1;
    return phase < 0 ? 0 : phase > last ? last : phase;
}

int phase_kind(int phase, int n, int *pos)
{
    phase = phase_clamp(phase, n);
    if (n < 0)
        n = 0;
    if (pos)
        *pos = -1;
    if (phase == 0)
        return PHASE_SAMPLE;
    if (phase <= n) {
        if (pos)
            *pos = phase - 1;
        return PHASE_FORWARD;
    }
    return PHASE_LOSS + (phase - n - 1);
}

int phase_index(int kind, int n)
{
    if (n < 0)
        n = 0;
    switch (kind) {
    case PHASE_SAMPLE: return 0;
    case PHASE_FORWARD: return 1;
    default: return n + 1 + (kind - PHASE_LOSS);
    }
}

const char *phase_kind_name(int kind)
{
    static const char *const names[PHASE_KINDS] = {
        "Sample", "Forward", "Loss", "Backward", "Update", "Log",
    };
    return kind >= 0 && kind < PHASE_KINDS ? names[kind] : "?";
}

int phase_section(int kind)
{
    static const int sec[PHASE_KINDS] = { 1, 2, 2, 3, 4, 5 };
    return kind >= 0 && kind < PHASE_KINDS ? sec[kind] : 0;
}

int phase_positions_done(int phase, int n)
{
    phase = phase_clamp(phase, n);
    return phase > n ? n : phase;   /* Forward at position p is phase p + 1 */
}

int phase_has_loss(int phase, int n) { return phase_clamp(phase, n) >= phase_index(PHASE_LOSS, n); }
int phase_has_grads(int phase, int n) { return phase_clamp(phase, n) >= phase_index(PHASE_BACKWARD, n); }
int phase_has_update(int phase, int n) { return phase_clamp(phase, n) >= phase_index(PHASE_UPDATE, n); }
int phase_has_log(int phase, int n) { return phase_clamp(phase, n) >= phase_index(PHASE_LOG, n); }

/* --------------------------------------------------------- arc of training */

void arc_bookmarks(int num_steps, int out[ARC_STAGES])
{
    /* the lesson's milestones as fractions of its 500 steps */
    static const int per500[ARC_STAGES] = { 0, 50, 100, 200, 300, 500 };
    if (num_steps < 1)
        num_steps = 1;
    for (int i = 0; i < ARC_STAGES; i++) {
        long s = i == 0 ? 1 : (long)(((long long)num_steps * per500[i] + 250) / 500);
        if (s < 1)
            s = 1;
        if (s > num_steps)
            s = num_steps;
        if (i > 0 && s < out[i - 1])
            s = out[i - 1];
        out[i] = (int)s;
    }
}

int arc_stage(int step1, int num_steps)
{
    int b[ARC_STAGES];
    arc_bookmarks(num_steps, b);
    int stage = 0;
    for (int i = 0; i < ARC_STAGES; i++)
        if (step1 >= b[i])
            stage = i;
    return stage;
}

const char *arc_text(int stage)
{
    static const char *const text[ARC_STAGES] = {
        "Nothing. Random predictions.",
        "Common characters are predicted more often.",
        "Frequent letter pairs (th, er, an) are learned.",
        "Name-like structures emerge (consonant-vowel patterns).",
        "The model knows when names should end (predicts BOS).",
        "Reasonable name generation capability.",
    };
    return stage >= 0 && stage < ARC_STAGES ? text[stage] : "";
}

const char *arc_short(int stage)
{
    static const char *const text[ARC_STAGES] = {
        "random predictions", "common characters", "frequent letter pairs",
        "name-like structures", "knows when names end", "reasonable names",
    };
    return stage >= 0 && stage < ARC_STAGES ? text[stage] : "";
}

/* ------------------------------------------------------------ explanations */

static void set(Explanation *e, const char *title, const char *formula)
{
    snprintf(e->title, sizeof e->title, "%s", title);
    snprintf(e->formula, sizeof e->formula, "%s", formula);
}

void explain_phase(int kind, const ExplainCtx *c, Explanation *e)
{
    memset(e, 0, sizeof *e);
    const double chance = -log(1.0 / (c->vocab_size > 0 ? c->vocab_size : 1));
    switch (kind) {
    case PHASE_SAMPLE:
        set(e, "1. Sample", "doc = docs[step % len(docs)];  n = min(block_size, len(tokens) - 1)");
        snprintf(e->text, sizeof e->text,
                 "Take the next name from the list (in order; it cycles) and turn it into token "
                 "ids, with BOS at both ends. n is the number of predictions to make.");
        break;
    case PHASE_FORWARD:
        set(e, "2. Forward pass", "probs = softmax(gpt(token_id, pos_id, ...));  loss_t = -log(probs[target])");
        snprintf(e->text, sizeof e->text,
                 "The model reads the input and the tokens before it and scores all %d tokens; "
                 "softmax makes the scores probabilities. Low p(target): high loss.",
                 c->vocab_size);
        break;
    case PHASE_LOSS:
        set(e, "2. Loss", "loss = (1 / n) * sum(losses)");
        snprintf(e->text, sizeof e->text,
                 "The step's loss is the mean of the position losses. Guessing at random gives each "
                 "token 1/%d, a loss of -log(1/%d) = %.2f: the chance level.",
                 c->vocab_size, c->vocab_size, chance);
        break;
    case PHASE_BACKWARD:
        set(e, "3. Backward pass", "loss.backward()  ->  p.grad = d(loss) / d(p) for every parameter p");
        snprintf(e->text, sizeof e->text,
                 "The chain rule runs back from the loss through every operation: each of the "
                 "%zu parameters gets a gradient, the way to move to lower the loss.",
                 c->nparams);
        break;
    case PHASE_UPDATE:
        set(e, "4. Parameter update (Adam)", "p.data -= lr_t * m_hat / (v_hat ** 0.5 + eps_adam);  p.grad = 0");
        snprintf(e->text, sizeof e->text,
                 "Adam nudges each parameter against its gradient, using m (a running mean of "
                 "gradients) and v (of their squares), bias-corrected; grads then reset.");
        break;
    case PHASE_LOG:
        set(e, "5. Log", "print(f\"step {step+1:4d} / {num_steps:4d} | loss {loss.data:.4f}\")");
        snprintf(e->text, sizeof e->text,
                 "The step is done: its loss is printed and joins the curve. The next step takes "
                 "the next name, with the parameters just updated.");
        break;
    default:
        set(e, "", "");
        break;
    }
}

void explain_panel(int panel, const ExplainCtx *c, Explanation *e)
{
    memset(e, 0, sizeof *e);
    const double chance = -log(1.0 / (c->vocab_size > 0 ? c->vocab_size : 1));
    switch (panel) {
    case EXPLAIN_NAME:
        set(e, "Current name", "tokens = [BOS] + [uchars.index(ch) for ch in doc] + [BOS]");
        snprintf(e->text, sizeof e->text,
                 "Each step trains on one name, docs[step %% len(docs)]: the list in order, "
                 "cycling. A name longer than the block size (%d) is cut; its tail is greyed.",
                 c->block_size);
        break;
    case EXPLAIN_POSITIONS:
        set(e, "Loss at each position", "loss_t = -log(probs[target]);  loss = (1 / n) * sum(losses)");
        snprintf(e->text, sizeof e->text,
                 "At each position the model sees the tokens so far and predicts the next one. "
                 "loss_t is small when the target got a high probability.");
        break;
    case EXPLAIN_PROBS:
        set(e, "Next-token probabilities", "probs = softmax(logits): exp(logit) / sum(exp(logits))");
        snprintf(e->text, sizeof e->text,
                 "The model's probability for each of the %d tokens at the selected position "
                 "(up/down to change it): its %d scores through softmax, adding up to 1.",
                 c->vocab_size, c->vocab_size);
        break;
    case EXPLAIN_LR:
        set(e, "Learning rate", "lr_t = learning_rate * 0.5 * (1 + math.cos(math.pi * step / num_steps))");
        snprintf(e->text, sizeof e->text,
                 "The step size falls along a cosine from the full learning rate at step 1 to 0 "
                 "at step %d: big moves early, fine-tuning late.", c->num_steps);
        break;
    case EXPLAIN_LOSS:
        set(e, "Loss per step", "chance = -log(1 / vocab_size)");
        snprintf(e->text, sizeof e->text,
                 "The loss of every step so far (dots) and its moving average (line). Random "
                 "guessing scores -log(1/%d) = %.2f; learning means going below it.",
                 c->vocab_size, chance);
        break;
    case EXPLAIN_LIVE:
        set(e, "Live samples", "token = random.choices(range(vocab_size), weights=probs)");
        snprintf(e->text, sizeof e->text,
                 "Names the model makes up now, redrawn every %d step%s. Each slot keeps its own "
                 "random seed, so you watch the same slot turn from noise into a name.",
                 c->live_every, c->live_every == 1 ? "" : "s");
        break;
    case EXPLAIN_GUESS:
        set(e, "Guess first", "p(target) = ?");
        snprintf(e->text, sizeof e->text,
                 "The model sees only the tokens so far. Which token comes next, and how sure will "
                 "the model be? Take guesses, then press r to reveal.");
        break;
    case EXPLAIN_STEP:
    default:
        set(e, "One training step", "sample -> forward -> loss -> backward -> update (Adam) -> log");
        snprintf(e->text, sizeof e->text,
                 "Each step takes one name, predicts every next token, averages the losses, "
                 "computes all gradients and nudges the %zu parameters. p: phase by phase.",
                 c->nparams);
        break;
    }
}

/* ------------------------------------------------------------ data cycling */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int seen_init(Seen *s, const Dataset *ds)
{
    memset(s, 0, sizeof *s);
    s->count = ds->count;
    s->prefix = malloc((ds->count + 1) * sizeof *s->prefix);
    size_t cap = 16;
    while (cap < 2 * ds->count)
        cap *= 2;
    uint32_t *slot = malloc(cap * sizeof *slot);     /* doc index + 1, 0 empty */
    if (!s->prefix || !slot) {
        free(slot);
        seen_free(s);
        return -1;
    }
    memset(slot, 0, cap * sizeof *slot);
    size_t distinct = 0;
    s->prefix[0] = 0;
    for (size_t i = 0; i < ds->count; i++) {
        const DocRef *d = &ds->docs[i];
        const char *p = ds->buf + d->off;
        size_t k = (size_t)hash_bytes(p, d->len) & (cap - 1);
        int dup = 0;
        while (slot[k]) {
            const DocRef *o = &ds->docs[slot[k] - 1];
            if (o->len == d->len && memcmp(ds->buf + o->off, p, d->len) == 0) {
                dup = 1;
                break;
            }
            k = (k + 1) & (cap - 1);
        }
        if (!dup) {
            slot[k] = (uint32_t)(i + 1);
            distinct++;
        }
        s->prefix[i + 1] = (uint32_t)distinct;
    }
    s->distinct = distinct;
    free(slot);
    return 0;
}

void seen_free(Seen *s)
{
    free(s->prefix);
    memset(s, 0, sizeof *s);
}

size_t seen_by_step(const Seen *s, int step)
{
    if (!s->prefix || step < 0)
        return 0;
    size_t k = (size_t)step + 1;
    return s->prefix[k < s->count ? k : s->count];
}

/* ------------------------------------------------------------ live samples */

int live_every(int num_steps)
{
    int e = num_steps / 50;
    return e < 1 ? 1 : e;
}

int live_age(int age, int every)
{
    if (age < 0)
        age = 0;
    return age / every * every;
}

int live_init(Live *l, const Trainer *t, double temperature)
{
    memset(l, 0, sizeof *l);
    const int N = t->cfg.adam.num_steps, B = t->model.cfg.block_size;
    l->every = live_every(N);
    l->nbuckets = N / l->every + 1;
    l->name_bytes = B * 4 + 1;
    l->temperature = temperature;
    l->have = calloc((size_t)l->nbuckets, 1);
    l->names = calloc((size_t)l->nbuckets * LIVE_SLOTS, (size_t)l->name_bytes);
    if (!l->have || !l->names || sampler_init(&l->sp, &t->model) != 0) {
        free(l->have);
        free(l->names);
        memset(l, 0, sizeof *l);
        return -1;
    }
    return 0;
}

void live_free(Live *l)
{
    if (l->have)
        sampler_free(&l->sp);
    free(l->have);
    free(l->names);
    memset(l, 0, sizeof *l);
}

int live_draw(Live *l, const Trainer *t)
{
    int age = t->step;
    if (!l->have || age % l->every != 0)
        return 0;
    int b = age / l->every;
    if (b >= l->nbuckets || l->have[b])
        return 0;
    char *out = l->names + (size_t)b * LIVE_SLOTS * (size_t)l->name_bytes;
    for (int i = 0; i < LIVE_SLOTS; i++) {
        Rng rng;    /* the slot's own generator, seeded the same way every time */
        rng_seed(&rng, (uint64_t)LIVE_SEED + (uint64_t)i);
        sampler_name(&l->sp, trainer_params(t), &rng, l->temperature, t->ds,
                     out + (size_t)i * (size_t)l->name_bytes);
    }
    l->have[b] = 1;
    return 1;
}

const char *live_get(const Live *l, int age)
{
    if (!l->have)
        return NULL;
    int b = live_age(age, l->every) / l->every;
    if (b < 0 || b >= l->nbuckets || !l->have[b])
        return NULL;
    return l->names + (size_t)b * LIVE_SLOTS * (size_t)l->name_bytes;
}
