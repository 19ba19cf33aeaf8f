. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
got=$(cat "$D/clock") || fail "cat clock"
[ "$got" = "tick 42" ] || fail "clock gave '$got'"
echo hello > "$D/echo" || fail "echo >"
got=$(cat "$D/echo") || fail "cat echo"
[ "$got" = "hello" ] || fail "echo gave '$got'"
grep -q "echo write fid=[0-9]* off=0 n=6 data=hello" "$L" || fail "no write message"
printf 'abcdefghij' > "$D/echo"
got=$(dd if="$D/echo" bs=1 skip=5 count=3 2>/dev/null)
[ "$got" = "fgh" ] || fail "dd gave '$got'"
for o in 5 6 7; do
	grep -q "echo read fid=[0-9]* off=$o n=1\$" "$L" || fail "no read at offset $o"
done
# close notices: a write-only open gets the nil-wc notice, same fid as its write
wfid=$(grep "data=abcdefghij" "$L" | sed 's/.*fid=\([0-9]*\).*/\1/')
grep -q "echo wclose fid=$wfid\$" "$L" || fail "no write-close notice for fid $wfid"
# errors: the clock refuses writes with "permission denied" -> EACCES
if echo x 2>/dev/null > "$D/clock"; then fail "write to clock succeeded"; fi
err=$( (/bin/echo x > "$D/clock") 2>&1 )
case "$err" in *ermission*) ;; *) fail "clock write error was '$err'";; esac
ls -l "$D" | grep -q -- '-rw-rw---- .* clock$' || { ls -l "$D"; fail "ls -l"; }
kill $SPID; wait $SPID 2>/dev/null; SPID=
sleep 0.2
t9nomount
echo ok
