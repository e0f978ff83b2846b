#!/bin/sh
# install.sh BIN MANPAGE VERSION: `make install` / `make uninstall` into a
# temporary DESTDIR, then the man page against --help and --version.
set -u
bin=$1; page=$2; version=$3
make=${MAKE:-make}
fail() { echo "install: FAILED: $*"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microgpt-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# no settings file (never the developer's ~/.config)
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
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
# the dataset (make test fetched it) beside them, found from any directory
cmp -s data/names.txt "$d/usr/share/microgpt-tui/names.txt" || fail "no $d/usr/share/microgpt-tui/names.txt"
[ "$(find "$d" -type f | wc -l)" -eq 3 ] || fail "installed more than three files: $(find "$d" -type f)"
[ "$("$d/usr/bin/$bin" --version)" = "microgpt-tui $version" ] || fail "the installed binary's --version"
mkdir "$tmp/elsewhere"
( cd "$tmp/elsewhere" && "$d/usr/bin/$bin" --headless --steps 1 --samples 0 ) >"$tmp/out" 2>&1 ||
    { cat "$tmp/out"; fail "the installed binary does not find its dataset from another directory"; }
grep -qx "num docs: 32033" "$tmp/out" || fail "the installed dataset is not names.txt: $(head -1 "$tmp/out")"
inst=$d/usr/share/man/man1/microgpt-tui.1
$make -s --no-print-directory uninstall DESTDIR="$d" PREFIX=/usr >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "make uninstall DESTDIR=$d PREFIX=/usr"; }
[ "$(find "$d" -type f | wc -l)" -eq 0 ] || fail "make uninstall left: $(find "$d" -type f)"
[ ! -d "$d/usr/share/microgpt-tui" ] || fail "make uninstall left $d/usr/share/microgpt-tui/"
# the default PREFIX is /usr/local
$make -s --no-print-directory install DESTDIR="$tmp/def" >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "make install DESTDIR=$tmp/def"; }
[ -x "$tmp/def/usr/local/bin/$bin" ] && [ -f "$tmp/def/usr/local/share/man/man1/microgpt-tui.1" ] &&
    [ -f "$tmp/def/usr/local/share/microgpt-tui/names.txt" ] || fail "the default PREFIX is not /usr/local"
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

# every option of --help has an entry (a line of its own, or beside its
# other form: "--mouse, --no-mouse") in OPTIONS of the page installed (the
# source's: make check-docs, both ways and with their values)
opts=$(./"$bin" --help | grep -o -- '--[a-z0-9][a-z0-9-]*' | sort -u)
[ -n "$opts" ] || fail "no options in --help"
for p in "$inst"; do
    groff -man -Tascii -P-cbou "$p" 2>/dev/null | sed -n '/^OPTIONS/,/^KEYS/p' >"$tmp/options.txt"
    n=0
    for o in $opts; do
        grep -Eq -- "^ {7}(-[a-zA-Z], )?(--[a-z0-9-]+, )?$o(,? |\$)" "$tmp/options.txt" ||
            fail "option $o of --help has no entry in OPTIONS of $p"
        n=$((n + 1))
    done
done
$make -s --no-print-directory uninstall DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
end=$(date +%s)
echo "install: ok (install/uninstall with DESTDIR and PREFIX, the dataset found from elsewhere; man page: no warnings, $n options, version $version) in $((end - start)) s"
