#!/bin/sh
# Makes the drop-in libthread.a for plan9port installations (README.md, "Replacing
# plan9port's libthread") from thread9's own libthread.a:
#   sh tools/p9dropin.sh build/libthread.a build/libthread.so build/plan9port/libthread.a
#
# thread9's libthread.a carries its own lib9 subset (print, lock, qlock, sysfatal, main,
# the hook variables _lock … _sysfatal, _syserrstr, argv0 …); plan9port's lib9.a defines
# the same names, so the two cannot be linked together. In the copy made here:
#  - every lib9 function thread9 defines (what include/thread9's lib9 headers libc.h,
#    lib9.h, fmt.h and utf.h declare, and main) is local to the archive member that
#    defines it (objcopy --localize-symbols): calls inside that member still reach
#    thread9's code; the program's calls, and those of the other members, reach
#    lib9.a's. So the C shim's sysfatal hook and chanprint format with lib9's vsnprint,
#    and see the program's fmtinstall verbs, as plan9port's libthread does.
#  - every data symbol libthread.so exports that plan9port's libthread does not define
#    (the hooks, argv0, _p9usepwlibrary, _syserrstr, fmtdoquote) becomes weak: lib9.a's
#    definition wins, and thread9's start-up (src/c/lib9.c, src/c/fmt.c) fills in that
#    copy, as it fills the program's copy when the shared library is used.
#  - what plan9port's libthread defines (tests/p9port-libthread.syms) and thread9's own
#    API stay global. There is no main: lib9's main calls p9main, which starts thread9.
# Whatever the library gains later is classified by the same rules; tests/dropin.sh
# checks the result.
set -eu
in=${1:?usage: p9dropin.sh libthread.a libthread.so out.a}
so=${2:?usage: p9dropin.sh libthread.a libthread.so out.a}
out=${3:?usage: p9dropin.sh libthread.a libthread.so out.a}
top=$(cd "$(dirname "$0")/.." && pwd)
GCC=${GCC:-gcc}
OBJCOPY=${OBJCOPY:-objcopy}
W=$(mktemp -d "${TMPDIR:-/tmp}/t9dropin.XXXXXX")
trap 'rm -rf "$W"' EXIT

# The lib9 functions, as the compiler sees the headers (-aux-info is a gcc option).
printf '#include <u.h>\n#include <libc.h>\n#include <thread.h>\n' >"$W/h.c"
if ! $GCC -I"$top/include/thread9" -fsyntax-only -aux-info "$W/h.aux" "$W/h.c" 2>"$W/cc.err"; then
	echo "p9dropin.sh: cannot read the headers with $GCC -aux-info:" >&2; cat "$W/cc.err" >&2; exit 1
fi
sed -n 's#^/\* [^ ]*/thread9/\(libc\|lib9\|fmt\|utf\)\.h:[0-9]*:[A-Z]* \*/ \(.*\)$#\2#p' "$W/h.aux" |
	sed 's/ (.*//; s/.*[ *]//' | sort -u >"$W/lib9fn"
[ "$(wc -l <"$W/lib9fn")" -gt 100 ] || { echo "p9dropin.sh: found only $(wc -l <"$W/lib9fn") lib9 functions in the headers" >&2; exit 1; }
echo main >>"$W/lib9fn"
sort -u -o "$W/lib9fn" "$W/lib9fn"

# What plan9port's libthread defines stays, whatever header declares it (needstack, p9main).
grep -v '^#' "$top/tests/p9port-libthread.syms" | awk '$2 == "exported" {print $1}' | sort -u >"$W/keep"

# libthread.so's exports by kind (nm letters: lower case = local, never in -D output).
nm -D --defined-only "$so" | awk 'NF == 3 {sub(/@.*/, "", $3); print $3, $2}' | sort -u >"$W/exports"
awk '$2 ~ /^[TWi]$/ {print $1}' "$W/exports" | sort -u >"$W/functions"
awk '$2 ~ /^[BDGRSVuC]$/ {print $1}' "$W/exports" | sort -u >"$W/data"
[ -s "$W/functions" ] || { echo "p9dropin.sh: nm -D found no functions in $so" >&2; exit 1; }

comm -12 "$W/functions" "$W/lib9fn" | comm -23 - "$W/keep" >"$W/localize"
comm -23 "$W/data" "$W/keep" >"$W/weaken"

mkdir -p "$(dirname "$out")"
$OBJCOPY --localize-symbols="$W/localize" --weaken-symbols="$W/weaken" "$in" "$out.tmp"
mv -f "$out.tmp" "$out"
echo "made $out: $(wc -l <"$W/localize") lib9 functions local, $(wc -l <"$W/weaken") lib9 variables weak"
