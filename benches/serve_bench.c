/*
 * FUSE read round trip and throughput: a file2chan file vs a resmgr read
 * handler serving the same bytes, beside a tmpfs file (the kernel alone).
 * file2chan is measured with its server thread in the serving proc and,
 * as f2c-xproc, in a proc of its own.
 *	cc -O2 -I../include/thread9 serve_bench.c -L../build -lthread -Wl,-rpath,$PWD/../build
 *	./a.out [dir]	(root, /dev/fuse)
 * A child process (this program with -c) does the reads; timings are its.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <resmgr.h>
#include <file2chan.h>
#include <sys/wait.h>
#include <time.h>
#undef waitpid	/* lib9 names its own waitpid so; the runner needs the POSIX one */

enum { SIZE = 1<<20 };

static char *data;
static iofunc_attr_t attr;
static resmgr_connect_funcs_t cf;
static resmgr_io_funcs_t io;
static char *self;

static int
rread(resmgr_context_t *ctp, io_read_t *msg, iofunc_ocb_t *ocb)
{
	long n;

	USED(ocb);
	if(msg->i.offset >= SIZE){
		_IO_SET_READ_NBYTES(ctp, 0);
		return EOK;
	}
	n = SIZE - msg->i.offset;
	if(n > msg->i.nbytes)
		n = msg->i.nbytes;
	return _RESMGR_PTR(ctp, data + msg->i.offset, n);
}

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
		rr.data = data + (r.offset < SIZE ? r.offset : SIZE);
		rr.count = r.offset < SIZE ? SIZE - r.offset : 0;
		if(rr.count > r.count)
			rr.count = r.count;
		send(r.rc, &rr);
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec/1e9;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(double*)a, y = *(double*)b;
	return x < y ? -1 : x > y;
}

/* the client: latency of n reads of sz bytes at offset 0, then MB/s of 1 MiB reads */
static void
client(char *file, char *label)
{
	int fd, i, n;
	double *t, t0, tot;
	char *b;
	long sizes[] = {1, 4096};

	b = malloc(SIZE);
	fd = open(file, O_RDONLY);
	if(fd < 0)
		sysfatal("open %s: %s", file, strerror(errno));
	n = 2000;
	t = malloc(n * sizeof t[0]);
	for(int s = 0; s < 2; s++){
		for(i = 0; i < 200; i++)
			pread(fd, b, sizes[s], 0);
		for(i = 0; i < n; i++){
			t0 = now();
			if(pread(fd, b, sizes[s], 0) != sizes[s])
				sysfatal("short read");
			t[i] = now() - t0;
		}
		qsort(t, n, sizeof t[0], cmp);
		print("%-10s %6ld B read: median %7.1f us  p99 %7.1f us\n", label, sizes[s], t[n/2]*1e6, t[n*99/100]*1e6);
	}
	tot = 0;
	n = 300;
	t0 = now();
	for(i = 0; i < n; i++)
		if(pread(fd, b, SIZE, 0) != SIZE)
			sysfatal("short 1M read");
	tot = now() - t0;
	print("%-10s 1 MiB reads: %7.0f MB/s\n", label, n * (double)SIZE / tot / 1e6);
	close(fd);
}

static void
runner(void *arg)
{
	char **files;
	char *labels[] = {"tmpfs", "resmgr", "file2chan", "f2c-xproc"};
	int i, st;
	pid_t pid;

	files = arg;
	for(i = 0; i < 4; i++){
		pid = fork();
		if(pid == 0){
			execl(self, self, "-c", files[i], labels[i], (char*)nil);
			_exit(127);
		}
		waitpid(pid, &st, 0);
	}
	threadexitsall(nil);
}

void
threadmain(int argc, char **argv)
{
	dispatch_t *d;
	FileIO *f;
	static char *files[4];
	FileIO *g;
	char *dir, tmpl[] = "/tmp/t9bench.XXXXXX";
	int fd;

	self = argv[0];
	setvbuf(stdout, nil, _IOLBF, 0);
	if(argc == 4 && strcmp(argv[1], "-c") == 0){
		client(argv[2], argv[3]);
		threadexitsall(nil);
	}
	data = malloc(SIZE);
	memset(data, 'x', SIZE);
	dir = argc > 1 ? argv[1] : mkdtemp(tmpl);
	files[0] = "/dev/shm/t9bench";
	fd = create(files[0], OWRITE, 0600);
	write(fd, data, SIZE);
	close(fd);
	d = resmgr_mount(dir, 0);
	if(d == nil)
		sysfatal("resmgr_mount: %s", strerror(errno));
	iofunc_func_init(_RESMGR_CONNECT_NFUNCS, &cf, _RESMGR_IO_NFUNCS, &io);
	io.read = rread;
	iofunc_attr_init(&attr, S_IFREG | 0444, nil, nil);
	attr.nbytes = SIZE;
	if(resmgr_attach(d, nil, "r", _FTYPE_ANY, 0, &cf, &io, &attr) < 0)
		sysfatal("attach: %s", strerror(errno));
	f = file2chan(dir, "f");
	if(f == nil)
		sysfatal("file2chan: %s", strerror(errno));
	files[1] = malloc(strlen(dir) + 3);
	sprintf(files[1], "%s/r", dir);
	g = file2chan(dir, "g");
	if(g == nil)
		sysfatal("file2chan: %s", strerror(errno));
	files[2] = f->path;
	files[3] = g->path;
	threadcreate(f2cserve, f, 65536);	/* in the serving proc: the usual shape */
	proccreate(f2cserve, g, 65536);	/* in another proc: a cross-proc hop each way */
	proccreate(runner, files, 65536);
	threadexits(nil);
}
