/*
 * A resource manager with custom read/write/lseek/devctl/stat handlers
 * ("dev/data") and one left entirely to the defaults ("plain").
 * `resmgr_dev -c FILE` is the ioctl client the checker runs.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>
#include <sys/ioctl.h>

#define DOUBLE	_IOWR('x', 1, int)
#define UNKNOWN	_IOWR('x', 2, int)

static char buf[4096];
static long nbuf;
static iofunc_attr_t dattr, pattr;
static resmgr_connect_funcs_t cf, pcf;
static resmgr_io_funcs_t io, pio;

static void
logf(char *fmt, ...)
{
	va_list arg;

	va_start(arg, fmt);
	vfprintf(stdout, fmt, arg);
	va_end(arg);
	fflush(stdout);
}

static int
dread(resmgr_context_t *ctp, io_read_t *msg, iofunc_ocb_t *ocb)
{
	int r;
	long n;

	if((r = iofunc_read_verify(ctp, msg, ocb, nil)) != EOK)
		return r;
	logf("read off=%lld n=%lld\n", (long long)msg->i.offset, (long long)msg->i.nbytes);
	if(msg->i.offset >= nbuf){
		_IO_SET_READ_NBYTES(ctp, 0);
		return EOK;
	}
	n = nbuf - msg->i.offset;
	return _RESMGR_PTR(ctp, buf + msg->i.offset, n);	/* longer than asked: the library cuts */
}

static int
dwrite(resmgr_context_t *ctp, io_write_t *msg, iofunc_ocb_t *ocb)
{
	int r;
	long n;
	char tmp[4096];

	if((r = iofunc_write_verify(ctp, msg, ocb, nil)) != EOK)
		return r;
	n = msg->i.nbytes;
	if(msg->i.offset + n > sizeof buf)
		return ENOSPC;
	/* QNX style: fetch the payload with resmgr_msgread */
	if(resmgr_msgread(ctp, tmp, n, sizeof(msg->i)) != n)
		return EIO;
	memmove(buf + msg->i.offset, tmp, n);
	if(msg->i.offset + n > nbuf)
		nbuf = msg->i.offset + n;
	ocb->attr->nbytes = nbuf;
	logf("write off=%lld n=%ld\n", (long long)msg->i.offset, n);
	_IO_SET_WRITE_NBYTES(ctp, n);
	return EOK;
}

static int
ddevctl(resmgr_context_t *ctp, io_devctl_t *msg, iofunc_ocb_t *ocb)
{
	int *p;

	USED(ctp); USED(ocb);
	if(msg->i.dcmd != DOUBLE)
		return ENOTTY;
	p = msg->data;
	logf("devctl in=%d\n", *p);
	*p *= 2;
	msg->o.ret_val = 7;
	return EOK;
}

static int
dstat(resmgr_context_t *ctp, io_stat_t *msg, iofunc_ocb_t *ocb)
{
	iofunc_stat_default(ctp, msg, ocb);
	msg->o.st_size = nbuf;
	return EOK;
}

static int
dlseek(resmgr_context_t *ctp, io_lseek_t *msg, iofunc_ocb_t *ocb)
{
	logf("lseek whence=%d off=%lld\n", msg->i.whence, (long long)msg->i.offset);
	return iofunc_lseek_default(ctp, msg, ocb);
}

static void
client(char *file)
{
	int fd, v, r;

	fd = open(file, O_RDWR);
	if(fd < 0)
		sysfatal("open %s: %r", file);
	v = 21;
	r = ioctl(fd, DOUBLE, &v);
	print("ioctl %d %d %s\n", r, v, r < 0 ? strerror(errno) : "");
	r = ioctl(fd, UNKNOWN, &v);
	print("unknown %d %s\n", r, r < 0 && errno == ENOTTY ? "ENOTTY" : "other");
	print("isatty %d\n", isatty(fd));
	print("seekdata %lld\n", (long long)lseek(fd, 3, SEEK_DATA));
	r = lseek(fd, 100000, SEEK_DATA);
	print("seekdata past %d %s\n", r, r < 0 && errno == ENXIO ? "ENXIO" : "other");
	close(fd);
	threadexitsall(nil);
}

void
threadmain(int argc, char **argv)
{
	dispatch_t *d;

	if(argc == 3 && strcmp(argv[1], "-c") == 0)
		client(argv[2]);
	if(argc < 2)
		sysfatal("usage: resmgr_dev dir");
	d = resmgr_mount(argv[1], 0);
	if(d == nil)
		sysfatal("resmgr_mount: %r");
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io);
	io.read = dread;
	io.write = dwrite;
	io.devctl = ddevctl;
	io.stat = dstat;
	io.lseek = dlseek;
	iofunc_attr_init(&dattr, S_IFCHR | 0666, nil, nil);
	strcpy(buf, "0123456789");
	nbuf = 10;
	dattr.nbytes = nbuf;
	if(resmgr_attach(d, nil, "dev/data", _FTYPE_ANY, 0, &cf, &io, &dattr) < 0)
		sysfatal("attach: %r");
	/* all defaults: the tables stay zero (NULL entries) */
	pio.nfuncs = 0;
	iofunc_attr_init(&pattr, S_IFREG | 0644, nil, nil);
	pattr.nbytes = 5;
	if(resmgr_attach(d, nil, "plain", _FTYPE_ANY, 0, &pcf, &pio, &pattr) < 0)
		sysfatal("attach plain: %r");
	if(resmgr_attach(d, nil, "plain", _FTYPE_ANY, 0, &pcf, &pio, &pattr) >= 0)
		sysfatal("attach twice succeeded");
	logf("dup attach: %s\n", strerror(errno));
	logf("ready\n");
	threadexits(nil);
}
