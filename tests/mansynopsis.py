#!/usr/bin/env python3
"""Every function in a man page's SYNOPSIS is declared by a header the SYNOPSIS names.

    python3 tests/mansynopsis.py AUXINFO
AUXINFO is gcc -aux-info output for a file that includes every public header (so it
says which header declares each function); the man pages are read from man/man3.
For each declaration line of a SYNOPSIS, the header declaring its function (or the
macro of that name, e.g. dial -> p9dial in lib9.h, send -> chansend in thread.h) must
be among the #include lines of the group above it. lib9.h, fmt.h and utf.h come with
libc.h. Prints one line per problem; exit 1 if there was any.
"""
import os, re, sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
inc = os.path.join(top, "include", "thread9")
decl = {}  # function -> the header basenames declaring it
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"/\* (\S+):\d+:\w+ \*/ (.*)$", line)
    if not m or "/thread9/" not in m.group(1):
        continue
    f = re.search(r"([A-Za-z_]\w*) \(", m.group(2))
    if f:
        decl.setdefault(f.group(1), set()).add(os.path.basename(m.group(1)))
for h in os.listdir(inc):
    for line in open(os.path.join(inc, h)):
        m = re.match(r"#define\s+([A-Za-z_]\w*)\s+([A-Za-z_]\w*)\s*$", line)
        if m and m.group(2) in decl and m.group(1) not in decl:
            decl[m.group(1)] = {h}
via = {"lib9.h": {"libc.h"}, "fmt.h": {"libc.h"}, "utf.h": {"libc.h", "fmt.h"}}
bad = 0
mandir = os.path.join(top, "man", "man3")
for page in sorted(os.listdir(mandir)):
    text = open(os.path.join(mandir, page)).read().splitlines()
    if not text or text[0].startswith(".so "):
        continue
    try:
        i = text.index(".SH SYNOPSIS")
    except ValueError:
        print(f"FAIL man: {page} has no SYNOPSIS"); bad = 1; continue
    if ".SH SEE ALSO" not in text:
        print(f"FAIL man: {page} has no SEE ALSO"); bad = 1
    hdrs, last_decl = set(), False
    for line in text[i + 1:]:
        if line.startswith(".SH"):
            break
        m = re.search(r"#include <([\w./]+)>", line)
        if m:
            if last_decl:
                hdrs, last_decl = set(), False
            hdrs.add(m.group(1)); continue
        f = re.search(r"([A-Za-z_]\w*)\(", line)
        if not f or not line.startswith(".B"):
            continue
        last_decl = True
        name = f.group(1)
        h = decl.get(name) or decl.get("p9" + name)
        if h is None:
            print(f"FAIL man: {page}: SYNOPSIS shows {name}, which no header declares"); bad = 1
        elif not any(x in hdrs or via.get(x, set()) & hdrs for x in h):
            print(f"FAIL man: {page}: SYNOPSIS shows {name} under #include {sorted(hdrs) or 'nothing'}, but {' or '.join(sorted(h))} declares it"); bad = 1
    # Cross references to our own section must name existing pages.
    for ref in re.findall(r"^\.[IB]R ([\w]+) \(3thread\)", "\n".join(text), re.M):
        if not os.path.exists(os.path.join(mandir, ref + ".3thread")):
            print(f"FAIL man: {page} refers to {ref}(3thread), which does not exist"); bad = 1
sys.exit(bad)
