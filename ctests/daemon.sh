# The parent must return at once with 0, the background proc write later.
f=$(mktemp); rm -f "$f"
start=$(date +%s%N)
o=$(mktemp)
"$1" "$f" >"$o" || { echo "status $?"; exit 1; }
el=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$(cat "$o")" = foreground ] || { echo "stdout: $(cat "$o")"; exit 1; }
rm -f "$o"
[ ! -s "$f" ] || { echo "background work finished before the parent returned (${el} ms)"; exit 1; }
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -s "$f" ] && break; sleep 0.1
done
[ "$(cat "$f" 2>/dev/null)" = background ] || { echo "background proc did not run"; exit 1; }
rm -f "$f"
# With nodaemon, the program runs in the foreground until its last proc ends.
LIBTHREAD=nodaemon "$1" "$f" >/dev/null || exit 1
[ "$(cat "$f")" = background ] || { echo "nodaemon: not finished at exit"; exit 1; }
rm -f "$f"
