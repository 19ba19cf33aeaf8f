/*
 * chanfree racing with an alt in another proc on the freed channel (a misuse):
 * each round the two procs meet at a spin barrier, then one frees c while the
 * other alts on c and d. The alt either queued first (the free is deferred and
 * the send on d completes it), or it reports the freed channel (stderr) and takes
 * d. It must never spin on the freed channel's lock or touch unmapped memory.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { Rounds = 3000 };

Channel *c, *d, *go, *back;
volatile int arrive;

static void
meet(int k)
{
	__atomic_add_fetch(&arrive, 1, __ATOMIC_SEQ_CST);
	while(__atomic_load_n(&arrive, __ATOMIC_SEQ_CST) < 2*k)
		;
}

void
alter(void *arg)
{
	Alt a[3];
	ulong v;
	int i, r, bad;

	USED(arg);
	bad = 0;
	for(i = 1; i <= Rounds; i++){
		recvul(go);
		a[0].c = c; a[0].v = &v; a[0].op = CHANRCV;
		a[1].c = d; a[1].v = &v; a[1].op = CHANRCV;
		a[2].op = CHANEND;
		meet(i);
		r = alt(a);
		if(r != 1 || v != i)
			bad++;
		sendul(back, 0);
	}
	print("alter: %d bad\n", bad);
	sendul(back, 0);
}

void
threadmain(int argc, char *argv[])
{
	int i;

	USED(argc);
	USED(argv);
	go = chancreate(sizeof(ulong), 0);
	back = chancreate(sizeof(ulong), 0);
	d = chancreate(sizeof(ulong), 0);
	proccreate(alter, nil, 65536);
	for(i = 1; i <= Rounds; i++){
		c = chancreate(sizeof(ulong), 0);
		sendul(go, 0);
		meet(i);
		chanfree(c);
		sendul(d, i);
		recvul(back);
	}
	recvul(back);
	print("done\n");
	threadexitsall(nil);
}
