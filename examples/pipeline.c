/*
 * pipeline: three procs (OS threads) connected by channels.
 * source sends 1..n, square squares each number, and threadmain adds them up.
 * The source closes its channel when done (9front's chanclose); square sees
 * recv fail, closes its own output, and the close travels down the pipeline.
 *	pipeline [n]	(default 1000)
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

typedef struct Stage Stage;
struct Stage
{
	Channel *in;
	Channel *out;
	vlong n;
};

void
source(void *arg)
{
	Stage *s;
	vlong i;

	s = arg;
	threadsetname("source");
	for(i = 1; i <= s->n; i++)
		send(s->out, &i);
	chanclose(s->out);
}

void
square(void *arg)
{
	Stage *s;
	vlong v;

	s = arg;
	threadsetname("square");
	while(recv(s->in, &v) == 1){
		v *= v;
		send(s->out, &v);
	}
	chanclose(s->out);
}

void
threadmain(int argc, char *argv[])
{
	Stage a, b;
	vlong v, sum, count;

	a.n = 1000;
	if(argc > 1)
		a.n = atoi(argv[1]);
	/* a little buffering lets the procs run side by side */
	a.in = nil;
	a.out = chancreate(sizeof(vlong), 16);
	b.in = a.out;
	b.out = chancreate(sizeof(vlong), 16);
	chansetname(a.out, "numbers");
	chansetname(b.out, "squares");
	proccreate(source, &a, 64*1024);
	proccreate(square, &b, 64*1024);
	sum = 0;
	count = 0;
	while(recv(b.out, &v) == 1){
		sum += v;
		count++;
	}
	print("%lld squares, sum %lld\n", count, sum);
	threadexitsall(nil);
}
