. "$T9TOP/ctests/serve_lib.sh"
t9start "$1" "$D"
# gone: waits up to 1 s for process $1 to end
gone() {
	i=0
	while kill -0 $1 2>/dev/null; do
		i=$((i+1)); [ $i -gt 20 ] && return 1
		sleep 0.05
	done
	return 0
}
for sig in TERM KILL; do
	n=$(grep -c '^holding a read' "$L")
	cat "$D/hold" >/dev/null 2>&1 &
	c=$!
	i=0
	while [ "$(grep -c '^holding a read' "$L")" = "$n" ]; do
		i=$((i+1)); [ $i -gt 100 ] && fail "read never reached the server"
		sleep 0.05
	done
	kill -$sig $c
	gone $c || fail "client still there 1 s after SIG$sig: $(cat /proc/$c/stat 2>/dev/null | cut -d' ' -f3)"
	wait $c 2>/dev/null
done
i=0
while [ "$(grep -c '^late reply -1$' "$L")" != 2 ]; do
	i=$((i+1)); [ $i -gt 80 ] && fail "late replies not refused: $(grep late "$L")"
	sleep 0.05
done
echo ok
