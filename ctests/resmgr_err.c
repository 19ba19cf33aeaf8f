/*
 * Bad input to resmgr_mount/resmgr_attach/file2chan, and the self-access
 * guard: a thread of the serving proc reading its own file gets EDEADLK at
 * once; an ioproc-style helper proc reading it is served.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>
#include <file2chan.h>

static iofunc_attr_t attr;
static resmgr_connect_funcs_t cf;
static resmgr_io_funcs_t io;
static char path[512], tpath[512];
static iofunc_attr_t tattr;
static resmgr_attr_t ra;
static int lastid, goodid;
static Channel *done, *go;

static char*
ename(int e)
{
	switch(e){
	case ENOENT: return "ENOENT";
	case ENOTDIR: return "ENOTDIR";
	case ENOTEMPTY: return "ENOTEMPTY";
	case EEXIST: return "EEXIST";
	case EINVAL: return "EINVAL";
	case EDEADLK: return "EDEADLK";
	}
	return strerror(e);
}

static void
mnt(char *what, char *dir)
{
	errno = 0;
	if(resmgr_mount(dir, 0) != nil)
		print("%s: mounted!\n", what);
	else
		print("%s: %s\n", what, ename(errno));
}

static void
f2c(char *what, char *dir, char *name)
{
	errno = 0;
	if(file2chan(dir, name) != nil)
		print("%s: made!\n", what);
	else
		print("%s: %s\n", what, ename(errno));
}

static void
att(char *what, dispatch_t *d, char *p, int type, resmgr_io_funcs_t *iop, iofunc_attr_t *h)
{
	errno = 0;
	if((lastid = resmgr_attach(d, nil, p, type, 0, iop == nil ? nil : &cf, iop, h)) >= 0)
		print("%s: attached\n", what);
	else
		print("%s: %s\n", what, ename(errno));
}

static void
otherproc(void *arg)
{
	int fd, n, e;
	char b[16];

	USED(arg);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : read(fd, b, sizeof b);
	print("other proc read: %d\n", n);
	sendul(done, 1);
	recvul(go);
	errno = 0;
	n = open(path, O_RDONLY);
	e = errno;
	print("after pathname detach: open %d %s, read %d\n", n, ename(e), (int)read(fd, b, sizeof b));
	sendul(done, 1);
	recvul(go);
	errno = 0;
	n = read(fd, b, sizeof b);
	print("after detach all: read %d %s\n", n, n < 0 ? strerror(errno) : "");
	close(fd);
	/* a name cached by the kernel (attr_ttl_ms) is invalidated at detach */
	print("cached: %d\n", access(tpath, F_OK));
	sendul(done, 1);
	recvul(go);
	usleep(200*1000);
	errno = 0;
	n = access(tpath, F_OK);
	print("cached after detach: %d %s\n", n, ename(errno));
	sendul(done, 1);
}

void
threadmain(int argc, char **argv)
{
	dispatch_t *d;
	char sub[512], file[512];
	int fd, id, tid;

	if(argc < 2)
		sysfatal("usage: resmgr_err emptydir");
	setvbuf(stdout, nil, _IOLBF, 0);
	snprintf(sub, sizeof sub, "%s/sub", argv[1]);
	snprintf(file, sizeof file, "%s/sub/file", argv[1]);
	mkdir(sub, 0755);
	close(creat(file, 0644));
	mnt("missing dir", "/nonexistent/thread9");
	mnt("file as dir", file);
	mnt("non-empty dir", sub);
	f2c("f2c slash", sub, "a/b");
	f2c("f2c dot", sub, ".");
	f2c("f2c dotdot", sub, "..");
	f2c("f2c empty", sub, "");
	f2c("f2c long", sub, "0123456789012345678901234567890123456789012345678901234567890123");
	f2c("f2c dir is a file", file, "x");
	setenv("THREAD9_FUSEDEV", "/nonexistent/fuse", 1);
	unlink(file);
	mnt("no device", sub);
	unsetenv("THREAD9_FUSEDEV");
	d = resmgr_mount(sub, 0);
	if(d == nil)
		sysfatal("mount: %s", strerror(errno));
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io);
	iofunc_attr_init(&attr, S_IFREG | 0644, nil, nil);
	att("nil tables", d, "x", _FTYPE_ANY, nil, &attr);
	att("bad type", d, "x", 7, &io, &attr);
	att("dotdot", d, "a/../x", _FTYPE_ANY, &io, &attr);
	att("nil handle", d, "x", _FTYPE_ANY, &io, nil);
	att("good", d, "a/b/c", _FTYPE_ANY, &io, &attr);
	goodid = lastid;
	att("twice", d, "a/b/c", _FTYPE_ANY, &io, &attr);
	att("under a file", d, "a/b/c/d", _FTYPE_ANY, &io, &attr);
	snprintf(path, sizeof path, "%s/a/b/c", sub);
	snprintf(tpath, sizeof tpath, "%s/ttl", sub);
	ra.attr_ttl_ms = 600000;
	iofunc_attr_init(&tattr, S_IFREG | 0644, nil, nil);
	tid = resmgr_attach(d, &ra, "ttl", _FTYPE_ANY, 0, &cf, &io, &tattr);
	/* this thread is in the serving proc: its own I/O could never be answered */
	errno = 0;
	fd = open(path, O_RDONLY);
	print("self open: %d %s\n", fd, fd < 0 ? ename(errno) : "");
	done = chancreate(sizeof(ulong), 0);
	go = chancreate(sizeof(ulong), 0);
	proccreate(otherproc, nil, 65536);
	recvul(done);
	id = resmgr_attach(d, nil, "a/b/c2", _FTYPE_ANY, 0, &cf, &io, &attr);
	USED(id);
	/* the open file is attach "a/b/c" (the first good one) */
	print("detach pathname %d\n", resmgr_detach(d, goodid, _RESMGR_DETACH_PATHNAME));
	sendul(go, 1);
	recvul(done);
	print("detach all %d\n", resmgr_detach(d, goodid, _RESMGR_DETACH_ALL));
	print("detach again %d\n", resmgr_detach(d, goodid, _RESMGR_DETACH_ALL));
	sendul(go, 1);
	recvul(done);
	print("detach cached %d\n", resmgr_detach(d, tid, _RESMGR_DETACH_ALL));
	sendul(go, 1);
	recvul(done);
	resmgr_unmount(d);
	threadexitsall(nil);
}
