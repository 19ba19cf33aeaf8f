# The SIGQUIT dump: file:line of each blocked thread and of its creator, the objects
# of the waits, their durations, grouping of identical stacks (LIBTHREAD=dumpall: all).
src=$T9TOP/ctests/dump_stacks.c
line() { grep -n "MARK:$1\b" "$src" | head -1 | cut -d: -f1; }
out=$("$1" 2>err) || { echo "status $?"; cat err; exit 1; }
[ "$out" = dumped ] || { echo "stdout: $out"; exit 1; }
fail=0
want() { grep -qE -- "$1" err || { echo "dump lacks: $1"; fail=1; }; }
want "thread [0-9]+ \"receiver\" grp 0 blocked in recv on channel \"to-receiver\" \[[0-9]+ s\]"
want "^		receiver at .*dump_stacks\.c:$(line recv)\$"
want "^		created by threadmain at .*dump_stacks\.c:$(line create-receiver)\$"
want "\"alter\" grp 0 blocked in alt on recv \"alt-a\", send \"alt-b\""
want "^		alter at .*dump_stacks\.c:$(line alt)\$"
want "sleeping until \+[0-9.]+ s"
want "^		sleeper at .*dump_stacks\.c:$(line sleep)\$"
want "blocked on a lock at 0x[0-9a-f]+ \(lk\)"
want "^		locker at .*dump_stacks\.c:$(line qlock)\$"
want "waiting for fd [0-9]+ \(read\)"
want "^		fdwaiter at .*dump_stacks\.c:$(line fd)\$"
want "^		worker at .*dump_stacks\.c:$(line worker)\$"
want "^		created by threadmain at .*dump_stacks\.c:$(line create-workers)\$"
want "^	\+ 29 more threads with this wait, stack and creator"
n=$(grep -c "worker at .*dump_stacks\.c:$(line worker)\$" err)
[ "$n" = 1 ] || { echo "worker stack printed $n times, want 1 (grouped)"; fail=1; }
[ $fail = 0 ] || { cat err; exit 1; }
# LIBTHREAD=dumpall: every worker, no grouping.
LIBTHREAD=dumpall "$1" >/dev/null 2>err.all || { echo "dumpall: status $?"; exit 1; }
n=$(grep -c "worker at .*dump_stacks\.c:$(line worker)\$" err.all)
[ "$n" = 30 ] || { echo "dumpall: worker stack printed $n times, want 30"; cat err.all; exit 1; }
if grep -q "more threads with this" err.all; then echo "dumpall grouped threads"; exit 1; fi
exit 0
