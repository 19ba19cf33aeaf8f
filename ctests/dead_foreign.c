/*
 * A real deadlock that involves a pthread the library did not create: that pthread
 * waits for a QLock a thread9 thread holds, and the thread9 thread waits on a channel
 * nobody sends on. A foreign thread blocked inside the library wakes nobody, so the
 * deadlock is still proved and reported (exit 1), as is one after a foreign thread
 * has come and gone.
 */
#include <u.h>
#include <pthread.h>
#include <libc.h>
#include <thread.h>

Channel *c;
QLock q;

static void*
gone(void *v)
{
	USED(v);
	return nil;
}

static void*
waiter(void *v)
{
	USED(v);
	qlock(&q);
	print("not reached\n");
	return nil;
}

void
threadmain(int argc, char **argv)
{
	pthread_t th;

	USED(argc);
	USED(argv);
	pthread_create(&th, nil, gone, nil);
	pthread_join(th, nil);
	c = chancreate(sizeof(ulong), 0);
	chansetname(c, "never");
	qlock(&q);
	pthread_create(&th, nil, waiter, nil);
	recvul(c);
	print("not reached\n");
}
