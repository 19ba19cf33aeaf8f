/*
 * A proc that once waited on an fd (so it has a poller) still takes part in deadlock
 * detection when no fd wait or timer is pending any more.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	int p[2];
	char b;
	Channel *c;

	USED(argc);
	USED(argv);
	if(pipe(p) < 0)
		sysfatal("pipe");
	write(p[1], "x", 1);
	threadread(p[0], &b, 1);
	threadfdwaituntil(p[0], 'r', nsecmono() + 10000000);
	c = chancreate(sizeof(ulong), 0);
	recvul(c);
	print("not reached\n");
}
