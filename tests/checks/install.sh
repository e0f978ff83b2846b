#!/bin/sh
# install.sh BIN MANPAGE VERSION: `make install` / `make uninstall` into a
# temporary DESTDIR, then the man page against --help and --version.
set -u
bin=$1; page=$2; version=$3
make=${MAKE:-make}
fail() { echo "install: FAILED: $*"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microgpt-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)

[ -n "$version" ] || fail "no MICROGPT_VERSION in src/app/cli.h"
[ "$(./"$bin" --version)" = "microgpt-tui $version" ] ||
    fail "--version says '$(./"$bin" --version)', src/app/cli.h says $version"

# install / uninstall with DESTDIR and PREFIX
d=$tmp/root
$make -s --no-print-directory install DESTDIR="$d" PREFIX=/usr >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "make install DESTDIR=$d PREFIX=/usr"; }
[ -x "$d/usr/bin/$bin" ] || fail "no $d/usr/bin/$bin"
[ -f "$d/usr/share/man/man1/microgpt-tui.1" ] || fail "no $d/usr/share/man/man1/microgpt-tui.1"
[ "$(find "$d" -type f | wc -l)" -eq 2 ] || fail "installed more than two files: $(find "$d" -type f)"
[ "$("$d/usr/bin/$bin" --version)" = "microgpt-tui $version" ] || fail "the installed binary's --version"
inst=$d/usr/share/man/man1/microgpt-tui.1
$make -s --no-print-directory uninstall DESTDIR="$d" PREFIX=/usr >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "make uninstall DESTDIR=$d PREFIX=/usr"; }
[ "$(find "$d" -type f | wc -l)" -eq 0 ] || fail "make uninstall left: $(find "$d" -type f)"
# the default PREFIX is /usr/local
$make -s --no-print-directory install DESTDIR="$tmp/def" >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "make install DESTDIR=$tmp/def"; }
[ -x "$tmp/def/usr/local/bin/$bin" ] && [ -f "$tmp/def/usr/local/share/man/man1/microgpt-tui.1" ] ||
    fail "the default PREFIX is not /usr/local"
$make -s --no-print-directory uninstall DESTDIR="$tmp/def" >/dev/null 2>&1
[ "$(find "$tmp/def" -type f | wc -l)" -eq 0 ] || fail "make uninstall (default PREFIX) left files"

# the man page: the version of --version, in the installed copy and in docs/
$make -s --no-print-directory install DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
inst=$d/usr/share/man/man1/microgpt-tui.1
for p in "$inst" "$page"; do
    grep -q "^\.TH .*\"microgpt\\\\-tui $version\"" "$p" ||
        fail "$p: .TH does not say version $version (MICROGPT_VERSION in src/app/cli.h)"
done

# no warnings from groff (nor from man, when installed)
command -v groff >/dev/null 2>&1 || fail "groff is not installed (sudo apt-get install groff-base)"
for p in "$inst" "$page"; do
    groff -man -Tutf8 -ww -z "$p" 2>"$tmp/warn"
    [ -s "$tmp/warn" ] && { cat "$tmp/warn"; fail "groff warns about $p"; }
done
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man -l "$inst" >/dev/null 2>"$tmp/warn"
    [ -s "$tmp/warn" ] && { cat "$tmp/warn"; fail "man -l warns about $inst"; }
fi

# every option of --help has an entry (a line of its own) in OPTIONS
opts=$(./"$bin" --help | grep -o -- '--[a-z0-9][a-z0-9-]*' | sort -u)
[ -n "$opts" ] || fail "no options in --help"
for p in "$inst" "$page"; do
    groff -man -Tascii -P-cbou "$p" 2>/dev/null | sed -n '/^OPTIONS/,/^KEYS/p' >"$tmp/options.txt"
    n=0
    for o in $opts; do
        grep -Eq -- "^ {7}$o( |\$)" "$tmp/options.txt" ||
            fail "option $o of --help has no entry in OPTIONS of $p"
        n=$((n + 1))
    done
done
$make -s --no-print-directory uninstall DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
end=$(date +%s)
echo "install: ok (install/uninstall with DESTDIR and PREFIX; man page: no warnings, $n options, version $version) in $((end - start)) s"
