# The parent must return with 0 at the first _threaddaemonize, while threadmain still runs.
f=$(mktemp); rm -f "$f"
o=$(mktemp); e=$(mktemp)
trap 'rm -f "$f" "$o" "$e"' EXIT
"$1" "$f" >"$o" 2>"$e" || { echo "status $?"; exit 1; }
[ "$(cat "$o")" = foreground ] || { echo "stdout: $(cat "$o")"; exit 1; }
[ ! -s "$f" ] || { echo "threadmain finished before the parent returned"; exit 1; }
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -s "$f" ] && break; sleep 0.1
done
[ "$(cat "$f" 2>/dev/null)" = background ] || { echo "threadmain did not go on in the background"; exit 1; }
grep -q "thread9: _threaddaemonize: no parent is waiting" "$e" || { echo "second call: stderr: $(cat "$e")"; exit 1; }
rm -f "$f"
# With nodaemon there is no parent: the call complains and the program runs to its end.
LIBTHREAD=nodaemon "$1" "$f" >/dev/null 2>"$e" || { echo "nodaemon: status $?"; exit 1; }
[ "$(cat "$f")" = background ] || { echo "nodaemon: not finished at exit"; exit 1; }
[ "$(grep -c 'no parent is waiting' "$e")" = 2 ] || { echo "nodaemon: stderr: $(cat "$e")"; exit 1; }
