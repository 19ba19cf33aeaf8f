# THREAD9_FAIL_PROC=2: the second proccreate fails; the rest of the program is unaffected.
bin=$1
THREAD9_FAIL_PROC=2 "$bin" >out 2>err </dev/null; rc=$?
printf 'proccreate 1 -1 1\ngot 5\nnothing else: 1\nlate proc ran\n' >want
cmp -s out want || { echo "FAIL: stdout"; diff want out; exit 1; }
[ $rc -eq 0 ] || { echo "FAIL: rc $rc"; cat err; exit 1; }
grep -qx 'thread9: proccreate: cannot create OS thread: Resource temporarily unavailable' err || { echo "FAIL: stderr"; cat err; exit 1; }
echo ok
