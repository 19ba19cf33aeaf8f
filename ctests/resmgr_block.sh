. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
O=$D.out; mkdir -p $O
trap 't9cleanup; rm -rf $O' EXIT
pids=""
i=0
while [ $i -lt 50 ]; do
	sh -c "exec cat $D/slow" > $O/$i &
	pids="$pids $!"
	i=$((i+1))
done
i=0
for p in $pids; do
	wait $p || fail "reader $i failed"
	got=$(cat $O/$i)
	[ "$got" = "pid=$p" ] || fail "reader $i (pid $p) got '$got'"
	i=$((i+1))
done
grep -q "^all blocked" "$L" || fail "not all blocked together"
grep -q "^second reply -1 ESRCH" "$L" || fail "second reply accepted"
grep -q "^bogus reply -1" "$L" || fail "bogus rcvid accepted"
grep -q "^reply failed" "$L" && fail "a late reply failed"
echo ok
