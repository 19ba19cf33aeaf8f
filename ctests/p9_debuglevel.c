/* plan9port's libthread defines int _threaddebuglevel and programs assign it
 * (acme -D sets it to ~0; vbackup's disknfs and 9pserve too): they must link and run. */
#include <u.h>
#include <libc.h>
#include <thread.h>

extern int _threaddebuglevel;

static void
worker(void *v)
{
	sendul(v, 7);
}

void
threadmain(int argc, char **argv)
{
	Channel *c;

	USED(argc);
	USED(argv);
	print("level %d\n", _threaddebuglevel);
	_threaddebuglevel = ~0;
	c = chancreate(sizeof(ulong), 0);
	threadcreate(worker, c, 65536);
	print("got %lud, level %d\n", recvul(c), _threaddebuglevel);
}
