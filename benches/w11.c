/*
 * W11: file serving through FUSE with thread9 (see w11.h for the file, the reads and
 * the checksum). Default: a file2chan file, its server thread in the serving proc;
 * built with -DRESMGR: a resmgr read handler. -DSEQ: 1 MiB sequential reads instead
 * of 4 KiB ones. Needs /dev/fuse and root (exit 77, skipped, otherwise).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>
#include <file2chan.h>
#include "bench.h"
#undef waitpid	/* lib9 names its own waitpid so; w11.h needs the POSIX one */
#include "w11.h"

static char *file;
static int n;

#ifdef RESMGR
static iofunc_attr_t attr;
static resmgr_connect_funcs_t cf;
static resmgr_io_funcs_t io;

static int
rread(resmgr_context_t *ctp, io_read_t *msg, iofunc_ocb_t *ocb)
{
	long long off;
	long k;

	USED(ocb);
	off = msg->i.offset;
	if(off >= FSIZE){
		_IO_SET_READ_NBYTES(ctp, 0);
		return EOK;
	}
	k = FSIZE - off;
	if(k > msg->i.nbytes)
		k = msg->i.nbytes;
	return _RESMGR_PTR(ctp, w11data + off, k);
}
#else
static void
f2cserve(void *arg)
{
	FileIO *f;
	Fileread r;
	Readreply rr;

	f = arg;
	while(recv(f->read, &r) > 0){
		if(r.rc == nil)
			continue;
		rr.err = nil;
		rr.data = w11data + (r.offset < FSIZE ? r.offset : FSIZE);
		rr.count = r.offset < FSIZE ? FSIZE - r.offset : 0;
		if(rr.count > r.count)
			rr.count = r.count;
		send(r.rc, &rr);
	}
}
#endif

static void
runner(void *arg)
{
	int rc;

	USED(arg);
	rc = w11child(file, n);
	threadexitsall(rc ? "reader failed" : nil);
}

void
threadmain(int argc, char *argv[])
{
	char tmpl[] = "/tmp/t9w11.XXXXXX", *dir;
#ifdef RESMGR
	dispatch_t *d;
#else
	FileIO *f;
#endif

	n = argn(argc, argv, 20000);
	w11needfuse();
	w11fill();
	dir = mkdtemp(tmpl);
	if(dir == nil)
		sysfatal("mkdtemp: %r");
#ifdef RESMGR
	d = resmgr_mount(dir, 0);
	if(d == nil)
		sysfatal("resmgr_mount: %r");
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io);
	io.read = rread;
	iofunc_attr_init(&attr, S_IFREG | 0444, nil, nil);
	attr.nbytes = FSIZE;
	if(resmgr_attach(d, nil, "f", _FTYPE_ANY, 0, &cf, &io, &attr) < 0)
		sysfatal("resmgr_attach: %r");
	file = smprint("%s/f", dir);
#else
	f = file2chan(dir, "f");
	if(f == nil)
		sysfatal("file2chan: %r");
	file = f->path;
	threadcreate(f2cserve, f, 65536);
#endif
	proccreate(runner, nil, 65536);
	threadexits(nil);
}
