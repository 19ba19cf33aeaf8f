#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	print("before\n");
	sysfatal("it broke: %d", 42);
}
