/* Unbuffered ping-pong between two threads of one proc, then across two procs. */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { N = 100000 };

typedef struct Pair Pair;
struct Pair { Channel *ping, *pong, *done; };

void
ponger(void *arg)
{
	Pair *p;
	ulong v;

	p = arg;
	while((v = recvul(p->ping)) != 0)
		sendul(p->pong, v + 1);
	sendul(p->done, 1);
}

ulong
run(int useproc)
{
	Pair p;
	ulong i, sum;

	p.ping = chancreate(sizeof(ulong), 0);
	p.pong = chancreate(sizeof(ulong), 0);
	p.done = chancreate(sizeof(ulong), 0);
	if(useproc)
		proccreate(ponger, &p, 32768);
	else
		threadcreate(ponger, &p, 32768);
	sum = 0;
	for(i = 1; i <= N; i++){
		sendul(p.ping, i);
		sum += recvul(p.pong);
	}
	sendul(p.ping, 0);
	recvul(p.done);
	chanfree(p.ping);
	chanfree(p.pong);
	chanfree(p.done);
	return sum;
}

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	print("thread %lud\n", run(0));
	print("proc %lud\n", run(1));
	threadexitsall(nil);
}
