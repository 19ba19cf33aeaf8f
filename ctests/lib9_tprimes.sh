# Compares lib9_tprimes with primes computed here: all primes up to and including
# the first one above max.
bin=$1
primes() {
	awk -v max="$1" 'BEGIN{
		for(n = 2;; n++){
			p = 1
			for(d = 2; d*d <= n; d++) if(n % d == 0){ p = 0; break }
			if(p){ print n; if(n > max) exit }
		}
	}'
}
check() {
	want=$1; shift
	primes "$want" >want.$$
	"$bin" "$@" >got.$$ 2>err.$$ </dev/null
	rc=$?
	if [ $rc -ne 0 ]; then echo "lib9_tprimes $*: exit status $rc"; cat err.$$; exit 1; fi
	if ! cmp -s want.$$ got.$$; then
		echo "lib9_tprimes $*: output differs"; diff want.$$ got.$$ | head; exit 1
	fi
	echo "lib9_tprimes $*: $(wc -l <got.$$) primes ok"
	rm -f want.$$ got.$$ err.$$
}
check 10000
check 1000 -p
check 100 -b 10 100
check 2000 -b 3 2000
# An unknown flag is a usage error.
"$bin" -z >/dev/null 2>err.$$
rc=$?
[ $rc -eq 1 ] && grep -q usage err.$$ || { echo "-z: want usage and status 1, got $rc"; exit 1; }
rm -f err.$$
