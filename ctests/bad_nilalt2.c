/* alt with a nil Alt array: abort with a message naming the call. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	alt(nil);
	print("not reached\n");
}
