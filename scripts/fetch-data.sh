#!/bin/sh
# Puts makemore's names.txt at $1 (default data/names.txt).
out=${1:-data/names.txt}
url=${MICROGPT_DATA_URL:-https://raw.githubusercontent.com/karpathy/makemore/master/names.txt}
[ -f "$out" ] && exit 0
mkdir -p "$(dirname "$out")"
tmp="$out.part"
echo "microgpt-tui: downloading $url"
if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 2 --connect-timeout 10 -o "$tmp" "$url"
elif command -v wget >/dev/null 2>&1; then
    wget -q -T 10 -O "$tmp" "$url"
else
    false
fi
if [ $? -ne 0 ] || [ ! -s "$tmp" ]; then
    rm -f "$tmp"
    echo "microgpt-tui: could not download names.txt (offline?)." >&2
    echo "  Copy makemore's names.txt (32,033 names, one per line) to $out by hand," >&2
    echo "  for example from another machine: curl -o $out $url" >&2
    echo "  or run with --data FILE to train on any UTF-8 text file, one name per line." >&2
    exit 1
fi
mv "$tmp" "$out"
