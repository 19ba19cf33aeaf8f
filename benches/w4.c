/*
 * W4: the concurrent prime sieve (one proc): a generator thread and one filter
 * thread per prime, linked by unbuffered channels. Prints the Nth prime
 * (N=2000: 17389, the checksum). op = one channel send; the count is
 * computed afterwards: each n <= the Nth prime is sent k times, k being the
 * rank of its smallest prime factor (n is dropped by the filter of that prime,
 * or, if prime itself, read by threadmain after k-1 filters).
 * Sends of numbers in flight beyond the Nth prime are not counted (a few).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

typedef struct Filter Filter;
struct Filter
{
	ulong	p;
	Channel	*in;
	Channel	*out;
};

void
generate(void *arg)
{
	Channel *c;
	ulong i;

	c = arg;
	for(i = 2;; i++)
		sendul(c, i);
}

void
filter(void *arg)
{
	Filter *f;
	ulong v;

	f = arg;
	for(;;){
		v = recvul(f->in);
		if(v % f->p)
			sendul(f->out, v);
	}
}

static vlong
countsends(ulong last)
{
	int *rank;
	ulong i, j;
	int k;
	vlong sends;

	rank = calloc(last+1, sizeof rank[0]);
	if(rank == nil)
		sysfatal("calloc: out of memory");
	k = 0;
	sends = 0;
	for(i = 2; i <= last; i++){
		if(rank[i] == 0){
			k++;
			for(j = i; j <= last; j += i)
				if(rank[j] == 0)
					rank[j] = k;
		}
		sends += rank[i];
	}
	free(rank);
	return sends;
}

void
threadmain(int argc, char *argv[])
{
	int i, n;
	ulong p;
	vlong t0, t;
	Channel *c;
	Filter *f;

	n = argn(argc, argv, 2000);
	c = chancreate(sizeof(ulong), 0);
	threadcreate(generate, c, STK);
	p = 0;
	t0 = nowns();
	for(i = 0; i < n; i++){
		p = recvul(c);
		f = malloc(sizeof *f);
		if(f == nil)
			sysfatal("malloc: out of memory");
		f->p = p;
		f->in = c;
		f->out = chancreate(sizeof(ulong), 0);
		threadcreate(filter, f, STK);
		c = f->out;
	}
	t = nowns()-t0;
	report(countsends(p), t);
	print("%lld\n", (vlong)p);
	threadexitsall(nil);
}
