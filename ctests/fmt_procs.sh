# Every line printed by 8 threads on 4 procs arrives whole (one write(2) per print).
out=$("$1") || { echo "exit status $?"; exit 1; }
total=$(printf '%s\n' "$out" | wc -l)
good=$(printf '%s\n' "$out" | grep -cE "^line [0-9]+ [0-9]+ <[0-9]+> some text to make the line longer 1.5 'q q' end$")
echo "$total lines, $good well-formed"
[ "$total" -eq 1600 ] && [ "$good" -eq 1600 ]
