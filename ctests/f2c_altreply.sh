. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
got=$(timeout 10 cat "$D/hello") || fail "cat hello (an alt that sends the reply never completed?)"
case "$got" in "hello "*) ;; *) fail "cat gave '$got'";; esac
echo data | timeout 10 tee "$D/hello" >/dev/null || fail "write through an alt reply"
got=$(timeout 10 cat "$D/hello") || fail "second cat"
grep -q "alt recv on reply: -1" "$L" || fail "alt receive on a reply channel was not refused"
grep -q "cannot be received from" "$L.err" || fail "no message for the alt receive on a reply channel"
grep -q "write replied by alt" "$L" || fail "no write reply"
kill $SPID; wait $SPID 2>/dev/null; SPID=
sleep 0.2
t9nomount
echo ok
