#!/bin/sh
# Install test (issue 4): make install into a temporary DESTDIR with a non-default
# prefix; build every example with nothing but pkg-config pointed at that tree, both
# against libthread.so and statically against libthread.a, and run it; check the
# SONAME and links; then make uninstall must leave the tree empty.
#   sh tests/install.sh        (run from anywhere; uses the library already built)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
MAKE=${MAKE:-make}
CC=${CC:-cc}
prefix=/opt/thread9-test
D=$(mktemp -d "${TMPDIR:-/tmp}/t9install.XXXXXX")
W=$(mktemp -d "${TMPDIR:-/tmp}/t9build.XXXXXX")
trap 'rm -rf "$D" "$W"' EXIT
fail=0 skipped=0
bad() { echo "FAIL install: $*"; fail=1; }
ok() { echo "ok   install: $*"; }

command -v pkg-config >/dev/null 2>&1 || { bad "pkg-config is not installed (make setup installs it)"; exit 1; }

# MAKEFLAGS from an outer make would leak its variables; build nothing new here.
if ! (cd "$top" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $MAKE -s install DESTDIR="$D" prefix="$prefix" >"$W/install.log" 2>&1); then
	bad "make install failed:"; grep -v 'bfd plugin' "$W/install.log" | tail -20; exit 1
fi
R=$D$prefix
lib=$R/lib

# The shared library, its links and its SONAME.
[ -f "$lib/libthread.so.0.1.0" ] || bad "no $prefix/lib/libthread.so.0.1.0"
[ "$(readlink "$lib/libthread.so.0")" = libthread.so.0.1.0 ] || bad "libthread.so.0 does not link to libthread.so.0.1.0"
[ "$(readlink "$lib/libthread.so")" = libthread.so.0 ] || bad "libthread.so does not link to libthread.so.0"
[ -f "$lib/libthread.a" ] || bad "no libthread.a"
[ -f "$lib/thread9/plan9port/libthread.a" ] || bad "no thread9/plan9port/libthread.a (the drop-in for plan9port)"
[ -f "$lib/cmake/thread9/thread9Config.cmake" ] && [ -f "$lib/cmake/thread9/thread9ConfigVersion.cmake" ] || bad "no CMake package in lib/cmake/thread9"
soname=$(readelf -d "$lib/libthread.so.0.1.0" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libthread.so.0 ] && ok "SONAME libthread.so.0" || bad "SONAME is '$soname'"
for h in "$top"/include/thread9/*.h; do
	[ -f "$R/include/thread9/$(basename "$h")" ] || bad "header $(basename "$h") not installed"
done
[ -f "$R/share/man/man3/thread.3thread" ] && [ -f "$R/share/man/man3/chancreate.3thread" ] || bad "man pages not installed"
# The gdb extension, where gdb auto-loads it for the installed library.
[ -f "$R/share/gdb/auto-load$prefix/lib/libthread.so.0.1.0-gdb.py" ] || bad "no share/gdb/auto-load$prefix/lib/libthread.so.0.1.0-gdb.py"
ls "$R/share/man/man3" | grep -qv '\.3thread$' && bad "pages outside section 3thread: $(ls "$R/share/man/man3" | grep -v '\.3thread$' | head -3 | tr '\n' ' ')"
# man-db's lookups with the system's MANPATH (tests/mansys.sh); a skip is reported.
out=$(sh "$top/tests/mansys.sh" "$R/share/man" 2>&1); rc=$?
case $rc in
0)	echo "$out" | tail -1 ;;
77)	echo "skip install: man lookups: $(echo "$out" | tail -1)"; skipped=1 ;;
*)	echo "$out" | sed 's/^/    /'; bad "man lookups (tests/mansys.sh)" ;;
esac

# pkg-config from the installed tree. PKG_CONFIG_SYSROOT_DIR maps the .pc's real
# paths (under $prefix) into the DESTDIR, as for a cross or staged install.
export PKG_CONFIG_PATH="$lib/pkgconfig" PKG_CONFIG_LIBDIR="$lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D"
pc=$(pkg-config --cflags --libs thread9 2>&1) || { bad "pkg-config --cflags --libs thread9: $pc"; exit 1; }
pcs=$(pkg-config --static --cflags --libs thread9 2>&1) || { bad "pkg-config --static: $pcs"; exit 1; }
echo "     pkg-config: $pc"
echo "     pkg-config --static: $pcs"
case " $pc " in *" -I$R/include/thread9 "*) ;; *) bad "cflags lack -I$prefix/include/thread9" ;; esac
case " $pc " in *" -L$lib "*) ;; *) bad "libs lack -L$prefix/lib" ;; esac
case " $pc " in *" -lthread "*) ;; *) bad "libs lack -lthread" ;; esac
p=$(PKG_CONFIG_SYSROOT_DIR= pkg-config --variable=prefix thread9)
[ "$p" = "$prefix" ] || bad "prefix in thread9.pc is '$p', not $prefix"
p=$(PKG_CONFIG_SYSROOT_DIR= pkg-config --variable=plan9port_libthread thread9)
[ "$p" = "$prefix/lib/thread9/plan9port/libthread.a" ] || bad "plan9port_libthread in thread9.pc is '$p'"

# Every example, dynamic and static. Output is compared with examples/NAME.out.
built=0
for src in "$top"/examples/*.c; do
	n=$(basename "$src" .c)
	if why=$(sh "$top/tools/skipped.sh" "$n" "$lib/libthread.so"); then
		echo "     $why"
		continue
	fi
	for how in dynamic static; do
		bin=$W/$n.$how
		if [ $how = dynamic ]; then
			flags="$pc -Wl,-rpath,$lib"
		else
			flags="-static $pcs"
		fi
		# shellcheck disable=SC2086
		if ! $CC -O1 -o "$bin" "$src" $flags >"$W/$n.$how.log" 2>&1; then
			bad "$n ($how) does not build:"; grep -v 'bfd plugin' "$W/$n.$how.log" | head -10 | sed 's/^/    /'
			continue
		fi
		if [ $how = dynamic ]; then
			readelf -d "$bin" | grep -q 'NEEDED.*\[libthread.so.0\]' || bad "$n (dynamic) does not need libthread.so.0"
			env -u LD_LIBRARY_PATH ldd "$bin" | grep -q "$lib/libthread.so.0" || bad "$n (dynamic) does not load the installed libthread.so.0"
		else
			readelf -d "$bin" 2>/dev/null | grep -q 'NEEDED.*libthread' && bad "$n (static) still needs libthread.so"
			# hello calls no name-service function (getuser, dir*, dial...): its static
			# link must not pull glibc's NSS code, which glibc warns about.
			if [ $n = hello ] && grep -q 'in statically linked applications requires' "$W/$n.$how.log"; then
				bad "hello (static) links glibc's NSS code:"; grep 'statically linked' "$W/$n.$how.log" | head -5 | sed 's/^/    /'
			fi
		fi
		if [ -f "$top/examples/$n.sh" ]; then
			# A driver script runs it (a server with its clients): 0 ok, 77 skipped.
			(cd "$W" && timeout 60 sh "$top/examples/$n.sh" "$bin" >"$W/$n.$how.out" 2>&1 </dev/null)
			rc=$?
			if [ $rc -eq 0 ]; then
				built=$((built+1))
			elif [ $rc -eq 77 ]; then
				echo "skip install: example $n ($how): $(tail -1 "$W/$n.$how.out")"; skipped=1
			else
				bad "$n ($how) failed (examples/$n.sh, status $rc):"; tail -5 "$W/$n.$how.out" | sed 's/^/    /'
			fi
			continue
		fi
		(cd "$W" && timeout 60 "$bin" >"$W/$n.$how.out" 2>"$W/$n.$how.err" </dev/null)
		rc=$?
		if [ $rc -ne 0 ]; then
			bad "$n ($how) exited with status $rc:"; head -5 "$W/$n.$how.err" | sed 's/^/    /'
		elif [ -f "$top/examples/$n.out" ] && ! cmp -s "$top/examples/$n.out" "$W/$n.$how.out"; then
			bad "$n ($how) printed something else:"; diff "$top/examples/$n.out" "$W/$n.$how.out" | head -6 | sed 's/^/    /'
		else
			built=$((built+1))
		fi
	done
done
[ $built -gt 0 ] && ok "$built example builds ran correctly (dynamic and static)"

# The CMake package: a tiny project finds thread9 from the staged prefix and links
# both imported targets; a version it cannot meet must fail.
if command -v cmake >/dev/null 2>&1; then
	C=$W/cmake; mkdir -p "$C"
	cp "$top/examples/hello.c" "$C/hello.c"
	cat >"$C/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.13)
project(t9hello C)
find_package(thread9 ${WANT} REQUIRED)
add_executable(hello hello.c)
target_link_libraries(hello PRIVATE thread9::thread9)
add_executable(hello_static hello.c)
target_link_libraries(hello_static PRIVATE thread9::thread9_static)
CM
	if ! (cd "$C" && env -u PKG_CONFIG_SYSROOT_DIR cmake -S . -B b -DWANT=0.1 -DCMAKE_PREFIX_PATH="$R" >"$C/log" 2>&1 &&
		cmake --build b >>"$C/log" 2>&1); then
		bad "a CMake project with find_package(thread9 0.1) does not build:"; grep -v 'bfd plugin' "$C/log" | tail -15 | sed 's/^/    /'
	else
		ok=1
		for b in hello hello_static; do
			out=$(cd "$C" && LD_LIBRARY_PATH="$lib" timeout 20 "b/$b" 2>&1)
			[ "$out" = "$(cat "$top/examples/hello.out")" ] || { bad "CMake-built $b printed '$out'"; ok=0; }
		done
		readelf -d "$C/b/hello" | grep -q 'NEEDED.*\[libthread.so.0\]' || { bad "CMake-built hello does not need libthread.so.0"; ok=0; }
		for v in 0.2 1.0; do
			(cd "$C" && cmake -S . -B "b$v" -DWANT=$v -DCMAKE_PREFIX_PATH="$R" >"$C/log$v" 2>&1) &&
				{ bad "find_package(thread9 $v) succeeded against 0.1.0"; ok=0; }
		done
		[ $ok = 1 ] && ok "CMake: find_package(thread9 0.1) links thread9::thread9 and thread9::thread9_static; 0.2 and 1.0 are refused"
	fi
else
	echo "skip install: CMake package: cmake is not installed (make setup installs it)"; skipped=1
fi

# Uninstall must remove everything, directories included.
if ! (cd "$top" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $MAKE -s uninstall DESTDIR="$D" prefix="$prefix" >"$W/uninstall.log" 2>&1); then
	bad "make uninstall failed:"; tail -10 "$W/uninstall.log"
fi
left=$(cd "$D" && find . -mindepth 1 | head -10)
[ -z "$left" ] && ok "uninstall left $D empty" || bad "uninstall left: $(echo $left)"

# Into a tree that already has things of its own: uninstall must leave exactly those.
D2=$(mktemp -d "${TMPDIR:-/tmp}/t9install2.XXXXXX")
trap 'rm -rf "$D" "$W" "$D2"' EXIT
mkdir -p "$D2$prefix/lib" "$D2$prefix/share/man/man1"
echo keep >"$D2$prefix/lib/other.so"
echo keep >"$D2$prefix/share/man/man1/other.1"
(cd "$D2" && find . | sort) >"$W/before"
(cd "$top" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $MAKE -s install DESTDIR="$D2" prefix="$prefix" >/dev/null 2>&1 &&
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $MAKE -s uninstall DESTDIR="$D2" prefix="$prefix" >/dev/null 2>&1) ||
	bad "install/uninstall into a populated tree failed"
(cd "$D2" && find . | sort) >"$W/after"
cmp -s "$W/before" "$W/after" && ok "uninstall from a populated tree removed only its own files" ||
	bad "populated tree differs after install+uninstall: $(diff "$W/before" "$W/after" | head -5 | tr '\n' ' ')"

# A DESTDIR that does not exist yet is created (make install DESTDIR=/tmp/stage).
D3=$W/no/such/stage
if (cd "$top" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL $MAKE -s install DESTDIR="$D3" prefix=/usr >"$W/d3.log" 2>&1) &&
	[ -f "$D3/usr/lib/libthread.so.0.1.0" ] && [ -f "$D3/usr/share/man/man3/thread.3thread" ]; then
	ok "make install into a DESTDIR that did not exist"
else
	bad "make install DESTDIR=<missing directory> failed:"; tail -5 "$W/d3.log" | sed 's/^/    /'
fi

[ $fail -eq 0 ] && { [ $skipped = 1 ] && echo "ok   install (with skips, above)" || echo "ok   install"; }
exit $fail
