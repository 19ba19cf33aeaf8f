#!/bin/sh
# make install / make uninstall.
#   sh tools/install.sh install|uninstall DESTDIR=… prefix=… libdir=… includedir=… \
#       mandir=… pkgconfigdir=… [cmakedir=…] datadir=… VERSION=… SOMAJOR=… OUT=build
# install copies the libraries (with the plan9port drop-in archive, in
# $libdir/thread9/plan9port/), headers, thread9.pc, the CMake package and man pages, and records every
# file it wrote and every directory it had to create in $datadir/thread9/manifest.
# uninstall removes exactly those files, then those directories if they are empty.
# Paths in the manifest are the final ones (without DESTDIR).
set -e
mode=$1; shift
for a; do
	case $a in
	*=*)	eval "${a%%=*}=\${a#*=}" ;;
	*)	echo "install.sh: bad argument $a" >&2; exit 2 ;;
	esac
done
: "${prefix:?}" "${libdir:?}" "${includedir:?}" "${mandir:?}" "${pkgconfigdir:?}" "${datadir:?}"
: "${VERSION:?}" "${SOMAJOR:?}" "${OUT:=build}" "${DESTDIR:=}" "${cmakedir:=$libdir/cmake/thread9}"
man=$datadir/thread9/manifest
D=$DESTDIR
case "$D$prefix$libdir$includedir$mandir$pkgconfigdir$cmakedir$datadir" in
*[[:space:]]*) echo "install.sh: install paths with white space are not supported" >&2; exit 2 ;;
esac

# mkdirs DIR: create DIR (under DESTDIR) and note each directory that did not exist.
mkdirs() {
	set -- "$1"
	todo=""
	d=$1
	while [ -n "$d" ] && [ "$d" != / ] && [ ! -d "$D$d" ]; do
		todo="$d $todo"
		d=$(dirname "$d")
	done
	for d in $todo; do
		mkdir "$D$d"
		echo "d $d" >>"$new"
	done
}

# put MODE SRC DST: install one file and note it.
put() {
	mkdirs "$(dirname "$3")"
	rm -f "$D$3"
	cp "$2" "$D$3"
	chmod "$1" "$D$3"
	echo "f $3" >>"$new"
}

link() {	# link TARGET NAME
	mkdirs "$(dirname "$2")"
	rm -f "$D$2"
	ln -s "$1" "$D$2"
	echo "f $2" >>"$new"
}

system_libdir() {	# is $libdir one the dynamic linker searches by default?
	case $libdir in
	/lib|/lib64|/usr/lib|/usr/lib64|/usr/local/lib|/usr/lib/*-linux-gnu|/lib/*-linux-gnu) return 0 ;;
	esac
	grep -qsx "$libdir" /etc/ld.so.conf /etc/ld.so.conf.d/*.conf
}

run_ldconfig() {
	[ -z "$D" ] || return 0
	if system_libdir && command -v ldconfig >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
		echo "ldconfig"
		ldconfig
	elif [ "$mode" = install ] && ! system_libdir; then
		echo "note: $libdir is not searched by the dynamic linker; link with -Wl,-rpath,$libdir or set LD_LIBRARY_PATH"
	fi
}

case $mode in
install)
	for f in "$OUT/libthread.so.$VERSION" "$OUT/libthread.a" "$OUT/plan9port/libthread.a" "$OUT/thread9.pc" "$OUT/cmake/thread9Config.cmake"; do
		[ -f "$f" ] || { echo "install: $f missing: run make first" >&2; exit 1; }
	done
	new=$(mktemp)
	trap 'rm -f "$new"' EXIT
	# A staging DESTDIR need not exist yet; it is not part of the installed tree.
	[ -z "$D" ] || mkdir -p "$D"
	# A re-install keeps the record of the directories the first install created.
	[ -f "$D$man" ] && grep '^d ' "$D$man" >>"$new" || true
	put 755 "$OUT/libthread.so.$VERSION" "$libdir/libthread.so.$VERSION"
	link "libthread.so.$VERSION" "$libdir/libthread.so.$SOMAJOR"
	link "libthread.so.$SOMAJOR" "$libdir/libthread.so"
	put 644 "$OUT/libthread.a" "$libdir/libthread.a"
	# The drop-in for $PLAN9/lib/libthread.a (README.md, "Replacing plan9port's libthread").
	put 644 "$OUT/plan9port/libthread.a" "$libdir/thread9/plan9port/libthread.a"
	for h in include/thread9/*.h; do
		put 644 "$h" "$includedir/thread9/$(basename "$h")"
	done
	put 644 "$OUT/thread9.pc" "$pkgconfigdir/thread9.pc"
	for f in thread9Config.cmake thread9ConfigVersion.cmake; do
		put 644 "$OUT/cmake/$f" "$cmakedir/$f"
	done
	# The gdb extension, where gdb auto-loads it for $libdir/libthread.so.$VERSION
	# (docs/DEBUGGING.md).
	put 644 tools/libthread-gdb.py "$datadir/gdb/auto-load$libdir/libthread.so.$VERSION-gdb.py"
	# Section 3thread (man/man3/NAME.3thread; tools/manlinks.sh says why), in man3/.
	for m in man/man3/*.3thread; do
		[ -f "$m" ] && put 644 "$m" "$mandir/man3/$(basename "$m")"
	done
	mkdirs "$(dirname "$man")"
	echo "f $man" >>"$new"
	# Directories first (in creation order), then files; duplicates dropped.
	{ grep '^d ' "$new" | awk '!seen[$0]++'; grep '^f ' "$new" | awk '!seen[$0]++'; } >"$D$man"
	chmod 644 "$D$man"
	echo "installed $(grep -c '^f ' "$D$man") files under $D$prefix (list: $D$man)"
	run_ldconfig
	;;
uninstall)
	if [ ! -f "$D$man" ]; then
		echo "uninstall: no $D$man: thread9 is not installed with these prefix settings" >&2
		exit 1
	fi
	list=$(mktemp)
	trap 'rm -f "$list"' EXIT
	cp "$D$man" "$list"
	n=0
	while read -r kind path; do
		[ "$kind" = f ] || continue
		case $path in /*) ;; *) echo "uninstall: bad manifest line: $kind $path" >&2; exit 1 ;; esac
		if [ -e "$D$path" ] || [ -h "$D$path" ]; then rm -f "$D$path"; n=$((n+1)); fi
	done <"$list"
	# Directories this install created, deepest first, if nothing else lives there.
	grep '^d ' "$list" | sed 's/^d //' | awk '{print length($0) " " $0}' | sort -rn | cut -d' ' -f2- |
	while read -r dir; do
		rmdir "$D$dir" 2>/dev/null || true
	done
	echo "removed $n files"
	run_ldconfig
	;;
*)
	echo "usage: install.sh install|uninstall VAR=value…" >&2
	exit 2
	;;
esac
