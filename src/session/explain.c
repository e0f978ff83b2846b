/* explain.c: the explanation panel's texts. */
#include "session/explain.h"

#include <math.h>

#include "core/configtable.h"
#include "session/markup.h"
#include <stdio.h>
#include <string.h>

static void set(Explanation *e, const char *title, const char *formula)
{
    snprintf(e->title, sizeof e->title, "%s", title);
    snprintf(e->formula, sizeof e->formula, "%s", formula);
}

void explain_phase(PhaseKind kind, const ExplainCtx *c, Explanation *e)
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
        if (c->no_grad_at_start)    /* the course at step 1; not the gist */
            snprintf(e->text, sizeof e->text,
                     "Each of the %zu parameters gets a gradient; at step 1 attn_wq, attn_wk, attn_wv "
                     "and mlp_fc1 get 0, since attn_wo and mlp_fc2 start at 0.",
                     c->nparams);
        else
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
        if (c->log_end && strcmp(c->log_end, "\r") == 0)   /* the gist's: the same line, rewritten */
            set(e, "5. Log", "print(f\"step {step+1:4d} / {num_steps:4d} | loss {loss.data:.4f}\", end='\\r')");
        else
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

void explain_panel(PanelId panel, const ExplainCtx *c, Explanation *e)
{
    memset(e, 0, sizeof *e);
    const double chance = -log(1.0 / (c->vocab_size > 0 ? c->vocab_size : 1));
    switch (panel) {
    case PANEL_NAME:
        set(e, "Current name", "tokens = [BOS] + [uchars.index(ch) for ch in doc] + [BOS]");
        if (c->cuts && c->cuts->cut == 0)
            snprintf(e->text, sizeof e->text,
                     "Each step trains on one name, docs[step %% len(docs)]: the list in order, "
                     "cycling. At block size %d no name of this data is cut.", c->block_size);
        else if (c->cuts)
            snprintf(e->text, sizeof e->text,
                     "Each step trains on one name, docs[step %% len(docs)], cycling. At block size %d, "
                     "%zu of the %zu names are cut (not rarely): the tail is greyed.",
                     c->block_size, c->cuts->cut, c->cuts->docs);
        else
            snprintf(e->text, sizeof e->text,
                     "Each step trains on one name, docs[step %% len(docs)]: the list in order, "
                     "cycling. A name longer than the block size (%d) is cut; its tail is greyed.",
                     c->block_size);
        break;
    case PANEL_POSITIONS:
        set(e, "Loss at each position", "loss_t = -log(probs[target]);  loss = (1 / n) * sum(losses)");
        snprintf(e->text, sizeof e->text,
                 "At each position the model sees the tokens so far and predicts the next one. "
                 "loss_t is small when the target got a high probability.");
        break;
    case PANEL_PROBS:
        set(e, "Next-token probabilities", "probs = softmax(logits): exp(logit) / sum(exp(logits))");
        snprintf(e->text, sizeof e->text,
                 "The model's probability for each of the %d tokens at the selected position "
                 "(up/down to change it): its %d scores through softmax, adding up to 1.",
                 c->vocab_size, c->vocab_size);
        break;
    case PANEL_LR: {
        char f[160];
        snprintf(f, sizeof f, "lr_t = %s", adam_lr_formula(c->schedule));
        set(e, "Learning rate", f);
        snprintf(e->text, sizeof e->text,
                 "The step size falls %s from the full learning rate at step 1 to 0 at step %d: big "
                 "moves early, fine-tuning late.",
                 c->schedule == LR_LINEAR ? "in a straight line" : "along a cosine", c->num_steps);
        break;
    }
    case PANEL_LOSS:
        set(e, "Loss per step", "chance = -log(1 / vocab_size)");
        snprintf(e->text, sizeof e->text,
                 "The loss of every step so far (dots) and its moving average (line). Random "
                 "guessing scores -log(1/%d) = %.2f; learning means going below it.",
                 c->vocab_size, chance);
        break;
    case PANEL_LIVE:
        set(e, "Live samples", "token = random.choices(range(vocab_size), weights=probs)");
        snprintf(e->text, sizeof e->text,
                 "Names the model makes up now, redrawn every %d step%s. Each slot keeps its own "
                 "random seed, so you watch the same slot turn from noise into a name.",
                 c->live_every, c->live_every == 1 ? "" : "s");
        break;
    case PANEL_ATTN:
        set(e, "Attention", "w = softmax(q . k_t / head_dim ** 0.5 for t <= pos);  out = sum(w[t] * v_t)");
        if (c->zero_init_proj)
            snprintf(e->text, sizeof e->text,
                     "Each head weighs the positions so far (a row adds up to 1). attn_wo starts at 0, so "
                     "at step 1 q and k get no gradient: every row stays near 1/t.");
        else
            snprintf(e->text, sizeof e->text,
                     "Each head weighs the positions so far by how well their keys match its query (a row "
                     "adds up to 1; uniform is 1/t each).");
        break;
    case PANEL_PROBE:
        set(e, "Probe a name", "loss_t = -log(softmax(gpt(token, pos))[target]);  choices = exp(mean)");
        snprintf(e->text, sizeof e->text,
                 "Any name, scored as a training step scores its own but not trained on: its losses "
                 "under this step's model, step 1's and the final one.");
        break;
    case PANEL_UPDATE:
        set(e, "What the update did", "p.data -= lr_t * m_hat / (v_hat ** 0.5 + eps_adam)");
        snprintf(e->text, sizeof e->text,
                 "The step's own name again, through the weights its update made: how much easier it "
                 "got. Below, the parameters Adam moved most (d follows one).");
        break;
    default:
        set(e, "One training step", "sample -> forward -> loss -> backward -> update (Adam) -> log");
        snprintf(e->text, sizeof e->text,
                 "Each step takes one name, predicts every next token, averages the losses, "
                 "computes all gradients and nudges the %zu parameters. p: phase by phase.",
                 c->nparams);
        break;
    }
}

void explain_guess(Explanation *e)
{
    memset(e, 0, sizeof *e);
    set(e, "Guess first", "p(target) = ?");
    snprintf(e->text, sizeof e->text,
             "The model sees only the tokens so far. Which token comes next, and how sure will "
             "the model be? Take guesses, then press r to reveal.");
}

void explain_differences(const TrainConfig *c, Variant v, char *buf, size_t len)
{
    int at[32], nf;
    const ConfigField *f = configtable_fields(&nf);
    const int n = configtable_differences(c, v, at, 32);
    if (len == 0)
        return;
    if (n == 0) {
        snprintf(buf, len, MK_LABEL "This run is the course's microgpt.py, as it is.");
        return;
    }
    size_t o = (size_t)snprintf(buf, len, MK_LABEL "%s from the course in:",
                                v == VARIANT_GIST && train_config_is_variant(c, v) ? "Karpathy's gist differs"
                                                                                     : "This run differs");
    for (int k = 0; k < n && o < len; k++) {
        char value[256];
        configtable_value(at[k], c, v, value, sizeof value);
        o += (size_t)snprintf(buf + o, len - o, MK_TEXT " %s" MK_LABEL ":" MK_VALUE " %s" MK_LABEL "%s",
                              f[at[k]].label, value, k + 1 < n ? ";" : ".");
    }
}
