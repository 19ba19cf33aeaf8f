/*
 * iopause: djb's rules as thread9 adapts them (docs/SERVE-AND-POLL.md: checks P1-P4, P14).
 * Time bounds are loose lower bounds (never early) and generous upper bounds.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>
#include <stddef.h>

static volatile long counter;
static int failed;

static void
check(int ok, char *what)
{
	if(!ok){
		fprint(2, "FAIL: %s\n", what);
		failed = 1;
	}
}

static void
counterthread(void *v)
{
	USED(v);
	for(;;){
		counter++;
		yield();
	}
}

/* deadline = now + ms (wall clock, as djb's callers do) */
static void
later(struct taia *stamp, struct taia *deadline, long ms)
{
	struct taia d;

	taia_now(stamp);
	d.sec.x = ms/1000;
	d.nano = (ms%1000)*1000000;
	d.atto = 0;
	taia_add(deadline, stamp, &d);
}

static vlong
elapsedms(uvlong t0)
{
	return (nsecmono() - t0)/1000000;
}

static void
layout(void)
{
	struct taia a, b, c;
	char buf[TAIA_PACK];
	char frac[TAIA_FMTFRAC];
	int n;

	check(sizeof(iopause_fd) == 8, "sizeof iopause_fd");
	check(sizeof(struct taia) == 24, "sizeof taia");
	check(offsetof(struct taia, nano) == 8 && offsetof(struct taia, atto) == 16, "taia offsets");
	check(IOPAUSE_READ == POLLIN && IOPAUSE_WRITE == POLLOUT, "READ/WRITE");
	a.sec.x = 1; a.nano = 999999999; a.atto = 999999999;
	b.sec.x = 0; b.nano = 0; b.atto = 1;
	taia_add(&c, &a, &b);
	check(c.sec.x == 2 && c.nano == 0 && c.atto == 0, "taia_add carries");
	taia_sub(&c, &c, &b);
	check(c.sec.x == 1 && c.nano == 999999999 && c.atto == 999999999, "taia_sub borrows");
	check(taia_less(&b, &a) && !taia_less(&a, &b) && !taia_less(&a, &a), "taia_less");
	tai_unix(&a.sec, 1);
	a.nano = 2; a.atto = 3;
	taia_pack(buf, &a);
	check(buf[0] == 0x40 && buf[7] == 11 && buf[11] == 2 && buf[15] == 3, "taia_pack");
	taia_unpack(buf, &b);
	check(!taia_less(&a, &b) && !taia_less(&b, &a), "taia_unpack");
	n = taia_fmtfrac(frac, &a);
	frac[n] = 0;
	check(n == 18 && strcmp(frac, "000000002000000003") == 0, "taia_fmtfrac");
	taia_uint(&a, 7);
	check(a.sec.x == 7 && a.nano == 0 && taia_approx(&a) == 7.0, "taia_uint");
	taia_half(&b, &a);
	check(b.sec.x == 3 && b.nano == 500000000, "taia_half");
	print("layout ok\n");
}

void
threadmain(int argc, char *argv[])
{
	struct taia stamp, deadline;
	iopause_fd x[3];
	int p[2], q[2], r, fd;
	long c0;
	uvlong t0;
	vlong ms;

	USED(argc);
	USED(argv);
	layout();
	threadcreate(counterthread, nil, 32768);
	yield();

	/* P1: empty set, deadline +50 ms: parks only this thread */
	later(&stamp, &deadline, 50);
	c0 = counter;
	t0 = nsecmono();
	r = iopause(nil, 0, &deadline, &stamp);
	ms = elapsedms(t0);
	check(r == 0, "P1 returns 0");
	check(ms >= 50 && ms < 2000, "P1 waits 50 ms");
	check(counter > c0 + 10, "P1 other threads ran");
	print("P1 ok\n");

	/* P2: deadline before / at stamp: poll once */
	if(pipe(p) < 0)
		sysfatal("pipe");
	x[0].fd = p[0];
	x[0].events = IOPAUSE_READ;
	x[0].revents = 77;
	taia_now(&stamp);
	deadline = stamp;
	deadline.sec.x--;
	t0 = nsecmono();
	r = iopause(x, 1, &deadline, &stamp);
	check(r == 0 && x[0].revents == 0, "P2 past deadline polls once");
	r = iopause(x, 1, &stamp, &stamp);
	check(r == 0 && x[0].revents == 0, "P2 deadline == stamp polls once");
	check(elapsedms(t0) < 1000, "P2 immediate");
	write(p[1], "a", 1);
	r = iopause(x, 1, &deadline, &stamp);
	check(r == 1 && (x[0].revents & IOPAUSE_READ), "P2 readable pipe");
	print("P2 ok\n");

	/* P3: stamp 100 ms old, deadline stamp+150 ms: ~50 ms from the call */
	taia_now(&stamp);
	{
		struct taia old;
		old.sec.x = 0; old.nano = 100000000; old.atto = 0;
		taia_sub(&stamp, &stamp, &old);
		old.nano = 150000000;
		taia_add(&deadline, &stamp, &old);
	}
	x[0].fd = q[0] = -1;
	t0 = nsecmono();
	r = iopause(x, 1, &deadline, &stamp);
	ms = elapsedms(t0);
	check(r == 0, "P3 returns 0");
	check(ms >= 50 && ms < 95 + 1000, "P3 waits deadline-stamp");
	print("P3 ok\n");

	/* P4: only negative fds sleep to the deadline */
	x[0].fd = -1; x[0].events = IOPAUSE_READ; x[0].revents = 5;
	x[1].fd = -7; x[1].events = IOPAUSE_WRITE; x[1].revents = 5;
	later(&stamp, &deadline, 30);
	t0 = nsecmono();
	r = iopause(x, 2, &deadline, &stamp);
	check(r == 0 && x[0].revents == 0 && x[1].revents == 0 && elapsedms(t0) >= 30, "P4 negative fds");
	/* writer closed: READ + POLLHUP; the pipe still holds "a" so drain it first */
	read(p[0], &r, 1);
	close(p[1]);
	x[0].fd = p[0]; x[0].events = IOPAUSE_READ;
	later(&stamp, &deadline, 5000);
	t0 = nsecmono();
	r = iopause(x, 1, &deadline, &stamp);
	check(r == 1 && (x[0].revents & IOPAUSE_READ) && (x[0].revents & POLLHUP), "P4 closed writer");
	/* closed fd: POLLNVAL + READ at once */
	fd = p[0];
	close(fd);
	x[0].fd = fd; x[0].events = IOPAUSE_READ;
	x[1].fd = -1;
	r = iopause(x, 2, &deadline, &stamp);
	check(r == 1 && (x[0].revents & POLLNVAL) && (x[0].revents & IOPAUSE_READ) && x[1].revents == 0, "P4 closed fd");
	check(elapsedms(t0) < 1000, "P4 at once");
	print("P4 ok\n");

	if(failed)
		threadexitsall("failed");
	threadexitsall(nil);
}
