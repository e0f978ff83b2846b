/* panel.h: the panels of the screen, as the session knows them.
 *
 * Which panel has the focus and which one is zoomed is session state; the
 * layout (render/layout.h) maps the panels to rectangles.  The status line,
 * the lesson line and the key hints are always there and never take the
 * focus. */
#ifndef MICROGPT_PANEL_H
#define MICROGPT_PANEL_H

typedef enum {
    PANEL_NONE = -1,
    PANEL_STATUS, PANEL_LESSON, PANEL_NAME, PANEL_POSITIONS, PANEL_PROBS, PANEL_PHASE, PANEL_LR,
    PANEL_LOSS, PANEL_LIVE,
    PANEL_ATTN, PANEL_PROBE, PANEL_UPDATE,  /* inside the model: one at a time, in the left column */
    PANEL_EXPLAIN, PANEL_KEYS,
    PANEL_COUNT
} PanelId;

/* A set of panels: bit 1 << PanelId per panel. */
typedef unsigned PanelSet;
#define PANEL_BIT(p) (1u << (unsigned)(p))

/* 1 for the panels that look inside the model (attention, a probed name,
 * what the update did): one shows at a time, a key brings it up. */
static inline int panel_inside(PanelId p)
{
    return p == PANEL_ATTN || p == PANEL_PROBE || p == PANEL_UPDATE;
}

/* 1 for the panels that can take the focus (all but the status line, the
 * lesson line and the key hints). */
static inline int panel_focusable(PanelId p)
{
    return p > PANEL_LESSON && p < PANEL_KEYS;
}

#endif
