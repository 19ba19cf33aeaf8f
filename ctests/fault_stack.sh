# THREAD9_FAIL_STACK=N fails the N-th stack allocation (1 = threadmain's): the call
# that needed it says so and returns -1; nothing else is disturbed.
bin=$1
check() {	# N call expected-stdout
	THREAD9_FAIL_STACK=$1 "$bin" >out 2>err </dev/null; rc=$?
	printf "$3" >want
	cmp -s out want || { echo "FAIL N=$1: stdout"; diff want out; exit 1; }
	[ $rc -eq 0 ] || { echo "FAIL N=$1: rc $rc"; cat err; exit 1; }
	if [ -n "$2" ]; then
		grep -qx "thread9: $2: cannot allocate stack: Cannot allocate memory" err || { echo "FAIL N=$1: stderr"; cat err; exit 1; }
	fi
	echo "ok N=$1"
}
check 2 threadcreate 'threadcreate -1 1 proccreate 1\ngot 0xc\nnothing else: 1\nagain 1 got 4\n'
check 3 threadcreate 'threadcreate 1 -1 proccreate 1\ngot 0xa\nnothing else: 1\nagain 1 got 4\n'
check 4 proccreate 'threadcreate 1 1 proccreate -1\ngot 0x6\nnothing else: 1\nagain 1 got 4\n'
check 0 '' 'threadcreate 1 1 proccreate 1\ngot 0xe\nnothing else: 1\nagain 1 got 4\n'
# threadmain's own stack: no way to go on, abort with the message.
THREAD9_FAIL_STACK=1 "$bin" >out 2>err </dev/null; rc=$?
[ $rc -ne 0 ] && grep -q 'thread9: threadmain: cannot allocate stack: Cannot allocate memory' err || { echo "FAIL N=1: rc $rc"; cat err; exit 1; }
echo "ok N=1"
