# One verb table per process (issue 14), without plan9port: build a stand-in for
# lib9's fmt objects (its own fmtinstall, verb table, dofmt, fmtstrcpy, errstr …),
# link the test with it BEFORE -lthread, as p9_interop.sh does with its stand-in lib9,
# and check that every print call, thread9's and the stand-in's, knows the verbs
# installed through either fmtinstall, and that %r and rerrstr agree. Against the
# static library the stand-in cannot be linked in at all (both define fmtinstall, dofmt,
# errstr …): check that the link fails rather than splitting the table.
bin=$1
set -e
inc="$T9TOP/include/thread9"
cc -O1 -g -fno-common -I"$inc" -x c -c "$T9TOP/ctests/p9_fakefmt.c.txt" -o fakefmt.o
rm -f libfakefmt.a
ar rcs libfakefmt.a fakefmt.o
lib9link() {
	cc -O1 -g -fno-common -I"$inc" -o p9_fmt_lib9 "$T9TOP/ctests/p9_fmt.c" libfakefmt.a \
		-L"$T9BUILD" -lthread -Wl,-rpath,"$T9BUILD" -lpthread -ldl
}
cat >want.out <<'EOF'
print <1>|<2>|3
fprint <4>
snprint <5>|    6
smprint <7>
dofmt <8>|    9
print [ff]
dofmt [fe]
print 'a b'
dofmt 'c d'
program's werrstr: print program's 1, dofmt program's 1, rerrstr program's 1, own rerrstr program's 1
thread9's werrstr: print thread9's 2, dofmt thread9's 2, rerrstr thread9's 2, own rerrstr thread9's 2
proc: <8> [9] 'e f' | <8> [9] 'e f'
proc: print proc's own, dofmt proc's own, rerrstr proc's own, own rerrstr proc's own
after proc: print thread9's 2, dofmt thread9's 2, rerrstr thread9's 2, own rerrstr thread9's 2
EOF
# thread9's own fmt (plain -lthread, as run.sh built $bin).
"$bin" >plain.out
cmp plain.out want.out || { echo "plain build:"; diff want.out plain.out; exit 1; }
if [ ! -e "$T9BUILD/libthread.so" ]; then
	if lib9link >link.err 2>&1; then echo "static link with the stand-in succeeded"; exit 1; fi
	grep -q 'multiple definition of .*fmtinstall' link.err || { echo "static link:"; cat link.err; exit 1; }
	echo ok
	exit 0
fi
# Non-PIE code takes our dofmt's address as the program's PLT stub: still ours.
cc -O1 -g -fno-pie -no-pie -I"$inc" -o p9_fmt_nopie "$T9TOP/ctests/p9_fmt.c" \
	-L"$T9BUILD" -lthread -Wl,-rpath,"$T9BUILD" -lpthread -ldl
timeout 20 ./p9_fmt_nopie >nopie.out || { echo "non-PIE build: status $?"; exit 1; }
cmp nopie.out want.out || { echo "non-PIE build:"; diff want.out nopie.out; exit 1; }
lib9link
# The stand-in's fmtinstall, dofmt and errstr are the program's.
nm p9_fmt_lib9 | grep -q ' T __fmtdispatch$' || { echo "__fmtdispatch not defined by the program"; exit 1; }
./p9_fmt_lib9 >lib9.out
echo "through stand-in fmt: yes" >>want.out
cmp lib9.out want.out || { echo "stand-in fmt build:"; diff want.out lib9.out; exit 1; }
echo ok
