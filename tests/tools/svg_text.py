#!/usr/bin/env python3
"""svg_text.py FILE.svg: the text of an exported screen (src/render/export.c),
one line per <text> element (a row), as the plain-text export has it.

Parses the SVG as XML (xml.etree), and checks what makes it a screen: an
<svg> root with a width and a height, one <text> per row, and in each
<tspan> one x coordinate per character.  Exits 1 with a message on stderr
when the file is not that."""
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def main(path):
    root = ET.parse(path).getroot()
    if root.tag != SVG + "svg" or not root.get("width") or not root.get("height"):
        sys.exit("svg_text: %s: not an <svg> with a width and a height" % path)
    out = []
    for text in root.iter(SVG + "text"):
        for span in text.iter(SVG + "tspan"):
            xs = span.get("x", "").split()
            chars = span.text or ""
            if len(xs) != len(chars):
                sys.exit("svg_text: %s: a tspan with %d x for %d characters: %r" % (path, len(xs), len(chars), chars))
        out.append("".join(text.itertext()))
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: svg_text.py FILE.svg")
    main(sys.argv[1])
