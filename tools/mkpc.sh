#!/bin/sh
# Writes thread9.pc on stdout from thread9.pc.in, with the real install paths.
#   sh tools/mkpc.sh thread9.pc.in PREFIX EXEC_PREFIX LIBDIR INCLUDEDIR VERSION
# Paths under the prefix are written relative to ${prefix} / ${exec_prefix}, so
# pkg-config --define-prefix can relocate the installed tree.
in=$1 prefix=$2 exec_prefix=$3 libdir=$4 includedir=$5 version=$6
rel() {	# rel VALUE BASE NAME: ${NAME}/rest when VALUE is under BASE
	case $1 in
	"$2")	echo "\${$3}" ;;
	"$2"/*)	echo "\${$3}/${1#"$2"/}" ;;
	*)	echo "$1" ;;
	esac
}
pe=$(rel "$exec_prefix" "$prefix" prefix)
ld=$(rel "$libdir" "$exec_prefix" exec_prefix)
id=$(rel "$includedir" "$prefix" prefix)
sed -e "s|@prefix@|$prefix|g" -e "s|@exec_prefix@|$pe|g" -e "s|@libdir@|$ld|g" \
	-e "s|@includedir@|$id|g" -e "s|@VERSION@|$version|g" "$in"
