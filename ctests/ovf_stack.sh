# Every overflow size, in a thread of the main proc, of another proc, among many
# stacks, and in threadmain, in each guard mode: the report and a non-zero status,
# never a silent run.
bin=$1
fail=0
for mode in default canary mprotect; do
	for how in byte page mib; do
		for where in thread proc crowd main; do
			want='thread [0-9]* "deep" (stack 65536 bytes)'
			[ $where = main ] && want='thread 1 "deep" (stack 8388608 bytes)'
			if [ $mode = default ]; then
				env -u THREAD9_STACKGUARD "$bin" $how $where >out 2>err </dev/null
			else
				THREAD9_STACKGUARD=$mode "$bin" $how $where >out 2>err </dev/null
			fi
			rc=$?
			if [ $rc -eq 0 ] || ! grep -q "thread9: stack overflow in $want" err || grep -q 'not reached' out; then
				echo "FAIL: $mode $how $where: rc $rc"; cat out err | head -5
				fail=1
			else
				echo "ok: $mode $how $where: rc $rc"
			fi
		done
	done
done
exit $fail
