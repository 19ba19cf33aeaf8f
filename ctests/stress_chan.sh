# The randomized channel model check, bounded for make test: a few seeds over 1, 2,
# 4 and 8 procs (tests/stress.sh runs it for longer). A failure prints its seed.
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
exit $fail
