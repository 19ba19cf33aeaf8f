#!/bin/sh
# One version everywhere (issue 18): Cargo.toml, the Makefile's VERSION, thread.h's
# THREAD9_VERSION_* macros, what thread9_version() returns, the newest release of
# CHANGELOG.md and (when present) debian/changelog must all say the same.
#   sh tests/version.sh BUILD_DIR
set -u
B=${1:?usage: version.sh BUILD_DIR}
top=$(cd "$(dirname "$0")/.." && pwd)
CC=${CC:-cc}
fail=0
bad() { echo "FAIL version: $*"; fail=1; }
cargo=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$top/Cargo.toml" | head -1)
make=$(sed -n 's/^VERSION *= *//p' "$top/Makefile")
h=$top/include/thread9/thread.h
hdr=$(for p in MAJOR MINOR PATCH; do sed -n "s/^#define[[:space:]]*THREAD9_VERSION_$p[[:space:]]*\([0-9]*\).*/\1/p" "$h"; done | paste -sd.)
log=$(sed -n 's/^## \[\([0-9][^]]*\)\].*/\1/p' "$top/CHANGELOG.md" | head -1)
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
printf '#include <u.h>\n#include <libc.h>\n#include <thread.h>\nvoid threadmain(int c, char **v){ print("%%s\\n", thread9_version()); threadexitsall(nil); }\n' >"$W/v.c"
$CC -I"$top/include/thread9" -o "$W/v" "$W/v.c" -L"$B" -lthread -Wl,-rpath,"$B" || bad "cannot build the thread9_version() probe"
run=$("$W/v" 2>&1)
[ -n "$cargo" ] || bad "no version in Cargo.toml"
for x in "Makefile VERSION:$make" "thread.h THREAD9_VERSION_*:$hdr" "thread9_version():$run" "CHANGELOG.md:$log"; do
	[ "${x##*:}" = "$cargo" ] || bad "${x%:*} says '${x##*:}', Cargo.toml says $cargo"
done
if [ -f "$top/debian/changelog" ]; then
	deb=$(sed -n '1s/^[^(]*(\([^)-]*\).*/\1/p' "$top/debian/changelog")
	[ "$deb" = "$cargo" ] || bad "debian/changelog says '$deb', Cargo.toml says $cargo"
fi
[ $fail -eq 0 ] && echo "ok   version $cargo (Cargo.toml, Makefile, thread.h, thread9_version(), CHANGELOG.md)"
exit $fail
