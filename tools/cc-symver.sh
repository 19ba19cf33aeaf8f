#!/bin/sh
# cargo's linker (.cargo/config.toml). Runs ${CC:-cc} with the arguments it gets,
# except when both rustc's version script (the anonymous `{ global: ...; local: *; };`
# listing the #[no_mangle] exports) and libthread.map (build.rs passes it for the
# cdylib) are among them: GNU ld refuses to combine an anonymous version tag with a
# named one, so the two become one script, every export of both under the version
# node libthread.map names first (THREAD9_0.1), except the names later nodes of
# libthread.map list (THREAD9_0.2, ...: a later release's additions), which keep
# their own node; the link gets that script instead.
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
# libthread.map without comments, one token per line: NODE { global: a; b; local: *; } ;
# NODE2 { global: c; } NODE ; ...
toks() {
	sed 's|/\*.*\*/||g' "$ours" | awk '/^ *\/\*/,/\*\// {next} {print}' |
	sed 's/{/ { /g; s/}/ } /g; s/;/ ; /g; s/global:/ global: /g; s/local:/ local: /g' | tr ' \t' '\n\n' | awk 'NF'
}
t=$(toks)
node=$(echo "$t" | head -1)
[ -n "$node" ] && [ "$(echo "$t" | sed -n 2p)" = "{" ] || { echo "cc-symver.sh: no version node in $ours" >&2; exit 1; }
# "NODE NAME" for every name of a node after the first (a later release's additions).
later=$(echo "$t" | awk -v first="$node" '
	state == 0 { cur = $0; state = 1; next }
	state == 1 && $0 == "{" { state = 2; loc = 0; next }
	state == 2 && $0 == "}" { state = 3; next }
	state == 2 && $0 == "global:" { loc = 0; next }
	state == 2 && $0 == "local:" { loc = 1; next }
	state == 2 && $0 == ";" { next }
	state == 2 { if (!loc && cur != first) print cur, $0; next }
	state == 3 && $0 == ";" { state = 0; next }')
# The names between "global:" and "local:" of both scripts (comments dropped).
syms() {
	sed 's|/\*.*\*/||g' "$1" | awk '/^ *\/\*/,/\*\// {next} {print}' | tr ';' '\n' |
	sed 's/^[^{]*{//; s/global://; s/^ *//; s/ *$//' | awk '/local:/ {exit} NF' | tr -d ' \t'
}
{
	echo "$node {"
	echo "  global:"
	{ syms "$ours"; syms "$rs"; } | grep -v '^[}]' | sort -u |
		awk -v later="$later" 'BEGIN { n = split(later, a, "\n"); for (i = 1; i <= n; i++) { split(a[i], f, " "); skip[f[2]] = 1 } }
			!skip[$0]' | sed 's/^/    /; s/$/;/'
	echo "  local:"
	echo "    *;"
	echo "};"
	prevnode=$node
	for v in $(echo "$later" | awk 'NF && !seen[$1]++ {print $1}'); do
		echo "$v {"
		echo "  global:"
		echo "$later" | awk -v v="$v" '$1 == v {print "    " $2 ";"}'
		echo "} $prevnode;"
		prevnode=$v
	done
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
