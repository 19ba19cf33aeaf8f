/*
 * W6: producer/consumer over a buffered channel (128 slots), both threads in one
 * proc. op = one item. Checksum: sum of the items 0..N-1 = N(N-1)/2.
 * Built with -DCROSS it is W6x: the producer runs in its own proc.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

Channel *c;
int n;

void
producer(void *arg)
{
	int i;

	USED(arg);
	for(i = 0; i < n; i++)
		sendul(c, i);
	threadexits(nil);
}

void
threadmain(int argc, char *argv[])
{
	int i;
	vlong t0, sum;

#ifdef CROSS
	n = argn(argc, argv, 2000000);
#else
	n = argn(argc, argv, 10000000);
#endif
	c = chancreate(sizeof(ulong), 128);
	sum = 0;
	t0 = nowns();
#ifdef CROSS
	proccreate(producer, nil, STK);
#else
	threadcreate(producer, nil, STK);
#endif
	for(i = 0; i < n; i++)
		sum += recvul(c);
	report(n, nowns()-t0);
	print("%lld\n", sum);
	threadexitsall(nil);
}
