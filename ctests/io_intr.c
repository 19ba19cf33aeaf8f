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

static vlong
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (vlong)ts.tv_sec*1000000000LL + ts.tv_nsec;
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

	/* idle: no effect on the next call */
	iointerrupt(io);
	iointerrupt(io);
	write(p[1], "yz", 2);
	print("idle %ld\n", ioread(io, p[0], buf, sizeof buf));
	closeioproc(io);
	closeioproc(sleeper);
	threadexits(nil);
}
