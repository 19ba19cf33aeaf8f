# tspawn echo hi; sh -c 'exit 3'; /nonexistent; sleep 1 twice in parallel (~1 s, not 2).
set -e
b=$1
out=$("$b" echo hi)
[ "$(echo "$out" | grep -c '^hi$')" = 2 ] || { echo "echo: $out"; exit 1; }
[ "$(echo "$out" | grep -cE '^[0-9]+ [0-9]+ [0-9]+ [0-9]+ $')" = 2 ] || { echo "wait lines: $out"; exit 1; }
out=$("$b" sh -c 'exit 3')
[ "$(echo "$out" | grep -cE '^[0-9]+ [0-9]+ [0-9]+ [0-9]+ 3$')" = 2 ] || { echo "exit 3: $out"; exit 1; }
if "$b" /nonexistent 2>err; then echo "/nonexistent succeeded"; exit 1; fi
grep -q 'threadspawn: exec /nonexistent: No such file or directory' err || { cat err; exit 1; }
t0=$(date +%s%N)
"$b" sleep 1 >/dev/null
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
[ "$ms" -ge 950 ] && [ "$ms" -lt 1900 ] || { echo "sleep 1 twice took $ms ms"; exit 1; }
