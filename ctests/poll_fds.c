/*
 * P5: a thread waiting to write a full pipe parks until another thread of the same
 * proc drains it; one fd waited on by two threads wakes both. Also: threadfdwait,
 * threadfdwaituntil timeout, threadread on a blocking pipe leaves its flags alone,
 * iopause with a huge len fails with EINVAL.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>

static int failed;
static int p[2], q[2];
static Channel *c;

static void
check(int ok, char *what)
{
	if(!ok){
		fprint(2, "FAIL: %s\n", what);
		failed = 1;
	}
}

static void
drainer(void *v)
{
	char buf[65536];

	USED(v);
	threadsleep(20);
	while(read(p[0], buf, sizeof buf) == sizeof buf)
		;
	sendul(c, 1);
}

static void
twice(void *v)
{
	iopause_fd x;
	struct taia stamp, deadline, d;
	int r;

	USED(v);
	x.fd = q[0];
	x.events = IOPAUSE_READ;
	taia_now(&stamp);
	taia_uint(&d, 10);
	taia_add(&deadline, &stamp, &d);
	r = iopause(&x, 1, &deadline, &stamp);
	sendul(c, r == 1 && (x.revents & IOPAUSE_READ));
}

void
threadmain(int argc, char *argv[])
{
	iopause_fd x[2];
	struct taia stamp, deadline, d;
	char buf[100];
	int r, fl, n;
	uvlong t0;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	if(pipe(p) < 0 || pipe(q) < 0)
		sysfatal("pipe");
	/* fill p without blocking the proc: O_NONBLOCK on our own fd for the fill only */
	fl = fcntl(p[1], F_GETFL);
	fcntl(p[1], F_SETFL, fl|O_NONBLOCK);
	memset(buf, 'z', sizeof buf);
	while(write(p[1], buf, sizeof buf) > 0)
		;
	fcntl(p[1], F_SETFL, fl);
	threadcreate(drainer, nil, 131072);
	x[0].fd = p[1];
	x[0].events = IOPAUSE_WRITE;
	taia_now(&stamp);
	taia_uint(&d, 10);
	taia_add(&deadline, &stamp, &d);
	t0 = nsecmono();
	r = iopause(x, 1, &deadline, &stamp);
	check(r == 1 && (x[0].revents & IOPAUSE_WRITE), "P5 full pipe becomes writable");
	check(nsecmono() - t0 >= 20000000, "P5 parked until drained");
	check(recvul(c) == 1, "P5 drainer done");

	/* one fd, two threads */
	threadcreate(twice, nil, 65536);
	threadcreate(twice, nil, 65536);
	threadsleep(20);
	write(q[1], "q", 1);
	check(recvul(c) && recvul(c), "P5 one fd in two threads");
	read(q[0], buf, 1);
	print("P5 ok\n");

	/* helpers */
	t0 = nsecmono();
	r = threadfdwaituntil(q[0], 'r', nsecmono() + 30000000);
	check(r == 0 && nsecmono() - t0 >= 30000000, "threadfdwaituntil timeout");
	write(q[1], "ab", 2);
	threadfdwait(q[0], 'r');
	fl = fcntl(q[0], F_GETFL);
	n = threadread(q[0], buf, sizeof buf);
	check(n == 2 && memcmp(buf, "ab", 2) == 0, "threadread");
	check(fcntl(q[0], F_GETFL) == fl && !(fl & O_NONBLOCK), "threadread keeps flags");
	check(threadwrite(q[1], "hello", 5) == 5 && threadreadn(q[0], buf, 5) == 5 && memcmp(buf, "hello", 5) == 0, "threadwrite/threadreadn");
	close(q[1]);
	check(threadread(q[0], buf, sizeof buf) == 0, "threadread EOF");
	check(threadfdwaituntil(q[0], 'x', 0) == -1, "threadfdwaituntil bad rw");
	errno = 0;
	r = iopause(x, 0x7fffffff, &deadline, &stamp);
	check(r == -1 && errno == EINVAL, "iopause huge len");
	print("helpers ok\n");
	if(failed)
		threadexitsall("failed");
	threadexitsall(nil);
}
