/* ui_glyphs.h: every drawing glyph the renderers use, in a UTF-8 set (box
 * drawing, block elements, Braille, arrows) and a plain ASCII set. */
#ifndef MICROGPT_UI_GLYPHS_H
#define MICROGPT_UI_GLYPHS_H

typedef struct {
    const char *h, *v, *tl, *tr, *bl, *br;  /* frame */
    const char *arrow;      /* " -> " between input and target */
    const char *sel;        /* the selected position */
    const char *target;     /* the target token */
    const char *top;        /* the model's top choice */
    const char *dot;        /* the current step on a curve */
    const char *run, *pause;/* before RUNNING / PAUSED */
    const char *ell;        /* "more to come" */
    const char *axis_tick;  /* y axis tick: "┤" */
    const char *axis_v;     /* y axis without tick */
    const char *bar_full;   /* a full bar cell */
    const char *const *bar_part; /* [1..7]: 1/8 .. 7/8 of a cell (ASCII: NULL) */
    const char *legend_raw, *legend_avg, *legend_ghost;
    const char *ascii_raw, *ascii_avg, *ascii_chance, *ascii_lr, *ascii_ghost; /* ASCII plot marks (ghost: the run compared with) */
    const char *ascii_ahead;/* ASCII mark of a loss beyond the step shown */
    const char *nonfinite;  /* a NaN or infinite loss, at the top of the plot: "×" */
    const char *avg_h, *avg_v, *avg_dl, *avg_ur, *avg_ul, *avg_dr; /* the average's line:
                             * ━ ┃, and its corners going down (┓ then ┗) and up (┛ then ┏) */
    const char *field_sep;  /* between the status line's fields: " │ " */
    const char *item_sep;   /* between the lesson line's items: " ·" */
    const char *chance_tick;/* the chance level across a bar: "┆" */
    const char *cut;        /* where a name is cut at the block size: "┊" */
    const char *pending;    /* a number not computed yet (phase mode): "·" */
    const char *next;       /* between the phases of a step: "›" */
    const char *fh, *fv, *ftl, *ftr, *fbl, *fbr;  /* the focused panel's frame */
    const char *const *shade;   /* [5]: attention weights, lightest to darkest (render_inside.c) */
} Glyphs;

/* The set for a mode: ascii != 0 gives the plain ASCII one. */
const Glyphs *glyphs_get(int ascii);

/* Writes the Braille character U+2800 + bits (bits 0-7 in Unicode's dot
 * order) as NUL-terminated UTF-8 into out. */
void glyph_braille(unsigned bits, char out[4]);

#endif
