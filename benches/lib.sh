# Shared by run.sh and check.sh (sourced; POSIX sh).

# The workloads: id, program (w6x is w6.c built with -DCROSS), default N.
WORKLOADS="w1 w2 w3 w4 w5 w6 w6x w7 w8 w9"

defaultn() {
	case $1 in
	w1) echo 1000000;; w2) echo 200000;; w3) echo 100000;; w4) echo 2000;;
	w5) echo 10000000;; w6) echo 10000000;; w6x) echo 2000000;; w7) echo 1000000;;
	w8) echo 100000;; w9) echo 100000;;
	esac
}

# expect ID N: the checksum line the program must print, derived independently
# of the programs (closed forms; W4 by trial division).
expect() {
	awk -v w="$1" -v n="$2" 'BEGIN {
		if(w == "w1" || w == "w2" || w == "w8")
			printf "%.0f\n", n*(n+1)/2
		else if(w == "w3" || w == "w6" || w == "w6x" || w == "w9")
			printf "%.0f\n", n*(n-1)/2
		else if(w == "w7"){
			m = n - n%4; if(m == 0) m = 4
			printf "%.0f\n", m*(m-1)/2
		}else if(w == "w5")
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
		_src=$1/$_w.c; _x=""
		[ $_w = w6x ] && { _src=$1/w6.c; _x=-DCROSS; }
		$_cc $_fl $_x -I"$3" -o "$2/$_w" "$_src" -L"$4" -lthread -Wl,-rpath,"$4" -lpthread || return 1
	done
}
