. "$T9TOP/ctests/serve_lib.sh"
# 1. threadexitsall with a client blocked: the client fails, no mount is left.
for mode in exitall kill; do
	t9start "$1" "$D" $mode
	t9waitmount
	cat $D/hang >/dev/null 2>$D.cat &
	cpid=$!
	i=0
	while ! grep -q '^blocked' "$L"; do
		i=$((i+1)); [ $i -gt 300 ] && fail "$mode: client never blocked"
		sleep 0.05
	done
	if [ $mode = kill ]; then kill -9 $SPID; fi
	wait $SPID 2>/dev/null
	SPID=
	i=0
	while kill -0 $cpid 2>/dev/null; do
		i=$((i+1)); [ $i -gt 100 ] && fail "$mode: client still blocked"
		sleep 0.05
	done
	if wait $cpid; then fail "$mode: client saw no error"; fi
	# the watchdog (kill) or the exit path (exitall) unmounts within a second
	i=0
	while grep -q " $D " /proc/self/mountinfo; do
		i=$((i+1)); [ $i -gt 40 ] && fail "$mode: stale mount"
		sleep 0.05
	done
	rm -f $D.cat
done
# 2. a stale mount (server SIGKILLed, no watchdog) is healed by the next mount
THREAD9_NOWATCHDOG=1 t9start "$1" "$D" wait
t9waitmount
kill -9 $SPID; wait $SPID 2>/dev/null; SPID=
sleep 0.1
grep -q " $D " /proc/self/mountinfo || fail "no stale mount to heal"
stat "$D" >/dev/null 2>&1 && fail "mount not stale"
t9start "$1" "$D" wait
i=0
while ! grep -q "unmounting stale mount" "$L.err"; do
	i=$((i+1)); [ $i -gt 100 ] && fail "no notice for the stale mount"
	sleep 0.05
done
t9waitmount
[ "$(ls $D)" = "hang" ] || fail "new mount not served"
kill $SPID; wait $SPID 2>/dev/null; SPID=
sleep 0.2
t9nomount
echo ok
