/* simd.c: the choice of kernels (see simd.h). */
#include "core/simd.h"

#include <stdlib.h>
#include <string.h>

static int decided;
static SimdLevel level;

static int cpu_has_avx2(void)
{
#if SIMD_HAVE_AVX2
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

SimdLevel simd_level(void)
{
    if (!decided) {
        const char *env = getenv("MICROGPT_SIMD");
        decided = 1;
        level = cpu_has_avx2() && !(env && strcmp(env, "scalar") == 0) ? SIMD_AVX2 : SIMD_SCALAR;
    }
    return level;
}

int simd_set_level(SimdLevel l)
{
    if (l == SIMD_AVX2 && !cpu_has_avx2())
        return -1;
    decided = 1;
    level = l;
    return 0;
}

const char *simd_name(SimdLevel l)
{
    return l == SIMD_AVX2 ? "avx2" : "scalar";
}
