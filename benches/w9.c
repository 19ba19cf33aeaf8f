/*
 * W9: N idle threads (16 KiB stacks requested), all blocked in recv on one
 * channel. Measures VmRSS before creating them and once all are blocked, and
 * reports the difference per thread on stderr (rsskib= is KiB per thread x1000).
 * Then releases them all: thread i receives one value and adds it to the sum;
 * the last one reports. op = one thread created and parked (timed part).
 * Checksum: sum of the values 0..N-1 = N(N-1)/2.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

Channel *c, *done;
int n, finished;
vlong sum;

void
idle(void *arg)
{
	USED(arg);
	sum += recvul(c);
	if(++finished == n)
		sendul(done, sum);
	threadexits(nil);
}

void
threadmain(int argc, char *argv[])
{
	int i;
	vlong t0, t, r0, r1, total;

	n = argn(argc, argv, 100000);
	c = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(vlong), 0);
	r0 = rsskib();
	t0 = nowns();
	for(i = 0; i < n; i++)
		if(threadcreate(idle, nil, STK) < 0)
			sysfatal("threadcreate failed at %d of %d", i, n);
	/* Every new thread runs up to its recv before threadmain runs again. */
	yield();
	t = nowns()-t0;
	r1 = rsskib();
	for(i = 0; i < n; i++)
		sendul(c, i);
	recv(done, &total);
	fprint(2, "bench: ops=%d ns=%lld rsskib=%lld\n", n, t, (r1-r0)*1000/n);
	fprint(2, "w9: %d idle threads: %lld KiB RSS (%lld.%03lld KiB per thread)\n",
		n, r1-r0, (r1-r0)/n, ((r1-r0)*1000/n)%1000);
	print("%lld\n", total);
	threadexitsall(nil);
}
