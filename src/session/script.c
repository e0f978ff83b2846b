/* script.c: a lesson script's stops and names. */
#include "session/script.h"

#include <stdlib.h>
#include <string.h>

void script_free(Script *s)
{
    for (int i = 0; i < s->count; i++)
        free(s->stops[i].note);
    free(s->stops);
    s->stops = NULL;
    s->count = 0;
}

int script_phase(const char *name, int *kind)
{
    static const char *const names[PHASE_KINDS] = {
        [PHASE_SAMPLE] = "sample", [PHASE_FORWARD] = "forward", [PHASE_LOSS] = "loss",
        [PHASE_BACKWARD] = "backward", [PHASE_UPDATE] = "update", [PHASE_LOG] = "log",
    };
    if (strcmp(name, "step") == 0) {
        *kind = -1;
        return 0;
    }
    for (int k = 0; k < PHASE_KINDS; k++)
        if (strcmp(name, names[k]) == 0) {
            *kind = k;
            return 0;
        }
    return -1;
}

/* The panels a stop names (zoom, inside). */
static const struct { const char *name; PanelId p; } panels[] = {
    { "none", PANEL_NONE }, { "name", PANEL_NAME }, { "positions", PANEL_POSITIONS },
    { "probabilities", PANEL_PROBS }, { "phase", PANEL_PHASE }, { "loss", PANEL_LOSS },
    { "lr", PANEL_LR }, { "live", PANEL_LIVE }, { "explain", PANEL_EXPLAIN }, { "attention", PANEL_ATTN },
    { "probe", PANEL_PROBE }, { "update", PANEL_UPDATE },
};

int script_panel(const char *name, PanelId *p)
{
    for (size_t i = 0; i < sizeof panels / sizeof panels[0]; i++)
        if (strcmp(name, panels[i].name) == 0) {
            *p = panels[i].p;
            return 0;
        }
    return -1;
}

const char *script_panel_name(PanelId p)
{
    for (size_t i = 0; i < sizeof panels / sizeof panels[0]; i++)
        if (panels[i].p == p)
            return panels[i].name;
    return "?";
}
