/*
 * Per-wake-up cost of a pipe ping-pong:
 *   iopause: two threads of ONE proc, threadwrite/threadread (each hop parks the
 *            reader thread; the proc's epoll wakes it);
 *   ioproc:  two threads of one proc, each doing its ioread/iowrite through its
 *            own ioproc (the route plan9port programs take);
 *   procs:   plain blocking read/write in two procs (the floor of any proc route).
 * Build: cc -O2 -Iinclude/thread9 benches/iopause_pingpong.c -Lbuild -lthread \
 *        -Wl,-rpath,$PWD/build -o build/iopause_pingpong
 * Run:   build/iopause_pingpong [rounds]
 *
 * Measured on the 2-vCPU CI VM (shared, noisy), 5 runs of 20,000 round trips:
 * iopause 2.06-2.8 us per hop (2.06-2.18 us CPU); ioprocs 2.9-12 us wall (5.7-14 us
 * CPU), earlier runs under heavier load 40-120 us; blocking procs 2.1-2.6 us.
 * An iopause hop is 7 syscalls (poll+write; poll+epoll_ctl to park; epoll_wait;
 * poll+read) at ~230 ns each on this VM, so syscalls, not the scheduler, set its
 * cost; the ioproc route's cost is dominated by cross-proc wake-ups and varies with
 * how busy the other vCPU is.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <sys/resource.h>

static int ab[2], ba[2];
static long rounds = 20000;
static Channel *done;

static void
echo_thread(void *v)
{
	char b;
	long i;

	USED(v);
	for(i = 0; i < rounds; i++){
		if(threadread(ab[0], &b, 1) != 1)
			sysfatal("threadread");
		threadwrite(ba[1], &b, 1);
	}
	sendul(done, 0);
}

static void
echo_proc(void *v)
{
	char b;
	long i;

	USED(v);
	for(i = 0; i < rounds; i++){
		if(read(ab[0], &b, 1) != 1)
			sysfatal("read");
		write(ba[1], &b, 1);
	}
	sendul(done, 0);
}

static Ioproc *io1, *io2;

static void
echo_io(void *v)
{
	char b;
	long i;

	USED(v);
	for(i = 0; i < rounds; i++){
		if(ioread(io2, ab[0], &b, 1) != 1)
			sysfatal("ioread");
		iowrite(io2, ba[1], &b, 1);
	}
	sendul(done, 0);
}

static double cpu;	/* CPU ns per hop of the last run, all procs together */

static uvlong
cpunow(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)*1000000000ULL
		+ (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec)*1000ULL;
}

static double
run(int same)
{
	char b;
	long i;
	uvlong t0, c0;

	if(pipe(ab) < 0 || pipe(ba) < 0)
		sysfatal("pipe");
	if(same == 1)
		threadcreate(echo_thread, nil, 65536);
	else if(same == 2)
		threadcreate(echo_io, nil, 65536);
	else
		proccreate(echo_proc, nil, 65536);
	t0 = nsecmono();
	c0 = cpunow();
	for(i = 0; i < rounds; i++){
		b = i;
		if(same == 1){
			threadwrite(ab[1], &b, 1);
			threadread(ba[0], &b, 1);
		}else if(same == 2){
			iowrite(io1, ab[1], &b, 1);
			ioread(io1, ba[0], &b, 1);
		}else{
			write(ab[1], &b, 1);
			read(ba[0], &b, 1);
		}
	}
	recvul(done);
	cpu = (double)(cpunow() - c0) / (2.0*rounds);
	close(ab[0]); close(ab[1]); close(ba[0]); close(ba[1]);
	return (double)(nsecmono() - t0) / (2.0*rounds);
}

void
threadmain(int argc, char *argv[])
{
	double a, b, c, ca, cb, cc;

	if(argc > 1)
		rounds = atol(argv[1]);
	done = chancreate(sizeof(ulong), 0);
	io1 = ioproc();
	io2 = ioproc();
	run(1);	/* warm up */
	a = run(1);
	ca = cpu;
	c = run(2);
	cc = cpu;
	b = run(0);
	cb = cpu;
	print("pipe ping-pong, %ld round trips; per hop (one wake-up): wall ns, CPU ns (all procs)\n", rounds);
	print("  iopause, two threads of one proc     %8.0f %8.0f\n", a, ca);
	print("  ioproc route, two threads, 2 ioprocs %8.0f %8.0f  (%.1fx / %.1fx iopause)\n", c, cc, c/a, cc/ca);
	print("  blocking read, two procs             %8.0f %8.0f  (%.1fx / %.1fx iopause)\n", b, cb, b/a, cb/ca);
	threadexitsall(nil);
}
