/*
 * 50 clients read "slow" at once; every read blocks in its handler until a
 * releaser in another proc lets them go in random order. Half are answered
 * late with resmgr_reply (handler returned _RESMGR_NOREPLY), half by their
 * own handler after a channel receive. Each client gets its own data.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>

enum { N = 50 };

typedef struct Req Req;
struct Req {
	int64_t	rcvid;
	int	tid;
	Channel	*c;
};

static Channel *arrive;
static iofunc_attr_t attr;
static resmgr_connect_funcs_t cf;
static resmgr_io_funcs_t io;
static char bufs[2*N][64];
static int nbuf;

static int
sread(resmgr_context_t *ctp, io_read_t *msg, iofunc_ocb_t *ocb)
{
	Req q;
	int v;
	static int k;
	char *b;

	USED(ocb);
	if(msg->i.offset > 0){
		_IO_SET_READ_NBYTES(ctp, 0);
		return EOK;
	}
	q.rcvid = ctp->rcvid;
	q.tid = ctp->info.tid;
	if(k++ % 2 == 0){
		q.c = nil;
		send(arrive, &q);
		return _RESMGR_NOREPLY;
	}
	q.c = chancreate(sizeof(int), 0);
	send(arrive, &q);
	recv(q.c, &v);
	chanfree(q.c);
	b = bufs[nbuf++ % (2*N)];
	snprintf(b, 64, "pid=%d\n", q.tid);
	return _RESMGR_PTR(ctp, b, strlen(b));
}

static void
releaser(void *arg)
{
	Req q[N], t;
	int i, j, v, tried;
	char b[64];

	USED(arg);
	for(i = 0; i < N; i++)
		recv(arrive, &q[i]);
	print("all blocked\n");
	srand(getpid());
	for(i = N-1; i > 0; i--){
		j = rand() % (i+1);
		t = q[i]; q[i] = q[j]; q[j] = t;
	}
	tried = 0;
	for(i = 0; i < N; i++){
		if(q[i].c == nil){
			snprintf(b, sizeof b, "pid=%d\n", q[i].tid);
			if(resmgr_reply(q[i].rcvid, strlen(b), b, strlen(b)) < 0)
				print("reply failed\n");
			if(tried++ == 0){
				errno = 0;
				v = resmgr_reply(q[i].rcvid, 1, "x", 1);
				print("second reply %d %s\n", v, errno == ESRCH ? "ESRCH" : "other");
			}
		}else{
			v = 1;
			send(q[i].c, &v);
		}
	}
	print("bogus reply %d\n", resmgr_reply(12345678, 0, nil, 0));
	print("released\n");
	fflush(stdout);
}

void
threadmain(int argc, char **argv)
{
	dispatch_t *d;

	if(argc < 2)
		sysfatal("usage: resmgr_block dir");
	setvbuf(stdout, nil, _IOLBF, 0);
	arrive = chancreate(sizeof(Req), 0);
	d = resmgr_mount(argv[1], 0);
	if(d == nil)
		sysfatal("resmgr_mount: %s", strerror(errno));
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io);
	io.read = sread;
	iofunc_attr_init(&attr, S_IFREG | 0444, nil, nil);
	if(resmgr_attach(d, nil, "slow", _FTYPE_ANY, 0, &cf, &io, &attr) < 0)
		sysfatal("attach: %s", strerror(errno));
	proccreate(releaser, nil, 65536);
	print("ready\n");
	threadexits(nil);
}
