. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
O=$D.out; mkdir -p $O
trap 't9cleanup; rm -rf $O' EXIT
pids=""
i=0
while [ $i -lt 50 ]; do
	sh -c "exec 3<>$D/tag; echo \$\$ >&3; exec cat <&3" > $O/$i &
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
grep -q "^all held" "$L" || fail "not all held together"
echo ok
