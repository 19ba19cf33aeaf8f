/*
 * An alt entry with a nil channel is never ready and never crashes (plan9port
 * segfaults when another entry completes): no message, the other entries work.
 * A blocking alt whose every entry is nil can never finish: the deadlock report.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;

void
sender(void *arg)
{
	int v;

	USED(arg);
	v = 42;
	send(c, &v);
}

void
threadmain(int argc, char *argv[])
{
	Alt a[4];
	int x, y, r;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(int), 0);
	threadcreate(sender, nil, 0);
	/* blocking: nil entries on both sides of the real one */
	a[0].c = nil; a[0].v = &y; a[0].op = CHANRCV;
	a[1].c = c; a[1].v = &x; a[1].op = CHANRCV;
	a[2].c = nil; a[2].v = &y; a[2].op = CHANSND;
	a[3].op = CHANEND;
	r = alt(a);
	print("alt %d x %d\n", r, x);
	/* non-blocking, nothing but nil: would block */
	a[1].c = nil;
	a[3].op = CHANNOBLK;
	print("nbalt %d\n", alt(a));
	/* blocking with nothing queueable */
	a[3].op = CHANEND;
	print("blocking\n");
	r = alt(a);
	print("not reached %d\n", r);
}
