/* logline.h: the reference's log line for a step. */
#ifndef MICROGPT_LOGLINE_H
#define MICROGPT_LOGLINE_H

#include <stddef.h>

/* "step %4d / %4d | loss %.4f" (no newline), as microgpt.py prints it after
 * each step; step is 1-based.  Returns what snprintf returns. */
int format_log_line(char *buf, size_t len, int step, int num_steps, double loss);

#endif
