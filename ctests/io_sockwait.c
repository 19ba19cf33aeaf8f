/*
 * threadread/threadwrite on sockets park on the proc's poller after EAGAIN and retry
 * when woken (no poll before or after the park). Checks that path: a reader woken by
 * data written from another proc, several times over; a writer parked on a full
 * socket until a thread of another proc drains it, every byte arriving in order; and
 * threadint of a reader and of a writer parked there (-1, EINTR, "interrupted"), from
 * the same proc and from another one.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <sys/socket.h>

enum { ROUNDS = 200, BIG = 4<<20 };

static int sv[2], fv[2];
static Channel *done, *ready;
static uchar *big;

static void
check(int ok, char *what)
{
	if(!ok){
		fprint(2, "io_sockwait: %s failed: %r\n", what);
		threadexitsall("fail");
	}
}

/* Another proc: echoes ROUNDS single bytes with a pause first, so the reader parks. */
static void
echoer(void *arg)
{
	int i;
	uchar c;

	USED(arg);
	for(i = 0; i < ROUNDS; i++){
		check(threadread(sv[1], &c, 1) == 1, "echoer read");
		if(i % 20 == 0)
			sleep(2);	/* blocks this proc only: the reader is surely parked */
		c++;
		check(threadwrite(sv[1], &c, 1) == 1, "echoer write");
	}
	sendul(done, 0);
}

/* Another proc: drains BIG bytes from fv[1] slowly at first, checking the order. */
static void
drainer(void *arg)
{
	long got, n, i;
	uchar *b;

	USED(arg);
	b = malloc(65536);
	got = 0;
	sleep(50);
	while(got < BIG){
		n = threadread(fv[1], b, 65536);
		check(n > 0, "drainer read");
		for(i = 0; i < n; i++)
			if(b[i] != (uchar)((got+i)*7)){
				fprint(2, "io_sockwait: byte %ld wrong\n", got+i);
				threadexitsall("fail");
			}
		got += n;
	}
	free(b);
	sendul(done, 0);
}

typedef struct Victim Victim;
struct Victim
{
	int write;
	int id;
};

static void
victim(void *arg)
{
	Victim *v;
	long r;
	int e;
	char buf[8];
	char err[ERRMAX];

	v = arg;
	v->id = threadid();
	sendul(ready, 0);
	errno = 0;
	if(v->write)
		r = threadwrite(sv[0], big, BIG);	/* nobody reads: parks once full */
	else
		r = threadread(sv[0], buf, sizeof buf);	/* nothing comes */
	e = errno;
	rerrstr(err, sizeof err);
	/* A write may report the part it wrote before it parked. */
	check((v->write ? r < BIG : r == -1) && e == EINTR && strcmp(err, "interrupted") == 0,
		v->write ? "interrupted threadwrite" : "interrupted threadread");
	sendul(done, 0);
}

static int victimid;

static void
interrupter(void *arg)
{
	USED(arg);
	sleep(100);
	threadint(victimid);
}

void
threadmain(int argc, char *argv[])
{
	int i, k, fl;
	uchar c;
	Victim v;

	USED(argc); USED(argv);
	done = chancreate(sizeof(ulong), 0);
	ready = chancreate(sizeof(ulong), 0);
	check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	check(socketpair(AF_UNIX, SOCK_STREAM, 0, fv) == 0, "socketpair");
	fl = fcntl(sv[0], F_GETFL);

	/* Woken by data from another proc, again and again. */
	proccreate(echoer, nil, 65536);
	for(i = 0; i < ROUNDS; i++){
		c = i;
		check(threadwrite(sv[0], &c, 1) == 1, "write");
		check(threadread(sv[0], &c, 1) == 1, "read");
		check(c == (uchar)(i+1), "echoed byte");
	}
	recvul(done);
	print("reader woken %d times\n", ROUNDS);

	/* A writer parked on a full socket until another proc drains it. */
	big = malloc(BIG);
	for(i = 0; i < BIG; i++)
		big[i] = i*7;
	proccreate(drainer, nil, 65536);
	check(threadwrite(fv[0], big, BIG) == BIG, "big write");
	recvul(done);
	print("big write drained in order\n");

	/* threadint of a parked reader and writer, from this proc and from another. */
	for(k = 0; k < 4; k++){
		v.write = k & 1;
		threadcreate(victim, &v, 65536);
		recvul(ready);
		victimid = v.id;
		if(k & 2)
			proccreate(interrupter, nil, 65536);
		else
			threadcreate(interrupter, nil, 65536);
		recvul(done);
		/* Empty what an interrupted writer left, so the next reader waits again. */
		if(v.write){
			check(fcntl(sv[1], F_SETFL, fcntl(sv[1], F_GETFL) | O_NONBLOCK) == 0, "fcntl");
			while(read(sv[1], big, BIG) > 0)
				;
			check(fcntl(sv[1], F_SETFL, fcntl(sv[1], F_GETFL) & ~O_NONBLOCK) == 0, "fcntl");
		}
	}
	print("parked reader and writer interrupted\n");
	check(fcntl(sv[0], F_GETFL) == fl, "fd flags unchanged");
	print("ok\n");
	threadexitsall(nil);
}
