/*
 * A thread that blocks runs the proc's ready threads itself (runtime/sched/mod.rs, host) instead
 * of switching to the scheduler first. Everything a program can observe must be as
 * if the scheduler ran them: the order threads run in, yields, exits, pinning,
 * interrupts, timeouts and wake-ups from other procs while the blocked thread hosts.
 * The expected output was produced by the scheduler-only library.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

char trail[256];
int ntrail;
Channel *wake, *never, *done;
int mainid;
volatile int stop;

void
mark(int c)
{
	if(ntrail < nelem(trail)-1)
		trail[ntrail++] = c;
}

void
show(char *what)
{
	trail[ntrail] = 0;
	print("%s: %s\n", what, trail);
	ntrail = 0;
}

/* S1: order. */
void
letter(void *arg)
{
	int c;

	c = (int)(uintptr)arg;
	mark(c);
	if(c == 'A')
		sendul(wake, 1);
}

/* S2: a thread that yields while hosted. */
void
yielder(void *arg)
{
	int i;

	USED(arg);
	for(i = 0; i < 5; i++){
		mark('y');
		threadyield();
	}
	sendul(done, 1);
}

void
waker(void *arg)
{
	USED(arg);
	mark('w');
	sendul(wake, 2);
	mark('W');
}

/* S3: threadint of the hosting thread. */
void
interrupter(void *arg)
{
	int i;

	USED(arg);
	for(i = 0; i < 3; i++){
		mark('i');
		threadyield();
	}
	threadint(mainid);
	mark('I');
	threadyield();
	mark('j');
	sendul(done, 1);
}

/* S4, S5: busy threads that run until told to stop. */
void
spinner(void *arg)
{
	long *n;

	n = arg;
	while(!stop){
		(*n)++;
		threadyield();
	}
	sendul(done, 1);
}

void
remote(void *arg)
{
	USED(arg);
	sleep(20);
	sendul(wake, 42);
}

/* S6: a hosted thread killed by another hosted thread. */
int victimid;
int victimwoke;

void
victim(void *arg)
{
	USED(arg);
	mark('v');
	recvul(never);
	victimwoke = 1;
}

void
killer(void *arg)
{
	USED(arg);
	mark('k');
	threadkill(victimid);
	threadyield();
	mark('K');
	sendul(done, 1);
}

/* S7: a hosted thread pins its proc. */
void
pinner(void *arg)
{
	USED(arg);
	threadpin();
	mark('p');
	threadyield();
	mark('P');
	threadunpin();
	sendul(wake, 7);
}

void
threadmain(int argc, char *argv[])
{
	Alt a[2];
	ulong v;
	long spins;
	vlong t0;

	USED(argc);
	USED(argv);
	mainid = threadid();
	wake = chancreate(sizeof(ulong), 0);
	never = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);

	threadcreate(letter, (void*)'A', 32768);
	threadcreate(letter, (void*)'B', 32768);
	threadcreate(letter, (void*)'C', 32768);
	v = recvul(wake);
	mark('M');
	show(v == 1 ? "order" : "order: bad value");

	threadcreate(yielder, nil, 32768);
	threadcreate(waker, nil, 32768);
	v = recvul(wake);
	mark('M');
	recvul(done);
	mark('D');
	show(v == 2 ? "yield" : "yield: bad value");

	threadcreate(interrupter, nil, 32768);
	v = recvul(never);
	mark('M');
	print("int: %lud %r\n", v);
	recvul(done);
	show("int");

	spins = 0;
	stop = 0;
	threadcreate(spinner, &spins, 32768);
	a[0].c = never;
	a[0].v = &v;
	a[0].op = CHANRCV;
	a[1].op = CHANEND;
	t0 = nsec();
	if(alttimeout(a, 30) != 1)
		print("timeout: alttimeout did not time out\n");
	else if(nsec() - t0 > 5000000000LL)
		print("timeout: far too late\n");
	else if(spins == 0)
		print("timeout: the spinner never ran\n");
	else
		print("timeout: ok\n");
	stop = 1;
	recvul(done);

	spins = 0;
	stop = 0;
	threadcreate(spinner, &spins, 32768);
	proccreate(remote, nil, 32768);
	v = recvul(wake);
	stop = 1;
	recvul(done);
	print("xproc: %lud%s\n", v, spins > 0 ? " (spinner ran)" : " (spinner never ran)");

	victimid = threadcreate(victim, nil, 32768);
	threadcreate(killer, nil, 32768);
	recvul(done);
	mark('M');
	threadyield();
	show(victimwoke ? "kill: victim woke" : "kill");

	threadcreate(letter, (void*)'q', 32768);
	threadcreate(pinner, nil, 32768);
	threadcreate(letter, (void*)'r', 32768);
	v = recvul(wake);
	mark('M');
	show(v == 7 ? "pin" : "pin: bad value");
	threadexitsall(nil);
}
