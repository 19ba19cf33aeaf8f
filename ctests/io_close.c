/*
 * closeioproc of an ioproc blocked in a call interrupts the call (which returns -1)
 * and frees the ioproc once it has returned; using it afterwards is reported.
 * Concurrent callers of one ioproc are served one at a time.
 */
#include <unistd.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Ioproc *io;
int p[2];
Channel *done;

static void
reader(void *v)
{
	char buf[8], err[128];
	long r;

	USED(v);
	r = ioread(io, p[0], buf, sizeof buf);
	rerrstr(err, sizeof err);
	print("busy read %ld %s\n", r, err);
	sendul(done, 1);
}

static long
slow(va_list *arg)
{
	int *n, mine;

	n = va_arg(*arg, int*);
	mine = ++*n;
	usleep(20*1000);
	return mine == *n;	/* nobody else ran meanwhile */
}

static long
recursive(va_list *arg)
{
	USED(arg);
	return iocall(io, recursive);	/* would wait for itself: refused */
}

static void
caller(void *v)
{
	int *n;

	n = v;
	sendul(done, iocall(io, slow, n));
}

void
threadmain(int argc, char **argv)
{
	int n, i, ok;
	char buf[8];

	done = chancreate(sizeof(ulong), 0);
	io = ioproc();
	n = 0;
	for(i = 0; i < 3; i++)
		threadcreate(caller, &n, 65536);
	ok = 0;
	for(i = 0; i < 3; i++)
		ok += recvul(done);
	print("serialised %d of 3, %d calls\n", ok, n);

	print("recursive %ld\n", iocall(io, recursive));

	pipe(p);
	threadcreate(reader, nil, 65536);
	yield();
	usleep(20*1000);
	closeioproc(io);
	recvul(done);
	usleep(20*1000);
	print("after close %ld\n", ioread(io, p[0], buf, 1));
	threadexitsall(nil);
}
