/* The gdb extension (tools/libthread-gdb.py, see gdb_threads.sh): threads blocked in
 * recv, alt and threadsleep in the main proc, one blocked in recv in a second proc, one
 * running main from its park, and a checkpoint for gdb's breakpoint once they all are. */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *work, *work2, *c1, *c2, *ready, *hc;

static void
receiver(void *v)
{
	USED(v);
	threadsetname("receiver");
	recvul(work); /* LINE receiver */
}

static void
alter(void *v)
{
	ulong x, y;
	Alt a[3];

	USED(v);
	threadsetname("alter");
	a[0].c = c1; a[0].v = &x; a[0].op = CHANRCV;
	a[1].c = c2; a[1].v = &y; a[1].op = CHANRCV;
	a[2].c = nil; a[2].v = nil; a[2].op = CHANEND;
	alt(a); /* LINE alter */
}

static void
sleeper(void *v)
{
	USED(v);
	threadsetname("sleeper");
	threadsleep(1000000); /* LINE sleeper */
}

static void
procthread(void *v)
{
	USED(v);
	threadsetname("procthread");
	sendul(ready, 1);
	recvul(work2); /* LINE procthread */
}

/* Parked in recv, it runs main (readied meanwhile) from its own stack: the
 * scheduler's hosting, whose registers are found another way. */
static void
hoster(void *v)
{
	USED(v);
	threadsetname("hoster");
	for(;;)
		recvul(hc); /* LINE hoster */
}

/* gdb stops here; noinline and the asm keep the call. */
__attribute__((noinline)) void
t9checkpoint(int i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
}

void
threadmain(int argc, char **argv)
{
	int i;

	USED(argc); USED(argv);
	work = chancreate(sizeof(ulong), 0);
	chansetname(work, "work");
	work2 = chancreate(sizeof(ulong), 0);
	chansetname(work2, "work2");
	c1 = chancreate(sizeof(ulong), 0);
	chansetname(c1, "c1");
	c2 = chancreate(sizeof(ulong), 0);
	chansetname(c2, "c2");
	ready = chancreate(sizeof(ulong), 0);
	hc = chancreate(sizeof(ulong), 0);
	chansetname(hc, "hc");
	threadcreate(receiver, nil, 65536);
	threadcreate(alter, nil, 65536);
	threadcreate(sleeper, nil, 65536);
	proccreate(procthread, nil, 65536);
	threadcreate(hoster, nil, 65536);
	recvul(ready);
	for(i = 0; i < 400; i++){
		threadsleep(50);
		sendul(hc, i);	/* hoster is ready, */
		yield();	/* runs, parks again and resumes main itself */
		t9checkpoint(i);
	}
	print("gdb never stopped the program\n");
	threadexitsall("timeout");
}
