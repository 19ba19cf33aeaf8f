# ASan's allocation and free stacks keep the program's own frame (makeone, dropone).
src=$T9TOP/ctests/asan_frame.c
line() { grep -n "MARK:$1\b" "$src" | head -1 | cut -d: -f1; }
CC=${CC:-cc}
echo 'int main(void){return 0;}' >asan_probe.c
if ! $CC -fsanitize=address -o asan_probe asan_probe.c 2>/dev/null || ! ./asan_probe; then
	echo "the C compiler cannot build ASan programs here"; exit 77
fi
$CC -O1 -g -fsanitize=address -fno-omit-frame-pointer -I"$T9TOP/include/thread9" -o asan_frame_a "$src" \
	-L"$T9BUILD" -lthread -Wl,-rpath,"$T9BUILD" -lpthread || exit 1
ASAN_OPTIONS=detect_leaks=0 ./asan_frame_a crash 2>err
[ $? != 0 ] || { echo "no ASan report"; exit 1; }
grep -q "heap-use-after-free" err || { echo "no use-after-free report"; cat err; exit 1; }
sed -n '/allocated by/,/^$/p' err >alloc
sed -n '/freed by/,/^$/p' err >freed
grep -qE "in makeone .*asan_frame\.c:$(line alloc)" alloc || { echo "allocation stack lacks makeone"; cat err; exit 1; }
grep -qE "in dropone .*asan_frame\.c:$(line free)" freed || { echo "free stack lacks dropone"; cat err; exit 1; }
exit 0
