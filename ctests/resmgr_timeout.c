/*
 * reply_timeout_ms: a client blocked on a handler that blocks itself
 * ("selfblock") or never answers its _RESMGR_NOREPLY ("noreply") gets
 * ETIMEDOUT; the noreply one's unblock handler runs and a late reply fails.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>

static Channel *never, *rcvids;
static iofunc_attr_t a1, a2;
static resmgr_connect_funcs_t cf;
static resmgr_io_funcs_t io1, io2;
static resmgr_attr_t ra;

static int
selfblock(resmgr_context_t *ctp, io_read_t *msg, iofunc_ocb_t *ocb)
{
	int v;

	USED(ctp); USED(msg); USED(ocb);
	recv(never, &v);
	return EOK;
}

static int
noreply(resmgr_context_t *ctp, io_read_t *msg, iofunc_ocb_t *ocb)
{
	USED(msg); USED(ocb);
	send(rcvids, &ctp->rcvid);
	return _RESMGR_NOREPLY;
}

static int
unblock(resmgr_context_t *ctp, void *msg, iofunc_ocb_t *ocb)
{
	USED(msg); USED(ocb);
	print("unblock\n");
	return EINTR;
}

static void
late(void *arg)
{
	int64_t r;
	int n;

	USED(arg);
	recv(rcvids, &r);
	usleep(1500*1000);
	errno = 0;
	n = resmgr_reply(r, 1, "x", 1);
	print("late reply %d %s\n", n, errno == ESRCH ? "ESRCH" : "other");
}

void
threadmain(int argc, char **argv)
{
	dispatch_t *d;

	if(argc < 2)
		sysfatal("usage: resmgr_timeout dir");
	setvbuf(stdout, nil, _IOLBF, 0);
	never = chancreate(sizeof(int), 0);
	rcvids = chancreate(sizeof(int64_t), 1);
	d = resmgr_mount(argv[1], 0);
	if(d == nil)
		sysfatal("resmgr_mount: %s", strerror(errno));
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io1);
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io2);
	io1.read = selfblock;
	io2.read = noreply;
	io2.unblock = unblock;
	ra.reply_timeout_ms = 300;
	iofunc_attr_init(&a1, S_IFREG | 0444, nil, nil);
	iofunc_attr_init(&a2, S_IFREG | 0444, nil, nil);
	if(resmgr_attach(d, &ra, "selfblock", _FTYPE_ANY, 0, &cf, &io1, &a1) < 0
	|| resmgr_attach(d, &ra, "noreply", _FTYPE_ANY, 0, &cf, &io2, &a2) < 0)
		sysfatal("attach: %s", strerror(errno));
	proccreate(late, nil, 65536);
	print("ready\n");
	threadexits(nil);
}
