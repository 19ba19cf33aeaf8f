/*
 * A nil value pointer: a send sends zeros, a receive discards (plan9port), for
 * send/recv and alt alike, buffered and unbuffered.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *u;

void
nilsender(void *arg)
{
	Alt a[2];

	USED(arg);
	send(u, nil);
	a[0].c = u; a[0].v = nil; a[0].op = CHANSND;
	a[1].op = CHANEND;
	alt(a);
	send(u, nil);	/* the receiver discards this one */
}

void
threadmain(int argc, char *argv[])
{
	Channel *b;
	Alt a[2];
	vlong x;

	USED(argc);
	USED(argv);
	b = chancreate(sizeof(vlong), 2);
	send(b, nil);
	a[0].c = b; a[0].v = nil; a[0].op = CHANSND;
	a[1].op = CHANEND;
	print("alt %d\n", alt(a));
	x = -1;
	recv(b, &x);
	print("buffered send %lld\n", x);
	x = -1;
	recv(b, &x);
	print("buffered alt %lld\n", x);

	u = chancreate(sizeof(vlong), 0);
	threadcreate(nilsender, nil, 0);
	x = -1;
	recv(u, &x);
	print("unbuffered send %lld\n", x);
	x = -1;
	recv(u, &x);
	print("unbuffered alt %lld\n", x);
	print("recv nil %d\n", recv(u, nil));
}
