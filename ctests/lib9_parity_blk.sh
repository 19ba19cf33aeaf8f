# lib9_parity_blk: needs a block device this user can open; without one, a skip.
"$1" >out 2>err </dev/null
rc=$?
if [ $rc -ne 0 ] && [ ! -s out ]; then
	echo "no readable block device with a size"
	exit 77
fi
[ $rc -eq 0 ] || { echo "exit status $rc"; cat err; exit 1; }
diff "$T9TOP/ctests/lib9_parity_blk.out" out
