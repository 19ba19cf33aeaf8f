#!/bin/sh
# Runs every C test program in ctests/ against the freshly built library.
#   sh ctests/run.sh BUILD_DIR [NAME...]
# For each NAME.c: compiled with include/thread9 and -lthread from BUILD_DIR, then
#   NAME.sh    if present, `sh NAME.sh ./binary` decides (exit 0 = pass, 77 = skipped,
#              its last line saying why; a FUSE test, one that sources serve_lib.sh,
#              must not skip where $T9FUSE (default /dev/fuse) exists: that fails);
#   otherwise  run with the words of NAME.args (if any), and compare:
#     NAME.out stdout, exactly (if present)
#     NAME.rc  exit status (default 0)
#     NAME.err each line must occur in stderr (fixed strings)
#   NAME.flags extra compiler flags; NAME.timeout seconds (default 60).
# $CTEST_LIBS, if set, replaces "-L BUILD_DIR -lthread ..." on the link line
# (tests/dropin.sh links the plan9port drop-in archive and a stand-in lib9.a).
# Names in $CTEST_SKIP are not run but reported as skipped ($CTEST_SKIP_WHY says why).
# With CTEST_NOSKIP=1 every skip fails instead.
# Ends with the line "N passed, N failed" (then ", N skipped" if any were).
B=${1:?usage: run.sh BUILD_DIR [NAME...]}; shift
B=$(cd "$B" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
W=$B/ctests; mkdir -p "$W"
CC=${CC:-cc}
CFLAGS=${CTEST_CFLAGS:--O1 -g -Wall -Wno-unused -Wno-parentheses -Wno-missing-braces -fstack-clash-protection}
pass=0; fail=0; failed=""; skip=0; skipped=""
FUSE=${T9FUSE:-/dev/fuse}
names="$*"
[ -n "$names" ] || names=$(cd "$top/ctests" && ls *.c | sed 's/\.c$//')
for n in $names; do
	case " $CTEST_SKIP " in
	*" $n "*)
		if [ "$CTEST_NOSKIP" = 1 ]; then
			echo "FAIL $n: skipped (${CTEST_SKIP_WHY:-CTEST_SKIP}) under CTEST_NOSKIP=1"
			fail=$((fail+1)); failed="$failed $n"
		else
			echo "skip $n: ${CTEST_SKIP_WHY:-CTEST_SKIP}"; skip=$((skip+1)); skipped="$skipped $n"
		fi
		continue;;
	esac
	src=$top/ctests/$n.c
	flags=""; [ -f "$top/ctests/$n.flags" ] && flags=$(cat "$top/ctests/$n.flags")
	if [ -n "${CTEST_LIBS:-}" ]; then
		# shellcheck disable=SC2086
		$CC $CFLAGS -I"$top/include/thread9" -o "$W/$n" "$src" $flags $CTEST_LIBS >"$W/$n.build" 2>&1
	else
		$CC $CFLAGS -I"$top/include/thread9" -o "$W/$n" "$src" $flags -L"$B" -lthread -Wl,-rpath,"$B" -lpthread >"$W/$n.build" 2>&1
	fi
	if [ $? -ne 0 ]; then
		echo "FAIL $n (build)"; sed 's/^/    /' "$W/$n.build" | head -20
		fail=$((fail+1)); failed="$failed $n"; continue
	fi
	to=60; [ -f "$top/ctests/$n.timeout" ] && to=$(cat "$top/ctests/$n.timeout")
	if [ -f "$top/ctests/$n.sh" ]; then
		(cd "$W" && T9TOP="$top" T9BUILD="$B" T9FUSE="$FUSE" timeout "$to" sh "$top/ctests/$n.sh" "$W/$n" >"$W/$n.log" 2>&1)
		rc=$?
		if [ $rc = 0 ]; then
			echo "ok   $n"; pass=$((pass+1))
		elif [ $rc = 77 ]; then
			why=$(tail -1 "$W/$n.log")
			if [ -e "$FUSE" ] && grep -q 'serve_lib\.sh' "$top/ctests/$n.sh"; then
				echo "FAIL $n: a FUSE test skipped although $FUSE exists ($why)"
				fail=$((fail+1)); failed="$failed $n"
			elif [ "$CTEST_NOSKIP" = 1 ]; then
				echo "FAIL $n: skipped under CTEST_NOSKIP=1 ($why)"
				fail=$((fail+1)); failed="$failed $n"
			else
				echo "skip $n: $why"; skip=$((skip+1)); skipped="$skipped $n"
			fi
		else
			echo "FAIL $n"; sed 's/^/    /' "$W/$n.log" | tail -20
			fail=$((fail+1)); failed="$failed $n"
		fi
		continue
	fi
	args=""; [ -f "$top/ctests/$n.args" ] && args=$(cat "$top/ctests/$n.args")
	(cd "$W" && timeout "$to" "$W/$n" $args >"$W/$n.stdout" 2>"$W/$n.stderr" </dev/null)
	rc=$?
	want=0; [ -f "$top/ctests/$n.rc" ] && want=$(cat "$top/ctests/$n.rc")
	why=""
	[ "$rc" = "$want" ] || why="exit status $rc, want $want"
	if [ -z "$why" ] && [ -f "$top/ctests/$n.out" ] && ! cmp -s "$top/ctests/$n.out" "$W/$n.stdout"; then
		why="stdout differs:"; diff "$top/ctests/$n.out" "$W/$n.stdout" | head -10 >"$W/$n.diff"
	fi
	if [ -z "$why" ] && [ -f "$top/ctests/$n.err" ]; then
		while IFS= read -r line; do
			grep -qF -- "$line" "$W/$n.stderr" || { why="stderr lacks: $line"; break; }
		done <"$top/ctests/$n.err"
	fi
	if [ -z "$why" ]; then
		echo "ok   $n"; pass=$((pass+1))
	else
		echo "FAIL $n: $why"
		[ -f "$W/$n.diff" ] && sed 's/^/    /' "$W/$n.diff" && rm -f "$W/$n.diff"
		sed 's/^/    stderr: /' "$W/$n.stderr" | head -10
		fail=$((fail+1)); failed="$failed $n"
	fi
done
[ -n "$skipped" ] && echo "skipped:$skipped"
[ -n "$failed" ] && echo "failed:$failed"
if [ $skip -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
