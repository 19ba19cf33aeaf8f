/*
 * threadint of a thread blocked in recv, in alt and in iocall: each call returns -1
 * with errstr "interrupted"; the ioproc stays usable. threadint of a thread running
 * in a system call in its own proc makes the call fail with EINTR.
 */
#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c, *d, *res;
Ioproc *io;
int p[2], q[2];

static void
report(char *what, long r)
{
	char err[128];

	err[0] = 0;
	if(r < 0)
		rerrstr(err, sizeof err);
	print("%s %ld %s\n", what, r, err);
	sendul(res, 1);
}

static void
inrecv(void *v)
{
	ulong x;

	USED(v);
	report("recv", recv(c, &x));
}

static void
inalt(void *v)
{
	ulong x, y;
	Alt a[3];

	USED(v);
	a[0].c = c; a[0].v = &x; a[0].op = CHANRCV;
	a[1].c = d; a[1].v = &y; a[1].op = CHANSND;
	a[2].op = CHANEND;
	report("alt", alt(a));
}

static void
iniocall(void *v)
{
	char buf[8];

	USED(v);
	report("iocall", ioread(io, p[0], buf, sizeof buf));
}

static void
insyscall(void *v)
{
	char buf[8];
	long r;

	USED(v);
	errno = 0;
	r = read(q[0], buf, sizeof buf);	/* blocks this whole proc */
	print("syscall %ld %s\n", r, errno == EINTR ? "EINTR" : "other");
	sendul(res, 1);
}

static void
wait50(void)
{
	usleep(50*1000);
}

void
threadmain(int argc, char **argv)
{
	int id;
	char buf[8];

	c = chancreate(sizeof(ulong), 0);
	d = chancreate(sizeof(ulong), 0);
	res = chancreate(sizeof(ulong), 0);
	io = ioproc();
	pipe(p);
	pipe(q);

	id = threadcreate(inrecv, nil, 65536);
	yield();
	threadint(id);
	recvul(res);

	id = threadcreate(inalt, nil, 65536);
	yield();
	threadint(id);
	recvul(res);

	id = threadcreate(iniocall, nil, 65536);
	yield();
	wait50();
	threadint(id);
	recvul(res);
	write(p[1], "ok", 2);
	print("ioproc again %ld\n", ioread(io, p[0], buf, sizeof buf));

	id = proccreate(insyscall, nil, 65536);
	wait50();
	threadint(id);
	recvul(res);

	/* a thread that is merely ready is not affected, nor is the next call */
	id = threadcreate(inrecv, nil, 65536);
	threadint(id);
	yield();
	print("still blocked %s\n", nbsendul(c, 7) == 1 ? "yes" : "no");
	recvul(res);
	threadexitsall(nil);
}
