#!/bin/sh
# valgrind.sh BIN: memcheck with --error-exitcode=1, every leak kind an error.
# Runs from the repository root.
set -u
bin=$1
if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind: not installed (sudo apt-get install valgrind, or make deps)" >&2
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microgpt-valgrind.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# no settings file (never the developer's ~/.config)
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
start=$(date +%s)
fail=0

# vg STATUS ARGS...: runs BIN ARGS under memcheck; expects exit status STATUS.
vg() {
    want=$1; shift
    valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=all \
        --errors-for-leak-kinds=all --track-origins=yes --log-file="$tmp/vg.log" \
        "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne "$want" ] || [ -s "$tmp/vg.log" ]; then
        echo "valgrind: FAILED: $bin $* (exit $rc, expected $want)"
        cat "$tmp/vg.log" "$tmp/err"
        fail=1
        return 1
    fi
}

if vg 0 --headless --steps 50 --csv "$tmp/run.csv"; then
    lines=$(wc -l <"$tmp/out"); rows=$(wc -l <"$tmp/run.csv")
    # 3 header lines, 50 steps, a blank line, "--- inference ---", 20 samples
    if [ "$lines" -ne 75 ] || [ "$rows" -ne 51 ]; then
        echo "valgrind: unexpected output: $lines lines, $rows CSV lines"; fail=1
    fi
fi
# --trace on Unicode names (a deeper model, samples too)
vg 0 --trace --data tests/data/unicode.txt --steps 3 --n-layer 2 --block-size 16 --samples 3
vg 2 --headless --data "$tmp/no-such-file"
vg 2 --headless --data "$tmp"
vg 2 --headless --steps 0
end=$(date +%s)
[ $fail -eq 0 ] || exit 1
echo "valgrind: ok (memcheck: no errors, no leaks; --headless 50 steps, --trace 3 steps, 3 bad inputs) in $((end - start)) s"
