#!/bin/sh
# Installs the build and test dependencies a fresh Debian machine may lack.
# Rust (cargo, rustc) is expected on the machine; everything else comes from apt.
set -e
need=""
for p in gcc:gcc make:make pkg-config:pkg-config groff:groff valgrind:valgrind strace:strace; do
	cmd=${p%%:*}; pkg=${p#*:}
	command -v "$cmd" >/dev/null 2>&1 || need="$need $pkg"
done
if [ -n "$need" ]; then
	echo "setup: installing$need"
	if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $need
fi
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo not found: install Rust (rustup) first" >&2; exit 1; }
exit 0
