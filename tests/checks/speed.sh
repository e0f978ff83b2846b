#!/bin/sh
# speed.sh BUILD: the fast paths of issue 11 checked over whole runs (make
# check-speed, part of make test).  Runs from the repository root.
#  - verify mode (every power the fast path answers also computed with libm's
#    pow and compared; must be 0 mismatches) over 3000 steps of the default
#    configuration, 1000 of --n-embd 32 --n-layer 2 --block-size 16 and 2000
#    of --variant gist, with the kernels this CPU picks, and over 1000 and 500
#    steps with the portable ones;
#  - the golden runs (the reference's log and trace, the other golden
#    settings) and the compiled-versus-graph tests with the portable kernels
#    (MICROGPT_SIMD=scalar) and with plain pow (MICROGPT_POW=libm);
#  - the core built with -DMICROGPT_NO_SIMD (no AVX2 code, as on another
#    CPU): its training tests and verify mode.
set -u
b=$1
start=$(date +%s)
fail=0
out=$("$b"/powcheck course 3000 16 1 8 course 1000 32 2 16 gist 2000 16 1 16) || fail=1
printf '%s\n' "$out"
out2=$(MICROGPT_SIMD=scalar "$b"/powcheck course 1000 16 1 8 gist 500 16 1 16) || fail=1
printf '%s\n' "$out2"
for env in MICROGPT_SIMD=scalar MICROGPT_POW=libm; do
    for t in test_cli test_train test_timeline test_sample; do
        if ! log=$(env "$env" "$b/$t" 2>&1); then
            printf '%s\n' "$log"
            echo "speed: $t FAILED with $env"
            fail=1
        fi
    done
done
# the core built without any AVX2 code, as for another CPU
if ! log=$("$b"/nosimd/test_train 2>&1); then
    printf '%s\n' "$log"
    echo "speed: test_train FAILED in the build without AVX2 code"
    fail=1
fi
out3=$("$b"/nosimd/powcheck course 300 16 1 8) || fail=1
printf '%s (built without AVX2 code)\n' "$out3"
end=$(date +%s)
if [ $fail -ne 0 ]; then
    echo "speed: FAILED"
    exit 1
fi
echo "speed: ok (verify mode: 0 mismatches; goldens with the portable kernels and with plain pow; a build without AVX2 code) in $((end - start)) s"
