#!/bin/sh
# check-data: `make data`'s script, without the network: an existing file is
# left alone, and a download that fails (a closed port on this machine) says
# what to do, exits 1 and leaves no partial file behind.
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
bad() { echo "data: FAIL: $1"; exit 1; }

printf 'emma\n' > "$tmp/names.txt"
MICROGPT_DATA_URL=http://127.0.0.1:9/names.txt sh scripts/fetch-data.sh "$tmp/names.txt" || bad "existing file"
[ "$(cat "$tmp/names.txt")" = emma ] || bad "existing file was replaced"

MICROGPT_DATA_URL=http://127.0.0.1:9/names.txt sh scripts/fetch-data.sh "$tmp/sub/names.txt" \
    >"$tmp/out" 2>"$tmp/err" && bad "a failed download exited 0"
[ -e "$tmp/sub/names.txt" ] && bad "a file was left behind"
[ -e "$tmp/sub/names.txt.part" ] && bad "a partial file was left behind"
grep -q "could not download names.txt (offline?)" "$tmp/err" || bad "no offline message: $(cat "$tmp/err")"
grep -q -- "--data FILE" "$tmp/err" || bad "no hint about --data"
echo "data: ok (existing file kept; offline download explained, nothing left behind)"
