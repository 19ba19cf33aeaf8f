#!/bin/sh
# Every installed header compiles cleanly, after the usual u.h/libc.h/thread.h, as C
# (gnu11, -Wall -Werror: what plan9port's 9c uses, minus its -Wno list) and as C++
# (the extern "C" guards), so a program's own warnings are never ours.
#   sh tests/headers.sh
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
CC=${CC:-cc}
CXX=${CXX:-g++}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
fail=0 n=0
for h in "$top"/include/thread9/*.h; do
	b=$(basename "$h")
	printf '#include <u.h>\n#include <libc.h>\n#include <thread.h>\n#include <%s>\nint thread9_headers_ok;\n' "$b" >"$W/t.c"
	cp "$W/t.c" "$W/t.cc"
	if ! $CC -std=gnu11 -Wall -Werror -fsyntax-only -I"$top/include/thread9" "$W/t.c" >"$W/err" 2>&1; then
		echo "FAIL headers: $b does not compile cleanly as C:"; head -10 "$W/err" | sed 's/^/    /'; fail=1
	fi
	if command -v "$CXX" >/dev/null 2>&1 &&
	   ! $CXX -Wall -Werror -fsyntax-only -I"$top/include/thread9" "$W/t.cc" >"$W/err" 2>&1; then
		echo "FAIL headers: $b does not compile cleanly as C++:"; head -10 "$W/err" | sed 's/^/    /'; fail=1
	fi
	n=$((n+1))
done
[ $fail -eq 0 ] && echo "ok   headers ($n)"
exit $fail
