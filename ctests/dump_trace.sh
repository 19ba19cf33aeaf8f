# Tracing is off by default and on with LIBTHREAD=trace.
set -e
out=$("$1" 2>err.off)
[ "$out" = "got 42" ] || { echo "stdout: $out"; exit 1; }
if grep -q 'thread9 trace' err.off; then echo "traced without LIBTHREAD=trace"; exit 1; fi
out=$(LIBTHREAD=trace "$1" 2>err.on)
[ "$out" = "got 42" ] || { echo "stdout with trace: $out"; exit 1; }
for want in 'thread 2 created' 'thread 1 recvul on channel "traced"' 'thread 2 sendul on channel "traced"' 'thread 1 blocks: Recv on channel "traced"' 'thread 1 ready' 'thread 2 runs' 'thread 2 exits'; do
	grep -qF "$want" err.on || { echo "trace lacks: $want"; cat err.on; exit 1; }
done
