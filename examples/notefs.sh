#!/bin/sh
# Runs examples/notefs with cat and echo as its clients:  sh notefs.sh ./notefs
# Exit 0 = it worked, 1 = it did not, 77 = skipped (no /dev/fuse; last line says why).
# tests/install.sh calls it; so can you.
bin=${1:?usage: notefs.sh path/to/notefs}
[ -e /dev/fuse ] || { echo "no /dev/fuse: notefs needs FUSE"; exit 77; }
D=$(mktemp -d "${TMPDIR:-/tmp}/notefs.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	umount -l "$D" 2>/dev/null
	rmdir "$D" 2>/dev/null
	rm -f "$D.out"
}
trap cleanup EXIT
fail() { echo "notefs: $*"; cat "$D.out"; exit 1; }
"$bin" "$D" >"$D.out" 2>&1 &
pid=$!
i=0
until grep -q '^ready' "$D.out" 2>/dev/null && grep -q " $D " /proc/self/mountinfo; do
	i=$((i+1)); [ $i -gt 100 ] && fail "did not start"
	kill -0 "$pid" 2>/dev/null || fail "died at start"
	sleep 0.05
done
echo "hello from echo" >"$D/note" || fail "echo > note failed"
got=$(cat "$D/note") || fail "cat note failed"
[ "$got" = "hello from echo" ] || fail "cat gave '$got'"
echo "a second note" >"$D/note" || fail "second echo failed"
got=$(cat "$D/note")
[ "$got" = "a second note" ] || fail "after the second echo cat gave '$got'"
echo "ok notefs: echo > and cat through $D/note"
