/*
 * P15: every thread is blocked on a channel except one waiting in iopause with a
 * deadline (and one in threadread on a pipe another process could write): that is
 * no deadlock. Once the deadline passes the program ends normally.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>

static Channel *c;
static int p[2];

static void
blocked(void *v)
{
	USED(v);
	recvul(c);
}

static void
reader(void *v)
{
	char b;

	USED(v);
	threadread(p[0], &b, 1);
}

static void
other(void *v)
{
	USED(v);
	recvul(c);	/* another proc, blocked too */
}

void
threadmain(int argc, char *argv[])
{
	struct taia stamp, deadline, d;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	if(pipe(p) < 0)
		sysfatal("pipe");
	threadcreate(blocked, nil, 32768);
	threadcreate(reader, nil, 32768);
	proccreate(other, nil, 32768);
	taia_now(&stamp);
	d.sec.x = 0; d.nano = 600000000; d.atto = 0;	/* longer than the deadlock grace period */
	taia_add(&deadline, &stamp, &d);
	iopause(nil, 0, &deadline, &stamp);
	print("no deadlock\n");
	threadexitsall(nil);
}
