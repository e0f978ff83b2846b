/* logline.c: the reference's log line. */
#include "core/logline.h"

#include <stdio.h>

int format_log_line(char *buf, size_t len, int step, int num_steps, double loss)
{
    return snprintf(buf, len, "step %4d / %4d | loss %.4f", step, num_steps, loss);
}
