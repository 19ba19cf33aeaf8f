/*
 * iointerrupt of an ioread blocked on an empty pipe: the read fails at once with
 * "interrupted", and the same ioproc then reads data. Interrupting an idle ioproc
 * does nothing to its next call.
 */
#include <unistd.h>
#include <time.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Ioproc *io, *sleeper;
int p[2];
Channel *done;

vlong
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (vlong)ts.tv_sec*1000000000LL + ts.tv_nsec;
}

/* Busy in user code for ~30 ms, then blocks in read: the first signal lands before
 * read() is entered and is lost; the resends must catch the read. */
static long
lateop(va_list *arg)
{
	vlong t0;
	char c;
	int fd;

	fd = va_arg(*arg, int);
	t0 = now();
	while(now() - t0 < 30*1000000LL)
		;
	return read(fd, &c, 1);
}

static void
latereader(void *v)
{
	char err[128];
	long r;

	USED(v);
	r = iocall(io, lateop, p[0]);
	rerrstr(err, sizeof err);
	print("late %ld %s\n", r, err);
	sendul(done, 1);
}

static void
reader(void *v)
{
	char buf[8], err[128];
	long r;

	USED(v);
	r = ioread(io, p[0], buf, sizeof buf);
	rerrstr(err, sizeof err);
	print("read %ld %s\n", r, err);
	sendul(done, 1);
}

void
threadmain(int argc, char **argv)
{
	char buf[8];
	vlong t0, dt;

	io = ioproc();
	sleeper = ioproc();
	done = chancreate(sizeof(ulong), 0);
	if(pipe(p) < 0)
		sysfatal("pipe");
	threadcreate(reader, nil, 65536);
	iosleep(sleeper, 50);	/* the reader is blocked in read by now */
	t0 = now();
	iointerrupt(io);
	recvul(done);
	dt = (now() - t0)/1000000;
	print("fast %s\n", dt < 500 ? "yes" : "no");
	if(dt >= 500)
		fprint(2, "interrupt took %lld ms\n", dt);

	write(p[1], "x", 1);
	print("again %ld\n", ioread(io, p[0], buf, sizeof buf));

	threadcreate(latereader, nil, 65536);
	iosleep(sleeper, 5);	/* the op is spinning in user code */
	iointerrupt(io);
	recvul(done);

	/* idle: no effect on the next call */
	iointerrupt(io);
	iointerrupt(io);
	write(p[1], "yz", 2);
	print("idle %ld\n", ioread(io, p[0], buf, sizeof buf));
	closeioproc(io);
	closeioproc(sleeper);
	threadexits(nil);
}
