/*
 * A proc that never idles (a thread yielding in a loop) still sees its ready fds:
 * the scheduler polls its epoll every 64 switches once a millisecond has passed.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

static int p[2];
static volatile int stop;

static void
spinner(void *v)
{
	USED(v);
	while(!stop)
		yield();
}

static void
writer(void *v)
{
	USED(v);
	threadsleep(20);
	write(p[1], "w", 1);
}

void
threadmain(int argc, char *argv[])
{
	char b;
	uvlong t0;

	USED(argc);
	USED(argv);
	if(pipe(p) < 0)
		sysfatal("pipe");
	threadcreate(spinner, nil, 32768);
	proccreate(writer, nil, 32768);
	t0 = nsecmono();
	if(threadread(p[0], &b, 1) != 1 || b != 'w')
		threadexitsall("threadread failed");
	stop = 1;
	if(nsecmono() - t0 > 5000000000ULL)
		threadexitsall("too slow");
	print("busy proc saw its fd\n");
	threadexitsall(nil);
}
