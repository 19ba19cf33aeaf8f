# LIBTHREAD=trace lines carry a monotonic timestamp and the running thread's name;
# LIBTHREAD=trace=FILE.json writes a timeline that tools/tracecheck.py validates
# (balanced slices per proc track, paired flow arrows, instants naming channels), at
# exit(3) and when the deadlock report ends the program. Without the word nothing
# is traced and no file is written.
set -u
prog=$1
check=$T9TOP/tools/tracecheck.py
fail() { echo "FAIL: $*"; exit 1; }

out=$("$prog" 2>err.off) || fail "plain run failed"
[ "$out" = 220 ] || fail "stdout: $out"
[ -s err.off ] && fail "stderr without tracing: $(head -3 err.off)"

out=$(LIBTHREAD=trace "$prog" 2>err.lines) || fail "traced run failed"
[ "$out" = 220 ] || fail "stdout with trace: $out"
grep -qE '^thread9 trace: [0-9]+\.[0-9]{9} proc [0-9]+ thread [0-9]+ "ring5": thread [0-9]+ recvul on channel "ring5"$' err.lines ||
	{ head -20 err.lines; fail "no timestamped line naming thread ring5"; }
# Timestamps never go backwards within a proc.
for p in 0 3; do
	grep "^thread9 trace: [0-9.]* proc $p " err.lines | awk '{ if ($3 < last) { print "backwards: " $0; bad=1 } last=$3 } END { exit bad }' ||
		fail "proc $p timestamps go backwards"
done

rm -f t.json
out=$(LIBTHREAD=trace=t.json "$prog" 2>err.json) || fail "run with trace=t.json failed"
[ "$out" = 220 ] || fail "stdout with trace=t.json: $out"
[ -s err.json ] && fail "trace=FILE wrote to stderr: $(head -3 err.json)"
python3 "$check" t.json --procs 12 --flows --want 'blocks: Recv on channel "ring' \
	--want 'recvul on channel "ring11"' || fail "t.json"
grep -q '"name":"ring7"' t.json || fail "no slice named after thread ring7"

# Both words at once: lines and the file.
rm -f t2.json
LIBTHREAD=trace,trace=t2.json "$prog" >/dev/null 2>err.both || fail "trace,trace=t2.json failed"
grep -q '^thread9 trace: ' err.both || fail "trace,trace=FILE printed no lines"
python3 "$check" t2.json --procs 12 >/dev/null || fail "t2.json"

# The deadlock report ends the program with _exit: the file is written first.
rm -f d.json
LIBTHREAD=trace=d.json "$prog" deadlock >/dev/null 2>err.dead
rc=$?
[ $rc = 1 ] || fail "deadlock run exited $rc"
grep -q 'deadlock' err.dead || fail "no deadlock report: $(cat err.dead)"
python3 "$check" d.json --procs 12 --want 'blocks: Recv on channel "ring0"' || fail "d.json"

# A path that cannot be created: said at start-up, the program runs untraced.
out=$(LIBTHREAD=trace=/nonexistent/dir/t.json "$prog" 2>err.bad) || fail "run with a bad trace path failed"
[ "$out" = 220 ] || fail "stdout with a bad trace path: $out"
grep -q 'LIBTHREAD=trace=/nonexistent/dir/t.json: No such file or directory' err.bad || fail "bad path: $(cat err.bad)"
echo ok
