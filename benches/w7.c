/*
 * W7: alt over 4 unbuffered channels, each fed by its own thread (one proc).
 * Feeder k sends k, k+4, k+8, ... so the N values received are 0..N-1 once each
 * (N is rounded down to a multiple of 4). op = one receive through alt.
 * Checksum: N(N-1)/2.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

enum
{
	Nfeed = 4
};

Channel *c[Nfeed];
int n;

void
feeder(void *arg)
{
	int k, i;

	k = (int)(uintptr)arg;
	for(i = k; i < n; i += Nfeed)
		sendul(c[k], i);
	threadexits(nil);
}

void
threadmain(int argc, char *argv[])
{
	int i, k;
	ulong v;
	vlong t0, sum;
	Alt a[Nfeed+1];

	n = argn(argc, argv, 1000000);
	n -= n % Nfeed;
	if(n == 0)
		n = Nfeed;
	for(k = 0; k < Nfeed; k++){
		c[k] = chancreate(sizeof(ulong), 0);
		a[k].c = c[k];
		a[k].v = &v;
		a[k].op = CHANRCV;
	}
	a[Nfeed].op = CHANEND;
	for(k = 0; k < Nfeed; k++)
		threadcreate(feeder, (void*)(uintptr)k, STK);
	sum = 0;
	t0 = nowns();
	for(i = 0; i < n; i++){
		if(alt(a) < 0)
			sysfatal("alt failed");
		sum += v;
	}
	report(n, nowns()-t0);
	print("%lld\n", sum);
	threadexitsall(nil);
}
