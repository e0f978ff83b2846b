/* layout.h: where each panel goes, as a pure function of the terminal size.
 *
 * Row 0 is the status line and the last row the key hints; the panels share
 * the rows between in two columns.  From LAYOUT_MIN_COLS x LAYOUT_MIN_ROWS up
 * every panel is present and none overlaps another or leaves the screen.
 * Below that size nothing fits well enough to teach with, so the UI shows a
 * "terminal too small" message instead (layout.fits == 0).
 *
 *   compact (fewer than LAYOUT_ROOMY_ROWS rows)   roomy
 *   +-------------- status ---------------+      +-------------- status ---------------+
 *   | name          | probabilities       |      | name          | probabilities       |
 *   | positions     |                     |      | positions     |                     |
 *   |               |---------------------|      |---------------|                     |
 *   |---------------| loss curve          |      | loss curve    |---------------------|
 *   | lr schedule   |                     |      |               | lr schedule         |
 *   +--------------- keys ----------------+      +--------------- keys ----------------+ */
#ifndef MICROGPT_LAYOUT_H
#define MICROGPT_LAYOUT_H

#include "ui_canvas.h"

enum {
    LAY_STATUS, LAY_NAME, LAY_POSITIONS, LAY_PROBS, LAY_LR, LAY_LOSS, LAY_KEYS,
    LAY_COUNT
};

#define LAYOUT_MIN_COLS 80
#define LAYOUT_MIN_ROWS 24
#define LAYOUT_ROOMY_ROWS 36

typedef struct {
    int cols, rows;
    int fits;               /* 0: below the minimum size; no panel is placed */
    int roomy;              /* the roomy arrangement (loss curve on the left) */
    Rect panel[LAY_COUNT];  /* indexed by LAY_* */
} Layout;

/* The layout of a cols x rows screen. */
Layout layout_compute(int cols, int rows);
/* A panel's name, for tests and messages ("status", "name", ...). */
const char *layout_panel_name(int id);

#endif
