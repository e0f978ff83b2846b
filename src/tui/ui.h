/* ui.h: the full-screen ncurses front end: the input loop. */
#ifndef MICROGPT_UI_H
#define MICROGPT_UI_H

#include "core/train.h"
#include "session/session.h"

/* Runs the interactive UI on the terminal until the user quits; returns the
 * exit status.  The caller has checked the terminal first (term_check, before
 * any work: app/main.c).  The terminal is restored on every path out. */
int ui_run(const SessionConfig *c, Trainer *t);

#endif
