#!/usr/bin/env python3
"""Draws a LIBTHREAD=trace=FILE.json timeline as an SVG picture, the way the trace
viewers lay it out (a track per proc, a box per run of a thread, arrows for
cross-proc wake-ups, ticks for instant events): docs/DEBUGGING.md shows one, drawn
from a real run with this script. Python's standard library only.

    python3 tools/trace2svg.py IN.json OUT.svg [--from US] [--to US] [--middle US] [--width PX]

--from/--to pick a window (microseconds from the start of the trace; default: all);
--middle US the US microseconds around the middle of the run.
"""
import colorsys
import hashlib
import json
import sys
from xml.sax.saxutils import escape


def color(name):
    h = int(hashlib.md5(name.encode()).hexdigest()[:6], 16) / float(1 << 24)
    r, g, b = colorsys.hls_to_rgb(h, 0.62, 0.55)
    return "#%02x%02x%02x" % (int(r * 255), int(g * 255), int(b * 255))


def main(argv):
    args = argv[1:]
    if len(args) < 2:
        print(__doc__.strip())
        return 2
    src, dst = args[0], args[1]
    rest = args[2:]
    t0 = t1 = None
    width = 1200
    middle = None
    while rest:
        a = rest.pop(0)
        if a == "--from":
            t0 = float(rest.pop(0))
        elif a == "--to":
            t1 = float(rest.pop(0))
        elif a == "--middle":
            middle = float(rest.pop(0))
        elif a == "--width":
            width = int(rest.pop(0))
        else:
            print("trace2svg: unknown argument %r" % a)
            return 2
    with open(src) as f:
        ev = json.load(f)
    names = {}
    for e in ev:
        if e.get("ph") == "M" and e.get("name") == "thread_name":
            names[e["tid"]] = e["args"]["name"]
    timed = [e for e in ev if e.get("ph") != "M"]
    if not timed:
        print("trace2svg: no events in %s" % src)
        return 1
    lo = min(e["ts"] for e in timed) if t0 is None else t0
    hi = max(e["ts"] for e in timed) if t1 is None else t1
    if middle is not None:
        c = (lo + hi) / 2
        lo, hi = c - middle / 2, c + middle / 2
    if hi <= lo:
        hi = lo + 1
    tracks = sorted(set(e["tid"] for e in timed))
    row = {t: i for i, t in enumerate(tracks)}
    left, top, rh, gap = 90, 40, 26, 10
    plot = width - left - 20
    height = top + len(tracks) * (rh + gap) + 40

    def x(ts):
        return left + (ts - lo) * plot / (hi - lo)

    def y(tid):
        return top + row[tid] * (rh + gap)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">'
           % (width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<defs><marker id="a" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto">'
           '<path d="M0,0 L8,4 L0,8 z" fill="#444"/></marker></defs>']
    # Time axis.
    span = hi - lo
    step = 10 ** len(str(int(span / 8))) / 10 if span >= 8 else 1
    while span / step > 12:
        step *= 2
    t = (int(lo / step) + 1) * step
    while t < hi:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x(t), top - 6, x(t), height - 30))
        out.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#666">%g µs</text>' % (x(t), top - 10, t))
        t += step
    for tid in tracks:
        out.append('<text x="6" y="%d" fill="#222">%s</text>' % (y(tid) + rh / 2 + 4, escape(names.get(tid, "track %d" % tid))))
        out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="#f4f4f4"/>' % (left, y(tid), plot, rh))
    # Slices (B/E per track).
    open_ = {}
    for e in ev:
        if e.get("ph") == "B":
            open_.setdefault(e["tid"], []).append(e)
        elif e.get("ph") == "E" and open_.get(e["tid"]):
            b = open_[e["tid"]].pop()
            s, f = max(b["ts"], lo), min(e["ts"], hi)
            if f < lo or s > hi:
                continue
            w = max(x(f) - x(s), 0.6)
            out.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s" stroke="#333" stroke-width="0.3">'
                       '<title>%s %.3f-%.3f µs</title></rect>'
                       % (x(s), y(e["tid"]) + 2, w, rh - 4, color(b["name"]), escape(b["name"]), b["ts"], e["ts"]))
            if w > 7 * len(b["name"]):
                out.append('<text x="%.2f" y="%d" fill="#000">%s</text>' % (x(s) + 3, y(e["tid"]) + rh / 2 + 4,
                                                                           escape(b["name"])))
    # Instants: ticks under the track.
    for e in timed:
        if e["ph"] == "i" and lo <= e["ts"] <= hi:
            xx = x(e["ts"])
            out.append('<g><title>%s</title><line x1="%.2f" y1="%d" x2="%.2f" y2="%d" stroke="#c00" '
                       'stroke-width="1.2"/></g>' % (escape(e["name"]), xx, y(e["tid"]) + rh - 7, xx, y(e["tid"]) + rh + 4))
    # Flow arrows.
    starts = {}
    for e in timed:
        if e["ph"] == "s":
            starts[e["id"]] = e
    for e in timed:
        if e["ph"] == "f" and e["id"] in starts:
            s = starts[e["id"]]
            if s["ts"] < lo or e["ts"] > hi:
                continue
            y0, y1 = y(s["tid"]) + rh / 2, y(e["tid"]) + rh / 2
            out.append('<line x1="%.2f" y1="%.1f" x2="%.2f" y2="%.1f" stroke="#444" stroke-width="0.8" '
                       'marker-end="url(#a)"/>' % (x(s["ts"]), y0, x(e["ts"]), y1 + (-4 if y1 > y0 else 4)))
    out.append('<text x="%d" y="%d" fill="#666">boxes: runs of threads (named) per proc; arrows: cross-proc '
               'wake-ups; red ticks: traced events (blocks, channel operations)</text>' % (left, height - 10))
    out.append("</svg>")
    with open(dst, "w") as f:
        f.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
