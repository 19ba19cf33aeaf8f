#!/bin/sh
# Should example NAME be skipped for now?  sh tools/skipped.sh NAME LIBTHREAD_SO
# examples/SKIP lists examples written against parts of thread.h that have not landed
# yet, as "NAME SYMBOL[,SYMBOL…] reason". An example is skipped only while the library
# lacks one of its symbols; once they are all exported it is built and tested again
# (and a note asks for the line to be removed). Exit 0 = skip (reason printed).
n=$1 lib=$2
top=$(cd "$(dirname "$0")/.." && pwd)
line=$(grep -v '^#' "$top/examples/SKIP" 2>/dev/null | awk -v n="$n" '$1 == n')
[ -n "$line" ] || exit 1
syms=$(echo "$line" | awk '{print $2}' | tr , ' ')
why=$(echo "$line" | cut -d' ' -f3-)
have=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//')
for s in $syms; do
	if ! echo "$have" | grep -qx "$s"; then
		echo "skip $n: $why (libthread lacks $s; see examples/SKIP)"
		exit 0
	fi
done
echo "note: examples/SKIP still lists $n, but libthread now has $syms: remove the line" >&2
exit 1
