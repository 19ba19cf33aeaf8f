/* Two threads each receiving from the other: a deadlock, reported with the dump; exit 1. */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *a, *b;

static void
other(void *v)
{
	USED(v);
	recvul(b);
	sendul(a, 1);
}

void
threadmain(int argc, char **argv)
{
	a = chancreate(sizeof(ulong), 0);
	b = chancreate(sizeof(ulong), 0);
	chansetname(a, "chan-a");
	chansetname(b, "chan-b");
	threadcreate(other, nil, 65536);
	recvul(a);
	sendul(b, 1);
	print("not reached\n");
	threadexitsall(nil);
}
