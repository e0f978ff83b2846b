/* inside.c: the insides of the step shown, of probed names and of the
 * attention over the run, computed by the core on demand. */
#include "session/inside.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/carve.h"

/* The most node-steps (tape nodes of a step times steps) the final model is
 * computed with here, at once: about a quarter of a second; the course's
 * whole run is 2 million, the gist's 9.5 million. */
#define FINAL_BUDGET 12e6

int inside_name(ProbeName *out, const Dataset *ds, int block_size, const char *text, char *err, size_t errlen)
{
    if (strlen(text) >= INSIDE_NAME_BYTES) {
        snprintf(err, errlen, "too long: at most %d bytes", INSIDE_NAME_BYTES - 1);
        return -1;
    }
    const int B = block_size < INSIDE_MAX_TOKENS - 1 ? block_size : INSIDE_MAX_TOKENS - 1;
    const int n = probe_encode(ds, B, text, strlen(text), out->tokens, err, errlen);
    if (n < 1)
        return -1;
    snprintf(out->text, sizeof out->text, "%s", text);
    out->n = n;
    return 0;
}

int inside_ready(RunInside *in, const Trainer *t)
{
    if (in->ready)
        return 0;
    memset(in, 0, sizeof *in);
    const ModelConfig *c = &t->model.cfg;
    const size_t B = (size_t)c->block_size, na = probe_attn_size(c);
    in->B = c->block_size;
    Carve cv = CARVE_INIT;
    do {
        in->attn = carve_take(&cv, na, sizeof *in->attn);
        in->scan_attn = carve_take(&cv, na, sizeof *in->scan_attn);
        in->after = carve_take(&cv, B, sizeof *in->after);
        for (int i = 0; i < INSIDE_NAMES; i++)
            for (int m = 0; m < INSIDE_MODELS; m++) {
                in->scores[i][m].loss = carve_take(&cv, B, sizeof(double));
                in->scores[i][m].p = carve_take(&cv, B, sizeof(double));
            }
    } while (carve_next(&cv));
    in->block = cv.base;
    if (!in->block || steplook_init(&in->look, t->model.nparams) != 0 || probe_init(&in->pr, &t->model) != 0) {
        steplook_free(&in->look);
        free(in->block);
        memset(in, 0, sizeof *in);
        return -1;
    }
    in->scored_step = -1;
    in->uniform_until = -1;
    in->ready = 1;
    return 0;
}

void inside_free(RunInside *in)
{
    if (in->ready) {
        probe_free(&in->pr);
        steplook_free(&in->look);
    }
    free(in->block);
    free(in->final);
    memset(in, 0, sizeof *in);
}

static int catch_look(void *ctx, const Trainer *t)
{
    steplook_capture(ctx, t);
    return 0;
}

int inside_look(RunInside *in, Trainer *t, Timeline *tl, int step, TimelineProgress progress, void *pctx)
{
    if (in->look.step == step)
        return timeline_current(tl) == step ? 0 : timeline_goto(tl, step);
    in->look.step = -1;
    const int rc = timeline_retrace(tl, step, step, catch_look, &in->look, progress, pctx);
    if (rc != 0 || in->look.step != step)
        return rc ? rc : -1;
    const StepInfo *info = &t->info;
    probe_score(&in->pr, in->look.p, info->tokens, info->n, NULL, NULL, in->attn);
    in->spread = probe_attn_spread(&t->model.cfg, in->attn, info->n);
    /* the timeline stands after the step's update: its parameters now */
    in->after_mean = probe_score(&in->pr, trainer_params(t), info->tokens, info->n, NULL, in->after, NULL);
    in->nmovers = steplook_movers(&in->look, in->movers, INSIDE_MOVERS);
    return 0;
}

const double *inside_final(RunInside *in, Trainer *t, Timeline *tl, TimelineProgress progress, void *pctx)
{
    const double *done = timeline_final(tl);
    if (done)
        return done;
    if (in->final_state == 1)
        return in->final;
    if (in->final_state == -1)
        return NULL;
    const int left = t->cfg.adam.num_steps - t->step;
    if ((double)left * model_tape_nodes(&t->model.cfg, t->model.cfg.block_size) > FINAL_BUDGET) {
        in->final_state = -1;
        return NULL;
    }
    /* the rest of the run in a trainer of its own: the run stays where it is */
    Trainer *f = malloc(sizeof *f);
    char err[256];
    in->final = malloc(t->model.nparams * sizeof *in->final);
    if (!f || !in->final || trainer_fork(f, t, &t->cfg, err, sizeof err) != 0) {
        free(f);
        free(in->final);
        in->final = NULL;
        return NULL;
    }
    for (int done = 1; f->step < f->cfg.adam.num_steps; done++) {
        trainer_step(f);
        if (progress && done < left)
            (void)progress(pctx, done, left);   /* told, not stopped: the steps are few */
    }
    memcpy(in->final, trainer_params(f), t->model.nparams * sizeof *in->final);
    trainer_free(f);
    free(f);
    in->final_state = 1;
    return in->final;
}

int inside_score(RunInside *in, Trainer *t, Timeline *tl, int step, const ProbeName *names, int count,
                 unsigned version, TimelineProgress progress, void *pctx)
{
    /* again when the step or the names change, or the final model came */
    const int final_now = timeline_final(tl) != NULL || in->final_state == 1;
    if (in->scored_step == step && in->scored_version == version &&
        !(final_now && count > 0 && !in->scores[0][MODEL_FINAL].have))
        return 0;
    const int rc = inside_look(in, t, tl, step, progress, pctx);
    if (rc != 0)
        return rc;
    const double *model[INSIDE_MODELS] = {
        in->look.p, timeline_initial(tl), count > 0 ? inside_final(in, t, tl, progress, pctx) : NULL,
    };
    for (int i = 0; i < count && i < INSIDE_NAMES; i++)
        for (int m = 0; m < INSIDE_MODELS; m++) {
            ProbeScore *sc = &in->scores[i][m];
            sc->have = model[m] != NULL;
            if (sc->have)
                sc->mean = probe_score(&in->pr, model[m], names[i].tokens, names[i].n, sc->p, sc->loss, NULL);
        }
    in->scored_step = step;
    in->scored_version = version;
    return 0;
}

typedef struct {
    RunInside *in;
    const Trainer *t;
} Scan;

static int scan_step(void *ctx, const Trainer *t)
{
    RunInside *in = ((Scan *)ctx)->in;
    const int s = t->info.step;
    in->uniform_scanned = s + 1;
    if (probe_attn_spread(&t->model.cfg, in->scan_attn, t->info.n) > INSIDE_UNIFORM) {
        in->uniform_until = s;
        return 1;
    }
    return 0;
}

int inside_uniform(RunInside *in, Trainer *t, Timeline *tl, int upto, int back, TimelineProgress progress,
                   void *pctx)
{
    if (upto >= INSIDE_SCAN)
        upto = INSIDE_SCAN - 1;
    if (in->uniform_until >= 0 || upto < in->uniform_scanned)
        return 0;
    Scan sc = { in, t };
    /* the trainer's own forward shows its attention here while it scans */
    t->work.attn = in->scan_attn;
    int rc = timeline_retrace(tl, in->uniform_scanned, upto, scan_step, &sc, progress, pctx);
    t->work.attn = NULL;
    if (rc < 0)
        return rc;
    return timeline_seek(tl, back, progress, pctx);
}
