/* layout.h: where each panel goes, as a pure function of the terminal size
 * and of what the UI shows (phase mode, explanations, live samples, zoom).
 *
 * Row 0 is the status line, row 1 the lesson line (the phases of the step,
 * or the data and the arc of training) and the last row the key hints; the
 * panels share the rows between in two columns, the explanation (when on)
 * spanning both at the bottom.  From LAYOUT_MIN_COLS x LAYOUT_MIN_ROWS up
 * every panel asked for is present and none overlaps another or leaves the
 * screen.  Below that size nothing fits well enough to teach with, so the UI
 * shows a "terminal too small" message instead (layout.fits == 0).
 *
 *   compact (fewer than LAYOUT_ROOMY_ROWS rows)   roomy
 *   +------------ status, lesson ---------+      +------------ status, lesson ---------+
 *   | name          | probabilities       |      | name          | probabilities       |
 *   | positions     |   (phase mode:      |      | positions     |   (phase mode:      |
 *   |               |    the phase, the   |      |---------------|    the phase)       |
 *   |---------------|    whole column)    |      | loss curve    |                     |
 *   | lr or live    |---------------------|      |               |---------------------|
 *   |               | loss curve          |      |               | lr or live samples  |
 *   |------------- explanation -----------|      |------------- explanation -----------|
 *   +--------------- keys ----------------+      +--------------- keys ----------------+
 *
 * Live samples take the learning-rate panel's place.  On a compact screen
 * with the explanation (fewer than 29 rows) the learning rate or the live
 * samples have no room under the positions: they are left out, or with
 * LAYF_SLOT they take the name panel's place; the one left out is "spare",
 * a panel the focus can still reach (focusing it brings it back: see
 * render/frame.c).  A panel that looks inside the model (attention, a probed
 * name, what the update did: LAYF_INSIDE) takes the whole left column, in
 * step and phase mode alike: the name, the positions and what shares the
 * column with them are then left out.  In roomy phase mode
 * the right column is the phase panel's (and the live samples', when on):
 * it draws the learning-rate curve itself at the Update phase.  Zoom gives
 * one panel every row between the lesson line and the keys.
 *
 * With two runs compared (LAYF_PAIR) on a screen of LAYOUT_PAIR_COLS columns
 * or more, the positions and the probabilities are each split in two halves,
 * the run shown on the left and the run compared with on the right
 * (Layout.pair); narrower, they show one run. */
#ifndef MICROGPT_LAYOUT_H
#define MICROGPT_LAYOUT_H

#include "render/ui_canvas.h"
#include "session/panel.h"

/* What to lay out (bits). */
enum {
    LAYF_PHASE = 1,         /* phase mode: the phase panel instead of the probabilities */
    LAYF_EXPLAIN = 2,       /* the explanation panel */
    LAYF_LIVE = 4,          /* live samples instead of the learning rate */
    LAYF_SLOT = 8,          /* the learning rate (or live samples) is wanted: where the
                             * explanation leaves it no room under the positions, it
                             * takes the name panel's place */
    LAYF_PAIR = 16,         /* two runs are compared: from LAYOUT_PAIR_COLS columns up the
                             * positions and probabilities show both, side by side */
    LAYF_INSIDE = 32,       /* an inside panel (LAYF_INSIDE_PANEL says which) takes the left
                             * column */
};

/* Which inside panel LAYF_INSIDE places: flags | LAYF_INSIDE_PANEL(p), p a
 * PanelId (panel_inside); layout_inside(flags) reads it back. */
#define LAYF_INSIDE_PANEL(p) (LAYF_INSIDE | ((unsigned)(p) << 8))
static inline PanelId layout_inside(unsigned flags)
{
    return (flags & LAYF_INSIDE) ? (PanelId)(flags >> 8) : PANEL_NONE;
}

#define LAYOUT_MIN_COLS 80
#define LAYOUT_MIN_ROWS 24
#define LAYOUT_ROOMY_ROWS 36
#define LAYOUT_EXPLAIN_ROWS 5
#define LAYOUT_KEEP_ROWS 5     /* what a panel keeps when the explanation grows */
#define LAYOUT_PAIR_COLS 160

typedef struct {
    int cols, rows;
    int fits;               /* 0: below the minimum size; no panel is placed */
    int roomy;              /* the roomy arrangement (loss curve on the left) */
    PanelId zoomed;         /* the panel zoomed, or PANEL_NONE */
    PanelSet panels;        /* the panels placed before any zoom */
    PanelSet spare;         /* left out for room, but in Tab's reach: focused, one takes
                             * another's place (so every panel can be focused, zoomed
                             * and explained at any size) */
    Rect panel[PANEL_COUNT];    /* indexed by PanelId; w = h = 0 when absent */
    int samples_per_page;   /* render_frame: the final samples a page holds here (0: none) */
    int pair;               /* the positions and the probabilities show two runs, each in
                             * a half of the panel's rectangle (layout_half) */
} Layout;

/* The layout of a cols x rows screen for flags (LAYF_*), unzoomed. */
Layout layout_compute(int cols, int rows, unsigned flags);
/* Gives panel p every row between the lesson line and the keys (when the
 * layout has it; PANEL_NONE: nothing changes). */
void layout_zoom(Layout *l, PanelId p);
/* Gives the explanation panel up to `rows` rows (unzoomed, when it is
 * placed and has fewer), taken from the panels above it, each of which
 * keeps at least LAYOUT_KEEP_ROWS. */
void layout_grow_explain(Layout *l, int rows);
/* 1 when panel p is on screen. */
int layout_has(const Layout *l, PanelId p);
/* Panel p's rectangle, or with Layout.pair its left half (side 0: the run
 * shown) or right half (side 1: the run compared with) when p shows both
 * runs. */
Rect layout_half(const Layout *l, PanelId p, int side);
/* 1 when panel p shows two runs side by side in layout l. */
int layout_paired(const Layout *l, PanelId p);

#endif
