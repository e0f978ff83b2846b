#!/bin/sh
# Runs every cmocka test binary given, then prints one summary line.
# Exit status 1 if any binary failed.
passed=0; failed=0; bad=""
for t in "$@"; do
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    # one "[  PASSED  ] N test(s)." (and FAILED) line per cmocka group: add them all up
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ]; then
        bad="$bad $t"
        [ "$f" -eq 0 ] && failed=$((failed + 1))  # it crashed before reporting
    fi
done
echo "unit: $passed passed, $failed failed"
[ -n "$RESULT_FILE" ] && echo "$passed $failed" > "$RESULT_FILE"
[ -z "$bad" ] || { echo "failing:$bad"; exit 1; }
