/*
 * chanfree of a channel a multi-way alt is blocked on is deferred (9front) until
 * the alt's waiter leaves: here the alt completes through another channel, or is
 * interrupted, and the freed channel is destroyed when its waiter is unlinked on
 * wake-up (check-valgrind: nothing leaks, nothing is touched after the free).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c1, *c2, *done;
int inalt;

void
alter(void *arg)
{
	Alt a[3];
	ulong v1, v2;
	int r;

	USED(arg);
	v1 = v2 = 0;
	a[0].c = c1; a[0].v = &v1; a[0].op = CHANRCV;
	a[1].c = c2; a[1].v = &v2; a[1].op = CHANRCV;
	a[2].op = CHANEND;
	inalt = 1;
	r = alt(a);
	if(r < 0)
		print("alt %d %r\n", r);
	else
		print("alt %d %lud\n", r, r == 1 ? v2 : v1);
	sendul(done, 1);
}

/* Starts an alter in this proc and returns once it is blocked in its alt. */
int
startalter(void)
{
	int id;

	inalt = 0;
	c1 = chancreate(sizeof(ulong), 0);
	c2 = chancreate(sizeof(ulong), 0);
	id = threadcreate(alter, nil, 32768);
	while(!inalt)
		yield();
	/* same proc: once it set inalt it ran into alt and parked before we run */
	return id;
}

void
threadmain(int argc, char *argv[])
{
	int id;

	USED(argc);
	USED(argv);
	done = chancreate(sizeof(ulong), 0);

	/* completes through the live channel */
	startalter();
	chanfree(c1);
	sendul(c2, 42);
	recvul(done);
	chanfree(c2);

	/* interrupted: both waiters leave, the freed channel goes */
	id = startalter();
	chanfree(c1);
	threadint(id);
	recvul(done);
	chanfree(c2);

	/* the freed channel is the second entry's: the alt completes on the first */
	startalter();
	chanfree(c2);
	sendul(c1, 7);
	recvul(done);
	chanfree(c1);
	print("done\n");
	threadexitsall(nil);
}
