#!/bin/sh
# (Re)creates the one-line .so pages that make `man 3 NAME` work for every name in
# the NAME section of each real page in man/man3. Run after editing a NAME section.
# A name with a * (iofunc_*_default) stands for every identifier of that shape in
# include/thread9/*.h.
cd "$(dirname "$0")/../man/man3" || exit 1
hdrs=../../include/thread9
for page in *.3; do
	head -1 "$page" | grep -q '^\.so ' && continue
	base=${page%.3}
	sed -n '/^\.SH NAME/,/^\.SH/p' "$page" | sed '1d;$d' | tr '\n' ' ' | sed 's/ \\-.*//' | tr ',' '\n' |
	sed 's/^ *//; s/ *$//' | grep -v '^$' | while read -r n; do
		case $n in
		*\**)	re=$(echo "$n" | sed 's/\*/[A-Za-z0-9_]*/g')
			names=$(cat "$hdrs"/*.h | grep -o "\\<$re\\>" | sort -u) ;;
		*[!A-Za-z0-9_]*)
			echo "manlinks: $page: odd name '$n' skipped" >&2; continue ;;
		*)	names=$n ;;
		esac
		for m in $names; do
			[ "$m" = "$base" ] && continue
			if [ -f "$m.3" ] && ! head -1 "$m.3" | grep -q '^\.so '; then
				echo "manlinks: $m.3 is a real page; not replacing it with a link to $page" >&2
				continue
			fi
			echo ".so man3/$page" >"$m.3"
		done
	done
done
