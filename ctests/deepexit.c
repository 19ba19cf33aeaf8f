/* threadexits from deep recursion: the stack is recycled, nothing unwinds, other
 * threads go on; threadexitsall from a secondary proc ends everything at once. */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;

void
deep(int n)
{
	char buf[512];

	memset(buf, n, sizeof buf);
	if(n == 0){
		sendul(c, buf[0] + 1);
		threadexits("deep");
	}
	deep(n - 1);
	print("not reached %d\n", buf[0]);
}

void
worker(void *arg)
{
	deep((int)(uintptr)arg);
}

void
blocker(void *arg)
{
	recvul(arg);
}

void
ender(void *arg)
{
	USED(arg);
	print("ending\n");
	threadexitsall(nil);
}

void
threadmain(int argc, char *argv[])
{
	int i;
	ulong sum;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	sum = 0;
	for(i = 0; i < 2000; i++){
		threadcreate(worker, (void*)(uintptr)100, 128*1024);
		sum += recvul(c);
	}
	print("deep %lud\n", sum);
	for(i = 0; i < 4; i++)
		proccreate(blocker, chancreate(sizeof(ulong), 0), 32768);
	threadcreate(blocker, chancreate(sizeof(ulong), 0), 32768);
	proccreate(ender, nil, 32768);
	recvul(chancreate(sizeof(ulong), 0));
}
