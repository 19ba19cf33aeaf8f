#!/bin/sh
# Correctness check of the benchmark programs (no timing): builds every C
# workload against BUILD_DIR's libthread, runs it once with a small N and
# compares its checksum line; the Go versions too when `go` is installed.
#   sh benches/check.sh BUILD_DIR
# Ends with the line "N passed, N failed" (then ", N skipped" if any were).
B=${1:?usage: check.sh BUILD_DIR}
B=$(cd "$B" && pwd) || exit 1
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$here/lib.sh"
W=$B/benchcheck; mkdir -p "$W"
pass=0; fail=0; failed=""; skip=0

smalln() {
	case $1 in
	w4) echo 100;; w5) echo 10000;; w6|w6x) echo 10000;; w10io) echo 500;;
	w11fr|w11mr) echo 300;; w11fs|w11ms) echo 20;; w12p1|w12p2) echo 20000;; *) echo 2000;;
	esac
}

# one LABEL ID CMD...: run CMD with the small N, compare with expect.
one() {
	_l=$1; _w=$2; shift 2
	_n=$(smalln $_w)
	_want=$(expect $_w $_n)
	_got=$(timeout 60 "$@" $_n 2>"$W/$_l.$_w.err" </dev/null)
	_rc=$?
	if [ $_rc -eq 77 ] && isw11 $_w; then
		echo "skip $_l $_w: $(tail -1 "$W/$_l.$_w.err")"; skip=$((skip+1))
	elif [ $_rc -eq 0 ] && [ "$_got" = "$_want" ] && grep -q '^bench: ops=' "$W/$_l.$_w.err"; then
		echo "ok   $_l $_w"; pass=$((pass+1))
	else
		echo "FAIL $_l $_w N=$_n: exit $_rc, got '$_got', want '$_want'"
		sed 's/^/    stderr: /' "$W/$_l.$_w.err" | head -10
		fail=$((fail+1)); failed="$failed $_l/$_w"
	fi
}

if buildc "$here" "$W" "$top/include/thread9" "$B" >"$W/build.log" 2>&1; then
	for w in $WORKLOADS; do
		one c $w "$W/$w"
	done
else
	echo "FAIL c (build)"; sed 's/^/    /' "$W/build.log" | head -20
	fail=$((fail+1)); failed="$failed c/build"
fi

# serve_bench.c (benches/README: file serving) is run by hand; check that it builds.
if ${CC:-cc} -O2 -I"$top/include/thread9" "$here/serve_bench.c" -o "$W/serve_bench" \
	-L"$B" -lthread -Wl,-rpath,"$B" >"$W/serve_bench.log" 2>&1; then
	echo "ok   c serve_bench (builds)"; pass=$((pass+1))
else
	echo "FAIL c serve_bench (build)"; sed 's/^/    /' "$W/serve_bench.log" | head -10
	fail=$((fail+1)); failed="$failed c/serve_bench"
fi

# W11's libfuse3 peer, where libfuse3-dev is installed (tools/setup.sh installs it).
mkdir -p "$W/fuse"
if buildfuse "$W/fuse" >"$W/fusebuild.log" 2>&1; then
	for w in w11fr w11fs; do
		one libfuse $w "$W/fuse/$(fusepeer $w)"
	done
else
	echo "skip libfuse: no libfuse3 to build W11's peer (tools/setup.sh installs libfuse3-dev)"
	skip=$((skip+1))
fi

if command -v go >/dev/null 2>&1; then
	[ -n "$HOME" ] || export GOCACHE="$B/go-cache"
	if (cd "$here/go" && GOPROXY=off GOFLAGS=-buildvcs=false go build -o "$W/gobench" .) >"$W/gobuild.log" 2>&1; then
		for w in $WORKLOADS; do
			isw11 $w || one go $w env GOMAXPROCS=2 "$W/gobench" $w
		done
	else
		echo "FAIL go (build)"; sed 's/^/    /' "$W/gobuild.log" | head -20
		fail=$((fail+1)); failed="$failed go/build"
	fi
else
	echo "skip go: no go toolchain (benches/run.sh installs it)"
	skip=$((skip+1))
fi

[ -n "$failed" ] && echo "failed:$failed"
if [ $skip -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
