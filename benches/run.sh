#!/bin/sh
# The benchmark suite: thread9 against Go (GOMAXPROCS=1 and 2), W11 (FUSE file
# serving) against libfuse3 instead, and, if $PLAN9 names a plan9port tree,
# against plan9port's libthread. Writes an SVG chart of the results
# ($BUILD/bench/bench.svg) with gnuplot when it is installed (tools/setup.sh).
#   sh benches/run.sh [ID...]		(make bench runs it with all workloads)
# Environment: BUILD (default ./build, must hold libthread.so; `make lib` is run
# if it does not), REPS (runs per program, default 5), PLAN9 (optional),
# W9M=0 skips the one-shot 1,000,000-idle-thread row (needs ~5 GiB, ~10 s).
# Each rep runs every workload once per implementation, interleaved, so machine
# noise spreads over all columns alike. Prints one table; exits non-zero if any
# program failed or printed a wrong checksum.
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$here/lib.sh"
B=${BUILD:-$top/build}
REPS=${REPS:-5}
W9M=${W9M:-1}
ids="$*"; [ -n "$ids" ] || ids=$WORKLOADS

[ -f "$B/libthread.so" ] || ${MAKE:-make} -C "$top" lib || exit 1
B=$(cd "$B" && pwd)
O=$B/bench; mkdir -p "$O/ours"
CC=${CC:-cc}

# Go from the distribution's packages (no other network access: GOPROXY=off).
if ! command -v go >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	echo "run.sh: installing golang-go" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null 2>&1 ||
	{ apt-get update -qq >/dev/null 2>&1 &&
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null 2>&1; }
fi
impls="ours"
if command -v go >/dev/null 2>&1; then
	[ -n "$HOME" ] || export GOCACHE="$O/go-cache"
	if (cd "$here/go" && GOPROXY=off GOFLAGS=-buildvcs=false go build -o "$O/gobench" .); then
		impls="$impls go1 go2"
	else
		echo "run.sh: go build failed: no Go columns" >&2
	fi
else
	echo "run.sh: no go toolchain: no Go columns" >&2
fi

$CC -O2 -o "$O/runwrap" "$here/runwrap.c" || exit 1
buildc "$here" "$O/ours" "$top/include/thread9" "$B" || { echo "run.sh: build failed" >&2; exit 1; }
mkdir -p "$O/lf"
if buildfuse "$O/lf"; then
	impls="$impls lf"
else
	echo "run.sh: no libfuse3 (libfuse3-dev): no libfuse column for W11" >&2
fi

# plan9port: the same sources through its 9c/9l.
if [ -n "$PLAN9" ]; then
	mkdir -p "$O/p9"
	ok=1
	for w in $(echo $WORKLOADS | tr ' ' '\n' | grep -v '^w1[0-2]'); do
		src=$here/$w.c; x=""
		[ $w = w6x ] && { src=$here/w6.c; x=-DCROSS; }
		(cd "$O/p9" && PLAN9=$PLAN9 "$PLAN9/bin/9c" $x -I"$here" -o $w.o "$src" &&
			PLAN9=$PLAN9 "$PLAN9/bin/9l" -o $w $w.o) || ok=0
	done
	[ $ok = 1 ] && impls="$impls p9" || echo "run.sh: plan9port build failed: no plan9port column" >&2
fi

# cmd IMPL ID: the command line (without N).
cmd() {
	case $1 in
	ours) echo "$O/ours/$2";;
	go1) echo "env GOMAXPROCS=1 $O/gobench $2";;
	go2) echo "env GOMAXPROCS=2 $O/gobench $2";;
	p9) echo "$O/p9/$2";;
	lf) echo "$O/lf/$(fusepeer $2)";;
	esac
}

# runs IMPL ID: whether IMPL has a program for workload ID.
runs() {
	case $1 in
	ours) return 0;;
	lf) isw11 $2;;
	p9) case $2 in w1[0-2]*) return 1;; esac; return 0;;
	*) isw11 $2 && return 1; return 0;;
	esac
}

R=$O/results; : >"$R"

# runone ROW ID N IMPL REP: one run, one line in $R:
#   row impl rep ns-per-op maxrss-KiB rss-per-thread-KiB status note
runone() {
	_row=$1; _w=$2; _n=$3; _i=$4; _rep=$5
	_want=$(expect $_w $_n)
	_got=$("$O/runwrap" "$O/rss" timeout 600 $(cmd $_i $_w) $_n 2>"$O/err" </dev/null)
	_rc=$?
	_line=$(grep '^bench: ' "$O/err" | tail -1)
	_ops=$(echo "$_line" | sed -n 's/.*ops=\([0-9]*\).*/\1/p')
	_ns=$(echo "$_line" | sed -n 's/.* ns=\([0-9]*\).*/\1/p')
	_rk=$(echo "$_line" | sed -n 's/.*rsskib=\([0-9]*\).*/\1/p')
	_mx=$(sed -n 's/maxrss=//p' "$O/rss" 2>/dev/null)
	_st=ok; _note=-
	grep -q 'no ioproc' "$O/err" && _note=inline
	if [ $_rc -eq 77 ] && isw11 $_w; then
		[ "$_rep" = 1 ] && echo "run.sh: $_row $_i: $(tail -1 "$O/err")" >&2
		echo "$_row $_i $_rep 0 0 0 skip -" >>"$R"
		return
	fi
	if [ $_rc -ne 0 ] || [ "$_got" != "$_want" ] || [ -z "$_ops" ] || [ -z "$_ns" ]; then
		_st=FAIL
		echo "run.sh: $_row $_i rep $_rep: exit $_rc, checksum '$_got' (want '$_want')" >&2
		sed 's/^/    /' "$O/err" | head -5 >&2
		_ops=1; _ns=0
	fi
	echo "$_row $_i $_rep $(awk -v a=$_ns -v b=$_ops 'BEGIN{printf "%.2f", a/b}') ${_mx:-0} $(awk -v k=${_rk:-0} 'BEGIN{printf "%.3f", k/1000}') $_st $_note" >>"$R"
}

rep=1
while [ $rep -le $REPS ]; do
	echo "run.sh: rep $rep of $REPS" >&2
	for w in $ids; do
		for i in $impls; do
			runs $i $w && runone $w $w $(defaultn $w) $i $rep
		done
	done
	rep=$((rep+1))
done
# The million-thread W9 once: only its RSS per thread matters.
case " $ids " in *" w9 "*)
	if [ "$W9M" != 0 ]; then
		for i in $impls; do
			runs $i w9 && runone w9m w9 1000000 $i 1
		done
	fi
esac

awk -v impls="$impls" -v ids="$ids" '
function fmtns(v) {
	if(v >= 10000) return sprintf("%.1f us", v/1000)
	return sprintf("%.0f ns", v)
}
function median(a, n,   i, j, t) {
	for(i = 2; i <= n; i++)	# insertion sort: n is small
		for(j = i; j > 1 && a[j-1] > a[j]; j--){ t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	return n%2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1])/2
}
{
	k = $1 SUBSEP $2
	if($7 == "skip"){ skipped[k] = 1; next }
	if($7 != "ok"){ bad[k]++; next }
	n[k]++; ns[k, n[k]] = $4; kib[k, n[k]] = $6
	if($5 > peak[k]) peak[k] = $5
	if($8 != "-") note[k] = $8
}
END {
	name["ours"] = "thread9"; name["go1"] = "Go P=1"; name["go2"] = "Go P=2"; name["p9"] = "plan9port"
	name["lf"] = "libfuse"
	desc["w1"] = "ping-pong, one proc"; desc["w2"] = "ping-pong, two procs"
	desc["w3"] = "spawn thread"; desc["w4"] = "prime sieve send"; desc["w5"] = "threadring hop"
	desc["w6"] = "buffered item, one proc"; desc["w6x"] = "buffered item, two procs"
	desc["w7"] = "alt receive"; desc["w8"] = "iocall"
	desc["w9"] = "idle thread, N=100k"; desc["w9m"] = "idle thread, N=1M"
	desc["w10"] = "TCP echo round trip"; desc["w10io"] = "TCP echo, ioprocs"
	desc["w11fr"] = "FUSE 4K read, file2chan"; desc["w11mr"] = "FUSE 4K read, resmgr"
	desc["w11fs"] = "FUSE 1M read, file2chan"; desc["w11ms"] = "FUSE 1M read, resmgr"
	desc["w12p1"] = "ping-pong, P=1 pair"; desc["w12p2"] = "ping-pong, P=2 pairs"
	ni = split(impls, im, " ")
	rows = ids; if(index(" " ids " ", " w9 ")) rows = rows " w9m"
	nr = split(rows, rw, " ")
	# Medians first: the ratios need the Go medians.
	for(k in n){
		split(k, kk, SUBSEP)
		for(j = 1; j <= n[k]; j++)
			v[j] = kk[1] ~ /^w9/ ? kib[k, j] : ns[k, j]
		med[k] = median(v, n[k])
	}
	printf "%-6s %-25s %-9s %10s %10s %10s %9s %8s %8s  %s\n", "id", "workload (per op)", "impl",
		"median", "min", "max", "peakRSS", "vs GoP1", "vs GoP2", "note"
	for(r = 1; r <= nr; r++){
		w = rw[r]
		for(x = 1; x <= ni; x++){
			i = im[x]; k = w SUBSEP i
			if(k in skipped){ printf "%-6s %-25s %-9s   skipped (no /dev/fuse or not root)\n", toupper(w), desc[w], name[i]; continue }
			if(!(k in n) && !(k in bad)) continue
			line = sprintf("%-6s %-25s %-9s", toupper(w), x == 1 ? desc[w] : "", name[i])
			if(!(k in n)){ print line "   FAILED (" bad[k] " runs)"; continue }
			c = n[k]
			if(w ~ /^w9/)
				line = line sprintf(" %10s %10s %10s", sprintf("%.2f KiB", med[k]), "", "")
			else{
				mn = mx = ns[k, 1]
				for(j = 2; j <= c; j++){
					if(ns[k, j] < mn) mn = ns[k, j]
					if(ns[k, j] > mx) mx = ns[k, j]
				}
				line = line sprintf(" %10s %10s %10s", fmtns(med[k]), fmtns(mn), fmtns(mx))
			}
			line = line sprintf(" %6.1f MiB", peak[k]/1024)
			for(g = 1; g <= 2; g++){
				gk = w SUBSEP "go" g
				if(w ~ /^w11/)	# W11: vs libfuse in the first ratio column
					gk = g == 1 ? w SUBSEP "lf" : ""
				if(note[k] == "inline")
					line = line sprintf(" %8s", "n/a")
				else if(i != "go1" && i != "go2" && i != "lf" && (gk in med) && med[gk] > 0)
					line = line sprintf(" %7.2fx", med[k]/med[gk])
				else
					line = line sprintf(" %8s", "")
			}
			nt = ""
			if(k in bad) nt = nt " " bad[k] " FAILED runs;"
			if(note[k] == "inline") nt = nt " ioproc pending: iocall runs inline;"
			if(c < 2) nt = nt " 1 run;"
			if(w ~ /^w11/ && i == "ours") nt = nt " ratio vs libfuse;"
			if(w ~ /^w11/) nt = nt sprintf(" %.0f %s;", (w ~ /s$/ ? 1048576 : 4096)/med[k]*1000, w ~ /s$/ ? "MB/s" : "MB/s, " sprintf("%.0f", 1e9/med[k]) " reads/s")
			if(w ~ /^w1[02]/) nt = nt sprintf(" %.0f round trips/s;", 1e9/med[k])
			sub(/;$/, "", nt)
			print line " " nt
		}
	}
	print ""
	print "per-op times (min/max over runs); W9 rows: VmRSS growth per idle thread (16 KiB stacks requested)."
	print "vs GoPn = thread9 (or plan9port) median / Go median, same run; < 1 means faster or smaller."
	print "W2, W6x, W8 in Go: the partner goroutine is locked to an OS thread (LockOSThread), as a proc is."
	print "W11 (FUSE, root and /dev/fuse): vs libfuse3 (a hello-style server, single-threaded loop) in the first ratio column."
	# The chart data: the speed of thread9 relative to each peer (peer median / ours), one line per row.
	for(r = 1; r <= nr; r++){
		w = rw[r]; k = w SUBSEP "ours"
		if(!(k in med) || med[k] <= 0) continue
		a = b = "NaN"
		if(w ~ /^w11/){
			if((w SUBSEP "lf") in med) a = med[w SUBSEP "lf"]/med[k]
		}else{
			if((w SUBSEP "go1") in med) a = med[w SUBSEP "go1"]/med[k]
			if((w SUBSEP "go2") in med) b = med[w SUBSEP "go2"]/med[k]
		}
		printf "%s %s %s\n", toupper(w), a, b > chart
	}
}' chart="$O/chart.dat" "$R"
chart "$O/chart.dat" "$O/bench.svg"
! grep -q ' FAIL ' "$R"
