#!/usr/bin/env python3
"""Checks a LIBTHREAD=trace=FILE.json timeline (src/runtime/trace.rs, docs/DEBUGGING.md).

    python3 tools/tracecheck.py FILE.json [--procs N] [--flows] [--want TEXT]...

The file must be a JSON array of Chrome trace events in which: every event has a
known phase, one pid, an integer tid named by a thread_name record, and (but for
metadata) a numeric ts; per track the B/E slices nest (no E without its B, none left
open) in time order; every flow id has one "s" and one "f", the f not before its s,
on another track, bound ("bp":"e") inside a slice there. --procs N wants at least N
tracks with slices, --flows at least one flow, --want an instant whose name contains
TEXT. Prints a summary; exits 1 with the reasons when a check fails.
"""
import json
import sys


def main(argv):
    args = argv[1:]
    if not args:
        print(__doc__.strip())
        return 2
    path = args.pop(0)
    procs, flows_wanted, wants = 0, False, []
    while args:
        a = args.pop(0)
        if a == "--procs":
            procs = int(args.pop(0))
        elif a == "--flows":
            flows_wanted = True
        elif a == "--want":
            wants.append(args.pop(0))
        else:
            print("tracecheck: unknown argument %r" % a)
            return 2
    bad = []
    try:
        with open(path) as f:
            ev = json.load(f)
    except (OSError, ValueError) as e:
        print("FAIL %s: not valid JSON: %s" % (path, e))
        return 1
    if not isinstance(ev, list) or not ev:
        print("FAIL %s: not a non-empty JSON array of events" % path)
        return 1
    pids = set()
    named = set()
    for i, e in enumerate(ev):
        if not isinstance(e, dict) or e.get("ph") not in ("M", "B", "E", "i", "s", "f"):
            bad.append("event %d: unknown phase: %r" % (i, e))
            continue
        if not isinstance(e.get("pid"), int) or not isinstance(e.get("tid"), int):
            bad.append("event %d: pid/tid not integers: %r" % (i, e))
            continue
        pids.add(e["pid"])
        if e["ph"] == "M":
            if e.get("name") == "thread_name":
                named.add(e["tid"])
        elif not isinstance(e.get("ts"), (int, float)):
            bad.append("event %d: no numeric ts: %r" % (i, e))
    if len(pids) != 1:
        bad.append("want one pid, found %s" % sorted(pids))
    timed = sorted((e for e in ev if isinstance(e, dict) and e.get("ph") in ("B", "E", "i", "s", "f")
                    and isinstance(e.get("ts"), (int, float))), key=lambda e: e["ts"])
    for tid in sorted(set(e["tid"] for e in timed) - named):
        bad.append("track %d has events but no thread_name record" % tid)
    # Slices, per track, and which [begin, end] intervals they cover.
    stack = {}
    slices = {}
    for e in (x for x in ev if isinstance(x, dict) and x.get("ph") in ("B", "E")):
        t = e["tid"]
        st = stack.setdefault(t, [])
        if e["ph"] == "B":
            if st and e["ts"] < st[-1]["ts"]:
                bad.append("track %d: B at %s before the open slice's B" % (t, e["ts"]))
            st.append(e)
        else:
            if not st:
                bad.append("track %d: E at %s without a B" % (t, e["ts"]))
                continue
            b = st.pop()
            if e["ts"] < b["ts"]:
                bad.append("track %d: E at %s before its B at %s" % (t, e["ts"], b["ts"]))
            slices.setdefault(t, []).append((b["ts"], e["ts"]))
    for t, st in stack.items():
        if st:
            bad.append("track %d: %d slices never end (first %r)" % (t, len(st), st[0].get("name")))
    # Flows.
    fl = {}
    for e in ev:
        if isinstance(e, dict) and e.get("ph") in ("s", "f"):
            fl.setdefault(e.get("id"), []).append(e)
    for fid, es in fl.items():
        ss = [e for e in es if e["ph"] == "s"]
        ff = [e for e in es if e["ph"] == "f"]
        if len(ss) != 1 or len(ff) != 1:
            bad.append("flow %r: %d starts and %d ends" % (fid, len(ss), len(ff)))
            continue
        s, f = ss[0], ff[0]
        if f["ts"] < s["ts"]:
            bad.append("flow %r ends (%s) before it starts (%s)" % (fid, f["ts"], s["ts"]))
        if f["tid"] == s["tid"]:
            bad.append("flow %r stays on track %d" % (fid, s["tid"]))
        if f.get("bp") != "e":
            bad.append("flow %r: its end does not bind to the enclosing slice" % fid)
        if not any(b <= f["ts"] <= e for b, e in slices.get(f["tid"], [])):
            bad.append("flow %r: its end at %s is in no slice of track %d" % (fid, f["ts"], f["tid"]))
    tracks = sorted(t for t in slices if slices[t])
    if len(tracks) < procs:
        bad.append("want slices on %d tracks (procs), found %d" % (procs, len(tracks)))
    if flows_wanted and not fl:
        bad.append("want flow arrows (cross-proc wake-ups), found none")
    names = [e.get("name", "") for e in ev if isinstance(e, dict) and e.get("ph") == "i"]
    for w in wants:
        if not any(w in n for n in names):
            bad.append("no instant event naming %r" % w)
    nsl = sum(len(v) for v in slices.values())
    print("tracecheck %s: %d events, %d tracks, %d slices, %d flows, %d instants"
          % (path, len(ev), len(tracks), nsl, len(fl), len(names)))
    for b in bad[:30]:
        print("FAIL " + b)
    if len(bad) > 30:
        print("FAIL ... and %d more" % (len(bad) - 30))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
