/* ui.h: the full-screen ncurses front end. */
#ifndef MICROGPT_UI_H
#define MICROGPT_UI_H

#include "app/cli.h"
#include "core/train.h"

/* Runs the interactive UI on the terminal until the user quits; returns the
 * exit status.  The terminal is restored on every path out. */
int ui_run(const Options *o, Trainer *t);

#endif
