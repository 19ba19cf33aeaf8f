#!/bin/sh
# (Re)creates the one-line .so pages that make `man 3thread NAME` work for every name
# in the NAME section of each real page in man/man3. Run after editing a NAME section.
# A name with a * (iofunc_*_default) stands for every identifier of that shape in
# include/thread9/*.h.
#
# The pages live in section 3thread (files man3/NAME.3thread, .TH NAME 3thread), as
# OpenSSL's live in 3ssl, so `man 3thread NAME` opens ours and a system page of the
# same name in section 3 still wins `man NAME`. man-db ranks every 3* extension with
# section 3, though, and its default order puts 3 before 2, 5, 7...: a plain
# send.3thread would hide send(2). Names listed in man/shadowed (system pages in those
# later sections) therefore get a link with a capital first letter (Send.3thread):
# man-db matches names without regard to case but prefers the exact name, so `man send`
# opens send(2) and `man 3thread send` ours. tests/install.sh checks both.
cd "$(dirname "$0")/../man/man3" || exit 1
hdrs=../../include/thread9
shadowed=$(grep -v '^#' ../shadowed | awk 'NF {print $1}')
for page in *.3thread; do
	head -1 "$page" | grep -q '^\.so ' && continue
	base=${page%.3thread}
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
			f=$m
			if echo "$shadowed" | grep -qx "$m"; then
				f=$(echo "$m" | cut -c1 | tr a-z A-Z)$(echo "$m" | cut -c2-)
				if [ -f "$m.3thread" ] && head -1 "$m.3thread" | grep -q '^\.so '; then rm -f "$m.3thread"; fi
			fi
			if [ -f "$f.3thread" ] && ! head -1 "$f.3thread" | grep -q '^\.so '; then
				echo "manlinks: $f.3thread is a real page; not replacing it with a link to $page" >&2
				continue
			fi
			echo ".so man3/$page" >"$f.3thread"
		done
	done
done
