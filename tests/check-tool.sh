#!/bin/sh
# make check-asan | check-tsan | check-valgrind: the C tests under a dynamic checker.
#   sh tests/check-tool.sh asan|tsan|valgrind [BUILD_DIR] [NAME...]
# The test programs are rebuilt with the tool (ASan/TSan: -fsanitize=... on the C
# program; the library stays uninstrumented Rust and annotates its coroutine switches
# itself), run by ctests/run.sh as usual, and every report the tool writes fails the
# run. Reports go to BUILD_DIR/check-TOOL/logs/. Tests the tool cannot run are listed
# with the reason below and skipped.
tool=${1:?usage: check-tool.sh asan|tsan|valgrind [BUILD_DIR] [NAME...]}; shift
top=$(cd "$(dirname "$0")/.." && pwd)
B=${1:-$top/build}; [ $# -gt 0 ] && shift
B=$(cd "$B" && pwd) || exit 2
[ -f "$B/libthread.so" ] || { echo "check-tool: no $B/libthread.so (run make lib)"; exit 2; }
W=$B/check-$tool; L=$W/logs
rm -rf "$W"; mkdir -p "$L"
base="-O1 -g -Wall -Wno-unused -Wno-parentheses -Wno-missing-braces -fstack-clash-protection -fno-omit-frame-pointer"

# Skipped everywhere: limit_mem, limit_abort and fault_chanmem cap RLIMIT_AS, which the tools' own reservations
# (sanitizer shadow memory, valgrind's address space manager) exceed at once.
skip="limit_mem fault_chanmem limit_abort"
case $tool in
asan)
	export CTEST_CFLAGS="$base -fsanitize=address"
	# detect_stack_use_after_return: off, its fake frames live outside the coroutine
	# stacks (it works, but the 100k-thread test would need gigabytes of them).
	export ASAN_OPTIONS="log_path=$L/asan:detect_leaks=0:abort_on_error=0:detect_stack_use_after_return=0"
	# kill_send checks that RSS stays flat; ASan's quarantine keeps freed memory.
	skip="$skip kill_send"
	# crash_thread: under a sanitizer thread9 leaves SIGSEGV & co. to the tool, whose
	# report replaces thread9's (by design). gdb_threads checks core files, which ASan
	# and TSan turn off (disable_coredump).
	skip="$skip crash_thread gdb_threads"
	;;
tsan)
	export CTEST_CFLAGS="$base -fsanitize=thread"
	# die_after_fork=0: after a threadspawn TSan refuses the parent's next
	# pthread_create ("starting new threads after multi-threaded fork"); the child
	# is started with clone(CLONE_VM|CLONE_VFORK), so it runs in the parent's
	# memory, TSan's state included, until exec (the likely reason).
	# The library is not instrumented, so TSan sees only the libc calls it makes
	# (memcpy, malloc...), never the atomics ordering them: ignore those calls
	# (called_from_lib) and rely on the library's own annotations (src/san/tsan.rs)
	# for the synchronisation C code sees.
	printf 'called_from_lib:libthread.so\n' >"$W/tsan.supp"
	export TSAN_OPTIONS="log_path=$L/tsan:die_after_fork=0:suppressions=$W/tsan.supp"
	# Every thread9 thread is a TSan fiber, and TSan dies beyond 8128 threads+fibers.
	# spawn_tspawn times two parallel `sleep 1`s (< 1.9 s), too tight under TSan.
	# errstr_thread: its own ncase/nfail counters are bumped from two procs without
	# synchronisation (a race in the test, reported to its owner), not the library.
	# poll_deadline bounds wake-up lateness (50 ms); note_atnotify, note_notify time
	# out (TSan defers asynchronous signals until the thread makes an intercepted
	# call; not investigated further).
	# wait_early starts 405 processes, each a TSan start-up: past its 60 s limit.
	# lib9_parity_sys: a killed rfork child exits 1 under TSan (its signal
	# interception stands between the note and the default action), not by signal.
	skip="$skip limit_threads manythreads spawn_tspawn errstr_thread poll_deadline note_atnotify note_notify"
	skip="$skip wait_early lib9_parity_sys"
	# Too slow under TSan for their 60 s limit (each thread9 thread is a TSan fiber,
	# created and destroyed through TSan): kill_send kills 100,000 threads (~170 s),
	# lib9_tprimes chains 1,229 sieve threads (~80 s).
	skip="$skip kill_send lib9_tprimes"
	# As under ASan: the tool's fault report replaces thread9's; no core files.
	skip="$skip crash_thread gdb_threads"
	# dump_lazy counts the OS threads at start-up; TSan adds its background thread.
	# dead_notify and lib9_calls end in notes (a handler exits; a signal ends a child)
	# and fail as note_notify does: TSan defers asynchronous signals and calls the
	# handler's exit "signal-unsafe".
	skip="$skip dump_lazy dead_notify lib9_calls"
	;;
valgrind)
	command -v valgrind >/dev/null || { echo "check-tool: valgrind is not installed"; exit 2; }
	# Each test binary becomes a script running the real one under memcheck, so the
	# NAME.sh checkers run it through valgrind too.
	mkdir -p "$W/bin"
	cat >"$W/bin/cc" <<EOC
#!/bin/sh
# cc wrapper: build the test as .real/NAME (same basename, so argv0 and messages
# do not change), make NAME a script running it under valgrind.
out=""; prev=""
for a in "\$@"; do [ "\$prev" = "-o" ] && out=\$a; prev=\$a; done
real=\$(dirname "\$out")/.real/\$(basename "\$out")
mkdir -p "\$(dirname "\$real")"
i=0; for a in "\$@"; do
	i=\$((i+1)); [ \$i -eq 1 ] && set --
	if [ "\$a" = "\$out" ]; then set -- "\$@" "\$real"; else set -- "\$@" "\$a"; fi
done
${CC:-cc} "\$@" || exit 1
cat >"\$out" <<EOW
#!/bin/sh
exec valgrind -q --error-exitcode=99 --log-file=$L/vg.%p --track-origins=yes --max-stackframe=10000000 "\$real" "\\\$@"
EOW
chmod +x "\$out"
EOC
	chmod +x "$W/bin/cc"
	export CC="$W/bin/cc" CTEST_CFLAGS="$base"
	# 100,000 threads take minutes under memcheck (limit_threads, manythreads);
	# the deliberate use-after-free tests read freed memory on purpose (bad_freed,
	# bad_doublefree, bad_ioclosed, io_close); kill_send checks RSS, which
	# memcheck inflates, and spawn_tspawn a 1.9 s bound;
	# exec_fds re-executes itself through /proc/self/exe, which is valgrind's
	# launcher ("You cannot run ... directly"); exec_missing: valgrind runs
	# threadspawn's clone(CLONE_VM|CLONE_VFORK) as a plain fork, so the child's
	# exec error, written to memory it shares with the parent, never arrives.
	# f2c_basic, f2c_more, resmgr_err: their FUSE servers start and answer slower
	# under memcheck than the scripts' fixed timeouts allow; poll_deadline checks wake-up
	# order and lateness in milliseconds, which memcheck's slowdown breaks.
	skip="$skip poll_deadline limit_threads manythreads bad_freed bad_doublefree bad_ioclosed io_close kill_send spawn_tspawn exec_fds exec_missing f2c_basic f2c_more resmgr_err"
	;;
*)
	echo "usage: check-tool.sh asan|tsan|valgrind [BUILD_DIR] [NAME...]"; exit 2;;
esac

# First, a known bug (tests/toolbug.c) must be reported: proof that the tool works
# through thread9's stacks and that its reports reach us.
what=heap; [ $tool = tsan ] && what=race
mkdir -p "$W/self"
if ! ${CC:-cc} $CTEST_CFLAGS $( [ $tool = asan ] && echo -fsanitize=address ) $( [ $tool = tsan ] && echo -fsanitize=thread ) \
	-I"$top/include/thread9" -o "$W/self/toolbug" "$top/tests/toolbug.c" -L"$B" -lthread -Wl,-rpath,"$B" -lpthread; then
	echo "check-$tool: cannot build tests/toolbug.c"; exit 2
fi
timeout 120 "$W/self/toolbug" $what >/dev/null 2>&1 </dev/null
find "$L" -type f -empty -delete
if [ "$(ls "$L" | wc -l)" -eq 0 ]; then
	echo "check-$tool: FAIL: the tool did not report the known bug in tests/toolbug.c ($what)"
	exit 1
fi
echo "check-$tool: the known bug in tests/toolbug.c ($what) is reported:"
grep -h -m3 -E "ERROR|WARNING|Invalid|at 0x|#0|#1" "$L"/* | head -6 | sed 's/^/    /'
rm -f "$L"/*

# run.sh reports the skipped ones as skipped (CTEST_SKIP), never as passed.
export CTEST_SKIP="$skip" CTEST_SKIP_WHY="not run under $tool (tests/check-tool.sh)"
# run.sh builds into BUILD_DIR/ctests; use a private copy of the library directory
# so the tool's binaries do not overwrite the normal ones.
mkdir -p "$W/lib"
cp -P "$B"/libthread.so* "$W/lib/"
sh "$top/ctests/run.sh" "$W/lib" "$@"
rc=$?
reports=$(ls "$L" | wc -l)
case $tool in
valgrind)
	# valgrind 3.19 does not know epoll_pwait2 (syscall 441) and says so; the poller
	# then falls back to epoll_wait. That notice is not a report about the program.
	for f in "$L"/*; do
		[ -f "$f" ] || continue
		grep -v -e 'unhandled amd64-linux syscall: 441' -e 'You may be able to write your own handler' \
			-e 'Read the file README_MISSING_SYSCALL_OR_IOCTL' -e 'Nevertheless we consider this a bug' \
			-e 'it at http://valgrind.org/support/bug_reports.html' "$f" >"$f.kept" || true
		mv "$f.kept" "$f"
	done
	# -q: a log is written only when there is something to say; empty ones are fine.
	find "$L" -type f -empty -delete
	reports=$(ls "$L" | wc -l);;
esac
if [ "$reports" -gt 0 ]; then
	echo "check-$tool: $reports report(s):"
	for f in "$L"/*; do echo "== $f"; head -40 "$f"; done
	rc=1
fi
[ $rc -eq 0 ] && echo "check-$tool: clean"
exit $rc
