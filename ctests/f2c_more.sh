. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
[ "$(cat $D/two)" = "abcdefghij" ] || fail "2-byte reads gave '$(cat $D/two)'"
[ "$(dd if=$D/long bs=3 count=1 2>/dev/null)" = "abc" ] || fail "long reply not cut"
printf 'hello\n' > $D/short || fail "short write"
for o in 0 3; do grep -q "^short write off=$o n=[36]\$" "$L" || fail "short: no write at $o"; done
printf 'hello\n' > $D/over || fail "over-long count"
[ "$(grep -c '^over write' "$L")" = 1 ] || fail "over-long count not clamped"
exec 3<$D/notes; exec 3<&-
exec 3>$D/notes; exec 3>&-
exec 3<>$D/notes; exec 3>&-
sleep 0.2
[ "$(grep -c 'notes rclose' "$L")" = 2 ] || fail "read-close notices"
[ "$(grep -c 'notes wclose' "$L")" = 2 ] || fail "write-close notices"
f3=$(grep 'notes rclose' "$L" | tail -1 | sed 's/.*fid=//')
grep -q "notes wclose fid=$f3\$" "$L" || fail "O_RDWR: both notices for fid $f3"
err=$(cat $D/gone 2>&1) && fail "read of a closed file2chan succeeded"
case "$err" in *"No such device"*) ;; *) fail "gone: '$err'";; esac
grep -q "^gone late reply -1\$" "$L" || fail "late reply accepted"
[ -e $D/gone ] && fail "name still there after file2chanclose"
err=$(cat $D/ronly 2>&1) && fail "read with read channel closed"
case "$err" in *"No such device"*) ;; *) fail "ronly: '$err'";; esac
echo ok > $D/ronly || fail "write with only the read channel closed"
ls -l $D | grep -q -- '^-rw-rw---- .* two$' || { ls -l $D; fail "ls -l"; }
chmod 640 $D/two && ls -l $D | grep -q -- '^-rw-r----- .* two$' || fail "owner chmod"
truncate -s 10 $D/long && [ "$(stat -c %s $D/long)" = 10 ] || fail "truncate"
rm $D/long && [ ! -e $D/long ] || fail "owner rm"
kill $SPID; wait $SPID 2>/dev/null; SPID=
sleep 0.2
t9nomount
echo ok
