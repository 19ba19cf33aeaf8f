# Runs wait_early (see wait_early.c) 200 times with and without the delay, and a
# few bursts; every run must get every status (print "0", exit 0) within 5 seconds (a lost one is a hang).
bin=${1:?}
for mode in 0 1 2; do
	n=200; [ $mode = 2 ] && n=5
	i=0; lost=0
	while [ $i -lt $n ] && [ $lost = 0 ]; do
		out=$(timeout 5 "$bin" $mode 2>&1); rc=$?
		if [ $rc != 0 ] || [ "$out" != 0 ]; then
			lost=$((lost+1)); echo "mode $mode run $i: exit status $rc, output: $out" | head -5
		fi
		i=$((i+1))
	done
	echo "mode $mode: $lost of $i runs lost a status"
	[ $lost = 0 ] || exit 1
done
