# Shared by run.sh and check.sh (sourced; POSIX sh).

# The workloads: id, program (see variant), default N.
WORKLOADS="w1 w2 w3 w4 w5 w6 w6x w7 w8 w9 w10 w10io w11fr w11mr w11fs w11ms w12p1 w12p2"

# variant ID: the C source of a workload and its extra compiler flags.
variant() {
	case $1 in
	w6x) echo "w6.c -DCROSS";;
	w10io) echo "w10.c -DIOPROCS";;
	w11fr) echo "w11.c";;
	w11mr) echo "w11.c -DRESMGR";;
	w11fs) echo "w11.c -DSEQ";;
	w11ms) echo "w11.c -DRESMGR -DSEQ";;
	w12p1) echo "w12.c -DP=1";;
	w12p2) echo "w12.c -DP=2";;
	*) echo "$1.c";;
	esac
}

# W11's peer is libfuse (w11fuse.c), not Go: w11r (4 KiB reads) and w11s (1 MiB).
isw11() { case $1 in w11*) return 0;; esac; return 1; }
fusepeer() { case $1 in w11?r) echo w11r;; w11?s) echo w11s;; esac; }

# buildfuse OUTDIR: the libfuse3 peer (w11r, w11s); fails without libfuse3-dev.
buildfuse() {
	pkg-config --exists fuse3 2>/dev/null || return 1
	_fl="-O2 -g -Wall -Wno-unused $(pkg-config --cflags fuse3)"
	_lb="$(pkg-config --libs fuse3) -lpthread"
	${CC:-cc} $_fl -o "$1/w11r" "$here/w11fuse.c" $_lb &&
	${CC:-cc} $_fl -DSEQ -o "$1/w11s" "$here/w11fuse.c" $_lb
}

defaultn() {
	case $1 in
	w1) echo 1000000;; w2) echo 200000;; w3) echo 100000;; w4) echo 2000;;
	w5) echo 10000000;; w6) echo 10000000;; w6x) echo 2000000;; w7) echo 1000000;;
	w8) echo 100000;; w9) echo 100000;; w10) echo 200000;; w10io) echo 100000;;
	w11fr|w11mr) echo 20000;; w11fs|w11ms) echo 500;; w12p1|w12p2) echo 2000000;;
	esac
}

# expect ID N: the checksum line the program must print, derived independently
# of the programs (closed forms; W4 by trial division; W11's 4 KiB reads by a sum).
expect() {
	awk -v w="$1" -v n="$2" 'BEGIN {
		if(w == "w1" || w == "w2" || w == "w8" || w ~ /^w1[02]/)
			printf "%.0f\n", n*(n+1)/2
		else if(w == "w3" || w == "w6" || w == "w6x" || w == "w9")
			printf "%.0f\n", n*(n-1)/2
		else if(w == "w7"){
			m = n - n%4; if(m == 0) m = 4
			printf "%.0f\n", m*(m-1)/2
		}else if(w ~ /^w11.r$/){
			s = 0
			for(i = 0; i < n; i++) s += i%256
			printf "%.0f\n", s
		}else if(w ~ /^w11.s$/)
			printf "%.0f\n", n*32640
		else if(w == "w5")
			printf "%d\n", n%503 + 1
		else if(w == "w4"){
			k = 0
			for(p = 2; k < n; p++){
				prime = 1
				for(d = 2; d*d <= p; d++)
					if(p%d == 0){ prime = 0; break }
				if(prime){ k++; last = p }
			}
			print last
		}
	}'
}

# buildc SRCDIR OUTDIR INCDIR LIBDIR: compile every C workload against thread9.
buildc() {
	_cc=${CC:-cc}
	_fl="-O2 -g -Wall -Wno-unused -Wno-parentheses"
	for _w in $WORKLOADS; do
		_v=$(variant $_w); _src=$1/${_v%% *}; _x=""
		[ "$_v" = "${_v#* }" ] || _x=${_v#* }
		# shellcheck disable=SC2086
		$_cc $_fl $_x -I"$3" -o "$2/$_w" "$_src" -L"$4" -lthread -Wl,-rpath,"$4" -lpthread || return 1
	done
}

# chart DATA SVG: thread9 against its peers, one group of bars per workload, with
# gnuplot (Debian's gnuplot-nox; tools/setup.sh installs it). Skipped, with a
# note, without gnuplot.
chart() {
	[ -s "$1" ] || return 0
	if ! command -v gnuplot >/dev/null 2>&1; then
		echo "run.sh: no gnuplot: no chart (tools/setup.sh installs gnuplot-nox)" >&2
		return 0
	fi
	gnuplot <<-EOF && echo "chart: $2"
	set terminal svg size 1100,460 dynamic font "sans,12" background rgb "white"
	set output "$2"
	set title "thread9 against Go (W11: against libfuse3), $(uname -m), $(nproc) CPUs, $(date -u +%Y-%m-%d)" noenhanced
	set ylabel "thread9's speed / peer's (higher is better; W9: memory)"
	set logscale y 2
	set yrange [0.125:16]
	set style data histograms
	set style histogram clustered gap 1
	set style fill solid 0.8 border -1
	set boxwidth 0.9
	set xtics scale 0 font "sans,10"
	set grid ytics
	set key top left
	set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 lc rgb "black"
	plot "$1" using 2:xtic(1) title "vs Go GOMAXPROCS=1 (W11: vs libfuse)" lc rgb "#4477aa", \
	     "" using 3 title "vs Go GOMAXPROCS=2" lc rgb "#ee6677"
	EOF
}
