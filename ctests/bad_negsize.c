/* chancreate with a negative element or buffer size: nil, errstr set, a message. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	print("elemsize %d\n", chancreate(-1, 0) == nil);
	print("elemcnt %d\n", chancreate(4, -1) == nil);
	print("zero %d\n", chancreate(0, 0) != nil);
	print("huge %d\n", chancreate(1<<30, 1<<30) == nil);
}
