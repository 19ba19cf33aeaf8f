/* A deadlock report shows each blocked thread's file:line and its creator's. */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *a, *b;

static void
other(void *v)
{
	USED(v);
	threadsetname("other");
	recvul(b);	/* MARK:other-recv */
	sendul(a, 1);
}

void
threadmain(int argc, char **argv)
{
	a = chancreate(sizeof(ulong), 0);
	b = chancreate(sizeof(ulong), 0);
	chansetname(a, "chan-a");
	chansetname(b, "chan-b");
	threadcreate(other, nil, 65536);	/* MARK:create-other */
	recvul(a);	/* MARK:main-recv */
	print("not reached\n");
	threadexitsall(nil);
}
