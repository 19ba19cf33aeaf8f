/* $LIBTHREAD=trace: scheduling and channel events are traced on fd 2 (see dump_trace.sh). */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;

static void
sender(void *v)
{
	USED(v);
	sendul(c, 42);
}

void
threadmain(int argc, char **argv)
{
	c = chancreate(sizeof(ulong), 0);
	chansetname(c, "traced");
	threadcreate(sender, nil, 65536);
	print("got %d\n", (int)recvul(c));
	threadexitsall(nil);
}
