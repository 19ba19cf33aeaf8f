/*
 * Real exhaustion, no injection: with the address space capped (RLIMIT_AS) a
 * little above what the program uses, threadcreate must start failing with
 * "cannot allocate stack" and -1, then proccreate with "cannot create OS thread"
 * (or "cannot allocate stack"), never hang or crash; after the threads are gone
 * everything works again.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <sys/resource.h>
#include <stdio.h>

long vmsize(void);

Channel *gate, *done;
int alive;

void
blocker(void *arg)
{
	USED(arg);
	alive++;
	recvul(gate);
	alive--;
}

void
procblocker(void *arg)
{
	USED(arg);
	recvul(gate);
	sendul(done, 1);
}

long
vmsize(void)
{
	FILE *f;
	long size;

	f = fopen("/proc/self/statm", "r");
	if(f == nil || fscanf(f, "%ld", &size) != 1)
		size = 0;
	if(f)
		fclose(f);
	return size * 4096;
}

void
cap(long extra)
{
	struct rlimit rl;

	/* only the soft limit: lowering the hard one could not be undone */
	if(getrlimit(RLIMIT_AS, &rl) < 0)
		sysfatal("getrlimit");
	rl.rlim_cur = extra ? vmsize() + extra : rl.rlim_max;
	if(setrlimit(RLIMIT_AS, &rl) < 0)
		sysfatal("setrlimit");
}

void
threadmain(int argc, char *argv[])
{
	int i, n, np;

	USED(argc);
	USED(argv);
	gate = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	/* a first thread maps a stack slab with room for hundreds more */
	threadcreate(blocker, nil, 0);
	yield();
	/* OS threads first: their 256 KiB stacks run out long before the slab */
	cap(16<<20);
	for(np = 0; np < 1000; np++)
		if(proccreate(procblocker, nil, 0) < 0)
			break;
	print("proccreate failed: %d\n", np < 1000);
	/* then coroutine stacks: room for about two more slabs */
	cap(160<<20);
	for(n = 1; n < 100000; n++)
		if(threadcreate(blocker, nil, 0) < 0)
			break;
	print("threadcreate failed: %d\n", n < 100000);
	yield();
	print("all created threads run: %d\n", alive == n);
	cap(0);
	chanclose(gate);
	for(i = 0; i < np; i++)
		recvul(done);
	yield();
	print("all gone: %d\n", alive == 0);
	/* memory is back */
	print("threadcreate again: %d\n", threadcreate(blocker, nil, 0) > 0);
	fprint(2, "%d procs, %d threads before the limits\n", np, n);
}
