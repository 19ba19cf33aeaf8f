/* Bad $LIBTHREAD words and THREAD9_* values are reported once each (see flags_warn.sh). */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	print("ran\n");
	threadexitsall(nil);
}
