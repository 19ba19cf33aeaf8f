# lib9_misc with a known $PLAN9 (for get9root and unsharp); stdout must match exactly.
PLAN9=/opt/p9 "$1" >out 2>err </dev/null || { echo "exit status $?"; cat err; exit 1; }
diff "$T9TOP/ctests/lib9_misc.out" out
