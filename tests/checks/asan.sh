#!/bin/sh
# asan.sh DIR BIN TEST...: runs the sanitized unit tests DIR/TEST and binary
# DIR/BIN.  The unit tests run ./BIN and read tests/ and data/ from the
# current directory, so they run in DIR/root, where ./BIN is the sanitized
# binary, data/ is the repository's and tests/ a tree of links to its files
# (what a failing test writes, such as a golden's .actual, stays in DIR);
# docs/ and README.md are links too.
set -u
dir=$1; bin=$2; shift 2
top=$(pwd)
root=$dir/root
rm -rf "$root"
mkdir -p "$root/build"
cp -rs "$top/tests" "$root/tests"
ln -s "$top/data" "$root/data"
ln -s "$top/docs" "$root/docs"          # test_keymap reads the docs' key tables
ln -s "$top/README.md" "$root/README.md"
ln -s "$top/$dir/$bin" "$root/$bin"
# no settings file (never the developer's ~/.config)
export HOME="$root/home" XDG_CONFIG_HOME="$root/home/.config"
ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS UBSAN_OPTIONS
start=$(date +%s)
tests=""
for t in "$@"; do tests="$tests ../$t"; done
( cd "$root" && sh "$top/scripts/run-unit.sh" $tests ) >"$dir/unit.log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
    cat "$dir/unit.log"
    echo "asan: unit tests FAILED under ASan/UBSan (log: $dir/unit.log)"
    exit 1
fi
summary=$(tail -n 1 "$dir/unit.log")

# A headless run with the CSV: no report, and the same bytes as the plain build.
out=$dir/headless.out
if ! ( cd "$root" && ./"$bin" --headless --steps 300 --csv build/asan.csv ) >"$out" 2>"$dir/headless.err"; then
    cat "$dir/headless.err"
    echo "asan: headless run FAILED under ASan/UBSan"
    exit 1
fi
if [ -s "$dir/headless.err" ]; then
    cat "$dir/headless.err"; echo "asan: the headless run wrote to stderr"; exit 1
fi
if ! ./"$bin" --headless --steps 300 --csv "$dir/plain.csv" >"$dir/plain.out" 2>&1 ||
   ! cmp -s "$out" "$dir/plain.out" || ! cmp -s "$root/build/asan.csv" "$dir/plain.csv"; then
    echo "asan: the sanitized build's output differs from the plain build's"
    exit 1
fi
end=$(date +%s)
echo "asan: ok ($summary; headless --steps 300 --csv clean and identical) in $((end - start)) s"
