# The stack-overflow matrix (docs/STACKS.md): guard modes x overflow size x how the
# frame overflows, with and without -fstack-clash-protection. A cell the docs promise
# as reported must print the overflow report and die; a cell at a documented limit
# is run and its outcome shown, but not required. Prints the table in markdown.
# Modes: guard (the default: kernel guard regions, or mprotect guard pages where the
# kernel lacks them), mprotect, canary, and exhausted (mprotect with 16,400 threads
# made first, so the overflowing thread's stack is past the guard-page budget and has
# a canary page; its one warning is checked too).
bin=$1
top=${T9TOP:?}; B=${T9BUILD:?}
cf=${CTEST_CFLAGS:--O1 -g -Wall -Wno-unused -Wno-parentheses -Wno-missing-braces -fstack-clash-protection}
cf=$(echo "$cf" | sed 's/-fstack-clash-protection//g')
if [ -n "${CTEST_LIBS:-}" ]; then libs=$CTEST_LIBS; else libs="-L$B -lthread -Wl,-rpath,$B -lpthread"; fi
# shellcheck disable=SC2086
${CC:-cc} $cf -fno-stack-clash-protection -I"$top/include/thread9" -o "$bin.noclash" "$top/ctests/ovf_matrix.c" $libs || {
	echo "FAIL: cannot build the variant without -fstack-clash-protection"; exit 1; }
maxmap=$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 65530)
# The exhausted rows need 16,440 threads: more than TSan allows (8128 threads and
# fibers), and minutes under valgrind. Those rows are then not run, and say so.
modes="guard mprotect canary exhausted"
case "${CTEST_CFLAGS:-} ${CC:-}" in
*sanitize=thread*|*check-valgrind*) modes="guard mprotect canary"; echo "(exhausted rows not run under this tool)";;
esac
fail=0
# promise MODE CLASH HOW SIZE: "yes" if the docs promise a report, else "limit".
promise() {
	case $3 in fill|blocked) echo yes; return;; esac
	case $4 in 1|4096) echo yes; return;; esac
	if [ $1 = guard ] || [ $1 = mprotect ]; then [ $2 = with ] && { echo yes; return; }; fi
	echo limit
}
echo "| mode | -fstack-clash-protection | overflow | 1 byte | 1 page | 64 KiB | 1 MiB |"
echo "|---|---|---|---|---|---|---|"
for mode in $modes; do
	for clash in with without; do
		b=$bin; [ $clash = without ] && b=$bin.noclash
		for how in fill sparse blocked; do
			row="| $mode | $clash | $how |"
			for size in 1 4096 65536 1048576; do
				n=0
				case $mode in
				guard) env -u THREAD9_STACKGUARD "$b" $how $size >out 2>err </dev/null;;
				exhausted) n=16400; THREAD9_STACKGUARD=mprotect "$b" $how $size $n >out 2>err </dev/null;;
				*) THREAD9_STACKGUARD=$mode "$b" $how $size >out 2>err </dev/null;;
				esac
				rc=$?
				if [ $rc -ne 0 ] && grep -q 'thread9: stack overflow in thread [0-9]* "deep" (stack 65536 bytes)' err &&
					! grep -q 'not reported' out; then
					got=reported
				elif [ $rc -ne 0 ] && grep -q 'not reported' out; then
					got="not reported"
				else
					got="rc $rc?"
				fi
				want=$(promise $mode $clash $how $size)
				cell=$got
				if [ "$want" = yes ] && [ "$got" != reported ]; then
					echo "FAIL: $mode $clash $how $size: promised reported, got $got (rc $rc)" >&2
					head -3 err >&2
					cell="**$got (FAIL)**"; fail=1
				elif [ "$want" = limit ]; then
					cell="$got (limit)"
				fi
				if [ $mode = exhausted ]; then
					w=$(grep -c "^thread9: guard pages exhausted at [0-9]* threads (vm.max_map_count=$maxmap); later threads get canary checks: raise vm.max_map_count for full protection$" err)
					if [ "$w" -ne 1 ]; then
						echo "FAIL: $mode $clash $how $size: $w fall-back warnings, want 1" >&2
						head -3 err >&2
						fail=1
					fi
				fi
				row="$row $cell |"
			done
			echo "$row"
		done
	done
done
# Canary mode compares only the canary page's edges at a switch, all of it at exit:
# a write into the middle of the page (2 KiB below the stack) is reported when the
# thread exits (promised), not at a switch (the documented limit).
for clash in with without; do
	b=$bin; [ $clash = without ] && b=$bin.noclash
	THREAD9_STACKGUARD=canary "$b" exit 2048 >out 2>err </dev/null; rc=$?
	if [ $rc -ne 0 ] && grep -q 'thread9: stack overflow in thread [0-9]* "deep"' err && ! grep -q 'not reported' out; then
		echo "canary, $clash clash protection: 2 KiB below the stack, at exit: reported"
	else
		echo "FAIL: canary $clash exit 2048: promised reported, rc $rc" >&2; fail=1
	fi
	THREAD9_STACKGUARD=canary "$b" sparse 2048 >out 2>err </dev/null; rc=$?
	grep -q 'not reported' out && r="not reported (limit)" || r="reported"
	echo "canary, $clash clash protection: 2 KiB below the stack, at a switch: $r"
done
exit $fail
