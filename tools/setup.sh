#!/bin/sh
# Installs the build and test dependencies a fresh Debian (or Ubuntu) machine may lack.
# Rust (cargo, rustc) is expected on the machine; everything else comes from apt.
# Safe to run again: it installs only what is missing.
set -e
need=""
want() {	# want COMMAND-OR-FILE PACKAGE
	case $1 in
	/*)	[ -e "$1" ] || need="$need $2" ;;
	*)	command -v "$1" >/dev/null 2>&1 || need="$need $2" ;;
	esac
}
want cc gcc			# the C shim, the tests, the examples
want make make
want ar binutils		# ar, nm, readelf (export and install checks)
want nm binutils
want readelf binutils
want /usr/include/stdio.h libc6-dev
want /usr/lib/x86_64-linux-gnu/libc.a libc6-dev	# static linking test
want pkg-config pkg-config	# the install test builds with pkg-config only
want groff groff		# man page check (groff -man -ww -z)
want man man-db			# tests/mansys.sh: man-db's lookups of the installed pages
want mandb man-db
want /usr/share/man/man2/send.2.gz manpages-dev	# send(2), which our send must not hide
want valgrind valgrind		# make check-valgrind
want timeout coreutils
want python3 python3		# tools/layers.py (make test)
want gdb gdb			# ctests/gdb_threads: the gdb extension (tools/libthread-gdb.py), gcore
want cmake cmake		# the install test builds a CMake project against thread9Config.cmake
want dpkg-buildpackage dpkg-dev	# make deb
want dh debhelper
want lintian lintian		# make deb checks the packages
want gnuplot gnuplot-nox	# make bench draws its chart (benches/run.sh)
want /usr/include/fuse3/fuse.h libfuse3-dev	# make bench: W11's libfuse3 peer
want pkg-config pkg-config
want fusermount3 fuse3		# FUSE mounts for non-root users (W11, serve tests)
need=$(echo "$need" | tr ' ' '\n' | awk 'NF && !seen[$0]++' | tr '\n' ' ')
if [ -n "$need" ]; then
	echo "setup: installing $need"
	if [ "$(id -u)" = 0 ]; then
		SUDO=
	elif command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "setup: not root and no sudo: install these packages yourself: $need" >&2
		exit 1
	fi
	command -v apt-get >/dev/null 2>&1 || { echo "setup: no apt-get: install these packages yourself: $need" >&2; exit 1; }
	$SUDO apt-get update -q
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $need
fi
if ! command -v cargo >/dev/null 2>&1; then
	[ -x "$HOME/.cargo/bin/cargo" ] && echo "setup: cargo is in ~/.cargo/bin: add it to PATH" >&2 ||
		echo "setup: cargo not found: install Rust first (https://rustup.rs)" >&2
	exit 1
fi
# make lint needs rustfmt and clippy, rustup components a minimal toolchain may lack.
if command -v rustup >/dev/null 2>&1; then
	for c in rustfmt clippy; do
		rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c" || echo "setup: could not add the rustup component $c: make lint needs it" >&2
	done
fi
echo "setup: all build and test tools are present"
