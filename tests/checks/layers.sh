#!/bin/sh
# check-layers: the layers of src/ (docs/architecture.md), from the #include
# lines of every .c and .h file:
#   - only src/tui/terminal.c includes curses (curses.h, ncurses*, term.h, ...);
#   - core/ includes only core/ (no session, render, tui or app header);
#   - session/ includes only core/ and session/;
#   - render/ includes no tui/ or app/ header;
#   - nothing includes an app/ header but app/.
# Usage: sh tests/checks/layers.sh [ROOT]     (ROOT defaults to src)
#        sh tests/checks/layers.sh --self-test  (the rules catch each violation)
# Prints each violation as FILE:LINE: what, then one summary line; exits 1
# on any violation.

# check ROOT: prints the violations under ROOT, then the summary; returns 1 on any.
check() {
    root=$1
    [ -d "$root" ] || { echo "layers: no directory $root"; return 1; }
    find "$root" -type f \( -name '*.c' -o -name '*.h' \) | sort | while read -r f; do
        rel=${f#"$root"/}
        layer=${rel%%/*}
        grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
            num=${line%%:*}
            inc=$(printf '%s\n' "${line#*:}" | sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1/p')
            what=""
            case "$inc" in
            "<curses.h>"|"<ncurses.h>"|"<ncursesw/"*|"<ncurses/"*|"<term.h>"|"<termcap.h>"|"<panel.h>"|"<menu.h>"|"<form.h>")
                [ "$rel" = tui/terminal.c ] || what="curses outside the terminal layer (tui/terminal.c): $inc" ;;
            \"*)
                target=$(printf '%s' "$inc" | tr -d '"')
                tl=${target%%/*}
                [ "$tl" = "$target" ] && tl="(no folder)"
                case "$layer:$tl" in
                core:core|session:core|session:session) ;;
                core:*) what="core includes $target: core includes only core/" ;;
                session:*) what="session includes $target: session includes only core/ and session/" ;;
                render:tui|render:app) what="render includes $target: no tui/ or app/ header in render/" ;;
                *:"(no folder)") what="$target: include headers with their folder (core/, session/, ...)" ;;
                app:app) ;;
                *:app) what="$layer includes $target: only app/ includes app/" ;;
                esac ;;
            esac
            [ -n "$what" ] && echo "$f:$num: $what"
        done
    done > "${TMPDIR:-/tmp}/layers.$$"
    n=$(find "$root" -type f \( -name '*.c' -o -name '*.h' \) | wc -l)
    bad=$(wc -l < "${TMPDIR:-/tmp}/layers.$$")
    cat "${TMPDIR:-/tmp}/layers.$$"
    rm -f "${TMPDIR:-/tmp}/layers.$$"
    if [ "$bad" -gt 0 ]; then
        echo "layers: FAIL: $bad include(s) across the layers in $n files"
        return 1
    fi
    echo "layers: ok ($n files: core < session < render < tui, app beside; curses in tui/terminal.c only)"
    return 0
}

# The rules against a tree with one violation of each kind, and a clean one.
self_test() {
    t=$(mktemp -d) || exit 1
    trap 'rm -rf "$t"' EXIT
    mkdir -p "$t/ok/core" "$t/ok/session" "$t/ok/render" "$t/ok/tui" "$t/ok/app"
    printf '#include "core/a.h"\n#include <stdio.h>\n' > "$t/ok/core/a.c"
    printf '#include "core/a.h"\n#include "session/s.h"\n' > "$t/ok/session/s.c"
    printf '#include "session/s.h"\n#include "render/r.h"\n' > "$t/ok/render/r.c"
    printf '#include "render/r.h"\n#include <curses.h>\n' > "$t/ok/tui/terminal.c"
    printf '#include "app/cli.h"\n#include "tui/ui.h"\n' > "$t/ok/app/main.c"
    check "$t/ok" > "$t/out" || { cat "$t/out"; echo "layers: self-test FAIL: a clean tree fails"; return 1; }
    fails=0
    # each: a file, its text, and a word the message must have
    for case in "core/x.c|#include \"session/s.h\"|core includes session/s.h" \
                "core/y.h|  #  include \"render/r.h\"|core includes render/r.h" \
                "session/x.c|#include \"render/layout.h\"|session includes render/layout.h" \
                "session/y.c|#include <curses.h>|curses outside" \
                "render/x.c|#include \"tui/terminal.h\"|no tui/ or app/" \
                "render/y.c|#include <ncursesw/curses.h>|curses outside" \
                "tui/ui.c|#include <term.h>|curses outside" \
                "tui/z.c|#include \"app/cli.h\"|only app/ includes app/" \
                "render/z.c|#include \"app/cli.h\"|no tui/ or app/" \
                "session/z.c|#include \"x.h\"|session includes x.h"; do
        file=${case%%|*}; rest=${case#*|}; text=${rest%%|*}; want=${rest#*|}
        rm -rf "$t/bad" && cp -r "$t/ok" "$t/bad" && printf '%s\n' "$text" > "$t/bad/$file"
        if check "$t/bad" > "$t/out"; then
            echo "layers: self-test FAIL: $file ($text) passed"; fails=$((fails + 1))
        elif ! grep -qF "$want" "$t/out"; then
            echo "layers: self-test FAIL: $file: no '$want' in:"; cat "$t/out"; fails=$((fails + 1))
        fi
    done
    [ $fails -eq 0 ] || return 1
    echo "layers: self-test ok (a clean tree passes; each of 10 violations is caught)"
}

cd "$(dirname "$0")/../.." || exit 1
case "${1:-}" in
--self-test) self_test ;;
*) check "${1:-src}" ;;
esac
