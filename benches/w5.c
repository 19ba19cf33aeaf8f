/*
 * W5: threadring. 503 threads in a ring of unbuffered channels pass a token
 * N times. op = one hop. Checksum: the number (1..503) of the thread that
 * holds the token when it reaches 0 = N mod 503 + 1.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

enum
{
	Nring = 503
};

Channel *ring[Nring];
Channel *done;

void
member(void *arg)
{
	int id;
	ulong t;
	Channel *in, *out;

	id = (int)(uintptr)arg;
	in = ring[id];
	out = ring[(id+1)%Nring];
	for(;;){
		t = recvul(in);
		if(t == 0){
			sendul(done, id+1);
			continue;
		}
		sendul(out, t-1);
	}
}

void
threadmain(int argc, char *argv[])
{
	int i, n;
	ulong who;
	vlong t0;

	n = argn(argc, argv, 10000000);
	for(i = 0; i < Nring; i++)
		ring[i] = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	for(i = 0; i < Nring; i++)
		threadcreate(member, (void*)(uintptr)i, STK);
	t0 = nowns();
	sendul(ring[0], n);
	who = recvul(done);
	report(n, nowns()-t0);
	print("%lld\n", (vlong)who);
	threadexitsall(nil);
}
