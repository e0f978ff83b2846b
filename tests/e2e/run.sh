#!/bin/sh
# tests/e2e/run.sh: end-to-end tests of the real ./microgpt-tui in tmux.
#
# Every test runs the program in a pane of a private tmux server (its own
# socket name, no config file), sends keys, and polls capture-pane for text
# with a timeout (no fixed sleeps).  The server is killed on exit, whatever
# happens.  Run from anywhere:  sh tests/e2e/run.sh   (or: make e2e)
# Prints one line per test and a final "e2e: N passed, M failed"; exits 1 on
# any failure.  Set E2E_VERBOSE=1 to see the screen of a failing test.
cd "$(dirname "$0")/../.." || exit 1
BIN=./microgpt-tui
[ -x "$BIN" ] || { echo "e2e: $BIN not built (make)"; exit 1; }
command -v tmux >/dev/null 2>&1 || { echo "e2e: tmux not installed"; exit 1; }

SOCK="microgpt-e2e-$$"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/microgpt-e2e.XXXXXX") || exit 1
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# No test reads the developer's settings file: HOME and XDG_CONFIG_HOME in
# the scratch directory (tmux's server and every program it starts inherit them).
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config"
mkdir -p "$HOME"

# tmux itself needs a UTF-8 locale to keep the program's UTF-8 output.
UTF8=C.UTF-8
export LC_ALL=$UTF8
unset LINES COLUMNS TMUX

# The environment of the program under test: explicit TERM and locale, and
# no LINES/COLUMNS to override the real size.
APP_ENV="env -u LINES -u COLUMNS -u NO_COLOR TERM=tmux-256color LC_ALL=$UTF8"

passed=0
failed=0
current=""

begin() { current=$1; }
ok() { passed=$((passed + 1)); echo "ok   $current"; }
fail() {
    failed=$((failed + 1))
    echo "FAIL $current: $1"
    if [ -n "$E2E_VERBOSE" ] && [ -n "$2" ]; then
        echo "----- screen -----"
        tm capture-pane -p -t "$2" 2>/dev/null
        echo "------------------"
    fi
}

# start NAME WIDTH HEIGHT COMMAND...: a new detached session running COMMAND.
start() {
    name=$1; w=$2; h=$3; shift 3
    tm new-session -d -s "$name" -x "$w" -y "$h" "$*"
    tm set-option -t "$name" remain-on-exit on >/dev/null 2>&1
}

# A session with an interactive shell, for checking the terminal afterwards.
start_shell() {
    start "$1" 120 40 "$APP_ENV PS1='$ ' ENV= sh -i"
    wait_for "$1" '$' 5
}

capture() { tm capture-pane -p -t "$1"; }

# poll_screen GONE FLAG SESSION TEXT [SECONDS]: polls the screen until grep
# FLAG (-F: a fixed string, -E: an extended regex) finds TEXT there (GONE 1:
# until it no longer does); 1 when SECONDS (10) pass first.
poll_screen() {
    gone=$1; flag=$2; s=$3; text=$4; limit=${5:-10}
    end=$(( $(date +%s) + limit ))
    while :; do
        if capture "$s" 2>/dev/null | grep -q "$flag" -- "$text"; then found=1; else found=0; fi
        [ "$found" -ne "$gone" ] && return 0
        [ "$(date +%s)" -gt "$end" ] && return 1
        sleep 0.05
    done
}

# wait_for SESSION TEXT [SECONDS]: until TEXT (a fixed string) shows;
# wait_re: until the extended regex TEXT matches; wait_gone: until TEXT is
# no longer on the screen.
wait_for() { poll_screen 0 -F "$@"; }
wait_re() { poll_screen 0 -E "$@"; }
wait_gone() { poll_screen 1 -F "$@"; }

# settled SESSION FILE [-e]: the screen (with -e, its colours too) once two
# captures 50 ms apart agree, into FILE (a frame is never caught half drawn).
settled() {
    st_s=$1; st_f=$2; st_e=${3:-}; st_prev=""; st_n=0
    while [ $st_n -lt 20 ]; do
        tm capture-pane -p $st_e -t "$st_s" > "$st_f" 2>/dev/null
        st_cur=$(cksum < "$st_f")
        [ "$st_cur" = "$st_prev" ] && return 0
        st_prev=$st_cur
        st_n=$((st_n + 1))
        sleep 0.05
    done
    return 0
}

# norm FILE: a capture-pane -e without the attribute resets (SGR 0, 39, 49)
# at the start and the end of its lines.  Where tmux puts those depends on
# whether the curses update wrote a line's trailing blanks or erased them,
# which depends on what the screen showed before, not on what it shows.
norm() {
    esc=$(printf '\033')
    sed -e "s/^\(${esc}\[\(0\|39\|49\)m\)*//" -e "s/\(${esc}\[\(0\|39\|49\)m\)*\$//" "$1"
}

# dim_letters FILE: how many letters and digits a capture-pane -e shows dim
# (SGR 2, until 0 or 22; the parameters of 38/48 colours skipped).
dim_letters() {
    awk '{
        s = $0
        while (s != "") {
            i = index(s, "\033[")
            text = i ? substr(s, 1, i - 1) : s
            if (dim) n += gsub(/[A-Za-z0-9]/, "", text)
            if (!i) break
            s = substr(s, i + 2)
            j = index(s, "m")
            k = split(substr(s, 1, j - 1), p, ";")
            s = substr(s, j + 1)
            for (q = 1; q <= k; q++) {
                if (p[q] == 38 || p[q] == 48) { q += p[q + 1] == 5 ? 2 : 4; continue }
                if (p[q] == "" || p[q] == 0 || p[q] == 22) dim = 0
                else if (p[q] == 2) dim = 1
            }
        }
    } END { print n + 0 }' "$1"
}

# sgr_params FILE: the parameters of the SGR sequences (ESC [ ... m) of a
# capture-pane -e, one a line.
sgr_params() { grep -o "$(printf '\033')\[[0-9;]*m" "$1" | tr -d '\033[m' | tr ';' '\n'; }

# colour_param FILE: the first parameter that sets a colour (30-38, 40-48,
# 90-97, 100-107; 38 and 48 start 256-colour and RGB ones; 39 and 49 only
# reset to the default colours), or nothing.
colour_param() { sgr_params "$1" | grep -E -x '3[0-8]|4[0-8]|9[0-7]|10[0-7]' | head -1; }

# no_dots FILE: the screen without the curves' dots (Braille) and blanks:
# what must stay the same when only points of a curve come or go.
no_dots() { LC_ALL=C sed -e 's/\xe2[\xa0-\xa3][\x80-\xbf]//g' -e 's/ //g' "$1"; }

# wait_file FILE [SECONDS]: until FILE exists and is not empty.
wait_file() {
    f=$1; limit=${2:-10}
    end=$(( $(date +%s) + limit ))
    while [ ! -s "$f" ]; do
        [ "$(date +%s)" -gt "$end" ] && return 1
        sleep 0.05
    done
}

# keys SESSION KEY...: tmux key names (Right, Home, C-c) or literal text.
keys() { s=$1; shift; tm send-keys -t "$s" "$@"; }
lit() { s=$1; shift; tm send-keys -t "$s" -l "$@"; }

# The terminal modes a shell needs are back: canonical input, echo, CR to NL
# on input, flow control (as the shell had them), and the main screen.
terminal_sane() {
    s=$1
    lit "$s" "stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e echo -e icrnl -e ixon | sort | tr '\n' ' '; echo :stty"
    keys "$s" Enter
    wait_for "$s" "echo icanon icrnl ixon :stty" 5 && [ "$(tm display-message -p -t "$s" '#{alternate_on}')" = 0 ]
}

# A session that lives as long as the server, so that killing a test's
# session never shuts the server down under the next test.
tm new-session -d -s keep -x 80 -y 24 "sleep 3600" || { echo "e2e: cannot start tmux"; exit 1; }
tm set-option -s exit-empty off >/dev/null 2>&1

# ---------------------------------------------------------------- the tests

begin "--paused starts on step 1, computed and shown"
start p 120 40 "$APP_ENV $BIN --paused"
if wait_for p "step 1/500" && wait_for p "PAUSED" && wait_for p "yuheng" &&
   wait_for p "mean 3.3630" && wait_for p "target y"; then ok; else fail "no step-1 screen" p; fi
capture p > "$TMP/first.txt"
tm capture-pane -p -e -t p > "$TMP/first.ansi"

begin "n steps forward"
keys p n
if wait_for p "step 2/500" && ! capture p | grep -q "yuheng"; then ok; else fail "no step 2" p; fi

begin "b rewinds to the first screen (the loss curve may add the step computed beyond it)"
keys p b
if wait_for p "step 1/500"; then
    settled p "$TMP/again.txt"
    settled p "$TMP/again.ansi" -e
    no_dots "$TMP/first.txt" > "$TMP/first.nodots"
    no_dots "$TMP/again.txt" > "$TMP/again.nodots"
    if cmp -s "$TMP/first.nodots" "$TMP/again.nodots"; then ok
    else fail "screens differ: $(diff "$TMP/first.txt" "$TMP/again.txt" | head -5)" p; fi
else fail "no step 1 after b" p; fi

begin "and again: the same screen, text and colours"
keys p n
wait_for p "step 2/500"
keys p b
if wait_for p "step 1/500"; then
    settled p "$TMP/again2.txt"
    settled p "$TMP/again2.ansi" -e
    norm "$TMP/again.ansi" > "$TMP/again.norm"
    norm "$TMP/again2.ansi" > "$TMP/again2.norm"
    if cmp -s "$TMP/again.txt" "$TMP/again2.txt" && cmp -s "$TMP/again.norm" "$TMP/again2.norm"; then ok
    else fail "screens differ: $(diff "$TMP/again.txt" "$TMP/again2.txt" | head -5)" p; fi
else fail "no step 1 after b" p; fi

begin "Right/Left step too"
keys p Right
if wait_for p "step 2/500"; then keys p Left; if wait_for p "step 1/500"; then ok; else fail "Left" p; fi
else fail "Right" p; fi

begin "] [ jump ten steps, End/Home go to the last reached and the first"
keys p "]"
if wait_for p "step 11/500"; then
    keys p "]"; wait_for p "step 21/500"
    keys p "["
    if wait_for p "step 11/500"; then
        keys p Home
        if wait_for p "step 1/500"; then
            keys p End
            if wait_for p "step 21/500"; then ok; else fail "End did not go to step 21" p; fi
        else fail "Home" p; fi
    else fail "[" p; fi
else fail "]" p; fi

begin "Home/End also work when tmux and TERM=xterm-256color disagree on them"
start x 120 40 "env -u LINES -u COLUMNS TERM=xterm-256color LC_ALL=$UTF8 $BIN --paused"
if wait_for x "step 1/500"; then
    keys x "]"; wait_for x "step 11/500"
    keys x Home
    if wait_for x "step 1/500"; then
        keys x End
        if wait_for x "step 11/500"; then ok; else fail "End" x; fi
    else fail "Home" x; fi
else fail "did not start" x; fi
tm kill-session -t x

begin "Up/Down select the position"
keys p Home; wait_for p "step 1/500"
keys p Down Down
if wait_for p "pos 2: u"; then keys p Up; if wait_for p "pos 1: y"; then ok; else fail "Up" p; fi
else fail "Down" p; fi
keys p Up; wait_for p "pos 0:"

begin "? opens the help with every key, its own keys on the key line; any key closes it"
keys p "?"
if wait_for p "Keys" && wait_for p "Ctrl-L" && wait_for p "Home End" && wait_for p "ten steps" &&
   wait_for p "phase by phase" && wait_for p "guess mode" && wait_for p "high-contrast" &&
   wait_for p "zoom focused panel" && wait_for p "1-6 jump to steps 1, 50, 100, 200, 300, 500" &&
   capture p | tail -1 | grep -q "^ Esc closes the help  any key closes it (not acted on)  click closes it"; then
    keys p x
    if wait_gone p "any key closes" && capture p | tail -1 | grep -q "? help"; then ok; else fail "help did not close" p; fi
else fail "no help" p; fi

begin "resize to 80x24: every panel"
settled p "$TMP/before.txt"     # step 1 again, steps 2-21 reached: the screen to come back to
tm resize-window -t p -x 80 -y 24
if wait_for p "Current name" && wait_for p "Loss at each position" && wait_for p "Learning rate" &&
   wait_for p "Loss per step" && wait_for p "q quit" && wait_for p "step 1/500" &&
   wait_for p "target y" && wait_for p "mean 3.3630"; then ok
else fail "80x24 layout" p; fi

begin "too small: the sizes needed and present"
tm resize-window -t p -x 60 -y 20
if wait_for p "need 80x24" && wait_for p "have 60x20"; then ok; else fail "no size message" p; fi

begin "too small: keys other than q do nothing, unseen"
keys p n p space "]" e
sleep 0.5
tm resize-window -t p -x 120 -y 40
if wait_for p "Next-token probabilities" && wait_for p "step 1/500" && wait_for p "PAUSED" &&
   ! capture p | grep -q "Why:" && ! capture p | grep -q "\[Sample\]"; then ok
else fail "a key acted while too small" p; fi
tm resize-window -t p -x 60 -y 20
wait_for p "need 80x24"

begin "back to 120x40: the same screen as before"
tm resize-window -t p -x 120 -y 40
if wait_for p "Next-token probabilities"; then
    settled p "$TMP/back.txt"
    if cmp -s "$TMP/before.txt" "$TMP/back.txt"; then ok
    else fail "differs: $(diff "$TMP/before.txt" "$TMP/back.txt" | head -5)" p; fi
else fail "no full layout" p; fi

begin "Ctrl-L redraws the same screen"
keys p C-l
sleep 0.2
capture p > "$TMP/redraw.txt"
if cmp -s "$TMP/before.txt" "$TMP/redraw.txt"; then ok; else fail "differs after Ctrl-L" p; fi

begin "colours are used by default"
if grep -q "$(printf '\033')\[[0-9;]*3[0-9;]*m" "$TMP/first.ansi" ||
   grep -q "38;5;" "$TMP/first.ansi"; then ok; else fail "no colour sequences" p; fi

begin "q quits with status 0"
tm kill-session -t p
start q 120 40 "$APP_ENV $BIN --paused; echo \$? > $TMP/q.rc"
wait_for q "step 1/500"
keys q q
if wait_file "$TMP/q.rc" && [ "$(cat "$TMP/q.rc")" = 0 ]; then ok; else fail "status '$(cat "$TMP/q.rc" 2>/dev/null)'"; fi
tm kill-session -t q

begin "q leaves the terminal usable (icanon, echo, main screen back)"
start_shell sh1
lit sh1 "$BIN --paused; echo rc=\$?"; keys sh1 Enter
if wait_for sh1 "step 1/500"; then
    keys sh1 q
    if wait_for sh1 "rc=0" && terminal_sane sh1 && ! capture sh1 | grep -q "Loss at each position"; then ok
    else fail "terminal not restored" sh1; fi
else fail "did not start" sh1; fi

begin "a real crash (debug build, key X) gives the terminal back before the core dump"
if [ -x build/microgpt-tui-debug ]; then
    lit sh1 "clear; build/microgpt-tui-debug --paused; echo rc=\$?"; keys sh1 Enter
    if wait_for sh1 "step 1/500"; then
        lit sh1 X
        if wait_for sh1 "rc=139" && terminal_sane sh1; then ok
        else fail "not restored or wrong status (want rc=139, SIGSEGV)" sh1; fi
    else fail "did not start" sh1; fi
else fail "build/microgpt-tui-debug not built (make e2e builds it)"; fi

# Every signal whose default action ends the process (those from outside and
# the crashes): the terminal comes back and the program dies of the signal
# (the shell's status names it).  No core files.  After a failure the shell
# is replaced, so that one terminal left raw fails one test, not the rest.
lit sh1 "ulimit -c 0"; keys sh1 Enter
new_sh1() {
    tm kill-session -t sh1 >/dev/null 2>&1
    start_shell sh1
    lit sh1 "ulimit -c 0"; keys sh1 Enter
}
for sig in TERM INT HUP SEGV QUIT PIPE USR1 USR2 ALRM XCPU XFSZ VTALRM PROF TRAP SYS IO PWR RTMIN RTMAX; do
    begin "SIG$sig restores the terminal"
    rm -f "$TMP/pid"
    lit sh1 "clear; sh -c 'echo \$\$ > $TMP/pid; exec $BIN --paused'; r=\$?; echo rc=\$r sig=\$(kill -l \$((r - 128)))"
    keys sh1 Enter
    if wait_for sh1 "step 1/500" && wait_file "$TMP/pid"; then
        pid=$(cat "$TMP/pid")
        if [ "$sig" = INT ]; then
            # Ctrl-C through the terminal; the interactive shell then drops
            # the rest of the line (the program died of SIGINT, as it should),
            # so check the program is gone instead of its status.
            keys sh1 C-c
            gone=1
            for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
                kill -0 "$pid" 2>/dev/null || { gone=0; break; }
                sleep 0.1
            done
            if [ $gone -eq 0 ] && wait_gone sh1 "step 1/500" && terminal_sane sh1; then ok
            else fail "not restored" sh1; fi
        else
            kill -s "$sig" "$pid"
            if wait_for sh1 "sig=$sig" && terminal_sane sh1; then ok
            else fail "not restored or wrong status (want sig=$sig)" sh1; kill -9 "$pid" 2>/dev/null; new_sh1; fi
        fi
    else fail "did not start" sh1; new_sh1; fi
done

begin "a signal ignored at the start (nohup) stays ignored; q still quits with 0"
rm -f "$TMP/pid"
lit sh1 "clear; sh -c 'trap \"\" HUP USR1; echo \$\$ > $TMP/pid; exec $BIN --paused'; echo rc=\$?"; keys sh1 Enter
if wait_for sh1 "step 1/500" && wait_file "$TMP/pid"; then
    pid=$(cat "$TMP/pid")
    kill -s HUP "$pid"; kill -s USR1 "$pid"
    keys sh1 n
    if wait_for sh1 "step 2/500" && kill -0 "$pid" 2>/dev/null; then
        keys sh1 q
        if wait_for sh1 "rc=0" && terminal_sane sh1; then ok; else fail "not restored" sh1; new_sh1; fi
    else fail "died of an ignored signal" sh1; new_sh1; fi
else fail "did not start" sh1; new_sh1; fi

begin "Ctrl-S is a key, not flow control: the screen never freezes; ixon is back after"
lit sh1 "clear; $BIN --paused; echo rc=\$?"; keys sh1 Enter
if wait_for sh1 "step 1/500"; then
    keys sh1 C-s n
    if wait_for sh1 "step 2/500" 5; then
        keys sh1 q
        if wait_for sh1 "rc=0" && terminal_sane sh1; then ok; else fail "not restored" sh1; fi
    else
        fail "frozen after Ctrl-S" sh1
        keys sh1 C-q q; wait_for sh1 "rc=" 5
        new_sh1
    fi
else fail "did not start" sh1; new_sh1; fi

begin "paused, it uses no CPU"
rm -f "$TMP/pid"
lit sh1 "clear; sh -c 'echo \$\$ > $TMP/pid; exec $BIN --paused'"; keys sh1 Enter
if wait_for sh1 "step 1/500" && wait_file "$TMP/pid" && [ -r "/proc/$(cat "$TMP/pid")/stat" ]; then
    pid=$(cat "$TMP/pid")
    t0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    sleep 1
    t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    if [ $((t1 - t0)) -le 2 ]; then ok; else fail "$((t1 - t0)) ticks in 1 s"; fi
else ok; echo "     (skipped: no /proc)"; fi
keys sh1 q
wait_for sh1 '$'

# ---------------------------------------------------------------- long operations

# gone PID [SECONDS]: until process PID is gone (1 s by default); 0 or 1.
gone() {
    g_end=$(( $(date +%s%N) / 1000000 + ${2:-1} * 1000 ))
    while kill -0 "$1" 2>/dev/null; do
        [ $(( $(date +%s%N) / 1000000 )) -gt $g_end ] && return 1
        sleep 0.02
    done
    return 0
}

begin "a far jump (--steps 40000, 6) shows its progress; a key stops it where it is, and is dropped"
start lo 80 24 "$APP_ENV $BIN --paused --steps 40000"
wait_for lo "step 1/40000"
keys lo 6
if wait_for lo "Going to" 3 && wait_for lo "steps computed" 1 && wait_for lo "any key or a click stops here, q quits" 1; then
    keys lo p
    # stopped short of step 40000: the second line is not the arc's sentence for it
    if wait_gone lo "Going to" 2 && wait_for lo "PAUSED" && ! capture lo | head -1 | grep -q "step 40000/" &&
       ! capture lo | grep -q "\[Sample\]" && capture lo | tail -1 | grep -q "p phases" &&
       ! capture lo | sed -n 2p | grep -q "Arc of training"; then ok
    else fail "not stopped, or the key acted" lo; fi
else fail "no progress shown" lo; fi
tm kill-session -t lo

begin "a resize during a long operation shows the progress at the new size, over the last frame"
start lo 80 24 "$APP_ENV $BIN --paused --steps 200000"
wait_for lo "step 1/200000"
keys lo 6
# the lone digit's count ('6  G goes to step 6') leaves the key line: it is the box's
if wait_for lo "Going to" 3 && capture lo | tail -1 | grep -q "^ any key or a click stops here, q quits *$"; then
    tm resize-window -t lo -x 100 -y 30
    sleep 0.3
    at=$(capture lo | grep -n "Going to" | cut -d: -f1)
    if [ "$at" = 12 ] && [ "$(capture lo | wc -l)" -eq 30 ] && capture lo | head -1 | grep -q "step 1/200000" &&
       capture lo | grep -q "Current name" && capture lo | tail -1 | grep -q "any key or a click stops here"; then ok
    else fail "the box on line $at, or the frame gone" lo; fi
else fail "no progress shown, or the count still on the key line" lo; fi
keys lo q
tm kill-session -t lo

begin "q during a long operation quits at once, with status 0"
rm -f "$TMP/pid"
lit sh1 "clear; sh -c 'echo \$\$ > $TMP/pid; exec $BIN --paused --steps 200000'; echo rc=\$?"; keys sh1 Enter
if wait_for sh1 "step 1/200000" && wait_file "$TMP/pid"; then
    keys sh1 6
    if wait_for sh1 "Going to" 3; then
        keys sh1 q
        if gone "$(cat "$TMP/pid")" && wait_for sh1 "rc=0" 2 && terminal_sane sh1; then ok
        else fail "did not quit at once" sh1; kill -9 "$(cat "$TMP/pid")" 2>/dev/null; new_sh1; fi
    else fail "no progress shown" sh1; fi
else fail "did not start" sh1; new_sh1; fi

for sig in INT TERM HUP; do
    begin "SIG$sig during a long operation (--steps 200000, 6) ends it within a frame, the terminal restored"
    rm -f "$TMP/pid"
    lit sh1 "clear; sh -c 'echo \$\$ > $TMP/pid; exec $BIN --paused --steps 200000'"; keys sh1 Enter
    if wait_for sh1 "step 1/200000" && wait_file "$TMP/pid"; then
        pid=$(cat "$TMP/pid")
        keys sh1 6
        if wait_for sh1 "Going to" 3; then
            if [ "$sig" = INT ]; then keys sh1 C-c; else kill -s "$sig" "$pid"; fi
            if gone "$pid" && wait_gone sh1 "Going to" 2 && terminal_sane sh1; then ok
            else fail "still running, or the terminal left raw" sh1; kill -9 "$pid" 2>/dev/null; new_sh1; fi
        else fail "no progress shown" sh1; kill -9 "$pid" 2>/dev/null; new_sh1; fi
    else fail "did not start" sh1; new_sh1; fi
done

begin "a session whose terminal is gone ends, even during a long operation and with SIGHUP ignored"
rm -f "$TMP/pid"
start hg 80 24 "$APP_ENV sh -c 'trap \"\" HUP; echo \$\$ > $TMP/pid; exec $BIN --paused --steps 200000'"
if wait_for hg "step 1/200000" && wait_file "$TMP/pid"; then
    pid=$(cat "$TMP/pid")
    keys hg 6
    if wait_for hg "Going to" 3; then
        tm kill-session -t hg
        if gone "$pid" 2; then ok; else fail "still running after its terminal closed"; kill -9 "$pid" 2>/dev/null; fi
    else fail "no progress shown" hg; kill -9 "$pid" 2>/dev/null; tm kill-session -t hg; fi
else fail "did not start" hg; tm kill-session -t hg; fi

begin "running at top speed reaches the last step, pauses, shows the headless run's samples"
$BIN --headless | sed -n 's/^sample *[0-9]*: //p' > "$TMP/names.txt"
start r 120 40 "$APP_ENV $BIN"
wait_for r "RUNNING"
for i in 1 2 3 4 5 6 7 8 9 10; do keys r +; done
if wait_for r "step 500/500" 20 && wait_for r "PAUSED" && wait_for r "made up after 500 steps"; then
    capture r > "$TMP/last.txt"
    missing=""
    while read -r name; do
        grep -qw -- "$name" "$TMP/last.txt" || missing="$missing $name"
    done < "$TMP/names.txt"
    if [ -z "$missing" ] && [ "$(wc -l < "$TMP/names.txt")" -eq 20 ]; then ok
    else fail "missing samples:$missing" r; fi
else fail "did not finish" r; fi

begin "running, too small holds it paused; it runs on once the screen fits"
keys r Home
wait_for r "step 1/500"
for i in 1 2 3 4 5 6 7 8 9 10; do keys r -; done     # 1 step/s
keys r space
wait_for r "RUNNING"
tm resize-window -t r -x 60 -y 20
wait_for r "need 80x24"
sleep 2.5
tm resize-window -t r -x 120 -y 40
if wait_for r "RUNNING" && capture r | head -1 | grep -Eq "step [1-2]/500"; then ok
else fail "ran on while too small: $(capture r | head -1)" r; fi
for i in 1 2 3 4 5 6 7 8 9 10; do keys r +; done

begin "the whole default session peaks at 32 MB of memory or less"
pid=$(tm display-message -p -t r '#{pane_pid}')
if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "microgpt-tui" ]; then
    keys r Home; wait_for r "step 1/500"; keys r End; wait_for r "step 500/500"
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
    if [ -n "$hwm" ] && [ "$hwm" -le 32768 ]; then ok; echo "     (peak RSS $hwm kB)"
    else fail "peak RSS ${hwm:-?} kB" r; fi
else fail "pane process is not microgpt-tui" r; fi
tm kill-session -t r

begin "final samples: s before the last step does not hide them; they come without hiding the step"
start fs 80 24 "$APP_ENV $BIN --paused --steps 5 --samples 100"
wait_for fs "step 1/5"
keys fs s s s 6
if wait_for fs "step 5/5" && wait_for fs "Names after 5 steps" && wait_for fs "mean " &&
   wait_for fs "Loss at each position"; then ok
else fail "samples hidden, or the step covered" fs; fi

begin "final samples: --samples 100 at 80x24, s pages through all of them (the headless run's), then hides"
$BIN --headless --steps 5 --samples 100 | sed -n 's/^sample *[0-9]*: //p' > "$TMP/names100.txt"
: > "$TMP/seen100.txt"
pages=0
while [ $pages -lt 10 ]; do
    settled fs "$TMP/page.txt"
    # the box is the right column: the names after their numbers
    cut -c46- "$TMP/page.txt" | grep -o '[0-9][0-9]* [^ │]*' >> "$TMP/seen100.txt"
    pages=$((pages + 1))
    if grep -q "s hides" "$TMP/page.txt"; then break; fi
    first=$(grep -o '[0-9]*-[0-9]* of 100' "$TMP/page.txt")
    keys fs s
    wait_gone fs "$first" 5
done
missing=0; i=1
while read -r name; do
    [ -n "$name" ] || name="(empty)"    # the model ended the name at once
    grep -qx "$i $name" "$TMP/seen100.txt" || missing=$((missing + 1))
    i=$((i + 1))
done < "$TMP/names100.txt"
keys fs s
if [ $pages -ge 2 ] && [ $missing -eq 0 ] && [ "$(wc -l < "$TMP/names100.txt")" -eq 100 ] &&
   wait_gone fs "Names after 5 steps"; then ok
else fail "$missing of 100 names not reached in $pages pages" fs; fi
tm kill-session -t fs

begin "final samples: --samples 0 has none, and the hints do not offer s"
start fs 80 24 "$APP_ENV $BIN --paused --steps 5 --samples 0"
wait_for fs "step 1/5"
keys fs 6
if wait_for fs "(last step)" && ! capture fs | tail -1 | grep -q " s " && ! capture fs | grep -q "Names"; then ok
else fail "s offered" fs; fi
tm kill-session -t fs

begin "LC_ALL=C draws plain ASCII only"
start a 120 40 "env -u LINES -u COLUMNS TERM=tmux-256color LC_ALL=C $BIN --paused"
if wait_for a "step 1/500"; then
    capture a > "$TMP/ascii.txt"
    n=$(LC_ALL=C tr -d '\000-\177' < "$TMP/ascii.txt" | wc -c)
    if [ "$n" -eq 0 ] && grep -q -- "->" "$TMP/ascii.txt"; then ok; else fail "$n non-ASCII bytes" a; fi
else fail "did not start" a; fi
tm kill-session -t a

begin "LC_ALL=C, a non-ASCII vocabulary at 80x24: the probabilities' title and legend keep the tokens"
start a 80 24 "env -u LINES -u COLUMNS TERM=tmux-256color LC_ALL=C $BIN --paused --data tests/data/unicode.txt"
if wait_for a "step 1/500"; then
    for i in 1 2 3 4 5 6 7; do keys a n; done
    if wait_for a "step 8/500" && wait_for a "0: [BOS]->U+00DC" && wait_for a "> target U+00DC  * top U+674E"; then ok
    else fail "token lost" a; fi
else fail "did not start" a; fi
tm kill-session -t a

begin "--ascii draws plain ASCII in a UTF-8 locale"
start a2 80 24 "$APP_ENV $BIN --paused --ascii"
if wait_for a2 "step 1/500"; then
    n=$(capture a2 | LC_ALL=C tr -d '\000-\177' | wc -c)
    if [ "$n" -eq 0 ]; then ok; else fail "$n non-ASCII bytes" a2; fi
else fail "did not start" a2; fi
tm kill-session -t a2

begin "NO_COLOR=1: no colour sequences"
start nc 120 40 "env -u LINES -u COLUMNS TERM=tmux-256color LC_ALL=$UTF8 NO_COLOR=1 $BIN --paused"
if wait_for nc "step 1/500"; then
    tm capture-pane -p -e -t nc > "$TMP/nocolor.ansi"
    bad=$(colour_param "$TMP/nocolor.ansi")
    if [ -z "$bad" ] && grep -q "$(printf '\033')\[" "$TMP/nocolor.ansi"; then ok
    else fail "colour parameter '$bad' in the capture" nc; fi
else fail "did not start" nc; fi
tm kill-session -t nc


# ---------------------------------------------------------------- the classroom

begin "--emma starts paused on step 1's Sample phase, showing emma's tokens"
start e 80 24 "$APP_ENV $BIN --emma"
if wait_for e "step 1/500" && wait_for e "PAUSED" && wait_for e "[Sample]" &&
   wait_for e "name   emma" && wait_for e 'doc = docs[0 % 32033] = "emma"' &&
   wait_for e "tokens = [26, 4, 12, 12, 0, 26]" && wait_for e "= min(8, 6 - 1) = 5" &&
   wait_for e "Why: 1. Sample" && wait_for e "loss …"; then ok; else fail "no Sample phase of emma" e; fi

# The strip's bracket of each phase of emma's step (n = 5), then step 2's Sample.
marks="[Sample] Forward[0] 0[1] 1[2] 2[3] 3[4] [Loss] [Backward] [Update] [Log]"

begin "n walks the phases of step 1 with the lesson's numbers, then step 2's Sample"
# steps 2 to 11 computed first, so that walking back (below) finds the same
# frontier: the Log phase's loss curve shows the steps computed beyond it
keys e "]"; wait_for e "step 11/500"
keys e "["; wait_for e "step 1/500"
i=0; bad=""
for m in $marks; do
    wait_for e "$m" 5 || bad="$bad $m"
    settled e "$TMP/ph$i.txt"
    settled e "$TMP/ph$i.ansi" -e
    i=$((i + 1))
    keys e n
done
wait_for e "step 2/500" 5 && wait_for e "[Sample]" 5 || bad="$bad step2"
settled e "$TMP/ph$i.txt"
grep -q "loss_0 = -log(0.0338) = 3.3880" "$TMP/ph1.txt" || bad="$bad loss_0"
grep -q "loss_4 = -log(0.0348) = 3.3590" "$TMP/ph5.txt" || bad="$bad loss_4"
grep -q "≈ 3.2764" "$TMP/ph6.txt" && grep -q "chance = -log(1/27) = 3.2958" "$TMP/ph6.txt" || bad="$bad mean"
grep -q "wte            1.396" "$TMP/ph7.txt" || bad="$bad backward"
grep -q "lm_head\[4\]\[0\]" "$TMP/ph8.txt" && grep -q "= 0.010000" "$TMP/ph8.txt" || bad="$bad update"
grep -q "step    1 /  500 | loss 3.2764" "$TMP/ph9.txt" || bad="$bad log"
grep -q '"olivia"' "$TMP/ph10.txt" || bad="$bad olivia"
# the real numbers beside the lesson's: 1.56% of the data, not "about 1.5%";
# its "e.g." losses were illustrations
grep -q "use 500 of its names: 1.56%" "$TMP/ph0.txt" && grep -q 'the lesson.s "about 1.5%"' "$TMP/ph0.txt" ||
    bad="$bad cycling"
grep -q 'illustrations; these are this' "$TMP/ph6.txt" || bad="$bad illustrations"
if [ -z "$bad" ]; then ok; else fail "missing:$bad" e; fi

begin "b walks back through every phase to identical screens (text and colours)"
bad=""
keys e b
for i in 9 8 7 6 5 4 3 2 1 0; do
    m=$(echo $marks | cut -d' ' -f$((i + 1)))
    if wait_for e "$m" 5 && wait_for e "step 1/500" 5; then
        settled e "$TMP/back$i.txt"
        settled e "$TMP/back$i.ansi" -e
        cmp -s "$TMP/ph$i.txt" "$TMP/back$i.txt" || bad="$bad text$i"
        norm "$TMP/ph$i.ansi" > "$TMP/ph$i.norm"
        norm "$TMP/back$i.ansi" > "$TMP/back$i.norm"
        cmp -s "$TMP/ph$i.norm" "$TMP/back$i.norm" || bad="$bad colour$i"
    else bad="$bad no$i"; fi
    [ $i -gt 0 ] && keys e b
done
if [ -z "$bad" ]; then ok; else fail "differs:$bad" e; fi

begin "the Loss phase at 120x40: the mean says ≈ when its terms, as shown, do not add up to it"
tm resize-window -t e -x 120 -y 40
for i in 1 2 3 4 5 6; do keys e n; done
if wait_for e "[Loss]" && wait_for e "3.36) / 5" && wait_for e "≈ 3.2764"; then ok
else fail "no ≈" e; fi
for i in 1 2 3 4 5 6; do keys e b; done
tm resize-window -t e -x 80 -y 24
wait_for e "[Sample]"

begin "projector: no letter or digit is dim on any phase screen (only frames and decoration)"
bad=""
for i in 0 1 2 3 4 5 6 7 8 9; do
    n=$(dim_letters "$TMP/ph$i.ansi")
    [ "$n" -eq 0 ] || bad="$bad phase$i:$n"
done
n=$(dim_letters "$TMP/first.ansi")
[ "$n" -eq 0 ] || bad="$bad step1:$n"
if [ -z "$bad" ] && grep -q "$(printf '\033')\[[0-9;]*2m" "$TMP/ph0.ansi"; then ok
else fail "dim letters or digits:$bad (or no dim frame at all)"; fi

begin "guess mode at the Sample phase: neither the name nor its length"
keys e w
if wait_for e "tokens = [26, ?, …]" && wait_for e "= min(8, ? - 1) = ?" && wait_for e "n = ?" &&
   wait_for e "Forward … › Loss" && ! capture e | grep -q -e emma -e "n = 5" -e "of 10"; then ok
else fail "the Sample phase gives the answer away" e; fi
keys e w

begin "guess mode hides the target and the probabilities until r, then that target only"
keys e w n
if wait_for e "Guess first" && wait_for e "[BOS] ?" && wait_for e "Forward[0]" &&
   ! capture e | grep -q "0.0338"; then
    keys e r
    if wait_for e "loss_0 = -log(0.0338) = 3.3880" && wait_gone e "Guess first" &&
       wait_for e "name   e?" && ! capture e | grep -q -e emma -e "n = 5" -e "3.2279"; then
        keys e n
        if wait_for e "0[1]" && wait_for e "[BOS] e ?"; then
            keys e n    # n reveals first
            if wait_for e "loss_1 = -log(0.0396) = 3.2279" && wait_for e "0[1]"; then ok
            else fail "n did not reveal" e; fi
        else fail "not hidden at position 1" e; fi
    else fail "r did not reveal" e; fi
else fail "not hidden" e; fi
keys e w

begin "zoom at 80x24: z fills the screen with the focused panel, Tab moves on, Esc returns"
keys e z
if wait_for e "z unzoom" && wait_gone e "Current name" && wait_for e "2. Forward: position 1"; then
    keys e Tab       # the learning rate (not on screen with the explanation: Tab brings it)
    wait_for e "Learning rate" && wait_gone e "2. Forward: position 1"
    keys e Tab
    if wait_for e "Why: 2. Forward pass" && wait_gone e "Learning rate"; then
        keys e Escape
        if wait_for e "Current name" && wait_for e "2. Forward: position 1" && wait_gone e "z unzoom"; then ok
        else fail "Esc did not unzoom" e; fi
    else fail "Tab did not move the zoom" e; fi
else fail "no zoom" e; fi

begin "e hides and shows the explanation"
keys e e
if wait_gone e "Why: " && wait_for e "Learning rate"; then
    keys e e
    if wait_for e "Why: 2. Forward pass"; then ok; else fail "not back" e; fi
else fail "not hidden" e; fi

begin "p leaves phase mode for whole steps, and p comes back to the phase left (Forward 1)"
keys e p
if wait_for e "Loss per step" && wait_for e "distinct names seen" && wait_gone e "0[1]" &&
   wait_for e "mean 3.2764"; then
    keys e p
    if wait_for e "0[1]" && wait_for e "2. Forward: position 1" && wait_for e "step 1/500"; then ok
    else fail "not back at Forward 1" e; fi
else fail "no step mode" e; fi

begin "phase mode: Home, End, [ and 1 land on the Sample phase, even of the step shown"
bad=""
keys e End                              # the last step reached: step 11 (the walk's round trip)
wait_for e "step 11/500" 5 || bad="$bad End"
for k in End:11 Home:1 "[:1" 1:1; do
    keys e n n                          # away from the Sample phase
    wait_gone e "1. Sample" 5 || bad="$bad away-$k"
    keys e "${k%:*}"
    wait_for e "1. Sample" 5 && wait_for e "step ${k#*:}/500" 1 || bad="$bad $k"
done
if [ -z "$bad" ]; then ok; else fail "not on Sample:$bad" e; fi
tm kill-session -t e

begin "a cut name (step 6, charlotte): how often the block size cuts, beside the lesson's \"rarely\""
start e4 80 24 "$APP_ENV $BIN --emma"
wait_for e4 "[Sample]"
keys e4 p n n n n n p
if wait_for e4 "step 6/500" && wait_for e4 "charlott┊e" && wait_for e4 "The lesson's \"rarely\": 4801 of" &&
   wait_for e4 "the 32033 names (15%) are cut" && wait_for e4 "at block size 8; 76 of this"; then ok
else fail "no count of cut names" e4; fi
tm kill-session -t e4

begin "80x24 with the explanation: --emma, p, l, 1 shows the live samples; Tab reaches the learning rate, explained"
start e3 80 24 "$APP_ENV $BIN --emma"
wait_for e3 "[Sample]"
keys e3 p l 1
if wait_for e3 "Live samples" && wait_for e3 "untrained model" && wait_for e3 "vrcjmn" && wait_for e3 "Why: "; then
    keys e3 l
    wait_gone e3 "Live samples"
    keys e3 Tab Tab
    if wait_for e3 "┏ Learning rate" && wait_for e3 "Why: Learning rate" && wait_for e3 "lr_t = learning_rate"; then
        keys e3 Tab Tab       # the explanation, then the name panel: back in its place
        if wait_for e3 "┏ Current name" && wait_for e3 "Why: Current name" && wait_gone e3 "Learning rate"; then ok
        else fail "the name did not come back" e3; fi
    else fail "no learning rate" e3; fi
else fail "no live samples" e3; fi
tm kill-session -t e3

begin "1-6 jump along the arc: steps 200, 500, 50, 1, saying the lesson's sentences"
start k 80 24 "$APP_ENV $BIN --paused"
wait_for k "step 1/500"
keys k 4
if wait_for k "step 200/500" && wait_for k "Step 200: Name-like structures emerge (consonant-vowel patterns)."; then
    keys k 6
    if wait_for k "step 500/500" &&
       wait_for k "Arc of training, step 500: Reasonable name generation capability."; then
        keys k s 2
        if wait_for k "step 50/500" &&
           wait_for k "Arc of training, step 50: Common characters are predicted more often."; then
            keys k 1
            if wait_for k "step 1/500" && wait_for k "Arc of training, step 1: Nothing. Random predictions."; then
                keys k n b   # moving on: the short stage again
                if wait_for k "arc: random predictions" && wait_gone k "Nothing."; then ok
                else fail "the sentence stayed" k; fi
            else fail "1" k; fi
        else fail "2" k; fi
    else fail "6" k; fi
else fail "4" k; fi

begin "data cycling: which doc of how many, distinct names seen; a cut name's tail"
keys k "]" "]" "]"
if wait_for k "step 31/500" && wait_for k "doc 31 of 32033" && wait_for k "31 of 29494 distinct names seen" &&
   wait_for k "kymberly┊nn" && wait_for k "┊"; then ok; else fail "no doc, count or cut" k; fi

begin "a long name at 80x24: the tokens row follows the selected position, the cut in view"
printf 'emma\nmaximilianoalexanderjohnson\n' > "$TMP/long.txt"
start ln 80 24 "$APP_ENV $BIN --paused --no-shuffle --variant gist --data $TMP/long.txt"
wait_for ln "step 1/1000"
keys ln n
if wait_for ln "tokens [BOS] m a  x i m i l i a n o a l …"; then
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys ln Down; done
    if wait_for ln "pos 12: a → l" && wait_for ln "tokens … i m i l i a n o a l e  x a ┊ n …"; then ok
    else fail "the row did not follow" ln; fi
else fail "no long name" ln; fi
tm kill-session -t ln

begin "Tab moves the focus (the heavy frame)"
if capture k | grep -q "┏ Next token"; then
    keys k Tab
    if wait_for k "┏ Loss per step" && ! capture k | grep -q "┏ Next token"; then ok
    else fail "focus did not move" k; fi
else fail "no focus on the probabilities" k; fi

begin "live samples: the same slots redrawn every 10 steps"
keys k l
if wait_for k "Live samples" && wait_for k "model after step 30"; then
    keys k 3
    if wait_for k "model after step 100"; then ok; else fail "not redrawn" k; fi
else fail "no live samples" k; fi
tm kill-session -t k

begin "guess mode in step mode: the step's loss waits, in the status line and the curve"
start g 80 24 "$APP_ENV $BIN --paused"
wait_for g "step 1/500"
keys g n w       # step 2: the curve would hold step 2's point and average
if wait_for g "step 2/500" && wait_for g "loss ?" && wait_for g "avg 3.3630" && wait_for g "n = ?"; then
    keys g j j j j j j j j j j r     # the last position, revealed: all known
    if wait_gone g "loss ?" && wait_gone g "avg 3.3630"; then ok; else fail "not shown once known" g; fi
else fail "the loss or the length shows" g; fi
tm kill-session -t g

begin "--variant gist at 80x24: the arc scaled to 1000 steps, phases, guess mode, rewind, the what-differs card"
start gi 80 24 "$APP_ENV $BIN --variant gist --paused"
bad=""
wait_for gi "step 1/1000" || bad="$bad start"
settled gi "$TMP/gist1.txt"
keys gi 4
wait_for gi "step 400/1000" && wait_for gi "Step 400: Name-like structures emerge" || bad="$bad arc4"
keys gi 2
wait_for gi "step 100/1000" || bad="$bad arc2"
keys gi Home p
wait_for gi "[Sample]" && wait_for gi "= min(16, 8 - 1) = 7" || bad="$bad sample"
keys gi n n n n n n n n n n n
wait_for gi "[Log]" && wait_for gi "step    1 / 1000 | loss 3.3660" || bad="$bad log"
keys gi n w
wait_for gi "step 2/1000" && wait_for gi "n = ?" || bad="$bad guess"
keys gi n
wait_for gi "Guess first" || bad="$bad guess-forward"
keys gi w p b     # guess off, whole steps, back to step 1: as it first showed
wait_for gi "step 1/1000" && wait_gone gi "[Sample]" || bad="$bad back"
settled gi "$TMP/gist1b.txt"
# (the loss curve shows the steps computed beyond step 1 as points: dots only)
no_dots "$TMP/gist1.txt" > "$TMP/gist1.nodots"
no_dots "$TMP/gist1b.txt" > "$TMP/gist1b.nodots"
cmp -s "$TMP/gist1.nodots" "$TMP/gist1b.nodots" || bad="$bad rewind:$(diff "$TMP/gist1.txt" "$TMP/gist1b.txt" | head -3)"
keys gi "?"
wait_for gi "Karpathy's gist differs from the course in: block_size: 16" || bad="$bad card"
if [ -z "$bad" ]; then ok; else fail "$bad" gi; fi
tm kill-session -t gi

begin "high contrast: bright on black, nothing dim; c toggles it"
start hc 80 24 "$APP_ENV $BIN --paused --high-contrast"
if wait_for hc "step 1/500"; then
    settled hc "$TMP/hc.ansi" -e
    params=$(sgr_params "$TMP/hc.ansi")
    if echo "$params" | grep -qx 40 && ! echo "$params" | grep -qx 2; then
        keys hc c
        sleep 0.3
        settled hc "$TMP/nohc.ansi" -e
        params=$(sgr_params "$TMP/nohc.ansi")
        if ! echo "$params" | grep -qx 40 && echo "$params" | grep -qx 2; then ok
        else fail "c did not switch back" hc; fi
    else fail "no black background, or dim text" hc; fi
else fail "did not start" hc; fi
tm kill-session -t hc

begin "with live samples on, the run's final samples are still the headless ones"
start lv 120 40 "$APP_ENV $BIN"
wait_for lv "RUNNING"
keys lv l
for i in 1 2 3 4 5 6 7 8 9 10; do keys lv +; done
if wait_for lv "step 500/500" 20 && wait_for lv "made up after 500 steps" && wait_for lv "model after step 500"; then
    capture lv > "$TMP/lv.txt"
    missing=""
    while read -r name; do
        grep -qw -- "$name" "$TMP/lv.txt" || missing="$missing $name"
    done < "$TMP/names.txt"
    if [ -z "$missing" ]; then ok; else fail "missing samples:$missing" lv; fi
else fail "did not finish" lv; fi
tm kill-session -t lv

# ---------------------------------------------------------------- the loss curve

# curve_axis FILE: checks the loss panel's y axis in a capture (the panel in
# the right column, after "││"): round ticks on evenly spaced rows, and the
# line "chance 3.30" on the row of 3.2958.  Prints what is wrong, if anything.
curve_axis() {
    chance=$(grep -n 'chance 3.30' "$1" | head -1 | cut -d: -f1)
    grep -n '[│┃╯╮┛┓]│ *[0-9][0-9.]*┤' "$1" | sed 's/^\([0-9]*\):.*[│┃╯╮┛┓]│ *\([0-9][0-9.]*\)┤.*/\1 \2/' |
    awk -v chance="$chance" '
        BEGIN { n = 0 }
        { line[n] = $1; val[n] = $2; n++ }
        END {
            if (n < 2 || chance == "") { print "no axis (" n " ticks) or no chance line"; exit }
            dl = line[1] - line[0]; dv = val[1] - val[0]
            for (i = 1; i < n; i++) {
                if (line[i] - line[i - 1] != dl) print "uneven rows at " val[i]
                d = val[i] - val[i - 1] - dv; if (d < 0) d = -d
                if (d > 1e-9) print "uneven values at " val[i]
            }
            per = dv / dl; at = val[0] + (chance - line[0]) * per
            d = at - 3.2958; if (d < 0) d = -d; p = per < 0 ? -per : per
            if (d > p / 2 + 1e-9) print "chance on the row of " at
        }'
}

begin "the loss curve at 80x24: round ticks on evenly spaced rows, the chance line on its row, the step marked"
start lc 80 24 "$APP_ENV $BIN --paused"
wait_for lc "step 1/500"
bad=""
for ks in 1:1 3:100 4:200 5:300; do
    k=${ks%:*}
    keys lc "$k"
    sleep 0.6       # a lone digit waits 0.4 s for more (a count) before its jump
    wait_for lc "step ${ks#*:}/500" 5 || bad="$bad [$k: not at step ${ks#*:}]"
    settled lc "$TMP/curve$k.txt"
    w=$(curve_axis "$TMP/curve$k.txt")
    [ -z "$w" ] || bad="$bad [$k: $w]"
    grep -q '[│┃╯╮┛┓]│ *[0-9.]*[┤│].*●' "$TMP/curve$k.txt" || bad="$bad [$k: no marker]"
done
grep -q '━' "$TMP/curve4.txt" || bad="$bad [no average line]"
if [ -z "$bad" ]; then ok; else fail "$bad" lc; fi

begin "after a rewind the steps computed beyond stay on the loss curve"
keys lc 3
wait_for lc "step 100/500"
sleep 0.2
settled lc "$TMP/rewound.txt"
tm kill-session -t lc
start lc 80 24 "$APP_ENV $BIN --paused"
wait_for lc "step 1/500"
keys lc 3
wait_for lc "step 100/500"
sleep 0.2
settled lc "$TMP/fresh.txt"
dots() { LC_ALL=C grep -o "$(printf '\342')[$(printf '\240-\243')]" "$1" | wc -l; }
no_dots "$TMP/rewound.txt" > "$TMP/rewound.nodots"
no_dots "$TMP/fresh.txt" > "$TMP/fresh.nodots"
if [ "$(dots "$TMP/rewound.txt")" -gt "$(dots "$TMP/fresh.txt")" ] && cmp -s "$TMP/fresh.nodots" "$TMP/rewound.nodots"; then ok
else fail "$(dots "$TMP/rewound.txt") dots after the rewind, $(dots "$TMP/fresh.txt") the first time" lc; fi
tm kill-session -t lc

begin "--lr 1e10: NaN and infinite losses said as such (× at the top, avg nan), never points on the bottom edge"
start lc 80 24 "$APP_ENV $BIN --paused --lr 1e10"
wait_for lc "step 1/500"
keys lc "]" "]"
if wait_for lc "step 21/500" && wait_for lc "loss nan" && wait_for lc "avg nan" && wait_for lc "× nan" &&
   capture lc | grep -q '[│┃]│ *[0-9.]*┤××'; then ok
else fail "NaN not shown as such" lc; fi
tm kill-session -t lc

# ---------------------------------------------------------------- the status line

begin "status line at 80x24, 100,000,000 steps: no number cut, the variant named"
start sl 80 24 "$APP_ENV $BIN --paused --steps 100000000"
if wait_for sl "step 1/100000000" && wait_for sl "lr_t 0.010000" && wait_for sl "loss 3.3630" &&
   capture sl | head -1 | grep -q "course\*\$"; then ok
else fail "status line cut" sl; fi
tm kill-session -t sl

begin "the last step at 80x24: (last step) kept, no 'space run' hint"
start sl 80 24 "$APP_ENV $BIN --paused --steps 3 --samples 0"
wait_for sl "step 1/3"
keys sl 6
if wait_for sl "step 3/3" && wait_for sl "(last step)" && ! capture sl | tail -1 | grep -q "space" &&
   capture sl | tail -1 | grep -q "b ← back"; then ok
else fail "no (last step), or space offered" sl; fi
tm kill-session -t sl

begin "max speed: the status line says the rate measured (max N steps/s), the setting once paused"
start ms 120 40 "$APP_ENV $BIN --speed max --steps 200000"
if wait_re ms "│ max [0-9][0-9,]* steps/s │" 20; then
    keys ms Space
    if wait_for ms "PAUSED" && wait_for ms "│ max speed │"; then
        keys ms Space
        if wait_re ms "RUNNING │ max [0-9][0-9,]* steps/s │" 20; then ok
        else fail "no rate after running again" ms; fi
    else fail "paused: not the setting" ms; fi
else fail "no rate measured" ms; fi
tm kill-session -t ms

begin "max speed at 80x24: the rate's short form (max N/s), every field kept"
start ms 80 24 "$APP_ENV $BIN --speed max --variant gist --steps 9999"
if wait_re ms "RUNNING │ max [0-9]+/s │ loss [0-9.]+ │ lr_t [0-9.]+ │ gist\*\$" 20; then ok
else fail "no short rate, or a field dropped" ms; fi
tm kill-session -t ms

begin "the learning-rate panel names the schedule in use (gist: linear), with its formula at 120x40"
start sl 80 24 "$APP_ENV $BIN --paused --variant gist"
if wait_for sl "Learning rate, linear" && ! capture sl | grep -q "lr_t = lr"; then
    tm resize-window -t sl -x 120 -y 40
    if wait_for sl "lr_t = lr × (1 - step / steps)"; then ok; else fail "no formula at 120x40" sl; fi
else fail "no schedule in the title" sl; fi
tm kill-session -t sl

begin "--variant gist says gist; an option over it marks it gist*"
start sl 80 24 "$APP_ENV $BIN --paused --variant gist"
if wait_for sl "step 1/1000" && capture sl | head -1 | grep -q "│ gist\$"; then
    tm kill-session -t sl
    start sl 80 24 "$APP_ENV $BIN --paused --variant gist --lr 0.02"
    if wait_for sl "step 1/1000" && capture sl | head -1 | grep -q "│ gist\*\$"; then ok
    else fail "no gist*" sl; fi
else fail "no gist" sl; fi
tm kill-session -t sl

# ---------------------------------------------------------------- the mouse
# tmux passes what send-keys -l sends to the program as typed: the reports a
# terminal would send.  SGR 1006 (ESC [ < b ; x ; y M, then m on release,
# 1-based) is what ncurses asks for when the terminal's description has it
# (TERM=xterm-256color); TERM=tmux-256color's has the classic reports
# (ESC [ M, then the button, the column and the row, each + 32).
E=$(printf '\033')
sgr_click() { lit "$1" "$E[<0;$2;$3M$E[<0;$2;$3m"; }

begin "the mouse: a click stops a long operation as a key does, and is dropped"
start mc 80 24 "env -u LINES -u COLUMNS TERM=xterm-256color LC_ALL=$UTF8 $BIN --paused --steps 200000"
if wait_for mc "step 1/200000"; then
    keys mc 6
    if wait_for mc "Going to" 3; then
        sgr_click mc 10 12      # the positions: dropped, not focused
        if wait_gone mc "Going to" 2 && wait_for mc "PAUSED" && ! capture mc | head -1 | grep -q "step 200000/" &&
           wait_for mc "┏ Next token"; then ok
        else fail "the click did not stop it, or acted" mc; fi
    else fail "no progress shown" mc; fi
else fail "did not start" mc; fi
tm kill-session -t mc

begin "the mouse (SGR 1006): a click focuses a panel, a double-click zooms it, another unzooms"
start ms 80 24 "env -u LINES -u COLUMNS TERM=xterm-256color LC_ALL=$UTF8 $BIN --paused"
if wait_for ms "step 1/500" && wait_for ms "┏ Next token"; then
    sgr_click ms 10 20      # the learning-rate panel's frame
    if wait_for ms "┏ Learning rate" && ! capture ms | grep -q "┏ Next token"; then
        sgr_click ms 10 12; sgr_click ms 10 12      # the positions, twice at once
        if wait_for ms "z unzoom" && wait_gone ms "Current name" && wait_for ms "Loss at each position"; then
            sgr_click ms 10 12; sgr_click ms 10 12
            if wait_for ms "Current name" && wait_gone ms "z unzoom"; then ok
            else fail "no unzoom" ms; fi
        else fail "no zoom" ms; fi
    else fail "no focus" ms; fi
else fail "did not start" ms; fi

begin "the mouse: the wheel over the loss curve steps forward (down) and back (up)"
lit ms "$E[<65;60;20M"
if wait_for ms "step 2/500"; then
    lit ms "$E[<65;60;20M$E[<65;60;20M"
    if wait_for ms "step 4/500"; then
        lit ms "$E[<64;60;20M"
        if wait_for ms "step 3/500"; then ok; else fail "wheel up" ms; fi
    else fail "twice" ms; fi
else fail "wheel down" ms; fi

begin "m turns the mouse off (said in the key line), then clicks do nothing; m again"
keys ms m
if wait_for ms "mouse off (m turns it on)"; then
    lit ms "$E[<65;60;20M"
    sgr_click ms 10 20
    sleep 0.3
    if capture ms | grep -q "step 3/500" && ! capture ms | grep -q "┏ Learning rate"; then
        keys ms m
        if wait_for ms "mouse on (m turns it off)"; then
            sgr_click ms 10 20
            if wait_for ms "┏ Learning rate" && wait_gone ms "mouse on"; then ok; else fail "not back on" ms; fi
        else fail "no message" ms; fi
    else fail "the mouse still acts" ms; fi
else fail "no message" ms; fi

begin "the mouse: a click on a row selects the position, on a curve goes to its step, on a hint presses it"
keys ms Home
if wait_for ms "step 1/500"; then
    sgr_click ms 10 13      # the row of position 3 (yuheng: h -> e)
    if wait_for ms "pos 3: h"; then
        sgr_click ms 43 22  # the learning-rate curve's last column: step 500
        if wait_for ms "step 500/500"; then
            sgr_click ms 9 22   # its first: step 1
            wait_for ms "step 1/500"
            sgr_click ms 3 24   # the hint "space run"
            if wait_for ms "RUNNING"; then keys ms space; ok; else fail "the hint did nothing" ms; fi
        else fail "no step 500" ms; fi
    else fail "no position 3" ms; fi
else fail "not at step 1" ms; fi

begin "the mouse: the wheel over the probabilities scrolls them, three rows a notch"
keys ms Home
wait_for ms "step 1/500"
lit ms "$E[<65;60;8M"
if wait_for ms "3 above, 17 below"; then
    lit ms "$E[<64;60;8M"
    if wait_for ms "20 more"; then ok; else fail "not back up" ms; fi
else fail "no scroll" ms; fi

begin "the mouse: a click on a row of the attention panel selects that position"
keys ms k k k k k k k
wait_for ms "pos 0: [BOS]"
keys ms a
if wait_for ms "Attention" && wait_for ms "pos 0: [BOS]"; then
    sgr_click ms 10 8       # the row of position 3 (yuheng: h -> e)
    if wait_for ms "pos 3: h"; then ok; else fail "no position 3" ms; fi
else fail "no attention panel" ms; fi
keys ms a
tm kill-session -t ms

begin "the mouse with the classic reports (TERM=tmux-256color)"
start mx 80 24 "$APP_ENV $BIN --paused"
if wait_for mx "step 1/500"; then
    # press and release of button 1 at column 10, row 20: 32 + 10 = '*', 32 + 20 = '4'
    lit mx "$E[M *4$E[M#*4"
    if wait_for mx "┏ Learning rate"; then ok; else fail "no focus" mx; fi
else fail "did not start" mx; fi
tm kill-session -t mx

begin "--no-mouse: the program asks the terminal for no mouse reports"
start mn 80 24 "env -u LINES -u COLUMNS TERM=xterm-256color LC_ALL=$UTF8 $BIN --paused --no-mouse"
start my 80 24 "env -u LINES -u COLUMNS TERM=xterm-256color LC_ALL=$UTF8 $BIN --paused"
if wait_for mn "step 1/500" && wait_for my "step 1/500"; then
    if [ "$(tm display-message -p -t mn '#{mouse_any_flag}#{mouse_standard_flag}')" = 00 ] &&
       [ "$(tm display-message -p -t my '#{mouse_standard_flag}#{mouse_sgr_flag}')" = 11 ]; then ok
    else fail "modes: no-mouse $(tm display-message -p -t mn '#{mouse_standard_flag}'), mouse $(tm display-message -p -t my '#{mouse_standard_flag}#{mouse_sgr_flag}')" mn; fi
else fail "did not start" mn; fi
tm kill-session -t mn; tm kill-session -t my

# ---------------------------------------------------------------- go to a step

begin ": goes to a step (a number, +N, -N); a mistake is said in the line; Esc cancels"
start gt 80 24 "$APP_ENV $BIN --paused"
if wait_for gt "step 1/500"; then
    lit gt ":137"
    if wait_for gt ":137" && wait_for gt "Enter goes"; then
        keys gt Enter
        if wait_for gt "step 137/500"; then
            lit gt ":-37"; keys gt Enter
            if wait_for gt "step 100/500"; then
                lit gt ":900"; keys gt Enter
                if wait_for gt "step 900 is past the last step (500)"; then
                    # a number too large for any run: the line says it as typed
                    keys gt BSpace BSpace BSpace
                    lit gt "+99999999999"; keys gt Enter
                    wait_for gt "step 100 + 99999999999 is past the last step (500)" && big=ok || big=
                    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys gt BSpace; done
                    lit gt "+5"; keys gt Enter
                    if [ -z "$big" ]; then fail "a large +N said another step" gt
                    elif wait_for gt "step 105/500"; then
                        lit gt ":12"; keys gt Escape
                        if wait_gone gt ":12" && wait_for gt "q quit" && capture gt | grep -q "step 105/500"; then ok
                        else fail "Esc" gt; fi
                    else fail "+5" gt; fi
                else fail "no error" gt; fi
            else fail "-37" gt; fi
        else fail "137" gt; fi
    else fail "no prompt" gt; fi
else fail "did not start" gt; fi

begin "Esc followed at once by a key (one write): Esc cancels, then the key acts (the prompt, the what-if form, the editor, the help)"
start ek 80 24 "$APP_ENV $BIN --paused"
if wait_for ek "step 1/500"; then
    # each time Esc and n reach the program together, as from a fast typist
    lit ek ":12"
    wait_for ek ":12"
    lit ek "$E"n
    if wait_gone ek ":12" && wait_for ek "step 2/500"; then
        keys ek f
        wait_for ek "What if, from step 2"
        lit ek "$E"n
        if wait_gone ek "What if, from step" && wait_for ek "step 3/500"; then
            keys ek t
            wait_for ek "Any name of these characters"
            lit ek "$E"n
            if wait_gone ek "Any name of these characters" && wait_for ek "step 4/500"; then
                keys ek '?'
                wait_for ek "Keys"
                lit ek "$E"n
                if wait_for ek "step 5/500" && ! capture ek | grep -q "^ *Keys"; then ok
                else fail "help: Esc n" ek; fi
            else fail "editor: Esc n" ek; fi
        else fail "what-if form: Esc n" ek; fi
    else fail "prompt: Esc n" ek; fi
else fail "did not start" ek; fi
tm kill-session -t ek

begin "137G goes to step 137 (the digits shown as typed); a lone 4 still jumps along the arc"
keys gt Home
wait_for gt "step 1/500"
lit gt "13"
if wait_for gt "G goes to step 13"; then
    lit gt "7G"
    if wait_for gt "step 137/500"; then
        keys gt 4
        if wait_for gt "step 200/500" && wait_for gt "Name-like structures"; then ok; else fail "4" gt; fi
    else fail "137G" gt; fi
else fail "no count shown" gt; fi
tm kill-session -t gt

# ---------------------------------------------------------------- screen export

begin "x writes the screen: the .txt is what the terminal shows, the .svg its twin; the next is -002"
mkdir -p "$TMP/exp"
start ex 80 24 "cd $TMP/exp && $APP_ENV $PWD/$BIN --paused --data $PWD/data/names.txt"
if wait_for ex "step 1/500"; then
    keys ex "]" "]" "]" Down Down
    wait_for ex "pos 2: y"
    settled ex "$TMP/ex.txt"
    keys ex x
    if wait_for ex "the screen is in microgpt-tui-001.txt and microgpt-tui-001.svg" &&
       cmp -s "$TMP/ex.txt" "$TMP/exp/microgpt-tui-001.txt" && [ -s "$TMP/exp/microgpt-tui-001.svg" ]; then
        keys ex x
        if wait_for ex "microgpt-tui-002.txt" && [ -s "$TMP/exp/microgpt-tui-002.svg" ]; then ok
        else fail "no second export" ex; fi
    else fail "not written, or not the screen: $(diff "$TMP/ex.txt" "$TMP/exp/microgpt-tui-001.txt" 2>&1 | head -3)" ex; fi
else fail "did not start" ex; fi

begin "x where nothing can be written: the key line says why, the session goes on"
chmod a-w "$TMP/exp"
keys ex x
if [ "$(id -u)" = 0 ]; then ok; echo "     (skipped: root writes anyway)"
elif wait_for ex "no export: microgpt-tui-003.txt: cannot write: Permission denied"; then
    keys ex n
    if wait_for ex "step 32/500"; then ok; else fail "stuck" ex; fi
else fail "no message" ex; fi
chmod u+w "$TMP/exp"
tm kill-session -t ex

# ---------------------------------------------------------------- lesson scripts

begin "--lesson: the first stop at the start; n walks the stops (a guess stop reveals first), the notes shown"
start ls 80 24 "$APP_ENV $BIN --lesson docs/lessons/training-loop.lesson"
if wait_for ls "step 1/500" && wait_for ls "[Sample]" && wait_for ls "n → next stop"; then
    keys ls n
    if wait_for ls "Stop 2 of 21: guess-forward-0" && wait_for ls "Guess: which letter starts a name" &&
       wait_for ls "Guess first"; then
        keys ls n
        if wait_for ls "loss_0 = -log(0.0338) = 3.3880" && wait_for ls "Stop 2 of 21"; then
            keys ls n n
            if wait_for ls "[Loss]" && wait_for ls "Why: 2. Loss"; then ok
            else fail "no fourth stop" ls; fi
        else fail "n did not reveal" ls; fi
    else fail "no second stop" ls; fi
else fail "did not start at the first stop" ls; fi

begin "--lesson: other keys explore; b comes back to the stop; past the last stop (inside the model) it says so"
keys ls "]"
if wait_for ls "step 11/500"; then
    keys ls b
    if wait_for ls "step 1/500" && wait_for ls "[Loss]"; then
        lit ls ":500"; keys ls Enter
        wait_for ls "step 500/500"
        for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18; do keys ls n; done
        if wait_for ls "the lesson's last stop (21 of 21)" 30 && wait_for ls "Adam on lm_head[12][7]:" &&
           wait_for ls "This step made \"emma\" 0.28 nats easier."; then ok
        else fail "not at the last stop" ls; fi
    else fail "b did not come back" ls; fi
else fail "] did not move" ls; fi

begin "--lesson: b walks back; a stop shows what it showed walking forward (arc-1, then log: its phases, not the arc's sentence)"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do keys ls b; done
if wait_for ls "Arc of training, step 1: Nothing." 30 && wait_for ls "Live samples"; then
    keys ls b
    if wait_for ls "[Log]" && wait_for ls "Why: 5. Log" && ! capture ls | grep -q "Arc of training"; then ok
    else fail "stop 8 not as it was" ls; fi
else fail "not at stop 9" ls; fi
tm kill-session -t ls

begin "--lesson at 80x24: a stop's note whole, the Why cut at a word with an ellipsis and a hint; zoomed, all of it"
start lw 80 24 "$APP_ENV $BIN --lesson docs/lessons/training-loop.lesson"
if wait_for lw "n → next stop"; then
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do keys lw n; done
    if wait_for lw "Stop 15 of 21: attention-1" 30 && wait_for lw "every row stays…  │" &&
       wait_for lw "Row 3, the second m: every weight is about 1/4. Why are the heads alike?" &&
       wait_for lw "n next stop, Tab here and z: all"; then
        keys lw Tab Tab Tab
        if wait_for lw "n next stop, z: all"; then
            keys lw z
            if wait_for lw "every row stays   ┃" && wait_for lw "┃ near 1/t." && wait_for lw "Why, Attention:"; then ok
            else fail "z did not show the Why whole" lw; fi
        else fail "Tab did not reach the explanation" lw; fi
    else fail "stop 15 not cut with an ellipsis and a hint" lw; fi
else fail "did not start" lw; fi
tm kill-session -t lw

begin "--lesson: a long note shows whole (the explanation grows), the Why left out says how to see it"
printf '[stop]\nstep = 1\nnote = One two three four five six seven eight nine ten eleven twelve thirteen fourteen.\n'\
'note = Second line.\nnote = Third line.\nnote = Fourth line ends the note.\n' > "$TMP/long.lesson"
rm -rf "$TMP/long"
if $BIN --lesson "$TMP/long.lesson" --export-screens "$TMP/long" --export-size 120x40 > /dev/null 2>&1 < /dev/null &&
   grep -q "│ Fourth line ends the note. *│" "$TMP/long/01-stop.txt" &&
   grep -q "Stop 1 of 1 ─*\( n next stop, Tab here and z: all \)╮" "$TMP/long/01-stop.txt" &&
   ! grep -q "Why," "$TMP/long/01-stop.txt"; then ok
else fail "$(tail -8 "$TMP/long/01-stop.txt" 2>&1)"; fi

begin "--lesson: stops inside the model open their panels; a explores, b comes back; t types a name there"
printf 'order = file\n[stop]\nstep = 1\nphase = sample\n[stop]\nposition = 3\ninside = attention\nnote = Row 3.\n'\
'[stop]\nstep = 500\ninside = probe\nprobe = zoe\nnote = At the end.\n' > "$TMP/inside.lesson"
start li 80 24 "$APP_ENV $BIN --lesson $TMP/inside.lesson"
if wait_for li "[Sample]" && keys li n && wait_for li "Stop 2 of 3" && wait_for li "max |w - 1/t| = 0.0043" &&
   wait_for li "Row 3." && wait_for li "pos 3: m → a"; then
    keys li a
    if wait_for li "Current name" && wait_gone li "Stop 2 of 3"; then
        keys li b
        if wait_for li "Stop 2 of 3" && wait_for li "┏ Attention"; then
            keys li n
            if wait_for li "Stop 3 of 3" && wait_for li "Probe: zoe" &&
               wait_for li "mean             3.2079  3.2999  3.2079"; then
                keys li t; lit li "emma"; keys li Enter
                if wait_for li "Probe: emma" && wait_for li "Stop 3 of 3"; then ok
                else fail "t did not probe emma at the stop" li; fi
            else fail "no probe stop" li; fi
        else fail "b did not bring the attention back" li; fi
    else fail "a did not close the attention" li; fi
else fail "no attention stop" li; fi
tm kill-session -t li

begin "--lesson with an error: one line naming the file and the line, exit 2"
printf '[stop]\nstep = 1\nphase = sampel\n' > "$TMP/bad.lesson"
$BIN --lesson "$TMP/bad.lesson" --export-screens "$TMP/bad" > "$TMP/out" 2> "$TMP/err" < /dev/null
rc=$?
if [ $rc -eq 2 ] && [ "$(cat "$TMP/err")" = "microgpt-tui: $TMP/bad.lesson: line 3: phase: 'sampel' is not sample, forward, loss, backward, update, log or step" ]; then ok
else fail "rc=$rc: $(cat "$TMP/err")"; fi

# ---------------------------------------------------------------- the settings file

begin "the settings file: its speed, theme and explanations; options override it"
mkdir -p "$XDG_CONFIG_HOME/microgpt-tui"
printf '# e2e\nspeed = 50\ntheme = high-contrast\nexplanations = on\n' > "$XDG_CONFIG_HOME/microgpt-tui/config"
start cf 80 24 "$APP_ENV $BIN --paused"
start co 80 24 "$APP_ENV $BIN --paused --speed 2 --theme default --no-explain"
if wait_for cf "50 steps/s" && wait_for cf "Why: " && wait_for co "2 steps/s" && wait_for co "Learning rate"; then
    settled cf "$TMP/cf.ansi" -e
    settled co "$TMP/co.ansi" -e
    # high contrast: a black background (SGR 40), never dim (SGR 2)
    pf=$(sgr_params "$TMP/cf.ansi")
    po=$(sgr_params "$TMP/co.ansi")
    if echo "$pf" | grep -qx 40 && ! echo "$po" | grep -qx 40 && ! capture co | grep -q "Why: "; then ok
    else fail "theme or explanation not as set" cf; fi
else fail "speed or explanation not as set" cf; fi
tm kill-session -t cf; tm kill-session -t co

begin "--theme mono: no colour sequences, as with NO_COLOR"
start mo 80 24 "$APP_ENV $BIN --paused --theme mono"
if wait_for mo "step 1/500"; then
    settled mo "$TMP/mono.ansi" -e
    bad=$(colour_param "$TMP/mono.ansi")
    if [ -z "$bad" ] && grep -q "$E\[" "$TMP/mono.ansi"; then ok; else fail "colour parameter '$bad'" mo; fi
else fail "did not start" mo; fi
tm kill-session -t mo

begin "a malformed settings file: one line naming the file and the line, exit 2; --no-config runs"
printf 'speed = 50\ntheme\n' > "$XDG_CONFIG_HOME/microgpt-tui/config"
start_shell sh3
lit sh3 "clear; $BIN; echo rc=\$?"; keys sh3 Enter
if wait_for sh3 "rc=2" && wait_for sh3 "microgpt-tui: $XDG_CONFIG_HOME/microgpt-tui/config: line 2: not a setting" 1; then
    lit sh3 "clear; $BIN --no-config --paused"; keys sh3 Enter
    if wait_for sh3 "step 1/500"; then keys sh3 q; ok; else fail "--no-config did not run" sh3; fi
else fail "not refused" sh3; fi
rm -f "$XDG_CONFIG_HOME/microgpt-tui/config"
tm kill-session -t sh3

begin "TERM=dumb is refused with exit 2"
start_shell sh2
lit sh2 "TERM=dumb $BIN; echo rc=\$?"; keys sh2 Enter
if wait_for sh2 "rc=2" && wait_for sh2 "cannot move the cursor"; then ok; else fail "not refused" sh2; fi

begin "an unknown TERM is refused with exit 2"
lit sh2 "TERM=no-such-terminal-xyz $BIN; echo rc=\$?"; keys sh2 Enter
if wait_for sh2 "unknown terminal type" && [ "$(capture sh2 | grep -c 'rc=2')" -ge 2 ]; then ok
else fail "not refused" sh2; fi

begin "stdin not a terminal is refused with exit 2"
lit sh2 "$BIN < /dev/null; echo rc=\$?"; keys sh2 Enter
if wait_for sh2 "standard input is not a terminal" && [ "$(capture sh2 | grep -c 'rc=2')" -ge 3 ]; then ok
else fail "not refused" sh2; fi

begin "stdin not a terminal is refused before the model is built (not 9 s and 3 GB later)"
lit sh2 "clear; $BIN --n-embd 512 --n-head 1 < /dev/null; echo rc=\$?"; keys sh2 Enter
if wait_for sh2 "rc=2" 3 && wait_for sh2 "standard input is not a terminal" 1; then ok
else fail "not refused at once" sh2; fi

begin "the UI refuses a --csv file that cannot be created, with exit 2"
lit sh2 "clear; $BIN --csv /nonexistent/dir/x.csv; echo rc=\$?"; keys sh2 Enter
if wait_for sh2 "rc=2" && wait_for sh2 "/nonexistent/dir/x.csv: cannot write: No such file" 1 &&
   ! capture sh2 | grep -q "step 1/"; then ok
else fail "not refused" sh2; fi

begin "the UI writes --csv: the rows of the steps reached, once each, in order, as --headless --csv"
rm -f "$TMP/ui.csv" "$TMP/headless.csv"
lit sh2 "clear; $BIN --paused --csv $TMP/ui.csv; echo rc=\$?"; keys sh2 Enter
if wait_for sh2 "step 1/500"; then
    keys sh2 "]" "]" "]"; wait_for sh2 "step 31/500"
    keys sh2 b b Home; wait_for sh2 "step 1/500"
    keys sh2 3; wait_for sh2 "step 100/500"
    keys sh2 q
    $BIN --headless --csv "$TMP/headless.csv" > /dev/null
    if wait_for sh2 "rc=0" && [ "$(wc -l < "$TMP/ui.csv")" -eq 101 ] &&
       head -n 101 "$TMP/headless.csv" | cmp -s - "$TMP/ui.csv"; then ok
    else fail "$(wc -l < "$TMP/ui.csv") lines; $(head -n 101 "$TMP/headless.csv" | cmp - "$TMP/ui.csv")" sh2; fi
else fail "did not start" sh2; fi

begin "--compare '... --csv FILE' in the UI: the twin's file as its --headless --csv, run A's as its own"
rm -f "$TMP/uia.csv" "$TMP/uib.csv" "$TMP/ha.csv" "$TMP/hb.csv"
lit sh2 "clear; $BIN --paused --csv $TMP/uia.csv --compare '--lr 0.003 --csv $TMP/uib.csv'; echo rc=\$?"; keys sh2 Enter
if wait_for sh2 "step 1/500"; then
    keys sh2 "]" "]" "]"; wait_for sh2 "step 31/500"
    keys sh2 b b Home; wait_for sh2 "step 1/500"
    keys sh2 3; wait_for sh2 "step 100/500"
    keys sh2 o; wait_for sh2 "B−A"
    keys sh2 "]"; wait_for sh2 "step 110/500"
    keys sh2 q
    $BIN --headless --csv "$TMP/ha.csv" > /dev/null
    $BIN --headless --lr 0.003 --csv "$TMP/hb.csv" > /dev/null
    if wait_for sh2 "rc=0" && [ "$(wc -l < "$TMP/uia.csv")" -eq 111 ] && [ "$(wc -l < "$TMP/uib.csv")" -eq 111 ] &&
       head -n 111 "$TMP/ha.csv" | cmp -s - "$TMP/uia.csv" && head -n 111 "$TMP/hb.csv" | cmp -s - "$TMP/uib.csv" &&
       ! cmp -s "$TMP/uia.csv" "$TMP/uib.csv"; then ok
    else fail "$(wc -l < "$TMP/uia.csv") and $(wc -l < "$TMP/uib.csv") lines; $(head -n 111 "$TMP/hb.csv" | cmp - "$TMP/uib.csv")" sh2; fi
else fail "did not start" sh2; fi

begin "stdout not a terminal is refused with exit 2"
$BIN --paused > "$TMP/out" 2> "$TMP/err" < /dev/null
rc=$?
if [ $rc -eq 2 ] && [ ! -s "$TMP/out" ] && [ "$(wc -l < "$TMP/err")" -eq 1 ]; then ok
else fail "rc=$rc, stderr: $(cat "$TMP/err")"; fi

# own_panels FILE: an 80x24 screen less what compares two runs: the status
# line, the loss panel (right of column 45 from row 14) and the key hints.
own_panels() {
    sed -n '2,13p' "$1"
    sed -n '14,23p' "$1" | sed -E 's/^(.{45}).*/\1/'
}

begin "what if: f branches at step 100; o shows the original run's panels exactly as before"
start wi 80 24 "$APP_ENV $BIN --paused"
if wait_for wi "step 1/500"; then
    keys wi 3
    wait_for wi "step 100/500"
    settled wi "$TMP/wi-before.txt"
    keys wi f
    # the form open: the key line says its keys, not the ones it takes as text
    if wait_for wi "What if, from step 100" && wait_for wi "Enter branches  Esc cancels" 2 &&
       ! capture wi | tail -1 | grep -q "q quit"; then
        keys wi BSpace BSpace BSpace BSpace
        lit wi 0.003
        keys wi Enter
        if wait_for wi "B−A" && wait_for wi "B 4.0093 A 4.0093" && wait_for wi "lr_t 0.002719"; then
            keys wi o
            if wait_for wi "A−B" && wait_for wi "lr_t 0.009063"; then
                settled wi "$TMP/wi-after.txt"
                own_panels "$TMP/wi-before.txt" > "$TMP/wi-before.own"
                own_panels "$TMP/wi-after.txt" > "$TMP/wi-after.own"
                if cmp -s "$TMP/wi-before.own" "$TMP/wi-after.own"; then ok
                else fail "the original run's panels changed: $(diff "$TMP/wi-before.own" "$TMP/wi-after.own" | head -5)" wi; fi
            else fail "o did not switch back" wi; fi
        else fail "no branch" wi; fi
    else fail "no form" wi; fi
else fail "did not start" wi; fi
tm kill-session -t wi

begin "classroom.md's what-if activity (section 7) in its --emma session: the figures it quotes at step 200"
quoted=$(grep -o 'at step 200, `B [0-9.]* A [0-9.]*`' docs/classroom.md | sed 's/.*`\(.*\)`/\1/')
diff=$(grep -o '`B−A [-+][0-9.]*`' docs/classroom.md | head -1 | tr -d '`')
start wc 80 24 "$APP_ENV $BIN --emma"
if [ -n "$quoted" ] && [ -n "$diff" ] && wait_for wc "step 1/500"; then
    keys wc p 3
    wait_for wc "step 100/500"
    keys wc f
    if wait_for wc "What if, from step 100"; then
        keys wc BSpace BSpace BSpace BSpace
        lit wc 0.005
        keys wc Enter 4
        if wait_for wc "step 200/500" && wait_for wc "$quoted" 5 && wait_for wc "$diff" 1; then ok
        else fail "classroom.md quotes '$quoted' and '$diff'" wc; fi
    else fail "no form" wc; fi
else fail "no figures quoted, or did not start" wc; fi
tm kill-session -t wc

for size in 80x24 120x40; do
    begin "--compare at $size: both losses, both curves and the legend"
    start cmp "${size%x*}" "${size#*x}" "$APP_ENV $BIN --paused --compare '--lr 0.003'"
    if wait_for cmp "step 1/500"; then
        keys cmp 3
        if wait_for cmp "A 4.0093 B 3.3205" && wait_for cmp "A−B +0.6888" && wait_for cmp "A avg" &&
           wait_for cmp "B avg"; then ok
        else fail "no comparison on screen" cmp; fi
    else fail "did not start" cmp; fi
    tm kill-session -t cmp
done

begin "--compare from 160 columns: both runs' positions and probabilities side by side, labelled; o swaps them; 159: one"
start pr 160 48 "$APP_ENV $BIN --paused --compare '--lr 0.003'"
# title_row: the row of the positions' titles, from the first panel's corner on
title_row() { capture pr | grep "Loss at each position" | sed 's/^[^╭┏]*//'; }
if wait_for pr "step 1/500"; then
    keys pr 3 Down Down
    if wait_for pr "step 100/500" && wait_for pr "pos 2: a → t" &&
       title_row | grep -q "^╭ A: Loss at each position.*╭ B: Loss at each position" &&
       capture pr | grep -q "A: Next token.*B: Next token" &&
       capture pr | grep -q "mean 4.0093.*mean 3.3205"; then
        keys pr o
        if wait_for pr "B−A" && title_row | grep -q "^╭ B: Loss at each position.*╭ A: Loss at each position" &&
           capture pr | grep -q "mean 3.3205.*mean 4.0093"; then
            tm resize-window -t pr -x 159 -y 48
            if wait_gone pr "A: Loss at each position" && wait_for pr "╭ Loss at each position" &&
               capture pr | grep -q "mean 3.3205" && ! capture pr | grep -q "mean 4.0093"; then ok
            else fail "not one run at 159 columns" pr; fi
        else fail "o did not swap the sides" pr; fi
    else fail "not side by side" pr; fi
else fail "did not start" pr; fi
tm kill-session -t pr

begin "--compare at 80x24: both runs' final samples page with s and the wheel, all 20 of each as --headless --compare"
$BIN --headless --compare '--lr 0.003' | sed -n 's/^sample *\([0-9]*\): \(.*\)$/\1 \2/p' > "$TMP/cs.names"
# names_missing FIRST LAST: how many of the names numbered FIRST to LAST (of
# both runs) the screen does not show, each with its number
names_missing() {
    capture cs > "$TMP/cs.screen"
    awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b { print " " $1 " " $2 " " }' "$TMP/cs.names" |
        while IFS= read -r pat; do grep -qF -- "$pat" "$TMP/cs.screen" || echo "$pat"; done | wc -l
}
start cs 80 24 "env -u LINES -u COLUMNS TERM=xterm-256color LC_ALL=$UTF8 $BIN --paused --compare '--lr 0.003'"
if [ "$(wc -l < "$TMP/cs.names")" -eq 40 ] && wait_for cs "step 1/500"; then
    keys cs 6
    # the names over the left column: the loss curve, its two runs and their
    # difference stay in view beside them
    if wait_for cs "1-13 of 20  s more" && [ "$(names_missing 1 13)" -eq 0 ] &&
       capture cs | grep -q "Loss per step ───── A−B -0.1720" && capture cs | grep -q "━━ A avg  ⠒⠒ B avg"; then
        keys cs s
        if wait_for cs "14-20 of 20  s hides" && [ "$(names_missing 14 20)" -eq 0 ]; then
            lit cs "$E[<64;40;10M"
            if wait_for cs "1-13 of 20  s more"; then
                lit cs "$E[<65;40;10M"
                if wait_for cs "14-20 of 20" && keys cs s && wait_gone cs "Names after 500 steps"; then ok
                else fail "wheel down, then s" cs; fi
            else fail "wheel up" cs; fi
        else fail "page 2: $(names_missing 14 20) names missing" cs; fi
    else fail "page 1: $(names_missing 1 13) names missing, or the curve hidden" cs; fi
else fail "did not start" cs; fi
tm kill-session -t cs

# ---------------------------------------------------------------- inside the model

begin "inside, 80x24: a student's name typed (t), its losses at step 1 and at the end"
start in1 80 24 "$APP_ENV $BIN --emma"
if wait_for in1 "step 1/500"; then
    keys in1 t
    lit in1 Zoe
    keys in1 Enter
    if wait_for in1 "'Z' is not in the vocabulary: a-z"; then
        keys in1 BSpace BSpace BSpace
        lit in1 zoe
        keys in1 Enter
        # microgpt_ref.py: zoe under step 1's model 3.2999, under the final one 3.2079
        if wait_for in1 "Probe: zoe" && wait_for in1 "3.2999" && wait_for in1 "3.2079" &&
           wait_for in1 "0 [BOS] → z      3.2546  4.4726"; then ok
        else fail "no probe panel with its figures" in1; fi
    else fail "no refusal of 'Z'" in1; fi
else fail "did not start" in1; fi
tm kill-session -t in1

begin "inside, 80x24: the attention of the letter after a double m (emma, position 3)"
start in2 80 24 "$APP_ENV $BIN --emma"
if wait_for in2 "step 1/500"; then
    keys in2 p a j j j
    # the selected position's row: its highlight is in the screen goldens (test_look's roles)
    if wait_for in2 "Attention" && wait_for in2 "pos 3: m → a" && wait_for in2 "3 m     ▒▒▒▒" &&
       wait_for in2 "max |w - 1/t| = 0.0043: near uniform"; then ok
    else fail "no attention panel" in2; fi
else fail "did not start" in2; fi
tm kill-session -t in2

begin "inside, 80x24: what one update did to emma (u at the Update phase)"
start in3 80 24 "$APP_ENV $BIN --emma"
if wait_for in3 "step 1/500"; then
    keys in3 n n n n n n n n
    if wait_for in3 "[Update]"; then
        keys in3 u
        if wait_for in3 "This step made \"emma\" 0.28 nats easier." && wait_for in3 "3.2764  2.9943 -0.2821"; then
            keys in3 d
            if wait_for in3 "move 1 of this step's biggest"; then ok
            else fail "d did not follow the biggest move" in3; fi
        else fail "no before and after" in3; fi
    else fail "no Update phase" in3; fi
else fail "did not start" in3; fi
tm kill-session -t in3

begin "inside, 120x40: --probe preloads a name; v shows the logits; ASCII shades"
start in4 120 40 "$APP_ENV $BIN --paused --probe emma"
if wait_for in4 "step 1/500"; then
    keys in4 t Escape
    if wait_for in4 "Probe: emma" && wait_for in4 "p(tgt)"; then
        keys in4 v
        if wait_for in4 "Logit, p" && wait_for in4 "logit"; then ok
        else fail "no logits" in4; fi
    else fail "no preloaded name" in4; fi
else fail "did not start" in4; fi
tm kill-session -t in4
start in5 80 24 "env -u LINES -u COLUMNS TERM=tmux-256color LC_ALL=C NO_COLOR=1 $BIN --paused"
if wait_for in5 "step 1/500" && keys in5 a && wait_for in5 "# 1 y     %%" && wait_for in5 "max |w - 1/t|"; then
    n=$(capture in5 | LC_ALL=C tr -d '\000-\177' | wc -c)
    [ "$n" -eq 0 ] || fail "non-ASCII bytes in the ASCII attention panel" in5
else fail "no ASCII attention panel" in5; fi
tm kill-session -t in5

echo "e2e: $passed passed, $failed failed"
[ -n "$RESULT_FILE" ] && echo "$passed $failed" > "$RESULT_FILE"
[ "$failed" -eq 0 ]
