/*
 * The SIGQUIT dump shows each blocked thread's backtrace with file:line, where it was
 * created, what it waits on (an alt's channels, a lock, an fd, a sleep) and for how
 * long; identical workers are grouped (LIBTHREAD=dumpall lists them). dump_stacks.sh
 * finds the lines by the MARK comments below.
 */
#include <unistd.h>
#include <signal.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { NWORK = 30 };
Channel *c, *a, *b, *work;
QLock lk;
int p[2];

static void
receiver(void *v)
{
	USED(v);
	threadsetname("receiver");
	recvul(c);	/* MARK:recv */
}

static void
alter(void *v)
{
	ulong x, y = 1;
	Alt al[] = {
		{a, &x, CHANRCV},
		{b, &y, CHANSND},
		{nil, nil, CHANEND},
	};

	USED(v);
	threadsetname("alter");
	alt(al);	/* MARK:alt */
}

static void
sleeper(void *v)
{
	USED(v);
	threadsleep(100000);	/* MARK:sleep */
}

static void
locker(void *v)
{
	USED(v);
	qlock(&lk);	/* MARK:qlock */
}

static void
fdwaiter(void *v)
{
	USED(v);
	threadfdwait(p[0], 'r');	/* MARK:fd */
}

static void
worker(void *v)
{
	USED(v);
	recvul(work);	/* MARK:worker */
}

void
threadmain(int argc, char **argv)
{
	int i;

	c = chancreate(sizeof(ulong), 0);
	a = chancreate(sizeof(ulong), 0);
	b = chancreate(sizeof(ulong), 0);
	work = chancreate(sizeof(ulong), 0);
	chansetname(c, "to-receiver");
	chansetname(a, "alt-a");
	chansetname(b, "alt-b");
	pipe(p);
	qlock(&lk);
	threadcreate(receiver, nil, 65536);	/* MARK:create-receiver */
	threadcreate(alter, nil, 65536);
	threadcreate(sleeper, nil, 65536);
	threadcreate(locker, nil, 65536);
	threadcreate(fdwaiter, nil, 65536);
	for(i = 0; i < NWORK; i++)
		threadcreate(worker, nil, 65536);	/* MARK:create-workers */
	for(i = 0; i < 10; i++)
		yield();
	sleep(1500);	/* lib9 sleep (ms): the waits last a second or more */
	kill(getpid(), SIGQUIT);
	usleep(500*1000);
	print("dumped\n");
	threadexitsall(nil);
}
