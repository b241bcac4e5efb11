#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# history.svg() writes a plot a slide can show: well-formed XML that an
# XML parser reads (python3's ElementTree), an <svg> of the asked size
# whose min, low and high lines and free-pages curve sit where the y
# axis's own labels put those page counts (the kswapd demo's workload on
# 1 GiB of DMA32: min 1024, low 1286, high 1548 from
# __setup_per_zone_wmarks(); 1155 pages free or on the per-cpu list after
# the allocation, the free ones between min and low, and above high once
# kswapd has reclaimed; the lowest point is the dip), with kswapd's run
# shaded; and, where Chromium is installed, one headless render of it: a
# PNG of that size with the curve's blue and the min line's red in it.
. ./common.inc

cat >"$TMPD/plot.lua" <<'LUA'
-- SPDX-License-Identifier: GPL-2.0-only
reset{seed = 1, thp = false, nodes = {{zones = {DMA32 = "1G"}}},
      sysctl = {percpu_pagelist_high_fraction = 65536}}
local z = node(0).zones.DMA32
alloc("700M", {kind = "file"})
alloc(z.free + z.free_pcp - (z.min + z.low) // 2, {kind = "anon"})
local dip = z.free
run(50)
history.svg("plot.svg", {width = 800, height = 400,
            title = "kswapd wakes at low & stops above high"})
print(dip, z.free)
LUA

cd "$TMPD" || exit 1
out=$("$KSS" --batch plot.lua 2>err) || fail "history.svg failed: $(cat err)"
DIP=${out%%	*}
END=${out##*	}
expect "the dip between min and low" yes \
	"$([ "$DIP" -gt 1024 ] && [ "$DIP" -lt 1286 ] && echo yes)"
expect "free pages at the end above high" yes \
	"$([ "$END" -gt 1548 ] && echo yes)"
export DIP END

python3 - plot.svg >py.out 2>&1 <<'PY' || fail "the SVG: $(cat py.out)"
import os, sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == NS + "svg", root.tag
assert (root.get("width"), root.get("height")) == ("800", "400"), root.attrib
assert root.get("viewBox") == "0 0 800 400", root.get("viewBox")
title = root.find(NS + "title").text
assert title == "kswapd wakes at low & stops above high", title

# the y axis: grid lines labelled with page counts; a linear map
labels = {}
for g in root.iter(NS + "g"):
    if g.get("class") != "axes":
        continue
    kids = list(g)
    for line, text in zip(kids, kids[1:]):
        if line.get("class") == "grid" and text.tag == NS + "text":
            labels[int(text.text)] = float(line.get("y1"))
assert len(labels) >= 2, labels
(p0, y0), (p1, y1) = min(labels.items()), max(labels.items())
def pages(y):
    return p0 + (y - y0) * (p1 - p0) / (y1 - y0)

marks = {}
for line in root.iter(NS + "line"):
    c = line.get("class") or ""
    if c.startswith("wmark-"):
        assert line.get("y1") == line.get("y2"), line.attrib
        marks[c[6:]] = (int(line.get("data-pages")), pages(float(line.get("y1"))))
want = {"min": 1024, "low": 1286, "high": 1548}
for k, v in want.items():
    got, drawn = marks[k]
    assert got == v, (k, got)
    assert abs(drawn - v) < 10, (k, "drawn at", drawn)

curve = [e for e in root.iter(NS + "polyline") if e.get("class") == "free"]
assert len(curve) == 1, curve
pts = [tuple(map(float, p.split(","))) for p in curve[0].get("points").split()]
assert len(pts) >= 50, len(pts)  # one a jiffy, and the dip within one
xs = [x for x, _ in pts]
assert xs == sorted(xs), "time runs left to right"
low = min(pages(y) for _, y in pts)
assert abs(low - int(os.environ["DIP"])) < 10, low
assert abs(pages(pts[-1][1]) - int(os.environ["END"])) < 10, pages(pts[-1][1])
runs = [r for r in root.iter(NS + "rect") if r.get("class") == "kswapd-running"]
assert runs and float(runs[0].get("x")) <= pts[0][0], "kswapd's run shaded"
PY

# one render in headless Chromium, where it is installed
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --window-size=800,400 \
		--screenshot="$TMPD/plot.png" "file://$TMPD/plot.svg" \
		>chromium.out 2>&1 || fail "chromium: $(tail -3 chromium.out)"
	python3 - plot.png >png.out 2>&1 <<'PY' || fail "the render: $(cat png.out)"
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, hdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        hdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
w, h, depth, ctype = hdr[:4]
assert (w, h) == (800, 400), (w, h)
assert depth == 8 and ctype in (2, 6), hdr
bpp = 3 if ctype == 2 else 4
raw, stride, prev, px = zlib.decompress(idat), w * bpp, bytearray(w * bpp), set()
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    px.update(tuple(line[i:i + 3]) for i in range(0, stride, bpp))
    prev = line
def near(rgb):
    return any(all(abs(p[k] - rgb[k]) < 40 for k in range(3)) for p in px)
assert near((0x1f, 0x5f, 0xbf)), "no blue free-pages curve in the render"
assert near((0xd6, 0x27, 0x28)), "no red min line in the render"
PY
	echo "rendered in $CHROMIUM: 800x400"
else
	echo "skip: $CHROMIUM is not installed, the SVG was parsed but not rendered (apt-get install chromium renders it)"
fi
finish
