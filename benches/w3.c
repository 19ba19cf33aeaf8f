/*
 * W3: spawn. N threads created one after another; each sends its index and exits
 * before the next is created. op = one thread's life (create, run, send, exit).
 * Checksum: sum of the indices = N(N-1)/2.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

Channel *c;

void
child(void *arg)
{
	sendul(c, (ulong)(uintptr)arg);
	threadexits(nil);
}

void
threadmain(int argc, char *argv[])
{
	int i, n;
	vlong t0, sum;

	n = argn(argc, argv, 100000);
	c = chancreate(sizeof(ulong), 0);
	sum = 0;
	t0 = nowns();
	for(i = 0; i < n; i++){
		if(threadcreate(child, (void*)(uintptr)i, STK) < 0)
			sysfatal("threadcreate failed at %d", i);
		sum += recvul(c);
	}
	report(n, nowns()-t0);
	print("%lld\n", sum);
	threadexitsall(nil);
}
