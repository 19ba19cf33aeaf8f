/*
 * Run with THREAD9_FAIL_STACK=N (fault_stack.sh): stack allocation 1 is threadmain's,
 * 2 and 3 the threadcreates', 4 the proccreate's. The failing call must report it and
 * return -1, and everything else must go on working.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;

void
worker(void *arg)
{
	sendul(c, (ulong)arg);
}

void
threadmain(int argc, char *argv[])
{
	int a, b, p, n, sum;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	a = threadcreate(worker, (void*)1, 0);
	b = threadcreate(worker, (void*)2, 0);
	p = proccreate(worker, (void*)3, 0);
	print("threadcreate %d %d proccreate %d\n", a > 0 ? 1 : a, b > 0 ? 1 : b, p > 0 ? 1 : p);
	/* the other proc's worker may come first: report the set, not the order */
	sum = 0;
	for(n = (a > 0) + (b > 0) + (p > 0); n > 0; n--)
		sum += 1 << recvul(c);
	print("got %#x\n", sum);
	print("nothing else: %d\n", nbrecvul(c) == 0);
	a = threadcreate(worker, (void*)4, 0);
	print("again %d got %d\n", a > 0, (int)recvul(c));
}
