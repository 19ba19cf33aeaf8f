#!/bin/sh
# Writes thread9Config.cmake and thread9ConfigVersion.cmake into OUTDIR.
#   sh tools/mkcmake.sh OUTDIR PREFIX LIBDIR INCLUDEDIR CMAKEDIR VERSION SOMAJOR
# The config finds the tree from its own place: CMAKEDIR's way back up to PREFIX
# and LIBDIR, INCLUDEDIR relative to PREFIX (absolute when they are not under it).
set -e
out=$1 prefix=$2 libdir=$3 includedir=$4 cmakedir=$5 version=$6 somajor=$7
top=$(cd "$(dirname "$0")/.." && pwd)
under() {	# under PATH: PATH relative to $prefix, or the absolute path
	case $1 in
	"$prefix")	echo . ;;
	"$prefix"/*)	echo "${1#"$prefix"/}" ;;
	*)	echo "$1" ;;
	esac
}
case $cmakedir in
"$prefix"/*) up=$(echo "${cmakedir#"$prefix"/}" | sed 's|[^/][^/]*|..|g') ;;
*) echo "mkcmake.sh: cmakedir $cmakedir is not under $prefix" >&2; exit 1 ;;
esac
librel=$(under "$libdir") increl=$(under "$includedir")
major=${version%%.*} rest=${version#*.} minor=${rest%%.*}
mkdir -p "$out"
for f in thread9Config.cmake thread9ConfigVersion.cmake; do
	sed -e "s|@TOPREFIX@|$up|g" -e "s|\${_thread9_prefix}/\(/[^\"]*\)|\1|g" \
		-e "s|@LIBREL@|$librel|g" -e "s|@INCREL@|$increl|g" -e "s|@VERSION@|$version|g" \
		-e "s|@SOMAJOR@|$somajor|g" -e "s|@MAJOR@|$major|g" -e "s|@MINOR@|$minor|g" \
		-e "s|@SIZEOF_VOID_P@|$(getconf LONG_BIT | awk '{print $1/8}')|g" \
		"$top/cmake/$f.in" >"$out/$f.tmp"
	mv -f "$out/$f.tmp" "$out/$f"
done
