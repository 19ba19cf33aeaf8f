# limit_abort (see limit_abort.c) under 40 address-space caps from 4 MiB to 16 MiB
# above what it uses, so the limit strikes at many different allocations: every run
# must end normally and print 0.
bin=${1:?}
i=0
while [ $i -lt 40 ]; do
	extra=$((4194304 + i * 314573))
	out=$("$bin" $extra 2>err); rc=$?
	if [ $rc != 0 ] || [ "$out" != 0 ]; then
		echo "cap +$extra: exit status $rc, output '$out'"; tail -5 err
		exit 1
	fi
	i=$((i+1))
done
echo "40 caps: no abort"
