#!/bin/sh
# make deb: builds the Debian packages (debian/) from a copy of the tree with
# dpkg-buildpackage -us -uc -b, puts them in build/deb/, checks what each holds and
# runs lintian on them (any error fails).   sh tools/mkdeb.sh
# The copy shares cargo's target/ with this tree (CARGO_TARGET_DIR), so the Rust
# code is compiled once.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
for t in dpkg-buildpackage dh lintian; do
	command -v $t >/dev/null 2>&1 || { echo "make deb: $t is not installed (make setup installs it)" >&2; exit 1; }
done
ver=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' debian/changelog)
arch=$(dpkg --print-architecture)
T=$(mktemp -d "${TMPDIR:-/tmp}/t9deb.XXXXXX"); trap 'rm -rf "$T"' EXIT
src=$T/thread9-$ver
mkdir -p "$src"
git ls-files -co --exclude-standard | grep -v '^build/' | while IFS= read -r f; do
	[ -f "$f" ] && mkdir -p "$src/$(dirname "$f")" && cp -p "$f" "$src/$f"
done
echo "make deb: dpkg-buildpackage -us -uc -b in $src"
if ! (cd "$src" && CARGO_TARGET_DIR="$top/target" dpkg-buildpackage -us -uc -b >"$T/build.log" 2>&1); then
	grep -v 'bfd plugin' "$T/build.log" | tail -30
	echo "make deb: dpkg-buildpackage failed" >&2; exit 1
fi
mkdir -p build/deb
rm -f build/deb/*.deb
mv "$T"/*.deb build/deb/
fail=0
bad() { echo "FAIL deb: $*"; fail=1; }
rt=build/deb/libthread0_${ver}_$arch.deb dev=build/deb/libthread9-dev_${ver}_$arch.deb
for d in "$rt" "$dev"; do [ -f "$d" ] || bad "no $d"; done
[ $fail -eq 0 ] || exit 1
dpkg -c "$rt" | sed 's/ -> .*//' | awk '{print $NF}' >"$T/rt"
dpkg -c "$dev" | sed 's/ -> .*//' | awk '{print $NF}' >"$T/dev"
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
grep -qx "./usr/lib/$ma/libthread.so.0.$(echo "$ver" | cut -d. -f2-)" "$T/rt" || grep -q "libthread.so.0\.[0-9]" "$T/rt" || bad "$rt lacks libthread.so.0.*"
grep -q "usr/lib/$ma/libthread.so.0$" "$T/rt" || bad "$rt lacks the libthread.so.0 link"
for f in usr/include/thread9/thread.h usr/include/thread9/libc.h "usr/lib/$ma/libthread.a" \
	"usr/lib/$ma/libthread.so" "usr/lib/$ma/pkgconfig/thread9.pc" \
	"usr/lib/$ma/thread9/plan9port/libthread.a" "usr/lib/$ma/cmake/thread9/thread9Config.cmake" "usr/lib/$ma/cmake/thread9/thread9ConfigVersion.cmake" \
	usr/share/man/man3/thread.3thread.gz usr/share/man/man3/Send.3thread.gz; do
	grep -q "^\./$f\$" "$T/dev" || bad "$dev lacks /$f"
done
grep -q 'usr/share/thread9/manifest' "$T/rt" "$T/dev" && bad "a package holds make install's manifest"
dpkg-deb -f "$rt" Depends | grep -q libc6 || bad "$rt does not depend on libc6 (shlibs)"
# The packaged (gzipped, symlinked) man pages must not hide the system's either.
mkdir -p "$T/x" && dpkg -x "$dev" "$T/x"
out=$(sh tests/mansys.sh "$T/x/usr/share/man" 2>&1); rc=$?
case $rc in
0) echo "$out" | tail -1 | sed 's/^ok   /ok   deb: /' ;;
77) echo "skip deb: man lookups: $(echo "$out" | tail -1)" ;;
*) echo "$out"; bad "the packaged man pages (tests/mansys.sh)" ;;
esac
echo "make deb: $(ls build/deb/*.deb | tr '\n' ' ')"
if ! lintian --fail-on error --tag-display-limit 0 build/deb/*.deb >"$T/lintian" 2>&1; then
	cat "$T/lintian"; bad "lintian reports errors"
else
	n=$(grep -c '^[WIP]:' "$T/lintian"); sed -i '/running with root privileges/d' "$T/lintian"
	sed 's/^/    /' "$T/lintian" | head -20
	echo "ok   deb: lintian reports no errors ($n warnings and notes above)"
fi
exit $fail
