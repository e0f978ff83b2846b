#!/bin/sh
# docs.sh BIN: the options are documented alike everywhere (make check-docs):
#   - README.md's "## Options" block is BIN --help, exactly;
#   - every long option the program takes (cli.c's long_options) is in
#     --help, and --help names no other;
#   - the man page's OPTIONS headings name the same options as --help, each
#     with the same value (N, X, FILE, NAME...);
#   - docs/architecture.md's modules are src/'s files, all of them.
# Prints what differs and exits 1; "docs: ok" otherwise.
set -u
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microgpt-docs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
bad=0
say() { echo "docs: $*"; bad=1; }

./"$bin" --no-config --help >"$tmp/help" || { echo "docs: FAILED: $bin --help"; exit 1; }

# README.md: the fenced block after "## Options" is --help verbatim
awk '/^## Options/ { f = 1; next } f && /^```/ { n++; if (n == 2) exit; next } f && n == 1' README.md \
    >"$tmp/readme"
if ! cmp -s "$tmp/help" "$tmp/readme"; then
    diff -u "$tmp/readme" "$tmp/help" | head -30
    say "README.md's Options block is not $bin --help (paste the help in)"
fi

# --help's options with their values: "--steps N", "--headless", "-h"
# (the option lines: two spaces, then a dash; "--a, --b" names both)
sed -n 's/^  \(-[-a-zA-Z0-9]*\(, -[-a-zA-Z0-9]*\)*\)\( [A-Z][A-Za-z]*\)\{0,1\}.*/\1\3/p' "$tmp/help" |
    awk '{ v = ($NF ~ /^[A-Z]/) ? " " $NF : ""; for (i = 1; i <= NF; i++) if ($i ~ /^-/) { sub(/,$/, "", $i); print $i v } }' |
    sort -u >"$tmp/help.opts"

# the program's own table of long options
sed -n 's/^ *{ "\([a-z0-9-]*\)", [a-z_]*_argument,.*/--\1/p' src/app/cli.c | sort -u >"$tmp/table"
cut -d' ' -f1 "$tmp/help.opts" | grep -- '^--' | sort -u >"$tmp/help.names"
if ! cmp -s "$tmp/table" "$tmp/help.names"; then
    diff "$tmp/table" "$tmp/help.names" | sed -n 's/^< /  not in --help: /p; s/^> /  not an option: /p'
    say "--help and src/app/cli.c's long_options differ"
fi

# the man page: the line after each .TP of OPTIONS, "\-\-steps " N"" -> "--steps N"
awk '/^\.SH OPTIONS/ { f = 1 } /^\.SH KEYS/ { f = 0 } f && p { print } { p = f && /^\.TP/ }' \
    docs/microgpt-tui.1 | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/"//g' |
    awk '{ v = ""; for (i = 2; i <= NF; i++) if ($i ~ /^[A-Z]/) { v = $i; sub(/[^A-Za-z].*/, "", v); v = " " v; break }
           for (i = 2; i <= NF; i++) if ($i ~ /^-/) print $i v }' | sort -u >"$tmp/man.opts"
if ! cmp -s "$tmp/help.opts" "$tmp/man.opts"; then
    diff "$tmp/help.opts" "$tmp/man.opts" | sed -n 's/^< /  --help only: /p; s/^> /  man page only: /p'
    say "the man page's options are not --help's"
fi

# docs/architecture.md's module table (## Modules) names every file of src/ (a header by
# itself or by its .c; a pattern such as `render*.c` names those it matches),
# and no file that is not there
sed -n '/^## Modules/,/^## /p' docs/architecture.md | grep -o '`[a-z_0-9*]*\.[ch]`' | tr -d '`' |
    sort -u >"$tmp/arch"
for f in src/*/*.c src/*/*.h; do
    base=${f##*/}
    found=0
    while read -r pat; do
        # shellcheck disable=SC2254
        case $base in $pat|${pat%.c}.h) found=1; break ;; esac
    done <"$tmp/arch"
    [ $found -eq 1 ] || say "docs/architecture.md does not list $f"
done
while read -r pat; do
    # shellcheck disable=SC2086
    set -- src/*/$pat
    [ -e "$1" ] || say "docs/architecture.md lists $pat, which src/ does not have"
done <"$tmp/arch"

[ $bad -eq 0 ] || { echo "docs: FAILED"; exit 1; }
echo "docs: ok ($(wc -l <"$tmp/help.opts") options in --help, README.md and the man page; src/'s files in docs/architecture.md)"
