/* variant.c: the course's microgpt.py and Karpathy's final gist, by name. */
#include "core/variant.h"

#include <string.h>

static const VariantInfo variants[] = {
    [VARIANT_COURSE] = { "course", "\n", "--- inference ---", 0 },
    [VARIANT_GIST] = { "gist", "\r", "--- inference (new, hallucinated names) ---", 1 },
};

const VariantInfo *variant_info(Variant v)
{
    return &variants[v == VARIANT_GIST ? VARIANT_GIST : VARIANT_COURSE];
}

int variant_parse(const char *name, Variant *out)
{
    for (size_t i = 0; i < sizeof variants / sizeof *variants; i++)
        if (strcmp(name, variants[i].name) == 0) {
            *out = (Variant)i;
            return 0;
        }
    return -1;
}
