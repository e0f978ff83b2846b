#!/bin/sh
# run.sh DIR SECONDS TARGET...: runs each libFuzzer target DIR/TARGET for
# SECONDS, on DIR/corpus/TARGET (written) and tests/corpus/TARGET (seeds and
# past failures, read only).  Quiet unless something fails: then the log's
# end and the input that failed (DIR/TARGET-crash-..., -timeout-..., -leak-...).
dir=$1; secs=$2; shift 2
status=0
for t in "$@"; do
    mkdir -p "$dir/corpus/$t"
    dict=""; [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    log="$dir/$t.log"
    start=$(date +%s)
    ASAN_OPTIONS="detect_leaks=1:quarantine_size_mb=64:$ASAN_OPTIONS" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:$UBSAN_OPTIONS" \
    "$dir/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$dir/$t-" $dict \
        "$dir/corpus/$t" "tests/corpus/$t" >"$log" 2>&1
    rc=$?
    end=$(date +%s)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -a -o 'cov: [0-9]*' "$log" | tail -n 1)
    if [ $rc -eq 0 ]; then
        echo "fuzz: $t: ok, ${runs:-?} runs in $((end - start)) s, $cov"
    else
        echo "fuzz: $t: FAILED (exit $rc) after $((end - start)) s; log: $log"
        tail -n 40 "$log"
        sed -n 's/.*Test unit written to /fuzz: failing input: /p' "$log"
        echo "fuzz: fix it, then keep the input: cp <input> tests/corpus/$t/"
        status=1
    fi
done
exit $status
