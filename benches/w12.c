/*
 * W12: scaling. P procs (built with -DP=1 or -DP=2), each running its own ping-pong
 * pair over its own two unbuffered channels, both threads and both channels made by
 * the proc itself. Pair k does the rounds i ≡ k (mod P) below N, so op = one round
 * trip of the whole program and ns per op is its throughput: P=2 on two free CPUs
 * should take half the time of P=1. Checksum: the sum of the replies, N(N+1)/2.
 * On a loaded machine the wall clock mostly says how much CPU the procs got, so each
 * proc also reports the CPU time of its OS thread per round trip it made
 * ("w12: cpu-ns/round ..." on stderr): a cache line shared between the procs' hot
 * paths shows up there as P=2 costing more per round than P=1.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

static vlong
cpuns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (vlong)ts.tv_sec*1000000000LL + ts.tv_nsec;
}

#ifndef P
#define P 1
#endif

static int n;
static Channel *ready, *go, *done;
static vlong cpu[P];

typedef struct Pair Pair;
struct Pair
{
	Channel *ping, *pong;
};

static void
echo(void *arg)
{
	Pair *pp;
	ulong v;

	pp = arg;
	for(;;){
		v = recvul(pp->ping);
		sendul(pp->pong, v+1);
	}
}

static void
pinger(void *arg)
{
	int i, k, m;
	uvlong sum;
	vlong c0;
	Pair pp;

	k = (int)(uintptr)arg;
	pp.ping = chancreate(sizeof(ulong), 0);
	pp.pong = chancreate(sizeof(ulong), 0);
	threadcreate(echo, &pp, STK);
	sendul(ready, 1);
	recvul(go);
	sum = 0;
	m = 0;
	c0 = cpuns();
	for(i = k; i < n; i += P){
		sendul(pp.ping, i);
		sum += recvul(pp.pong);
		m++;
	}
	cpu[k] = m > 0 ? (cpuns()-c0)/m : 0;
	send(done, &sum);
	/* The echo thread stays parked: threadexitsall ends it. */
	for(;;)
		recvul(go);
}

void
threadmain(int argc, char *argv[])
{
	int k;
	vlong t0;
	uvlong sum, s;

	n = argn(argc, argv, 2000000);
	ready = chancreate(sizeof(ulong), P);
	go = chancreate(sizeof(ulong), P);
	done = chancreate(sizeof(uvlong), P);
	for(k = 0; k < P; k++)
		proccreate(pinger, (void*)(uintptr)k, STK);
	for(k = 0; k < P; k++)
		recvul(ready);
	t0 = nowns();
	for(k = 0; k < P; k++)
		sendul(go, 1);
	sum = 0;
	for(k = 0; k < P; k++){
		recv(done, &s);
		sum += s;
	}
	report(n, nowns()-t0);
	fprint(2, "w12: cpu-ns/round");
	for(k = 0; k < P; k++)
		fprint(2, " %lld", cpu[k]);
	fprint(2, "\n");
	print("%llud\n", sum);
	threadexitsall(nil);
}
