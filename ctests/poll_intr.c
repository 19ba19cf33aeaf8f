/*
 * P9: threadint ends a wait in iopause, threadread, threadfdwaituntil, alttimeout and
 * threadsleep: -1 (threadsleep just returns) with errno EINTR, long before the
 * deadline. The interrupt comes from the same proc and from another proc (whose
 * wake-up must reach a proc asleep in epoll).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>

enum { Iopause, Read, Fdwait, Alttimeout, Sleep, Nkind };
static char *names[] = { "iopause", "threadread", "threadfdwaituntil", "alttimeout", "threadsleep" };

static int pfd[2];
static Channel *res;
static Channel *never;

typedef struct Arg Arg;
struct Arg {
	int kind;
	int id;
	Channel *ready;
};

static void
victim(void *v)
{
	Arg *a;
	int r, e;
	char buf[8];
	iopause_fd x;
	struct taia stamp, deadline, d;
	Alt alts[2];
	ulong u;

	a = v;
	a->id = threadid();
	sendul(a->ready, 0);
	errno = 0;
	switch(a->kind){
	case Iopause:
		x.fd = pfd[0];
		x.events = IOPAUSE_READ;
		taia_now(&stamp);
		taia_uint(&d, 30);
		taia_add(&deadline, &stamp, &d);
		r = iopause(&x, 1, &deadline, &stamp);
		break;
	case Read:
		r = threadread(pfd[0], buf, sizeof buf);
		break;
	case Fdwait:
		r = threadfdwaituntil(pfd[0], 'r', nsecmono() + 30000000000ULL);
		break;
	case Alttimeout:
		alts[0].c = never;
		alts[0].v = &u;
		alts[0].op = CHANRCV;
		alts[1].op = CHANEND;
		r = alttimeout(alts, 30000);
		break;
	default:
		threadsleep(30000);
		r = -1;
		break;
	}
	e = errno;
	sendul(res, r == -1 && e == EINTR);
}

static Channel *intreq;

static void
interrupter(void *v)
{
	USED(v);
	for(;;)
		threadint(recvul(intreq));
}

void
threadmain(int argc, char *argv[])
{
	int k, from, ok;

	USED(argc);
	USED(argv);
	if(pipe(pfd) < 0)
		sysfatal("pipe");
	res = chancreate(sizeof(ulong), 0);
	never = chancreate(sizeof(ulong), 0);
	intreq = chancreate(sizeof(ulong), 0);
	proccreate(interrupter, nil, 65536);
	ok = 1;
	for(from = 0; from < 2; from++)
		for(k = 0; k < Nkind; k++){
			Arg a;
			uvlong t0;
			int r;

			a.kind = k;
			a.ready = chancreate(sizeof(ulong), 0);
			threadcreate(victim, &a, 65536);
			recvul(a.ready);
			threadsleep(30);
			t0 = nsecmono();
			if(from)
				sendul(intreq, a.id);
			else
				threadint(a.id);
			r = recvul(res);
			if(!r || nsecmono() - t0 > 10000000000ULL){
				fprint(2, "FAIL: %s interrupted from %s\n", names[k], from ? "another proc" : "the same proc");
				ok = 0;
			}
			chanfree(a.ready);
		}
	if(!ok)
		threadexitsall("failed");
	print("all waits interrupted\n");
	threadexitsall(nil);
}
