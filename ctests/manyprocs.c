/* 10,000 procs created and exiting one after another. */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;

void
child(void *arg)
{
	sendul(c, (ulong)arg);
}

void
threadmain(int argc, char *argv[])
{
	ulong i, sum;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	sum = 0;
	for(i = 0; i < 10000; i++){
		if(proccreate(child, (void*)i, 16384) < 0)
			sysfatal("proccreate %lud: %r", i);
		sum += recvul(c);
	}
	print("%lud\n", sum);
}
