#!/usr/bin/env python3
"""Checks the layering of src/: each top-level folder of src/ is one layer and may
import (through `crate::` paths, or `super::` paths that climb out of it) only from
the layers listed before it in LAYERS. Prints every violation and exits 1 if any;
also reports a cycle between folders, a folder of src/ that LAYERS does not list, and
a `#[no_mangle]` export outside src/abi.

    python3 tools/layers.py [SRC_DIR]
"""
import os
import re
import sys

# Bottom to top. docs/ARCHITECTURE.md explains what each layer holds.
LAYERS = ["arch", "san", "base", "runtime", "chan", "io", "process", "lib9", "serve", "diag", "abi"]
# Folders of src/ with no Rust code of their own (the C shim).
NON_RUST = {"c"}

def strip_comments(text):
    out = []
    for line in text.splitlines():
        i = line.find("//")
        # keep "//" inside string literals (rare in paths we care about): good enough
        # because a crate:: path never follows a "//" inside a string here.
        out.append(line if i < 0 else line[:i])
    return "\n".join(out)

def targets(text, depth):
    """Top-level modules named by crate:: paths (and super:: paths climbing to the root)."""
    names = []
    for m in re.finditer(r"\bcrate::\{([^{}]*)\}", text):
        for part in m.group(1).split(","):
            part = part.strip()
            if part:
                names.append(re.match(r"\w+", part).group(0))
    for m in re.finditer(r"\bcrate::(\w+)", text):
        names.append(m.group(1))
    if depth >= 1:
        # `super::` repeated `depth` times from a file `depth` folders below src/ is
        # the crate root.
        pat = r"\b" + r"super::" * depth + r"(\w+)"
        for m in re.finditer(pat, text):
            names.append(m.group(1))
    return names

def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src")
    src = os.path.normpath(src)
    rank = {n: i for i, n in enumerate(LAYERS)}
    bad = []
    edges = {}
    for entry in sorted(os.listdir(src)):
        path = os.path.join(src, entry)
        if os.path.isdir(path) and entry not in rank and entry not in NON_RUST:
            bad.append(f"src/{entry}/: a folder that is not a layer (add it to LAYERS in tools/layers.py)")
        if os.path.isfile(path) and entry.endswith(".rs") and entry != "lib.rs":
            bad.append(f"src/{entry}: code outside the layer folders")
    for layer in LAYERS:
        root = os.path.join(src, layer)
        if not os.path.isdir(root):
            bad.append(f"src/{layer}/: listed in LAYERS but missing")
            continue
        for dirpath, _, files in os.walk(root):
            for f in sorted(files):
                if not f.endswith(".rs"):
                    continue
                p = os.path.join(dirpath, f)
                rel = os.path.relpath(p, src)
                parts = rel.split(os.sep)
                # how many `super::` reach the crate root from this file's module
                depth = len(parts) - (1 if f == "mod.rs" else 0)
                with open(p, encoding="utf-8") as fh:
                    text = strip_comments(fh.read())
                if layer != "abi" and "#[no_mangle]" in text:
                    n = next(i for i, l in enumerate(text.splitlines(), 1) if "#[no_mangle]" in l)
                    bad.append(f"src/{rel}:{n}: an export outside src/abi (the ABI layer holds every #[no_mangle])")
                for n, line in enumerate(text.splitlines(), 1):
                    for t in targets(line, depth):
                        if t == layer or t not in rank:
                            continue
                        edges.setdefault(layer, set()).add(t)
                        if rank[t] > rank[layer]:
                            bad.append(f"src/{rel}:{n}: layer {layer} imports {t}, a layer above it")
    # A cycle between folders (implied by an upward import, but say it plainly).
    def cycle_from(start):
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    return path + [start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
        return None
    for layer in LAYERS:
        c = cycle_from(layer)
        if c:
            bad.append("import cycle between folders: " + " -> ".join(c))
            break
    for b in bad:
        print(b)
    if bad:
        print(f"layers: {len(bad)} problem(s)")
        return 1
    print(f"layers: ok ({len(LAYERS)} layers: {' < '.join(LAYERS)})")
    return 0

if __name__ == "__main__":
    sys.exit(main())
