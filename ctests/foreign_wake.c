/*
 * Pthreads the library did not create wake threads later: a callback thread sends on
 * a channel after 0.6 s, another releases a QLock and an RWLock a thread waits for.
 * Every thread9 thread is blocked meanwhile; that is no deadlock and must not be
 * reported (issue 16, item 3: it was, after 0.2 s, with exit 1).
 */
#include <u.h>
#include <pthread.h>
#include <time.h>
#include <libc.h>
#include <thread.h>

Channel *c;
QLock q;
RWLock rw;
int locked;

static void
nap(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	nanosleep(&ts, nil);
}

static void*
sender(void *v)
{
	USED(v);
	nap(600);
	/* The receiver is parked: an unbuffered non-blocking send completes. */
	while(nbsendul(c, 42) == 0)
		nap(10);
	return nil;
}

static void*
locker(void *v)
{
	USED(v);
	qlock(&q);
	wlock(&rw);
	__atomic_store_n(&locked, 1, __ATOMIC_SEQ_CST);
	nap(600);
	qunlock(&q);
	nap(600);
	wunlock(&rw);
	return nil;
}

void
threadmain(int argc, char **argv)
{
	pthread_t th;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	pthread_create(&th, nil, sender, nil);
	print("got %lud\n", recvul(c));
	pthread_join(th, nil);

	pthread_create(&th, nil, locker, nil);
	while(!__atomic_load_n(&locked, __ATOMIC_SEQ_CST))
		sleep(1);
	qlock(&q);
	print("qlock granted\n");
	qunlock(&q);
	rlock(&rw);
	print("rlock granted\n");
	runlock(&rw);
	pthread_join(th, nil);
	threadexitsall(nil);
}
