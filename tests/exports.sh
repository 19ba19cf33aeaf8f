#!/bin/sh
# The dynamic symbol table of libthread.so is the product's ABI:
#  - every function thread.h declares is exported (minus tests/exports.notyet,
#    printed as warnings; entries that are exported by now get a note), and so are
#    the data symbols programs use;
#  - none of plan9port's macro names (send, recv, alt, yield, ...) is exported: a
#    symbol named send or recv would replace libc's socket calls in every program;
#  - nothing of Rust's (mangled names, rust_*, __rust*, __rdl_*, __rg_*) nor the
#    internal C<->Rust bridges (thread9_rt_*, thread9_c_*) leaks out;
#  - threadmain (the program's) and the exits traps are not defined;
#  - the SONAME is libthread.so.0;
#  - every name tests/p9port-libthread.syms marks exported is (the list must give each
#    of plan9port's libthread symbols a verdict).
#   sh tests/exports.sh build/libthread.so
set -u
lib=${1:?usage: exports.sh path/to/libthread.so}
top=$(cd "$(dirname "$0")/.." && pwd)
# -aux-info (the header's prototypes as the compiler sees them) is a gcc option.
GCC=${GCC:-gcc}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
fail=0
bad() { echo "FAIL exports: $*"; fail=1; }

nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u >"$W/exported"
[ -s "$W/exported" ] || { bad "nm -D found no symbols in $lib"; exit 1; }

# Every function declared in thread.h, as the compiler sees the header.
printf '#include <u.h>\n#include <libc.h>\n#include <thread.h>\n' >"$W/h.c"
if ! $GCC -I"$top/include/thread9" -fsyntax-only -aux-info "$W/h.aux" "$W/h.c" 2>"$W/cc.err"; then
	bad "thread.h does not compile:"; cat "$W/cc.err"; exit 1
fi
sed -n 's|^/\* [^ ]*/thread\.h:[0-9]*:[A-Z]* \*/ \(.*\)$|\1|p' "$W/h.aux" |
	sed 's/ (.*//; s/.*[ *]//' | sort -u | grep -vx threadmain >"$W/declared"
n=$(wc -l <"$W/declared")
[ "$n" -gt 50 ] || bad "only $n functions found in thread.h: is the -aux-info parse broken?"
grep -v '^#' "$top/tests/exports.notyet" | awk 'NF {print $1}' | sort -u >"$W/notyet"

missing=0
for f in $(comm -23 "$W/declared" "$W/exported"); do
	if grep -qx "$f" "$W/notyet"; then
		echo "warning: $f: $(grep "^$f " "$top/tests/exports.notyet" | cut -d' ' -f2-)"
		missing=$((missing+1))
	else
		bad "thread.h declares $f but libthread.so does not export it"
	fi
done
# A stale entry only weakens the check for that name; say so, but do not fail the
# build of whoever just implemented it.
for f in $(comm -12 "$W/notyet" "$W/exported"); do
	echo "note: $f is exported now: delete its line from tests/exports.notyet"
done
# The lib9 subset (libc.h, lib9.h, fmt.h, utf.h): reported, not enforced, while it grows.
sed -n 's#^/\* [^ ]*/thread9/\(libc\|lib9\|fmt\|utf\)\.h:[0-9]*:[A-Z]* \*/ \(.*\)$#\2#p' "$W/h.aux" |
	sed 's/ (.*//; s/.*[ *]//' | sort -u >"$W/lib9decl"
lmiss=$(comm -23 "$W/lib9decl" "$W/exported" | tr '\n' ' ')
[ -n "$lmiss" ] && echo "note: declared in the lib9 headers but not exported yet: $lmiss"
for v in mainstacksize argv0 main p9main threadmaybackground; do
	grep -qx "$v" "$W/exported" || bad "$v is not exported"
done

# plan9port's libthread.a, symbol by symbol (tests/p9port-libthread.syms): every line
# has a verdict, an internal one its reason, and every exported one is exported.
syms=$top/tests/p9port-libthread.syms
np=0
while read -r name verdict reason; do
	case $name in ''|'#'*) continue ;; esac
	np=$((np+1))
	case $verdict in
	exported) grep -qx -- "$name" "$W/exported" || bad "$name (plan9port's libthread defines it) is not exported" ;;
	internal) [ -n "$reason" ] || bad "p9port-libthread.syms: $name is internal without a reason" ;;
	*) bad "p9port-libthread.syms: $name has no verdict (exported or internal REASON): '$verdict'" ;;
	esac
done <"$syms"
dup=$(grep -v '^#' "$syms" | awk 'NF {print $1}' | sort | uniq -d | tr '\n' ' ')
[ -z "$dup" ] || bad "p9port-libthread.syms lists twice: $dup"
[ "$np" -gt 80 ] || bad "p9port-libthread.syms has only $np names"

# Macro names: never symbols.
for m in send recv nbsend nbrecv sendp recvp sendul recvul nbsendp nbrecvp nbsendul nbrecvul \
	alt yield threadgrp threadmain do_not_call_exits_in_threaded_programs \
	do_not_call__exits_in_threaded_programs; do
	grep -qx "$m" "$W/exported" && bad "$m must not be exported"
done
# AUTOLIB's marker is weak in every program; a strong definition here would clash.
nm -D --defined-only "$lib" | grep -q ' [A-Z] __p9l_autolib_' && bad "__p9l_autolib_* must not be defined"
# Rust internals and the hidden bridges.
leak=$(grep -E '^(_ZN|_R[A-Z0-9]|rust_|__rust|__rdl_|__rg_|thread9_rt_|thread9_c_)' "$W/exported")
[ -n "$leak" ] && bad "internal symbols exported: $(echo $leak | cut -c1-300)"

# Symbol versions (libthread.map, tools/cc-symver.sh): every export is name@@THREAD9_0.1,
# except the names a later node of libthread.map lists (THREAD9_0.2 ...), which carry it.
sed 's|/\*.*\*/||g' libthread.map | awk '
	/^[A-Za-z_][A-Za-z0-9_.]* *\{/ { node = $1; n++; next }
	/^ *}/ { node = ""; next }
	n > 1 && node != "" { gsub(/global:|;/, " "); for (i = 1; i <= NF; i++) print $i, node }' >"$W/later"
objdump -T "$lib" | awk 'NF >= 6 && $0 !~ /\*UND\*/ && $NF != "THREAD9_0.1"' >"$W/ver"
nver=$(awk '$(NF-1) == "THREAD9_0.1"' "$W/ver" | wc -l)
other=$(awk 'NR == FNR { want[$1] = $2; next }
	{ v = $(NF-1); w = ($NF in want) ? want[$NF] : "THREAD9_0.1"; if (v != w) print $NF " (" v ", want " w ")" }' \
	"$W/later" "$W/ver" | head -5 | tr '\n' ' ')
[ -n "$other" ] && bad "exports with the wrong symbol version: $other"
while read -r name node; do
	grep -q " $node  *$name\$" "$W/ver" || bad "$name is not exported as $name@@$node"
done <"$W/later"
[ "$nver" -gt 300 ] || bad "only $nver exports carry THREAD9_0.1"
readelf -V "$lib" | grep -q 'Name: THREAD9_0.1' || bad "no THREAD9_0.1 version definition"

soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libthread.so.0 ] || bad "SONAME is '$soname', want libthread.so.0"

total=$(wc -l <"$W/exported")
echo "exports: $total symbols ($nver versioned THREAD9_0.1); $((n-missing)) of $n thread.h functions exported, $missing not yet (warnings above)"
echo "exports: plan9port's libthread.a: $(grep -v '^#' "$syms" | grep -c '^[^ ]* exported$') names exported, $(grep -v '^#' "$syms" | grep -c '^[^ ]* internal ') internal (tests/p9port-libthread.syms)"
[ $fail -eq 0 ] && echo "ok   exports"
exit $fail
