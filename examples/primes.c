/*
 * primes: the concurrent prime sieve. A counter thread sends 2, 3, 4, ...;
 * each filter thread keeps the first number it receives (a prime), prints it,
 * and passes on only the numbers that prime does not divide, to a new filter.
 *	primes [-p] [max]	print the primes up to max (default 100);
 *				-p puts each filter in a proc of its own
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

int max = 100;
int useprocs;
Channel *done;

void
spawn(void (*f)(void*), void *arg)
{
	if(useprocs)
		proccreate(f, arg, 32*1024);
	else
		threadcreate(f, arg, 32*1024);
}

void
filter(void *arg)
{
	Channel *in, *out;
	ulong p, n;

	in = arg;
	p = recvul(in);
	if(p > max){
		sendul(done, 0);
		threadexits(nil);
	}
	print("%ld\n", (long)p);
	out = chancreate(sizeof(ulong), 0);
	spawn(filter, out);
	for(;;){
		n = recvul(in);
		if(n%p != 0)
			sendul(out, n);
	}
}

void
counter(void *arg)
{
	ulong i;

	for(i = 2;; i++)
		sendul(arg, i);
}

void
threadmain(int argc, char *argv[])
{
	Channel *c;

	if(argc > 1 && strcmp(argv[1], "-p") == 0){
		useprocs = 1;
		argc--;
		argv++;
	}
	if(argc > 1)
		max = atoi(argv[1]);
	if(max < 2){
		fprint(2, "usage: primes [-p] [max]\n");
		threadexitsall("usage");
	}
	done = chancreate(sizeof(ulong), 0);
	c = chancreate(sizeof(ulong), 0);
	threadcreate(counter, c, 32*1024);
	spawn(filter, c);
	recvul(done);
	/* the counter and the filters are still blocked: end them all */
	threadexitsall(nil);
}
