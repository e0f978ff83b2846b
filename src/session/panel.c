/* panel.c: the panels' names. */
#include "session/panel.h"

const char *panel_name(PanelId p)
{
    static const char *const names[PANEL_COUNT] = {
        "status", "lesson", "name", "positions", "probs", "phase", "lr", "loss", "live",
        "explain", "keys",
    };
    return p >= 0 && p < PANEL_COUNT ? names[p] : "?";
}

int panel_focusable(PanelId p)
{
    return p > PANEL_LESSON && p < PANEL_KEYS;
}
