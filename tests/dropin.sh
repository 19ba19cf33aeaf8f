#!/bin/sh
# The drop-in archive for plan9port (build/plan9port/libthread.a, made by
# tools/p9dropin.sh; README.md, "Replacing plan9port's libthread"):
#  - it defines every name tests/p9port-libthread.syms marks exported;
#  - it defines none of lib9's functions (what include/thread9's libc.h, lib9.h, fmt.h
#    and utf.h declare, and main), and lib9's variables (the hooks, argv0, ...) only
#    weakly, so that plan9port's lib9.a links with it;
#  - C tests linked with it and a stand-in for lib9.a (ctests/p9_fake9.c.txt), in the
#    order 9l links (-lthread -l9 -lthread -l9), run as they do with libthread.so;
#    p9_interop checks that the program's lock(), qlock(), sysfatal() are lib9's and
#    run thread9's code through the hooks; abi_p9main that a program's own p9main wins.
#   sh tests/dropin.sh build
set -u
B=$(cd "${1:?usage: dropin.sh BUILD_DIR}" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
A=$B/plan9port/libthread.a
CC=${CC:-cc}
GCC=${GCC:-gcc}
W=$(mktemp -d "${TMPDIR:-/tmp}/t9dropin.XXXXXX"); trap 'rm -rf "$W"' EXIT
fail=0
bad() { echo "FAIL dropin: $*"; fail=1; }
[ -f "$A" ] || { bad "no $A (make lib builds it)"; exit 1; }

# Global definitions: NAME LETTER (nm -g lists each member; W/V are weak).
nm -g --defined-only "$A" 2>/dev/null | awk 'NF == 3 {print $3, $2}' | sort -u >"$W/defs"
awk '{print $1}' "$W/defs" | sort -u >"$W/names"
[ "$(wc -l <"$W/names")" -gt 100 ] || { bad "nm finds only $(wc -l <"$W/names") names in $A"; exit 1; }

grep -v '^#' "$top/tests/p9port-libthread.syms" | awk '$2 == "exported" {print $1}' | sort -u >"$W/keep"
[ -s "$W/keep" ] || { bad "no exported names in tests/p9port-libthread.syms"; exit 1; }
miss=$(comm -23 "$W/keep" "$W/names" | tr '\n' ' ')
[ -z "$miss" ] || bad "plan9port's libthread defines these, the drop-in does not: $miss"

printf '#include <u.h>\n#include <libc.h>\n#include <thread.h>\n' >"$W/h.c"
$GCC -I"$top/include/thread9" -fsyntax-only -aux-info "$W/h.aux" "$W/h.c" || { bad "the headers do not compile"; exit 1; }
sed -n 's#^/\* [^ ]*/thread9/\(libc\|lib9\|fmt\|utf\)\.h:[0-9]*:[A-Z]* \*/ \(.*\)$#\2#p' "$W/h.aux" |
	sed 's/ (.*//; s/.*[ *]//' | sort -u >"$W/lib9fn"
[ "$(wc -l <"$W/lib9fn")" -gt 100 ] || bad "only $(wc -l <"$W/lib9fn") lib9 functions found in the headers"
echo main >>"$W/lib9fn"
sort -u -o "$W/lib9fn" "$W/lib9fn"
clash=$(comm -12 "$W/lib9fn" "$W/names" | comm -23 - "$W/keep" | tr '\n' ' ')
[ -z "$clash" ] || bad "lib9's functions are defined globally: $clash"
# The data lib9 defines too (libthread.so's exported variables, less libthread's own).
nm -D --defined-only "$B/libthread.so" | awk 'NF == 3 && $2 ~ /^[BDGRSVuC]$/ {sub(/@.*/, "", $3); print $3}' | sort -u |
	comm -23 - "$W/keep" >"$W/lib9data"
[ "$(wc -l <"$W/lib9data")" -ge 15 ] || bad "only $(wc -l <"$W/lib9data") lib9 variables exported by libthread.so: _lock ... _sysfatal, argv0?"
strong=$(awk '$2 !~ /^[VvWw]$/ {print $1}' "$W/defs" | sort -u | comm -12 - "$W/lib9data" | tr '\n' ' ')
[ -z "$strong" ] || bad "lib9's variables are defined strongly (lib9.a's would clash): $strong"
# Two strong definitions of one name in two members would clash once both are linked.
twice=$(nm -g --defined-only -A "$A" 2>/dev/null | awk 'NF == 3 && $2 !~ /^[VvWw]$/ {print $3}' | sort | uniq -d | tr '\n' ' ')
[ -z "$twice" ] || bad "defined by two members: $twice"
[ $fail -eq 0 ] && echo "ok   dropin symbols: all $(wc -l <"$W/keep") of plan9port libthread's names defined, none of $(wc -l <"$W/lib9fn") lib9 functions, $(wc -l <"$W/lib9data") lib9 variables weak"

# The stand-in lib9.a.
# (Two members: dofmt and fmtinstall apart, as lib9's fmt objects are.)
for m in fake9 fake9fmt; do
	def=""; [ $m = fake9fmt ] && def=-DFAKE9_FMT
	if ! cc_out=$($CC -O1 -g -fno-common $def -I"$top/include/thread9" -x c -c "$top/ctests/p9_fake9.c.txt" -o "$W/$m.o" 2>&1); then
		bad "the stand-in lib9 does not compile:"; echo "$cc_out" | head -20; exit 1
	fi
done
rm -f "$W/lib9.a"
ar rcs "$W/lib9.a" "$W/fake9.o" "$W/fake9fmt.o"
# 9l's order: the program's libraries, -l9, then -lthread -l9 again (lib9's main needs
# libthread's p9main).
LIBS="$A $W/lib9.a $A $W/lib9.a -lpthread"

# C tests whose lib9 calls the stand-in provides; they must behave as with libthread.so.
TESTS="hello pingpong buffered sieve altfair alt_overlap chanclose manythreads manyprocs exit_procs
	exit_sysfatal exit_msg deepexit sleep_basic lib9_thello sysproc lock_deadlock daemon_early
	note_child"
# shellcheck disable=SC2086
CTEST_LIBS=$LIBS sh "$top/ctests/run.sh" "$B/plan9port" $TESTS >"$W/run.log" 2>&1 || fail=1
sed 's/^/     /' "$W/run.log"
# They ran on the stand-in's main and print, not thread9's (fake9calls marks its object).
for n in $TESTS; do
	nm "$B/plan9port/ctests/$n" 2>/dev/null | grep -q ' [BD] fake9calls$' ||
		bad "$n: the stand-in lib9 is not linked in (main, print came from elsewhere)"
done

# p9_interop: lib9's lock()/qlock()/rsleep()/sysfatal() are the stand-in's, and run
# thread9's code through the hooks it filled in.
C="$CC -O1 -g -fno-common -I$top/include/thread9"
if ! $C -o "$W/p9_interop" "$top/ctests/p9_interop.c" $LIBS >"$W/build.log" 2>&1; then
	bad "p9_interop does not link:"; grep -v 'bfd plugin' "$W/build.log" | head -20
else
	printf 'woken 1\ntotal 4004\nhooks set\nthrough stand-in lib9: yes\n' >"$W/want"
	(cd "$W" && timeout 60 ./p9_interop >"$W/out" 2>&1)
	cmp -s "$W/out" "$W/want" || { bad "p9_interop printed:"; cat "$W/out"; }
	(cd "$W" && timeout 60 ./p9_interop now >/dev/null 2>"$W/err"); rc=$?
	[ "$rc" = 1 ] || bad "p9_interop now: status $rc, want 1 (sysfatal)"
	grep -q "p9_interop: fatal now 7" "$W/err" || { bad "p9_interop now: stderr:"; cat "$W/err"; }
	nm "$W/p9_interop" >"$W/nm"
	grep -q ' [BD] _qlock$' "$W/nm" || bad "p9_interop: _qlock is not the stand-in's"
	grep -q ' T qlock$' "$W/nm" && grep -q ' t qlock$' "$W/nm" ||
		bad "p9_interop: want the stand-in's qlock (T) and thread9's own, local (t)"
	[ $fail -eq 0 ] && echo "ok   dropin p9_interop"
fi

# A program without threads keeps its own p9main (its main, renamed); lib9's main
# calls it and then exits("main"): status 1.
if ! $C -o "$W/abi_p9main" "$top/ctests/abi_p9main.c" $LIBS >"$W/build.log" 2>&1; then
	bad "abi_p9main does not link:"; grep -v 'bfd plugin' "$W/build.log" | head -20
else
	(cd "$W" && timeout 60 ./abi_p9main >"$W/out" 2>&1); rc=$?
	[ "$rc" = 1 ] && cmp -s "$W/out" "$top/ctests/abi_p9main.out" && echo "ok   dropin abi_p9main" ||
		{ bad "abi_p9main: status $rc (want 1), output:"; cat "$W/out"; }
fi

[ $fail -eq 0 ] && echo "ok   dropin"
exit $fail
