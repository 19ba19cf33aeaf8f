/* A system proc does not keep the program alive. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
daemonish(void *arg)
{
	_threadsetsysproc();
	recvul(arg);
}

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	proccreate(daemonish, chancreate(sizeof(ulong), 0), 0);
	yield();
	print("done\n");
}
