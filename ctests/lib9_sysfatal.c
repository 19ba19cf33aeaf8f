/* sysfatal from a second proc: `argv0: message` on fd 2 and status 1 at once,
 * p9atexit handlers run. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
bye(void)
{
	print("atexit ran\n");
}

void
fatal(void *v)
{
	USED(v);
	sysfatal("cannot go on: %d %s", 42, "reasons");
}

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	atexit(bye);
	proccreate(fatal, nil, 32768);
	recvp(chancreate(sizeof(void*), 0));
}
