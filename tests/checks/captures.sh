#!/bin/sh
# captures.sh BIN LESSON DOC [--write]: the screens of the lesson script's
# stops (BIN --lesson LESSON --export-screens, no settings file), put in
# DOC's captures (scripts/captures.sh).  Without --write, fails with the
# difference when DOC's captures are not those (make check-captures); with
# it, writes them into DOC (make captures).
set -u
bin=$1; lesson=$2; doc=$3; write=${4:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microgpt-captures.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
./"$bin" --no-config --lesson "$lesson" --export-screens "$tmp/screens" >"$tmp/list" 2>"$tmp/err" ||
    { cat "$tmp/err"; echo "captures: FAILED: $bin --lesson $lesson --export-screens"; exit 1; }
sh scripts/captures.sh "$tmp/screens" "$doc" >"$tmp/doc" || { echo "captures: FAILED"; exit 1; }
n=$(wc -l <"$tmp/list")
if [ "$write" = --write ]; then
    if cmp -s "$tmp/doc" "$doc"; then echo "captures: $doc already has the $n screens of $lesson"
    else cp "$tmp/doc" "$doc" && echo "captures: $doc: the $n screens of $lesson written"; fi
    exit 0
fi
if ! cmp -s "$tmp/doc" "$doc"; then
    diff -u "$doc" "$tmp/doc" | head -40
    echo "captures: FAILED: $doc's screens are not those of $lesson (make captures writes them; read the diff first)"
    exit 1
fi
echo "captures: ok ($n screens of $lesson in $doc)"
