#!/bin/sh
# The installed man pages never hide the system's (issue 18):
#   sh tests/mansys.sh MANDIR      (MANDIR: an installed tree's share/man)
# With MANDIR put in front of the system's own MANPATH (the worst place: searched
# first), man-db must open
#   - our page for `man thread`, `man 3thread thread`, `man 3thread NAME` for the pages
#     and for every name in man/shadowed (capitalized links, tools/manlinks.sh);
#   - the system's page for `man send` (send(2): manpages-dev), and, for every name we
#     install that the system also documents, whatever the system alone opens.
# Checked twice: by the file system (no index) and after mandb indexed a copy.
# Pages may be gzipped (a Debian package's: dpkg -x it and pass its usr/share/man).
# Exit 0 = pass, 1 = fail, 77 = skipped (man-db or the system pages cannot be had; the
# last line says why).
set -u
mandir=${1:?usage: mansys.sh MANDIR}
top=$(cd "$(dirname "$0")/.." && pwd)
command -v man >/dev/null 2>&1 && command -v mandb >/dev/null 2>&1 ||
	{ echo "man-db is not installed (make setup installs it)"; exit 77; }
sys=$(env -u MANPATH manpath -q 2>/dev/null)
[ -n "$sys" ] || { echo "manpath prints no system MANPATH"; exit 77; }
MANPATH=$sys man -w 2 send 2>/dev/null | grep -q '/man2/send\.2' ||
	{ echo "the system has no send(2) page (make setup installs manpages-dev)"; exit 77; }
fail=0
bad() { echo "FAIL man lookup: $*"; fail=1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/t9mansys.XXXXXX"); trap 'rm -rf "$W"' EXIT

# Names of every page the system has, and of every page we installed.
for d in $(echo "$sys" | tr : ' '); do
	[ -d "$d" ] && find "$d" -path '*/man[0-9n]*/*' \( -type f -o -type l \) 2>/dev/null
done | sed 's|.*/||; s/\.\(gz\|bz2\|xz\|Z\|lzma\|zst\)$//; s/\.[^.]*$//' | sort -u >"$W/sysnames"
ls "$mandir/man3" | sed -n 's/\.3thread\(\.gz\)\{0,1\}$//p' | tr A-Z a-z | sort -u >"$W/ours"
[ -s "$W/ours" ] || { bad "no NAME.3thread pages in $mandir/man3"; exit 1; }

check() {	# check LABEL MANPATH-FOR-OURS
	label=$1 root=$2 mp=$2:$sys
	ours() {	# ours ARGS...: man -w ARGS must resolve into our tree
		r=$(MANPATH=$mp man -w "$@" 2>&1 | head -1)
		case $r in "$root"/man3/*.3thread|"$root"/man3/*.3thread.gz) ;; *) bad "$label: man -w $* gives '$r', not our page" ;; esac
	}
	ours thread
	ours 3thread thread
	ours 3thread chancreate
	ours chancreate
	ours 3thread ioproc
	for n in $(grep -v '^#' "$top/man/shadowed" | awk 'NF {print $1}'); do ours 3thread "$n"; done
	r=$(MANPATH=$mp man -w send 2>&1)
	case $r in */man2/send.2*) ;; *) bad "$label: man -w send gives '$r', not send(2)" ;; esac
	# Every name both we and the system document: the system's page must still win.
	for n in $(comm -12 "$W/sysnames" "$W/ours"); do
		want=$(MANPATH=$sys man -w "$n" 2>/dev/null | head -1)
		[ -n "$want" ] || continue
		got=$(MANPATH=$mp man -w "$n" 2>/dev/null | head -1)
		[ "$got" = "$want" ] || bad "$label: man -w $n gives $got, hiding $want (add $n to man/shadowed and run sh tools/manlinks.sh)"
	done
}
check "file system" "$mandir"
# The same lookups through man-db's index, as after the nightly mandb run.
cp -R "$mandir" "$W/man"
mandb -q "$W/man" >/dev/null 2>&1 || bad "mandb could not index a copy of $mandir"
[ -f "$W/man/index.db" ] || bad "mandb wrote no index.db"
check "mandb index" "$W/man"
n=$(comm -12 "$W/sysnames" "$W/ours" | wc -l)
[ $fail -eq 0 ] && echo "ok   man lookups: $(wc -l <"$W/ours") names in section 3thread; the system's page stays first for all $n names it documents too (send(2)…)"
exit $fail
