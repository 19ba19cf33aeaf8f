. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
# A blocks in its handler; B, another open of the same file, is served meanwhile.
printf block 1<>$D/f &
apid=$!
i=0
while ! grep -q '^block waiting' "$L"; do
	i=$((i+1)); [ $i -gt 100 ] && fail "A never blocked"
	sleep 0.05
done
printf go 1<>$D/f || fail "B write"
wait $apid || fail "A's write"
grep -n 'go served\|block done' "$L" | head -1 | grep -q 'go served' || fail "B was not served first"
# one open, shared by a child and the parent: a close_dup per close, one close_ocb last
exec 3>$D/f
sh -c 'printf x >&3; exec 3>&-'
printf y >&3
exec 3>&-
sleep 0.2
fid=$(grep '^write fid=' "$L" | head -1 | sed 's/.*fid=//')
[ "$(grep -c "^close_dup fid=$fid\$" "$L")" -ge 2 ] || fail "close_dup per close"
[ "$(grep -c "^close_ocb fid=$fid " "$L")" = 1 ] || fail "one close_ocb"
tail -1 "$L" | grep -q "^close_ocb fid=$fid count=1\$" || fail "close_ocb not last (or count wrong)"
echo ok
