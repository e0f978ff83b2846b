/* rate.h: the speed a run really goes at, for the status line.
 *
 * The input loop knows the time (the session reads no clock): it restarts a
 * RateMeter whenever the run starts or its speed changes, and counts the
 * steps computed while running.  The meter's figure is the rate over its
 * last two windows of at least RATE_WINDOW seconds each (about a second),
 * so it changes at most twice a second: readable, not flickering.  The
 * loop hands the figure to the session (session_set_rate), whose View
 * carries it while running (Shown.rate); rate_text words it. */
#ifndef MICROGPT_RATE_H
#define MICROGPT_RATE_H

#include <stddef.h>

#define RATE_WINDOW 0.5     /* seconds: a window's least length */
#define RATE_SHORT 0.95     /* below this share of a set speed, the setting is not reached */

typedef struct {
    double start;           /* when the window under way began */
    long steps;             /* the steps computed in it so far */
    double last_time;       /* the window before: its length (0: none yet) ... */
    long last_steps;        /* ... and its steps */
    double rate;            /* steps per second over the last two windows; 0: none yet */
} RateMeter;

/* Starts measuring afresh at time now (seconds): no figure until a window
 * has passed. */
void rate_start(RateMeter *m, double now);
/* `steps` more steps were computed, by time now (seconds, never before the
 * last call's).  Returns 1 when the figure (m->rate) changed. */
int rate_count(RateMeter *m, double now, int steps);

/* The speed as the status line says it, into buf (len bytes): at a set
 * speed (steps per second, > 0) the setting ("10 steps/s"), unless a
 * measured rate (> 0; 0: none) is below RATE_SHORT of it ("712 of 1000
 * steps/s"); at max speed (0) the rate measured ("max 3,480 steps/s"), or
 * "max speed" before there is one.  brief: the short form a narrow line
 * takes instead ("max 3480/s", "only 712/s"; a setting has none: it drops whole).
 * The rate is rounded to three significant digits (two below 100). */
void rate_text(char *buf, size_t len, int speed, double rate, int brief);

#endif
