. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
grep -q "dup attach: File exists" "$L" || fail "second attach of a path"
f=$D/dev/data
[ "$(cat $f)" = "0123456789" ] || fail "cat gave '$(cat $f)'"
got=$(dd if=$f bs=1 skip=5 count=3 2>/dev/null)
[ "$got" = "567" ] || fail "dd gave '$got'"
for o in 5 6 7; do grep -q "^read off=$o n=1\$" "$L" || fail "no read at $o"; done
m0=$(stat -c %Y $f)
sleep 1.1
printf 'hello world, longer' > $f || fail "write"
[ "$(cat $f)" = "hello world, longer" ] || fail "read back '$(cat $f)'"
[ "$(stat -c '%s %a %F' $f)" = "19 666 regular file" ] || fail "stat: $(stat -c '%s %a %F' $f)"
m1=$(stat -c %Y $f)
[ "$m1" -gt "$m0" ] || fail "mtime did not move ($m0 -> $m1)"
out=$("$1" -c $f) || fail "client"
echo "$out" | grep -q "^ioctl 7 42 \$" || fail "ioctl: $out"
echo "$out" | grep -q "^unknown -1 ENOTTY\$" || fail "unknown ioctl: $out"
echo "$out" | grep -q "^isatty 0\$" || fail "isatty: $out"
echo "$out" | grep -q "^seekdata 3\$" || fail "seekdata: $out"
echo "$out" | grep -q "^seekdata past -1 ENXIO\$" || fail "seekdata past: $out"
grep -q "^devctl in=21\$" "$L" || fail "devctl input"
# the defaults
p=$D/plain
[ "$(stat -c '%s %a %U' $p)" = "5 644 root" ] || fail "plain stat: $(stat -c '%s %a %U' $p)"
[ -z "$(cat $p)" ] || fail "default read not empty"
echo x > $p || fail "default write"
chmod 600 $p || fail "chmod"
ls -l $D | grep -q -- '^-rw------- .* plain$' || { ls -l $D; fail "ls -l after chmod"; }
ls -l $D | grep -q -- '^drw.* dev$' || { ls -l $D; fail "ls -l dev"; }
[ "$(ls $D/dev)" = "data" ] || fail "ls dev"
if truncate -s 0 $p 2>/dev/null; then fail "truncate with default space"; fi
touch -d '2001-02-03 04:05:06' $p || fail "touch -d"
[ "$(stat -c %Y $p)" = "$(date -d '2001-02-03 04:05:06' +%s)" ] || fail "utime"
# non-owner: nobody may not chmod (the kernel or the default says EPERM)
if command -v setpriv >/dev/null; then
	chmod 666 $p
	if setpriv --reuid=65534 --regid=65534 --clear-groups chmod 600 $p 2>/dev/null; then fail "nobody chmod"; fi
	setpriv --reuid=65534 --regid=65534 --clear-groups cat $p >/dev/null || fail "nobody read 0666"
	chmod 600 $p
	if setpriv --reuid=65534 --regid=65534 --clear-groups cat $p 2>/dev/null; then fail "nobody read 0600"; fi
fi
kill $SPID; wait $SPID 2>/dev/null; SPID=
sleep 0.2
t9nomount
echo ok
