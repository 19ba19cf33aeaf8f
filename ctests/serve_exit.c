/*
 * A file whose read never answers. Once a client is blocked in it, the
 * program ends: `serve_exit dir exitall` calls threadexitsall; with `wait`
 * it waits for the checker to kill it.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>

static Channel *blocked, *never;
static iofunc_attr_t attr;
static resmgr_connect_funcs_t cf;
static resmgr_io_funcs_t io;

static int
hread(resmgr_context_t *ctp, io_read_t *msg, iofunc_ocb_t *ocb)
{
	int v;

	USED(ctp); USED(msg); USED(ocb);
	v = 1;
	send(blocked, &v);
	recv(never, &v);
	return EOK;
}

void
threadmain(int argc, char **argv)
{
	dispatch_t *d;
	int v;

	if(argc < 3)
		sysfatal("usage: serve_exit dir exitall|wait");
	setvbuf(stdout, nil, _IOLBF, 0);
	blocked = chancreate(sizeof(int), 1);
	never = chancreate(sizeof(int), 0);
	d = resmgr_mount(argv[1], 0);
	if(d == nil)
		sysfatal("resmgr_mount: %s", strerror(errno));
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io);
	io.read = hread;
	iofunc_attr_init(&attr, S_IFREG | 0444, nil, nil);
	if(resmgr_attach(d, nil, "hang", _FTYPE_ANY, 0, &cf, &io, &attr) < 0)
		sysfatal("attach: %s", strerror(errno));
	print("ready\n");
	recv(blocked, &v);
	print("blocked\n");
	if(strcmp(argv[2], "exitall") == 0){
		usleep(100*1000);
		threadexitsall("bye");
	}
	recv(never, &v);
}
