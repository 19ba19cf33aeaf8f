#!/bin/sh
# make stress: the long reliability runs.
#   1. ctests/stress_chan (the randomized channel model check) over and over, with
#      random seeds and shapes, for STRESS_SECONDS (default 120); any failure prints
#      its seed and command line for replay, and the run fails. Every tenth run
#      expects (and checks) a deadlock report instead.
#   2. ctests/limit_threads with STRESS_THREADS (default 1000000) threads alive at
#      once (8 KiB requested stacks), printing the RSS per thread.
# Usage: sh tests/stress.sh [BUILD_DIR]   (default build; run `make lib` first)
top=$(cd "$(dirname "$0")/.." && pwd)
B=$(cd "${1:-$top/build}" && pwd) || exit 2
W=$B/stress; mkdir -p "$W"
CC=${CC:-cc}
secs=${STRESS_SECONDS:-120}
nthreads=${STRESS_THREADS:-1000000}
for n in stress_chan limit_threads; do
	$CC -O2 -g -Wall -Wno-parentheses -Wno-infinite-recursion -fstack-clash-protection \
		-I"$top/include/thread9" -o "$W/$n" "$top/ctests/$n.c" -L"$B" -lthread -Wl,-rpath,"$B" -lpthread || exit 2
done

fail=0
end=$(( $(date +%s) + secs ))
runs=0; ops=0; tsecs=0
i=0
while [ "$(date +%s)" -lt $end ]; do
	i=$((i+1))
	# shapes: procs 1..8, channels 1..32, senders 1..40, receivers 0..16, mixers 0..8
	r=$(od -An -N8 -tu4 /dev/urandom | tr -s ' ' ' ')
	set -- $r
	p=$(( $1 % 8 + 1 )); c=$(( $2 % 32 + 1 ))
	S=$(( ($1 / 8) % 40 + 1 )); R=$(( ($2 / 32) % 17 )); M=$(( ($1 / 320) % 9 ))
	seed=$(( ($1 << 16) ^ $2 ^ i ))
	args="-s $seed -p $p -c $c -S $S -R $R -M $M -n 5000 -v"
	if [ $((i % 10)) -eq 0 ]; then
		# every tenth run the model predicts a deadlock, which must be reported
		timeout 120 "$W/stress_chan" $args -d >"$W/out" 2>"$W/err" </dev/null; rc=$?
		if [ $rc -ne 1 ] || ! grep -q 'thread9: deadlock: all threads are asleep' "$W/err"; then
			echo "FAIL: stress_chan $args -d: rc $rc, no deadlock report"
			head -60 "$W/err"
			fail=1
			break
		fi
		continue
	fi
	if ! timeout 120 "$W/stress_chan" $args >"$W/out" 2>"$W/err" </dev/null || [ "$(cat "$W/out")" != "stress: ok" ]; then
		echo "FAIL: stress_chan $args"
		head -60 "$W/err"
		fail=1
		break
	fi
	runs=$((runs+1))
	set -- $(sed -n 's/.*: \([0-9]*\) operations in \([0-9.]*\)s.*/\1 \2/p' "$W/err")
	ops=$((ops + ${1:-0}))
	tsecs=$(awk "BEGIN{print $tsecs + ${2:-0}}")
done
if [ $runs -gt 0 ]; then
	echo "stress_chan: $runs runs, $ops operations in ${tsecs}s of running: $(awk "BEGIN{printf \"%d\", $ops / $tsecs}") ops/s"
fi

echo "limit_threads: $nthreads threads"
if ! timeout 600 "$W/limit_threads" "$nthreads" rss >"$W/out" 2>"$W/err" </dev/null; then
	echo "FAIL: limit_threads $nthreads"; cat "$W/out" "$W/err" | head -20
	fail=1
else
	cat "$W/err"
fi
[ $fail -eq 0 ] && echo "stress: all passed"
exit $fail
