/*
 * P8: a proc asleep in epoll (one thread waits on a pipe that is never written,
 * another on a channel) wakes promptly for a channel send from another proc. The
 * spec's target is 1 ms; the check allows 100 ms (noisy CI); the median is printed
 * only on failure.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { N = 50 };

static Channel *c, *back;
static int p[2];

static void
fdsleeper(void *v)
{
	char b;

	USED(v);
	threadread(p[0], &b, 1);	/* keeps the proc's epoll armed */
}

static void
sender(void *v)
{
	int i;
	uvlong t;

	USED(v);
	for(i = 0; i < N; i++){
		threadsleep(2);
		t = nsecmono();
		send(c, &t);
		recvul(back);
	}
}

void
threadmain(int argc, char *argv[])
{
	int i, j;
	uvlong t, d[N], x;

	USED(argc);
	USED(argv);
	if(pipe(p) < 0)
		sysfatal("pipe");
	c = chancreate(sizeof(uvlong), 0);
	back = chancreate(sizeof(ulong), 0);
	threadcreate(fdsleeper, nil, 32768);
	proccreate(sender, nil, 65536);
	for(i = 0; i < N; i++){
		recv(c, &t);
		d[i] = nsecmono() - t;
		sendul(back, 0);
	}
	for(i = 0; i < N; i++)
		for(j = i+1; j < N; j++)
			if(d[j] < d[i]){
				x = d[i]; d[i] = d[j]; d[j] = x;
			}
	if(d[N/2] > 100000000ULL){
		fprint(2, "median wake-up %lld us\n", (vlong)d[N/2]/1000);
		threadexitsall("slow");
	}
	print("cross-proc wake-ups reach a proc in epoll\n");
	threadexitsall(nil);
}
