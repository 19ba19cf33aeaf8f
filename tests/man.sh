#!/bin/sh
# Man pages: every real page renders without a single groff warning, every .so link
# page points at an existing page, and every public function of thread.h has a page
# (so `man 3thread NAME` works).   sh tests/man.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
# -aux-info (the header's prototypes as the compiler sees them) is a gcc option.
GCC=${GCC:-gcc}
command -v groff >/dev/null 2>&1 || { echo "FAIL man: groff is not installed (make setup installs it)"; exit 1; }
cd "$top/man/man3" || exit 1
fail=0 n=0
for p in *.3thread; do
	n=$((n+1))
	first=$(head -1 "$p")
	case $first in
	.so\ *)
		t=${first#.so }
		[ -f "../$t" ] || { echo "FAIL man: $p links to missing $t"; fail=1; }
		;;
	*)
		out=$(groff -man -ww -z "$p" 2>&1)
		[ -z "$out" ] || { echo "FAIL man: groff warns about $p:"; echo "$out" | sed 's/^/    /' | head -10; fail=1; }
		;;
	esac
done
# has_page NAME: NAME.3thread, or the capitalized link of a name in man/shadowed.
has_page() {
	[ -f "$1.3thread" ] || [ -f "$(echo "$1" | cut -c1 | tr a-z A-Z)$(echo "$1" | cut -c2-).3thread" ]
}
# The public functions of thread.h, as the compiler sees them.
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
printf '#include <u.h>\n#include <libc.h>\n#include <thread.h>\n' >"$W/h.c"
$GCC -I"$top/include/thread9" -fsyntax-only -aux-info "$W/h.aux" "$W/h.c" || { echo "FAIL man: thread.h does not compile"; exit 1; }
for f in $(sed -n 's|^/\* [^ ]*/thread\.h:[0-9]*:[A-Z]* \*/ \(.*\)$|\1|p' "$W/h.aux" | sed 's/ (.*//; s/.*[ *]//' | grep -v '^_' | sort -u); do
	has_page "$f" || { echo "FAIL man: no page for $f (document it, then run sh tools/manlinks.sh)"; fail=1; }
done
[ $fail -eq 0 ] && echo "ok   man ($n pages)"
exit $fail
