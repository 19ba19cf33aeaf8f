/*
 * Channel calls from a raw pthread (no proc): an operation that completes at once
 * works (the channel is shared memory), one that would block aborts with a message.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;

void*
raw(void *arg)
{
	int x;

	USED(arg);
	x = 7;
	print("nbsend %d\n", nbsend(c, &x));
	print("nbrecv %d\n", nbrecv(c, &x));
	print("nbrecv again %d\n", nbrecv(c, &x));
	recv(c, &x);
	print("not reached\n");
	return nil;
}

void
threadmain(int argc, char *argv[])
{
	pthread_t t;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(int), 1);
	pthread_create(&t, nil, raw, nil);
	pthread_join(t, nil);
	print("not reached\n");
}
