# The deadlock report: file:line of each blocked thread and of its creator; exit 1.
src=$T9TOP/ctests/dead_stacks.c
line() { grep -n "MARK:$1\b" "$src" | head -1 | cut -d: -f1; }
"$1" >out 2>err
rc=$?
[ $rc = 1 ] || { echo "status $rc, want 1"; cat err; exit 1; }
fail=0
want() { grep -qE -- "$1" err || { echo "report lacks: $1"; fail=1; }; }
want "^thread9: deadlock: all threads are asleep\$"
want "\"other\" grp 0 blocked in recv on channel \"chan-b\""
want "^		other at .*dead_stacks\.c:$(line other-recv)\$"
want "^		created by threadmain at .*dead_stacks\.c:$(line create-other)\$"
want "blocked in recv on channel \"chan-a\""
want "^		threadmain at .*dead_stacks\.c:$(line main-recv)\$"
[ $fail = 0 ] || { cat err; exit 1; }
exit 0
