# Crash reports: the thread, the fault address, the faulting line and its caller; the
# program dies of the same signal (exit status 128+N from the shell, as without thread9).
src=$T9TOP/ctests/crash_thread.c
line() { grep -n "MARK:$1\b" "$src" | head -1 | cut -d: -f1; }
ulimit -c 0
fail=0
check() {	# mode signal-name signal-number
	CRASH_MODE=$1 "$B" >out 2>err
	rc=$?
	[ $rc = $((128 + $3)) ] || { echo "$1: status $rc, want $((128 + $3))"; fail=1; }
	grep -qE "^thread9: $2 in thread [0-9]+ \"crasher\" at 0x[0-9a-f]+ \(pc 0x[0-9a-f]+\)\$" err ||
		{ echo "$1: no header line"; fail=1; }
	grep -qE "^	fault at .*crash_thread\.c:$(line $1)\$" err || { echo "$1: no faulting line"; fail=1; }
	grep -qE "^	crasher at .*crash_thread\.c:$(line call)\$" err || { echo "$1: no caller line"; fail=1; }
	[ $fail = 0 ] || { cat err; exit 1; }
}
B=$1
check segv SIGSEGV 11
check fpe SIGFPE 8
check abort SIGABRT 6
# The program's own handler, installed before thread9 started, gets the fault.
CRASH_MODE=handler "$B" >out 2>err
rc=$?
[ $rc = 3 ] || { echo "handler: status $rc, want 3"; cat err; exit 1; }
grep -q "^user handler\$" err || { echo "handler: not called"; cat err; exit 1; }
if grep -q "^thread9: SIGSEGV" err; then echo "handler: thread9 reported a fault the program handles"; exit 1; fi
exit 0
