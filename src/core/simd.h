/* simd.h: which kernels run: the portable scalar ones, or AVX2 with FMA on
 * an x86-64 CPU that has them.  Both give the same bits (every kernel does
 * the reference's operations in the reference's order; only independent
 * lanes run side by side).  Decided once, at the first call: the CPU
 * (__builtin_cpu_supports), unless the environment variable MICROGPT_SIMD
 * is `scalar`, which forces the portable kernels (the tests use it). */
#ifndef MICROGPT_SIMD_H
#define MICROGPT_SIMD_H

typedef enum {
    SIMD_SCALAR,    /* portable C */
    SIMD_AVX2,      /* x86-64 AVX2 and FMA */
} SimdLevel;

SimdLevel simd_level(void);
/* Overrides the choice (tests, tools): -1 if the CPU cannot run `l`. */
int simd_set_level(SimdLevel l);
/* "scalar" or "avx2". */
const char *simd_name(SimdLevel l);

/* The AVX2 kernels are compiled only where the compiler can target them
 * (and not with -DMICROGPT_NO_SIMD, which builds as for any other CPU). */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(MICROGPT_NO_SIMD)
#define SIMD_HAVE_AVX2 1
#define SIMD_AVX2_FN __attribute__((target("avx2,fma")))
#else
#define SIMD_HAVE_AVX2 0
#endif

#endif
