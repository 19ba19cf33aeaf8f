/* threadexitsall flushes stdio and runs atexit handlers (last first); exit(3) from a thread ends the program. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void h1(void) { printf("atexit 1\n"); }
void h2(void) { printf("atexit 2\n"); }

void
blocker(void *arg)
{
	recvul(arg);
}

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	proccreate(blocker, chancreate(sizeof(ulong), 0), 0);
	atexit(h1);
	atexit(h2);
	printf("buffered");
	threadexitsall("done");
}
