#!/bin/sh
# Man pages: every real page renders without a single groff warning, every .so link
# page points at an existing page, every public function of thread.h and every
# function libthread.so exports has a page (so `man 3thread NAME` works; a p9NAME
# symbol may be documented as NAME; underscore names and tests/man.exceptions are
# internal), each SYNOPSIS names the header that declares what it shows, every page
# has a SEE ALSO whose (3thread) references exist (tests/mansynopsis.py), and the
# main pages have an EXAMPLE section.
#   sh tests/man.sh [build/libthread.so]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
lib=$(cd "$(dirname "${1:-$top/build/libthread.so}")" && pwd)/$(basename "${1:-build/libthread.so}")
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
# Every exported function.
[ -f "$lib" ] || { echo "FAIL man: $lib does not exist (make lib)"; exit 1; }
nf=0
for f in $(nm -D --defined-only "$lib" | awk '$2 ~ /^[TWi]$/ {print $3}' | sed 's/@.*//' | sort -u); do
	case $f in _*) continue ;; esac
	grep -v '^#' "$top/tests/man.exceptions" | awk '{print $1}' | grep -qx "$f" && continue
	nf=$((nf+1))
	has_page "$f" && continue
	case $f in p9?*) has_page "${f#p9}" && continue ;; esac
	echo "FAIL man: libthread.so exports $f, which has no page (add it to a page's NAME, then run sh tools/manlinks.sh)"; fail=1
done
# The header each SYNOPSIS names, SEE ALSO and its references.
printf '#include <u.h>\n#include <libc.h>\n#include <thread.h>\n#include <iopause.h>\n#include <resmgr.h>\n#include <file2chan.h>\n' >"$W/all.c"
$GCC -I"$top/include/thread9" -fsyntax-only -aux-info "$W/all.aux" "$W/all.c" || { echo "FAIL man: the headers do not compile"; exit 1; }
python3 "$top/tests/mansynopsis.py" "$W/all.aux" || fail=1
for p in thread ioproc iopause file2chan resmgr; do
	grep -q '^\.SH EXAMPLES\{0,1\}$' "$p.3thread" || { echo "FAIL man: $p.3thread has no EXAMPLE section"; fail=1; }
done
[ $fail -eq 0 ] && echo "ok   man ($n pages; $nf exported functions documented)"
exit $fail
