/*
 * Same-file concurrency and close bookkeeping. A write of "block" waits in
 * its handler until a write of "go" (another open) has been served; every
 * close(2) logs close_dup, the open's last one close_ocb.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>

static Channel *gate;
static iofunc_attr_t attr;
static resmgr_connect_funcs_t cf;
static resmgr_io_funcs_t io;

static int
fwrite1(resmgr_context_t *ctp, io_write_t *msg, iofunc_ocb_t *ocb)
{
	int v;
	char *d;

	USED(ocb);
	d = msg->data;
	if(msg->i.nbytes >= 5 && memcmp(d, "block", 5) == 0){
		print("block waiting fid=%d\n", ocb->fid);
		recv(gate, &v);
		print("block done\n");
	}else if(msg->i.nbytes >= 2 && memcmp(d, "go", 2) == 0){
		print("go served\n");
		v = 1;
		nbsend(gate, &v);
	}else
		print("write fid=%d\n", ocb->fid);
	_IO_SET_WRITE_NBYTES(ctp, msg->i.nbytes);
	return EOK;
}

static int
closedup(resmgr_context_t *ctp, io_close_t *msg, iofunc_ocb_t *ocb)
{
	USED(ctp); USED(msg);
	print("close_dup fid=%d\n", ocb->fid);
	return EOK;
}

static int
closeocb(resmgr_context_t *ctp, void *msg, iofunc_ocb_t *ocb)
{
	print("close_ocb fid=%d count=%d\n", ocb->fid, ocb->attr->count);
	return iofunc_close_ocb_default(ctp, msg, ocb);
}

void
threadmain(int argc, char **argv)
{
	dispatch_t *d;

	if(argc < 2)
		sysfatal("usage: resmgr_close dir");
	setvbuf(stdout, nil, _IOLBF, 0);
	gate = chancreate(sizeof(int), 1);
	d = resmgr_mount(argv[1], 0);
	if(d == nil)
		sysfatal("resmgr_mount: %s", strerror(errno));
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io);
	io.write = fwrite1;
	io.close_dup = closedup;
	io.close_ocb = closeocb;
	iofunc_attr_init(&attr, S_IFREG | 0666, nil, nil);
	attr.nbytes = 1<<20;	/* the kernel serialises writes that extend a file */
	if(resmgr_attach(d, nil, "f", _FTYPE_ANY, 0, &cf, &io, &attr) < 0)
		sysfatal("attach: %s", strerror(errno));
	print("ready\n");
	threadexits(nil);
}
