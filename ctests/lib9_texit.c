/* plan9port's texit: a proc blocks forever; threadmain calls C exit(1): status 1 at once. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
blocker(void *v)
{
	recvp(v);
}

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	proccreate(blocker, chancreate(sizeof(void*), 0), 32768);
	sleep(10);
	exit(1);
}
