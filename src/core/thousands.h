/* thousands.h: a count as people read it, a comma every three digits. */
#ifndef MICROGPT_THOUSANDS_H
#define MICROGPT_THOUSANDS_H

#include <stddef.h>

/* n with a comma every three digits into buf (len bytes): "4,064". */
void format_thousands(size_t n, char *buf, size_t len);

#endif
