/*
 * Run with THREAD9_FAIL_PROC=2 (fault_proc.sh): the second proccreate fails as if
 * the OS refused a thread. It must say so and return -1; the other procs run, and
 * the program still ends when its last proc does (the failed one is not counted).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <errno.h>

Channel *c;

void
worker(void *arg)
{
	sendul(c, (ulong)arg);
	threadexits(nil);
}

void
late(void *arg)
{
	USED(arg);
	print("late proc ran\n");
}

void
threadmain(int argc, char *argv[])
{
	int a, b, d;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	a = proccreate(worker, (void*)1, 0);
	b = proccreate(worker, (void*)2, 0);
	d = proccreate(worker, (void*)4, 0);
	print("proccreate %d %d %d\n", a > 0, b, d > 0);
	print("got %d\n", (int)(recvul(c) + recvul(c)));
	print("nothing else: %d\n", nbrecvul(c) == 0);
	/* threadmain leaves first: the program must end with the last proc */
	proccreate(late, nil, 0);
	threadexits(nil);
}
