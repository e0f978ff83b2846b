#!/bin/sh
# captures.sh DIR DOC: DOC (docs/classroom.md) on standard output with each
# screen capture replaced by the screen --export-screens wrote: the code
# block right after a line "<!-- capture: NAME -->" becomes DIR/NAME.txt.
# `make captures` runs it; check-captures compares its output with DOC.
# Exits 1 (and says which) when a capture's file is missing or a marker is
# not followed by a code block.
dir=$1; doc=$2
[ -d "$dir" ] && [ -f "$doc" ] || { echo "usage: captures.sh DIR DOC" >&2; exit 2; }
awk -v dir="$dir" '
    function fail(msg) { print "captures.sh: " FILENAME ":" FNR ": " msg > "/dev/stderr"; bad = 1; exit 1 }
    skip && $0 == "```" { skip = 0; print; next }
    skip { next }
    /^<!-- capture: [a-z0-9-]+ -->$/ {
        print
        name = $3
        if ((getline) <= 0 || $0 != "```")
            fail("the capture " name " is not followed by a code block")
        print
        file = dir "/" name ".txt"
        n = 0
        while ((getline line < file) > 0) { print line; n++ }
        close(file)
        if (n == 0)
            fail("no screen " file " (is the capture the name of a stop?)")
        skip = 1
        next
    }
    { print }
    END { if (skip && !bad) fail("a code block that does not end") }
' "$doc"
