# The gdb extension (tools/libthread-gdb.py, docs/DEBUGGING.md), in batch mode: on the
# live program stopped at a checkpoint once its threads are blocked, and on a core file
# of it: the kernel's (the program dies of SIGABRT, sent by gdb) and gcore's (run with
# THREAD9_STACKGUARD=mprotect: gcore cannot read through MADV_GUARD_INSTALL guards and
# writes zeros for the stacks; docs/DEBUGGING.md): `thread9 list` shows each thread's name and wait, and
# `thread9 bt` each one's C function at file:line. Linked with the .so the script is
# auto-loaded from beside the library (build/libthread.so.0.1.0-gdb.py); linked with
# libthread.a it is sourced. Skipped (77) only when gdb cannot trace a process.
set -u
prog=$1
src=$T9TOP/ctests/gdb_threads.c
command -v gdb >/dev/null || { echo "gdb is not installed (tools/setup.sh installs it)"; exit 1; }
gdb -nx -batch -ex run /bin/true >probe.out 2>&1
if grep -qiE 'ptrace|not permitted|cannot attach|Could not trace' probe.out; then
	cat probe.out
	echo "gdb cannot ptrace here"
	exit 77
fi

# Auto-loaded next to libthread.so.0.1.0, or sourced for a static program.
if ldd "$prog" | grep -q 'libthread\.so'; then
	[ -f "$T9BUILD/libthread.so.0.1.0-gdb.py" ] || { echo "no $T9BUILD/libthread.so.0.1.0-gdb.py (make lib puts it there)"; exit 1; }
	load=""
else
	load="source $T9TOP/tools/libthread-gdb.py"
fi

cat >live.gdb <<GDB
set pagination off
set confirm off
$load
break t9checkpoint
run
python
# Wait (checkpoint by checkpoint) until the four threads are parked.
for i in range(200):
    out = gdb.execute("thread9 list", to_string=True)
    if out.count("blocked in recv") >= 3 and "blocked in alt" in out and '"sleeper" sleep' in out and "hosting" in out:
        break
    gdb.execute("continue", to_string=True)
end
echo ==list\n
thread9 list
echo ==bt\n
thread9 bt all
echo ==one\n
thread9 bt 2
echo ==bad\n
python
try:
    gdb.execute("thread9 bt 999")
except gdb.error as e:
    print(e)
end
echo ==abort\n
signal SIGABRT
GDB
ulimit -c unlimited 2>/dev/null || true
rm -f core core.[0-9]*
gdb -nx -batch -iex 'set auto-load safe-path /' -x live.gdb "$prog" >live.out 2>&1
kcore=$(ls core core.[0-9]* 2>/dev/null | head -1)
sed -e '/^echo ==bad/,$d' live.gdb >gcore.gdb
printf 'gcore core.t9\nkill\n' >>gcore.gdb
THREAD9_STACKGUARD=mprotect gdb -nx -batch -iex 'set auto-load safe-path /' -x gcore.gdb "$prog" >gcore.out 2>&1
cat >core.gdb <<GDB
set pagination off
$load
echo ==list\n
thread9 list
echo ==bt\n
thread9 bt all
GDB

ok=0
check() {	# check FILE WHAT PATTERN
	if ! grep -qE -- "$3" "$1"; then
		echo "FAIL ($1): $2: no line matching: $3"
		ok=1
	fi
}
line() { grep -n "LINE $1 \*/" "$src" | cut -d: -f1; }
verify() {	# verify OUTPUT
	out=$1
	check "$out" list 'thread [0-9]+ "receiver" blocked in recv on channel "work"'
	check "$out" list 'thread [0-9]+ "alter" blocked in alt'
	check "$out" list 'thread [0-9]+ "sleeper" sleep'
	check "$out" list 'thread [0-9]+ "procthread" blocked in recv on channel "work2"'
	check "$out" list 'thread [0-9]+ "hoster" blocked in recv on channel "hc", hosting thread 1'
	check "$out" list 'proc 1 .*: 1 threads'
	check "$out" list 'runs procthread, created by threadmain at .*gdb_threads\.c:[0-9]+'
	for f in receiver alter sleeper procthread hoster; do
		check "$out" "bt $f" "in $f \\(\\) at .*gdb_threads\\.c:$(line $f)\$"
	done
}
verify live.out
check live.out 'bt 2' '^thread 2 \(proc 0\) "receiver"'
check live.out 'bt of a bad id' 'no thread 999'
verify gcore.out
if [ -f core.t9 ]; then
	gdb -nx -batch -iex 'set auto-load safe-path /' -x core.gdb "$prog" core.t9 >core.out 2>&1
	verify core.out
else
	echo "FAIL: gcore wrote no core.t9"
	ok=1
fi
# The kernel's core: only where core_pattern writes a file here (not a pipe to a
# crash collector) and the core size limit allows it.
if [ -n "$kcore" ]; then
	gdb -nx -batch -iex 'set auto-load safe-path /' -x core.gdb "$prog" "$kcore" >kcore.out 2>&1
	verify kcore.out
	echo "kernel core dump checked ($kcore)"
else
	echo "note: no kernel core dump (core_pattern $(cat /proc/sys/kernel/core_pattern), ulimit -c $(ulimit -c)): only gcore's checked"
fi
if [ $ok != 0 ]; then
	for f in live gcore core kcore; do [ -f $f.out ] && { echo "--- $f"; cat $f.out; }; done
fi
rm -f core.t9 $kcore
exit $ok
