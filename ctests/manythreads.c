/* 100,000 threads alive at once, each blocked in recv; then all released. */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { N = 100000 };
Channel *go, *done;

void
idle(void *arg)
{
	ulong v;

	v = recvul(go);
	sendul(done, v + (ulong)arg - (ulong)arg);
}

void
threadmain(int argc, char *argv[])
{
	ulong i, sum;

	USED(argc);
	USED(argv);
	go = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	for(i = 0; i < N; i++)
		if(threadcreate(idle, (void*)i, 16384) < 0)
			sysfatal("threadcreate %lud: %r", i);
	yield();
	for(i = 0; i < N; i++)
		sendul(go, 1);
	sum = 0;
	for(i = 0; i < N; i++)
		sum += recvul(done);
	print("%lud\n", sum);
}
