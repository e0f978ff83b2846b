/* carve.h: one allocation cut into pieces, instead of a malloc per buffer.
 *
 * A layout function takes every piece it needs with carve_take(); it runs
 * twice: first with no block (the pieces come back NULL and only the total
 * is counted), then, after carve_alloc(), for real:
 *
 *     Carve c = CARVE_INIT;
 *     do {
 *         w->a = carve_take(&c, n, sizeof *w->a);
 *         w->b = carve_take(&c, m, sizeof *w->b);
 *     } while (carve_next(&c));
 *     if (!c.base) -> out of memory
 *
 * Pieces are zeroed and 64-byte aligned (a cache line, and any SIMD load). */
#ifndef MICROGPT_CARVE_H
#define MICROGPT_CARVE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char *base;    /* the block (after the sizing pass), or NULL */
    size_t used;            /* bytes taken so far in this pass */
    int pass;               /* 0 sizing, 1 carving, 2 done */
} Carve;

#define CARVE_INIT { NULL, 0, 0 }
#define CARVE_ALIGN 64

/* The next piece of count * size bytes (NULL in the sizing pass). */
static inline void *carve_take(Carve *c, size_t count, size_t size)
{
    size_t off = (c->used + CARVE_ALIGN - 1) & ~(size_t)(CARVE_ALIGN - 1);
    size_t bytes = size && count > (SIZE_MAX / 2) / size ? SIZE_MAX / 2 : count * size;
    c->used = off + bytes < off ? SIZE_MAX / 2 : off + bytes;
    return c->base ? c->base + off : NULL;
}

/* Ends a pass: after the sizing pass, allocates the block and asks for the
 * carving pass (returns 1); after the carving pass (or when the allocation
 * failed, leaving base NULL) returns 0. */
static inline int carve_next(Carve *c)
{
    if (c->pass++ != 0)
        return 0;
    size_t total = (c->used + CARVE_ALIGN - 1) & ~(size_t)(CARVE_ALIGN - 1);
    void *p = NULL;
    if (total >= SIZE_MAX / 2 || posix_memalign(&p, CARVE_ALIGN, total ? total : CARVE_ALIGN) != 0)
        return 0;
    memset(p, 0, total);
    c->base = p;
    c->used = 0;
    return 1;
}

#endif
