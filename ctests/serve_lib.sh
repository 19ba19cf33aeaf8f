# Shared helpers for the FUSE tests (sourced). Sets $D (an empty directory),
# starts nothing; `t9start CMD...` runs a server in the background and waits
# for "ready" on its stdout (log in $D.log); `t9stop` kills it; an EXIT trap
# always kills the server and lazily unmounts $D.
# Without FUSE the test is skipped (exit 77: run.sh counts it as skipped, never as
# passed; where the device exists a skip is a failure). T9FUSE: the device to look for.
[ -e "${T9FUSE:-/dev/fuse}" ] || { echo "SKIPPED: no ${T9FUSE:-/dev/fuse}"; exit 77; }
D=$(mktemp -d /tmp/t9serve.XXXXXX)
L=$D.log
SPID=
t9cleanup() {
	[ -n "$SPID" ] && kill -9 $SPID 2>/dev/null
	umount -l "$D" 2>/dev/null
	rmdir "$D" 2>/dev/null
	rm -f "$L" "$L.err"
}
trap t9cleanup EXIT
trap "t9cleanup; exit 1" INT TERM HUP
fail() { echo "FAIL: $*"; echo "--- server log:"; cat "$L"; echo "--- stderr:"; cat "$L.err"; exit 1; }
t9start() {
	"$@" >"$L" 2>"$L.err" &
	SPID=$!
	i=0
	while ! grep -q '^ready' "$L" 2>/dev/null; do
		i=$((i+1))
		[ $i -gt 100 ] && fail "server did not start"
		kill -0 $SPID 2>/dev/null || fail "server died at start"
		sleep 0.05
	done
}
# no mount of $D left (a stale thread9 mount fails the suite)
t9nomount() {
	if grep -q " $D " /proc/self/mountinfo; then
		fail "stale mount of $D"
	fi
}
# wait until $D is mounted (a server may say "ready" before the kernel has the mount)
t9waitmount() {
	i=0
	while ! grep -q " $D " /proc/self/mountinfo; do
		i=$((i+1)); [ $i -gt 200 ] && fail "$D never mounted"
		sleep 0.05
	done
}
