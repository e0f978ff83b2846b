#!/bin/sh
# Checks for what building and running (`deps.sh run`) or also testing
# (`deps.sh`, `deps.sh test`) need; installs the missing Debian packages with
# apt-get when it can (as root, or with password-less sudo), and otherwise
# prints the exact command to run.  When the dataset (data/names.txt) is not
# there yet, what downloading it needs counts too: curl (or wget) and
# ca-certificates.  Runs from the repository root (the directory above its
# own); tests/checks/deps.sh tests the package choice with stub commands.
case $0 in */*) here=${0%/*} ;; *) here=. ;; esac
cd "$here/.." || exit 1
missing=""
pkg-config --exists ncursesw 2>/dev/null || missing="$missing libncurses-dev"
pkg-config --exists inih 2>/dev/null || missing="$missing libinih-dev"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing build-essential"
if [ ! -f data/names.txt ]; then
    # scripts/fetch-data.sh: curl or wget, over https
    command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1 || missing="$missing curl"
    if command -v dpkg-query >/dev/null 2>&1; then
        case $(dpkg-query -W -f='${Status}' ca-certificates 2>/dev/null) in
            *"ok installed") ;;
            *) missing="$missing ca-certificates" ;;
        esac
    elif [ ! -f /etc/ssl/certs/ca-certificates.crt ]; then
        missing="$missing ca-certificates"
    fi
fi
if [ "${1:-test}" != run ]; then
pkg-config --exists cmocka 2>/dev/null || missing="$missing libcmocka-dev"
command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
# make test's checks: memcheck (check-valgrind), libFuzzer (check-fuzz), the man page (check-install)
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
if ! command -v clang >/dev/null 2>&1; then
    missing="$missing clang libclang-rt-dev"
elif [ ! -f "$(clang -print-resource-dir)/lib/linux/libclang_rt.fuzzer-$(uname -m).a" ]; then
    missing="$missing libclang-rt-dev"
fi
command -v groff >/dev/null 2>&1 || missing="$missing groff-base"
# the exported screens' SVG, parsed as XML (tests/tools/svg_text.py)
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
fi
[ -z "$missing" ] && exit 0
echo "microgpt-tui: missing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
else
    echo "microgpt-tui: install them with:  sudo apt-get install -y$missing" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "microgpt-tui: no apt-get here; install the equivalents of:$missing" >&2
    exit 1
fi
echo "microgpt-tui: installing with apt-get:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y $missing || { $sudo apt-get update && $sudo apt-get install -y $missing; } || {
    echo "microgpt-tui: apt-get failed; run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
}
