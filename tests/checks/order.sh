#!/bin/sh
# check-order: no unit test depends on what another left behind (a shared
# run that reached step 500 earlier greys later steps in another test's
# screen): each test binary given runs its tests in the reverse order, then
# each test alone (TEST_ORDER and TEST_ONLY: tests/testutil.h).
# Usage: sh tests/checks/order.sh BINARY...
# Prints each failure, then one summary line; exits 1 on any.
start=$(date +%s)
runs=0; bad=""
for t in "$@"; do
    names=$("$t" 2>&1 | sed -n 's/^\[ RUN      \] \(.*\)$/\1/p')
    [ -n "$names" ] || { bad="$bad $t(no tests)"; continue; }
    runs=$((runs + 1))
    if ! out=$(TEST_ORDER=reverse "$t" 2>&1); then
        printf '%s\n' "$out" | grep -E 'ERROR|FAILED' | head -5
        bad="$bad $t(reversed)"
    fi
    for n in $names; do
        runs=$((runs + 1))
        if ! out=$(TEST_ONLY="$n" "$t" 2>&1) || ! printf '%s\n' "$out" | grep -q "^\[       OK \] $n\$"; then
            printf '%s\n' "$out" | grep -E 'ERROR|FAILED' | head -5
            bad="$bad $t($n alone)"
        fi
    done
done
end=$(date +%s)
[ -z "$bad" ] || { echo "order: FAILED:$bad"; exit 1; }
echo "order: ok ($runs runs of $# binaries: each reversed, each test alone) in $((end - start)) s"
