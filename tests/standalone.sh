#!/bin/sh
# The repository stands alone: no file cites a document that lives outside it.
#   sh tests/standalone.sh
# Every file git knows (tracked or new, not ignored; every file under the tree when
# there is no git) is read line by line, and a line fails when it
#   - names a path out of the tree: ../shared, /work/shared, or a spec/ or research/
#     folder (the design notes the code was first written from);
#   - names one of those notes (DESIGN.md, FEASIBILITY, SERVE-AND-POLL, API.md) other
#     than as the repository's own docs/NAME.md (inside docs/, a bare NAME.md of a
#     sibling file is fine too);
#   - names a docs/NAME.md that does not exist;
#   - outside docs/, holds a section reference (the section sign) without naming the
#     docs/ file it refers to on the same line.
# Each problem is printed as FILE:LINE: what; the exit status is 1 if there was any.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
me=tests/standalone.sh
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	list() { git ls-files -co --exclude-standard; }
else
	list() { find . -type f ! -path './.git/*' ! -path './target/*' ! -path './build/*' | sed 's|^\./||'; }
fi
docs=$(ls docs 2>/dev/null | tr '\n' ' ')
out=$(list | sort | while IFS= read -r f; do
	[ "$f" = "$me" ] && continue
	[ -f "$f" ] || continue
	# text files only
	grep -qI '' "$f" 2>/dev/null || continue
	LC_ALL=C awk -v file="$f" -v docs=" $docs " '
	function bad(what) { printf "%s:%d: %s\n", file, FNR, what }
	# Is the token t (a path ending in a note name) acceptable?
	function ok(t,    base) {
		base = t; sub(/.*\//, "", base)
		if (t == "docs/" base) return index(docs, " " base " ") > 0
		if (indocs && t == base) return index(docs, " " base " ") > 0
		return 0
	}
	BEGIN { indocs = (file ~ /^docs\//) }
	{
		line = $0
		if (line ~ /\.\.\/shared|\/work\/shared/)
			bad("cites a path outside the repository (../shared)")
		if (line ~ /(^|[^A-Za-z0-9_.\/-])(spec|research)\//)
			bad("cites a spec/ or research/ folder, which is not in the repository")
		s = line
		while (match(s, /[A-Za-z0-9_.\/-]*(DESIGN\.md|FEASIBILITY[A-Za-z.]*|SERVE-AND-POLL[A-Za-z.]*|API\.md)/)) {
			t = substr(s, RSTART, RLENGTH)
			s = substr(s, RSTART + RLENGTH)
			sub(/^\.\//, "", t)
			sub(/\.+$/, "", t)
			if (!ok(t))
				bad("cites " t ", which is not the repository'"'"'s own (name it as docs/FILE.md)")
		}
		s = line
		while (match(s, /docs\/[A-Za-z0-9_.-]+\.md/)) {
			t = substr(s, RSTART + 5, RLENGTH - 5)
			s = substr(s, RSTART + RLENGTH)
			if (index(docs, " " t " ") == 0)
				bad("cites docs/" t ", which does not exist")
		}
		if (!indocs && index(line, "\302\247") && line !~ /docs\/[A-Za-z0-9_.-]+\.md/)
			bad("a section reference without the docs/ file it belongs to")
	}' "$f"
done)
if [ -n "$out" ]; then
	echo "$out" | sed 's/^/FAIL standalone: /'
	echo "standalone: $(echo "$out" | wc -l) citation(s) of documents outside the repository; repoint them to docs/ or drop them"
	exit 1
fi
echo "ok   standalone"
