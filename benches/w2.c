/*
 * W2: ping-pong between two procs (the echo thread is proccreate'd) over unbuffered channels.
 * op = one round trip. Checksum: sum of the replies (i+1 for i < N) = N(N+1)/2.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

Channel *ping, *pong;

void
echo(void *arg)
{
	ulong v;

	USED(arg);
	for(;;){
		v = recvul(ping);
		sendul(pong, v+1);
	}
}

void
threadmain(int argc, char *argv[])
{
	int i, n;
	vlong t0, sum;

	n = argn(argc, argv, 200000);
	ping = chancreate(sizeof(ulong), 0);
	pong = chancreate(sizeof(ulong), 0);
	proccreate(echo, nil, STK);
	sum = 0;
	t0 = nowns();
	for(i = 0; i < n; i++){
		sendul(ping, i);
		sum += recvul(pong);
	}
	report(n, nowns()-t0);
	print("%lld\n", sum);
	threadexitsall(nil);
}
