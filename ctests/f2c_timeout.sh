. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
grep -q '^bad -1 -1$' "$L" || fail "bad arguments accepted"
start=$(date +%s%N)
err=$(cat "$D/slow" 2>&1 >/dev/null) && fail "read succeeded"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
case "$err" in *"timed out"*) ;; *) fail "read error: $err" ;; esac
[ $ms -ge 250 ] || fail "failed after $ms ms, before the timeout"
[ $ms -lt 900 ] || fail "failed after $ms ms, long after the 300 ms timeout"
i=0
while ! grep -q '^late reply -1$' "$L"; do
	i=$((i+1)); [ $i -gt 60 ] && fail "late reply not refused"
	sleep 0.05
done
echo ok
