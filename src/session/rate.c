/* rate.c: the steps per second measured while running, and their words. */
#include "session/rate.h"

#include <math.h>
#include <stdio.h>

#include "core/thousands.h"

void rate_start(RateMeter *m, double now)
{
    *m = (RateMeter){ .start = now };
}

int rate_count(RateMeter *m, double now, int steps)
{
    m->steps += steps;
    const double t = now - m->start;
    if (t < RATE_WINDOW)
        return 0;
    const double old = m->rate;
    m->rate = (double)(m->steps + m->last_steps) / (t + m->last_time);
    m->last_time = t;
    m->last_steps = m->steps;
    m->start = now;
    m->steps = 0;
    return m->rate != old;
}

/* The rate to three significant digits (two below 100), in words: with
 * commas ("3,480"), or without (grouped 0). */
static void rate_number(char *buf, size_t len, double rate, int grouped)
{
    if (rate >= 99.5) {
        const double r = rate < 100 ? 100 : rate;
        const double unit = pow(10.0, floor(log10(r)) - 2);
        const size_t n = (size_t)(floor(r / unit + 0.5) * unit);
        if (grouped)
            format_thousands(n, buf, len);
        else
            snprintf(buf, len, "%zu", n);
    } else {
        snprintf(buf, len, "%.2g", rate);
    }
}

void rate_text(char *buf, size_t len, int speed, double rate, int brief)
{
    char num[32];
    rate_number(num, sizeof num, rate, !brief);
    if (speed == 0 && rate > 0)
        snprintf(buf, len, brief ? "max %s/s" : "max %s steps/s", num);
    else if (speed == 0)
        snprintf(buf, len, "max speed");
    else if (rate > 0 && rate < RATE_SHORT * speed && brief)
        snprintf(buf, len, "only %s/s", num);
    else if (rate > 0 && rate < RATE_SHORT * speed)
        snprintf(buf, len, "%s of %d step%s/s", num, speed, speed == 1 ? "" : "s");
    else
        snprintf(buf, len, "%d step%s/s", speed, speed == 1 ? "" : "s");
}
