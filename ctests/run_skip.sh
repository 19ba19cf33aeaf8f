# ctests/run.sh reports skips as skips, never as passes (issue 16): a copy of it runs
# a small tree of its own. A driver that exits 77 is skipped; a FUSE test (sources
# serve_lib.sh) skips without the FUSE device and fails if it skips where the
# device exists; CTEST_SKIP names are reported skipped; CTEST_NOSKIP=1 fails skips.
bin=${1:?}
unset CTEST_SKIP CTEST_SKIP_WHY CTEST_NOSKIP
t=$(mktemp -d /tmp/t9runskip.XXXXXX)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/ctests" "$t/include" "$t/b"
ln -s "$T9TOP/include/thread9" "$t/include/thread9"
ln -s "$T9BUILD"/libthread* "$t/b/"
cp "$T9TOP/ctests/run.sh" "$T9TOP/ctests/serve_lib.sh" "$t/ctests/"
for n in good skipper fuse badfuse; do cp "$T9TOP/ctests/run_skip.c" "$t/ctests/$n.c"; done
echo 'out=$("$1"); [ "$out" = ran ]' >"$t/ctests/good.sh"
printf 'echo "SKIPPED: nothing to test here"\nexit 77\n' >"$t/ctests/skipper.sh"
printf '. "$T9TOP/ctests/serve_lib.sh"\n"$1" >/dev/null\n' >"$t/ctests/fuse.sh"
# a FUSE test that skips for another reason
printf '. "$T9TOP/ctests/serve_lib.sh"\necho "SKIPPED: not today"\nexit 77\n' >"$t/ctests/badfuse.sh"
bad=0
check() {	# check WHAT WANT_STATUS OUTPUT_FILE LINE...
	what=$1 want=$2 f=$3; shift 3
	[ "$rc" = "$want" ] || { echo "$what: run.sh exit status $rc, want $want"; bad=1; }
	for l in "$@"; do
		grep -qxF -- "$l" "$f" || { echo "$what: no line '$l' in:"; sed 's/^/    /' "$f"; bad=1; }
	done
}
# no FUSE device: the FUSE test skips too
T9FUSE=$t/nodev sh "$t/ctests/run.sh" "$t/b" good skipper fuse >"$t/o1" 2>&1; rc=$?
check "no device" 0 "$t/o1" "ok   good" "skip skipper: SKIPPED: nothing to test here" \
	"skip fuse: SKIPPED: no $t/nodev" "1 passed, 0 failed, 2 skipped"
# the device exists: a FUSE test that skips fails
touch "$t/dev"
T9FUSE=$t/dev sh "$t/ctests/run.sh" "$t/b" skipper badfuse >"$t/o2" 2>&1; rc=$?
check "device" 1 "$t/o2" "skip skipper: SKIPPED: nothing to test here" \
	"FAIL badfuse: a FUSE test skipped although $t/dev exists (SKIPPED: not today)" "0 passed, 1 failed, 1 skipped"
# CTEST_SKIP, CTEST_NOSKIP; no skips: the closing line as before
CTEST_SKIP="good" CTEST_SKIP_WHY="told to" sh "$t/ctests/run.sh" "$t/b" good >"$t/o3" 2>&1; rc=$?
check "CTEST_SKIP" 0 "$t/o3" "skip good: told to" "0 passed, 0 failed, 1 skipped"
CTEST_NOSKIP=1 sh "$t/ctests/run.sh" "$t/b" good skipper >"$t/o4" 2>&1; rc=$?
check "CTEST_NOSKIP" 1 "$t/o4" "ok   good" "1 passed, 1 failed"
exit $bad
