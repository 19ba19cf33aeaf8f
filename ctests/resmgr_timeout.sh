. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
for f in selfblock noreply; do
	err=$(cat $D/$f 2>&1) && fail "$f: read succeeded"
	case "$err" in *"timed out"*) ;; *) fail "$f: '$err'";; esac
done
grep -q '^unblock$' "$L" || fail "unblock handler not called"
i=0
while ! grep -q '^late reply' "$L"; do
	i=$((i+1)); [ $i -gt 60 ] && fail "no late reply line"
	sleep 0.05
done
grep -q '^late reply -1 ESRCH$' "$L" || fail "late reply accepted"
echo ok
