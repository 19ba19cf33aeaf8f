. "$T9TOP/ctests/serve_lib.sh"
timeout -s KILL 20 "$1" "$D" > $L 2>$L.err || fail "exit status $?"
diff "$T9TOP/ctests/resmgr_err.out" $L || fail "output differs"
grep -q "thread9: resmgr: the serving proc itself did I/O on .*a/b/c: use an ioproc" $L.err || fail "no EDEADLK message"
grep -q "/dev/fuse\|nonexistent/fuse" $L.err && true
rm -rf "$D/sub"
t9nomount
echo ok
