# A misspelled $LIBTHREAD word, a bad THREAD9_* value and an unknown THREAD9_ name each
# get one warning naming the word and the valid ones; good settings get none.
out=$(LIBTHREAD=nodaemon,nodeadlok THREAD9_SPIN=fast THREAD9_STACKGARD=canary THREAD9_INTRSIG=5 "$1" 2>err) || { echo "status $?"; exit 1; }
[ "$out" = ran ] || { echo "stdout: $out"; exit 1; }
for want in \
	'thread9: $LIBTHREAD: unknown word "nodeadlok" ignored (known: nodeadlock, trace, trace=FILE.json, nodaemon, dumpall)' \
	'thread9: $THREAD9_SPIN: "fast" ignored (want a number of nanoseconds)' \
	'thread9: $THREAD9_STACKGARD is not a thread9 variable, ignored (known: THREAD9_SPIN, THREAD9_STACKGUARD,' \
	'thread9: $THREAD9_INTRSIG: "5" ignored (want a signal number within SIGRTMIN..SIGRTMAX)'; do
	n=$(grep -cF "$want" err)
	[ "$n" = 1 ] || { echo "want once ($n times): $want"; cat err; exit 1; }
done
[ "$(wc -l <err)" = 4 ] || { echo "extra warnings:"; cat err; exit 1; }
out=$(LIBTHREAD="nodaemon nodeadlock dumpall trace=/dev/null" THREAD9_SPIN=1000 THREAD9_STACKGUARD=canary "$1" 2>err) || exit 1
[ -s err ] && { echo "warnings for good settings:"; cat err; exit 1; }
exit 0
