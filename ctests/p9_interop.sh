# Interop with plan9port's lib9 (docs/API.md, lib9 hooks), without plan9port: build a
# stand-in lib9 archive that defines the hook variables and lock()/qlock()/… calling
# through them, link the test with it BEFORE -lthread (the recipe for real
# plan9port programs: cc -o prog prog.o $PLAN9/lib/lib9.a -lthread), and check that
# thread9 filled the program's hooks and the locks work across threads and procs.
bin=$1
set -e
inc="$T9TOP/include/thread9"
cc -O1 -g -fno-common -I"$inc" -x c -c "$T9TOP/ctests/p9_fake9.c.txt" -o fake9.o
rm -f libfake9.a
ar rcs libfake9.a fake9.o
cc -O1 -g -fno-common -I"$inc" -o p9_interop_lib9 "$T9TOP/ctests/p9_interop.c" libfake9.a \
	-L"$T9BUILD" -lthread -Wl,-rpath,"$T9BUILD" -lpthread
# Our own lock functions (plain -lthread, as run.sh built $bin).
"$bin" >plain.out
printf 'woken 1\ntotal 4004\nhooks set\n' >want.out
cmp plain.out want.out || { echo "plain build:"; cat plain.out; exit 1; }
# With the stand-in lib9.
./p9_interop_lib9 >lib9.out
printf 'woken 1\ntotal 4004\nhooks set\nthrough stand-in lib9: yes\n' >want.out
cmp lib9.out want.out || { echo "stand-in lib9 build:"; cat lib9.out; exit 1; }
# lib9's sysfatal reaches thread9's through _sysfatal: message, status 1 (not 2).
./p9_interop_lib9 now >/dev/null 2>err.out && { echo "sysfatal: status 0"; exit 1; } || rc=$?
[ "$rc" = 1 ] || { echo "sysfatal: status $rc, want 1"; cat err.out; exit 1; }
grep -q "p9_interop_lib9: fatal now 7" err.out || { echo "sysfatal: stderr:"; cat err.out; exit 1; }
# The program's copies are the ones in use: nm shows them defined in the binary.
nm p9_interop_lib9 | grep -q ' [BD] _qlock$' || { echo "_qlock not defined by the program"; exit 1; }
echo ok
