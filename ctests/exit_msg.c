/* The last proc's last thread exits with a message: status 1. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	print("bye\n");
	threadexits("failed");
}
