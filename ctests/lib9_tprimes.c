/*
 * A prime sieve in the style of plan9port's tprimes: a counter thread sends
 * 2, 3, 4, ...; each filter thread prints the first number it receives (a prime),
 * starts the next filter and passes on what its prime does not divide. The filter
 * that gets a prime above max prints it and ends the program.
 *	lib9_tprimes [-p] [-b nbuf] [max]
 * -p: every filter is a proc (default max then 1000). 8 KiB stacks requested.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum
{
	STACK = 8192
};

int max = 10000;
int (*mk)(void (*fn)(void*), void *arg, uint stack);

void
counter(void *v)
{
	Channel *c;
	ulong i;

	c = v;
	for(i = 2;; i++)
		sendul(c, i);
}

void
filter(void *v)
{
	Channel *c, *next;
	ulong i, p;

	c = v;
	p = recvul(c);
	print("%d\n", (int)p);
	if(p > max)
		threadexitsall(nil);
	next = chancreate(sizeof(ulong), 0);
	mk(filter, next, STACK);
	for(;;){
		i = recvul(c);
		if(i%p)
			sendul(next, i);
	}
}

void
note(void *v, char *msg)
{
	USED(v);
	print("note: %s\n", msg);
	noted(NDFLT);
}

void
usage(void)
{
	fprint(2, "usage: lib9_tprimes [-p] [-b nbuf] [max]\n");
	threadexitsall("usage");
}

void
threadmain(int argc, char **argv)
{
	Channel *c;
	int nbuf;

	notify(note);
	nbuf = 0;
	mk = threadcreate;
	ARGBEGIN{
	case 'b':
		nbuf = atoi(EARGF(usage()));
		break;
	case 'p':
		mk = proccreate;
		max = 1000;
		break;
	default:
		usage();
	}ARGEND
	if(argc == 1)
		max = atoi(argv[0]);
	else if(argc)
		usage();
	c = chancreate(sizeof(ulong), nbuf);
	mk(counter, c, STACK);
	mk(filter, c, STACK);
	recvp(chancreate(sizeof(void*), 0));
	threadexitsall(nil);
}
