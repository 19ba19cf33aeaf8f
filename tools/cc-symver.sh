#!/bin/sh
# cargo's linker (.cargo/config.toml). Runs ${CC:-cc} with the arguments it gets,
# except when both rustc's version script (the anonymous `{ global: ...; local: *; };`
# listing the #[no_mangle] exports) and libthread.map (build.rs passes it for the
# cdylib) are among them: GNU ld refuses to combine an anonymous version tag with a
# named one, so the two become one script, every export of both under the version
# node libthread.map names (THREAD9_0.1), and the link gets that one instead.
# tests/exports.sh checks that every exported symbol carries the version.
ours= rs=
for a; do
	case $a in
	-Wl,--version-script=*libthread.map) ours=${a#-Wl,--version-script=} ;;
	-Wl,--version-script=*) rs=${a#-Wl,--version-script=} ;;
	esac
done
if [ -z "$ours" ] || [ -z "$rs" ]; then
	exec ${CC:-cc} "$@"
fi
merged=$(dirname "$rs")/thread9-versions.map
node=$(sed 's|/\*.*\*/||g; /^\/\*/,/\*\//d' "$ours" | grep -o '^[A-Za-z_][A-Za-z0-9_.]* *{' | head -1 | sed 's/ *{//')
[ -n "$node" ] || { echo "cc-symver.sh: no version node in $ours" >&2; exit 1; }
# The names between "global:" and "local:" of both scripts (comments dropped).
syms() {
	sed 's|/\*.*\*/||g' "$1" | awk '/^ *\/\*/,/\*\// {next} {print}' | tr ';' '\n' |
	sed 's/^[^{]*{//; s/global://; s/^ *//; s/ *$//' | awk '/local:/ {exit} NF' | tr -d ' \t'
}
{
	echo "$node {"
	echo "  global:"
	{ syms "$ours"; syms "$rs"; } | grep -v '^[}]' | sort -u | sed 's/^/    /; s/$/;/'
	echo "  local:"
	echo "    *;"
	echo "};"
} >"$merged"
n=$#
for a; do
	case $a in
	-Wl,--version-script=*) [ "$a" = "-Wl,--version-script=$rs" ] && set -- "$@" "-Wl,--version-script=$merged" ;;
	*) set -- "$@" "$a" ;;
	esac
done
shift "$n"
exec ${CC:-cc} "$@"
