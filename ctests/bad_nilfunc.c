/* threadcreate with a nil function: abort with a message naming the call. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	threadcreate(nil, nil, 0);
	print("not reached\n");
}
