#!/bin/sh
# check-deps: the package choice of scripts/deps.sh, on machines made of stub
# commands: PATH holds only the stubs a case gives it (id, sudo, apt-get,
# dpkg-query, pkg-config, cc, curl ...), each a tiny script; apt-get and sudo
# record how they were called.  The script runs in a scratch copy of the tree,
# with or without data/names.txt.  No network, no root, nothing installed.
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/microgpt-deps.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
cases=0
bad() { echo "deps: FAIL: $case: $1"; fails=$((fails + 1)); }

# machine CMD...: a fresh machine: bin/ with the commands named (stubs) and
# a tree with scripts/deps.sh; no dataset, not root, no sudo, nothing installed.
machine() {
    m=$tmp/m$cases
    cases=$((cases + 1))
    mkdir -p "$m/bin" "$m/tree/scripts" "$m/tree/data"
    cp "$top/scripts/deps.sh" "$m/tree/scripts/deps.sh"
    : > "$m/log"
    ln -s "$(command -v uname)" "$m/bin/uname"
    for c in "$@"; do stub "$c"; done
    stub id
}

# stub NAME: a command of the machine.  id says uid $UID_IS; sudo -n works
# when $SUDO_OK, and runs the rest; apt-get logs its arguments (install fails
# until "update" when $APT_STALE); dpkg-query knows the packages in
# $INSTALLED; pkg-config --exists knows the libraries in $PCS; clang's
# resource directory has the fuzzer library (clang-bare: clang without it);
# anything else just exists.
stub() {
    f=$m/bin/$1
    case $1 in
    id) printf '#!/bin/sh\necho "${UID_IS:-1000}"\n' > "$f" ;;
    sudo) printf '#!/bin/sh\necho "sudo $*" >> "%s/log"\n[ -n "$SUDO_OK" ] || exit 1\n[ "$1" = -n ] && shift\n"$@"\n' "$m" > "$f" ;;
    apt-get) printf '#!/bin/sh\necho "apt-get $*" >> "%s/log"\n[ "$1" = update ] && { : > "%s/updated"; exit 0; }\n[ -z "$APT_STALE" ] || [ -f "%s/updated" ]\n' "$m" "$m" "$m" > "$f" ;;
    dpkg-query) printf '#!/bin/sh\nfor a; do p=$a; done\ncase " $INSTALLED " in *" $p "*) printf "install ok installed" ;; *) echo "dpkg-query: no packages found matching $p" >&2; exit 1 ;; esac\n' > "$f" ;;
    pkg-config) printf '#!/bin/sh\ncase " $PCS " in *" $2 "*) exit 0 ;; esac\nexit 1\n' > "$f" ;;
    clang|clang-bare)
        f=$m/bin/clang
        printf '#!/bin/sh\necho "%s/clang"\n' "$m" > "$f"
        mkdir -p "$m/clang/lib/linux"
        [ "$1" = clang ] && : > "$m/clang/lib/linux/libclang_rt.fuzzer-$(uname -m).a" ;;
    *) printf '#!/bin/sh\nexit 0\n' > "$f" ;;
    esac
    chmod +x "$f"
}

# run MODE: scripts/deps.sh MODE on the machine; its status in $rc, its
# output in $m/out and $m/err, the calls in $m/log.
run() {
    ( cd "$m/tree" && PATH="$m/bin" /bin/sh scripts/deps.sh "$1" ) >"$m/out" 2>"$m/err"
    rc=$?
}

# expect_installed PKGS: apt-get was asked for exactly these, in this order.
installed() { grep "apt-get install -y" "$m/log" | tail -n 1 | sed 's/.*install -y //'; }

RUN_OK="pkg-config cc"          # commands a built machine has for make run
TEST_OK="tmux valgrind clang groff python3"

case="everything there (run and test): nothing to do, nothing said"
machine $RUN_OK $TEST_OK apt-get dpkg-query curl
: > "$m/tree/data/names.txt"
PCS="ncursesw inih cmocka" run test
[ $rc -eq 0 ] && [ ! -s "$m/out" ] && [ ! -s "$m/err" ] && [ ! -s "$m/log" ] || bad "rc=$rc $(cat "$m/out" "$m/err" "$m/log")"
PCS="ncursesw inih" run run
[ $rc -eq 0 ] && [ ! -s "$m/log" ] || bad "run: rc=$rc"

case="bare Debian as root, make run: the compiler, ncurses, inih, and what the download needs"
machine apt-get dpkg-query
UID_IS=0 run run
[ $rc -eq 0 ] || bad "rc=$rc $(cat "$m/err")"
[ "$(installed)" = "libncurses-dev libinih-dev pkg-config build-essential curl ca-certificates" ] || bad "installed '$(installed)'"
grep -q sudo "$m/log" && bad "sudo used as root"
grep -q "missing Debian packages: libncurses-dev libinih-dev pkg-config build-essential curl ca-certificates" "$m/out" || bad "$(cat "$m/out")"

case="not root, no sudo: the apt-get command printed, nothing run, status 1"
machine apt-get dpkg-query
run run
[ $rc -eq 1 ] || bad "rc=$rc"
[ "$(cat "$m/err")" = "microgpt-tui: install them with:  sudo apt-get install -y libncurses-dev libinih-dev pkg-config build-essential curl ca-certificates" ] ||
    bad "stderr: $(cat "$m/err")"
[ -s "$m/log" ] && bad "ran: $(cat "$m/log")"

case="not root, sudo asks for a password: the command printed, sudo not used to install"
machine apt-get dpkg-query sudo
run run
[ $rc -eq 1 ] && grep -q "sudo apt-get install -y libncurses-dev" "$m/err" || bad "rc=$rc $(cat "$m/err")"
grep -q "apt-get" "$m/log" && bad "apt-get ran: $(cat "$m/log")"

case="not root, password-less sudo: apt-get through sudo -n"
machine apt-get dpkg-query sudo
SUDO_OK=1 run run
[ $rc -eq 0 ] || bad "rc=$rc"
grep -qx "sudo -n apt-get install -y libncurses-dev libinih-dev pkg-config build-essential curl ca-certificates" "$m/log" ||
    bad "log: $(cat "$m/log")"

case="the dataset already there: no downloader, no certificates"
machine apt-get dpkg-query
: > "$m/tree/data/names.txt"
UID_IS=0 run run
[ "$(installed)" = "libncurses-dev libinih-dev pkg-config build-essential" ] || bad "installed '$(installed)'"

case="wget instead of curl, certificates installed: nothing for the download"
machine apt-get dpkg-query wget
UID_IS=0 INSTALLED="ca-certificates" PCS="ncursesw inih" run run
[ $rc -eq 0 ] && [ "$(installed)" = "libncurses-dev libinih-dev pkg-config build-essential" ] || bad "rc=$rc installed '$(installed)'"

case="curl there, certificates not: ca-certificates alone"
machine $RUN_OK apt-get dpkg-query curl
UID_IS=0 PCS="ncursesw inih" run run
[ "$(installed)" = "ca-certificates" ] || bad "installed '$(installed)'"

case="make test on a built machine: the test tools; clang without its fuzzer library"
machine $RUN_OK apt-get dpkg-query clang-bare
: > "$m/tree/data/names.txt"
UID_IS=0 PCS="ncursesw inih" run test
[ "$(installed)" = "libcmocka-dev tmux valgrind libclang-rt-dev groff-base python3" ] || bad "installed '$(installed)'"

case="make test, no clang: clang and its runtime; the default mode is test"
machine $RUN_OK apt-get dpkg-query tmux valgrind groff python3
: > "$m/tree/data/names.txt"
UID_IS=0 PCS="ncursesw inih cmocka" run ""
[ "$(installed)" = "clang libclang-rt-dev" ] || bad "installed '$(installed)'"

case="stale package lists: apt-get update, then install again"
machine apt-get dpkg-query
: > "$m/tree/data/names.txt"
UID_IS=0 APT_STALE=1 run run
[ $rc -eq 0 ] || bad "rc=$rc"
[ "$(cat "$m/log")" = "apt-get install -y libncurses-dev libinih-dev pkg-config build-essential
apt-get update
apt-get install -y libncurses-dev libinih-dev pkg-config build-essential" ] || bad "log: $(cat "$m/log")"

case="no apt-get (not Debian): the packages named, status 1"
machine dpkg-query
UID_IS=0 run run
[ $rc -eq 1 ] && grep -q "no apt-get here; install the equivalents of: libncurses-dev" "$m/err" || bad "rc=$rc $(cat "$m/err")"

[ $fails -eq 0 ] || exit 1
echo "deps: ok ($cases machines: root, sudo, no sudo, the download's packages, test tools, stale lists, no apt-get)"
