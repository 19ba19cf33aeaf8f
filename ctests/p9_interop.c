/*
 * Interop with plan9port's lib9: when the program links lib9.a, lib9's lock(),
 * qlock(), rsleep(), sysfatal() … and the hook variables they call through are the
 * program's, and thread9 must fill the hooks at start-up. ctests/p9_interop.sh
 * links this program with a stand-in archive built like lib9 (p9_fake9.c); linked
 * with -lthread alone it runs on thread9's own functions. Either way: contended
 * QLock/Rendez/RWLock across threads and procs must work.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

extern int fake9calls __attribute__((weak));

QLock q;
Rendez r;
RWLock rw;
Lock l;
int ready, total;
Channel *done;

void
waiter(void *v)
{
	USED(v);
	qlock(&q);
	while(!ready)
		rsleep(&r);
	total++;
	qunlock(&q);
	sendul(done, 1);
}

void
adder(void *v)
{
	int i;

	USED(v);
	for(i = 0; i < 1000; i++){
		qlock(&q);
		total++;
		if(i%10 == 0)
			yield();
		qunlock(&q);
		lock(&l);
		unlock(&l);
		rlock(&rw);
		runlock(&rw);
	}
	sendul(done, 1);
}

void
threadmain(int argc, char **argv)
{
	int i;

	if(argc > 1)
		sysfatal("fatal %s %d", argv[1], 7);
	done = chancreate(sizeof(ulong), 16);
	r.l = &q;
	for(i = 0; i < 3; i++)
		threadcreate(waiter, nil, 65536);
	proccreate(waiter, nil, 65536);
	yield();
	sleep(10);
	qlock(&q);
	ready = 1;
	print("woken %d\n", rwakeupall(&r) >= 0);
	qunlock(&q);
	for(i = 0; i < 4; i++)
		recvul(done);
	for(i = 0; i < 2; i++){
		threadcreate(adder, nil, 65536);
		proccreate(adder, nil, 65536);
	}
	for(i = 0; i < 4; i++)
		recvul(done);
	print("total %d\n", total);
	print("hooks %s\n", _qlock != nil && _rsleep != nil && _lock != nil && _sysfatal != nil ? "set" : "unset");
	if(&fake9calls != nil)
		print("through stand-in lib9: %s\n", fake9calls > 1000 ? "yes" : "no");
	threadexitsall(nil);
}
