# The randomized channel model check, bounded for make test: a few seeds over 1, 2,
# 4 and 8 procs, and one run where a deadlock is expected (tests/stress.sh runs it
# for longer). A failure prints its seed.
bin=$1
fail=0
for p in 1 2 4 8; do
	if ! "$bin" -p $p -v >out 2>err </dev/null || [ "$(cat out)" != "stress: ok" ]; then
		echo "FAIL with $p procs:"; cat out; head -40 err
		fail=1
	else
		grep ops/s err
	fi
done
# the model predicts a deadlock: it must be reported (exit 1), not hang
"$bin" -p 3 -d >out 2>err </dev/null; rc=$?
if [ $rc -ne 1 ] || ! grep -q 'thread9: deadlock: all threads are asleep' err; then
	echo "FAIL: expected deadlock: rc $rc"; head -20 err; fail=1
else
	echo "expected deadlock reported"
fi
exit $fail
