/* screens.h: --export-screens DIR: a session's screens written as files,
 * without a terminal (render/export.h: DIR/NN-NAME.txt and .svg): each stop
 * of a lesson script (--lesson), or else every phase of step 1 as --emma
 * shows it (phase by phase, with the explanation).  What `make captures`
 * puts in docs/classroom.md. */
#ifndef MICROGPT_SCREENS_H
#define MICROGPT_SCREENS_H

#include <stdio.h>

#include "core/train.h"
#include "session/session.h"

typedef struct {
    const char *dir;        /* made when missing (one level) */
    int w, h;               /* the screen's size */
    int ascii;              /* plain ASCII */
    int high, colour;       /* the SVG's theme (render/theme.h) */
} ScreensOut;

/* Writes the screens of a session over t (configured by sc) to out->dir,
 * naming each base on `list` (one line each).  Returns the exit status: 0,
 * 2 when the directory cannot be made, 1 when a file cannot be written or
 * memory runs out (a message on err). */
int screens_export(const SessionConfig *sc, Trainer *t, const ScreensOut *out, FILE *list, FILE *err);

#endif
