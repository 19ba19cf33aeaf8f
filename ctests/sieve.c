/* Concurrent prime sieve, one thread per prime, 8 KiB requested stacks. */
#include <u.h>
#include <libc.h>
#include <thread.h>

int max = 2000;

void
filter(void *arg)
{
	Channel *in, *out;
	ulong p, n;

	in = arg;
	p = recvul(in);
	print("%lud\n", p);
	if(p > (ulong)max)
		threadexitsall(nil);
	out = chancreate(sizeof(ulong), 0);
	threadcreate(filter, out, 8192);
	for(;;){
		n = recvul(in);
		if(n % p)
			sendul(out, n);
	}
}

void
threadmain(int argc, char *argv[])
{
	Channel *c;
	ulong i;

	if(argc > 1)
		max = atoi(argv[1]);
	c = chancreate(sizeof(ulong), 0);
	threadcreate(filter, c, 8192);
	for(i = 2;; i++)
		sendul(c, i);
}
