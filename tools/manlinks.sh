#!/bin/sh
# (Re)creates the one-line .so pages that make `man 3 NAME` work for every name in
# the NAME section of each real page in man/man3. Run after editing a NAME section.
cd "$(dirname "$0")/../man/man3" || exit 1
for page in *.3; do
	head -1 "$page" | grep -q '^\.so ' && continue
	base=${page%.3}
	sed -n '/^\.SH NAME/,/^\.SH/p' "$page" | sed '1d;$d' | tr '\n' ' ' | sed 's/ \\-.*//' | tr ',' '\n' |
	sed 's/^ *//; s/ *$//' | grep -v '^$' | while read -r n; do
		[ "$n" = "$base" ] && continue
		if [ -f "$n.3" ] && ! head -1 "$n.3" | grep -q '^\.so '; then
			echo "manlinks: $n.3 is a real page; not replacing it with a link to $page" >&2
			continue
		fi
		echo ".so man3/$page" >"$n.3"
	done
done
