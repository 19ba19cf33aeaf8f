/*
 * file2chan rules: short reads ("two": 2 bytes a read; "long": replies
 * longer than asked), short and over-long write counts ("short", "over"),
 * close notices per access mode ("notes"), file2chanclose with a request
 * pending ("gone"), a server that closes only its read channel ("ronly").
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <file2chan.h>

static char *dir;
static char text[] = "abcdefghij";

static void
logf(char *fmt, ...)
{
	va_list arg;

	va_start(arg, fmt);
	vfprintf(stdout, fmt, arg);
	va_end(arg);
	fflush(stdout);
}

static FileIO*
mk(char *name)
{
	FileIO *f;

	f = file2chan(dir, name);
	if(f == nil)
		sysfatal("file2chan %s: %s", name, strerror(errno));
	return f;
}

static void
reply(Channel *rc, void *data, long n, char *err)
{
	Readreply rr;

	rr.data = data;
	rr.count = n;
	rr.err = err;
	send(rc, &rr);
}

static void
wreply(Channel *wc, long n, char *err)
{
	Writereply wr;

	wr.count = n;
	wr.err = err;
	send(wc, &wr);
}

/* reads of "two" get 2 bytes; of "long" the whole text whatever the count */
static void
reader(void *arg)
{
	FileIO *f;
	Fileread r;
	int two;
	long off;

	f = arg;
	two = strstr(f->path, "/two") != nil;
	while(recv(f->read, &r) > 0){
		if(r.rc == nil)
			continue;
		off = r.offset < 10 ? r.offset : 10;
		if(two)
			reply(r.rc, text + off, 10 - off < 2 ? 10 - off : 2, nil);
		else
			reply(r.rc, text, off == 0 ? 10 : 0, nil);
	}
}

/* "short" takes 3 bytes of each write; "over" claims 9 */
static void
writer(void *arg)
{
	FileIO *f;
	Filewrite w;
	int over;

	f = arg;
	over = strstr(f->path, "/over") != nil;
	while(recv(f->write, &w) > 0){
		if(w.wc == nil)
			continue;
		logf("%s write off=%lld n=%ld\n", over ? "over" : "short", w.offset, w.count);
		wreply(w.wc, over ? 9 : (w.count < 3 ? w.count : 3), nil);
	}
}

static void
notes(void *arg)
{
	FileIO *f;
	Fileread r;
	Filewrite w;
	Alt a[3];

	f = arg;
	a[0].c = f->read; a[0].v = &r; a[0].op = CHANRCV;
	a[1].c = f->write; a[1].v = &w; a[1].op = CHANRCV;
	a[2].op = CHANEND;
	for(;;)
		switch(alt(a)){
		case 0:
			if(r.rc == nil)
				logf("notes rclose fid=%d\n", r.fid);
			else
				reply(r.rc, "", 0, nil);
			break;
		case 1:
			if(w.wc == nil)
				logf("notes wclose fid=%d\n", w.fid);
			else
				wreply(w.wc, w.count, nil);
			break;
		default:
			return;
		}
}

static void
gone(void *arg)
{
	FileIO *f;
	Fileread r;
	Readreply rr;

	f = arg;
	recv(f->read, &r);
	logf("gone pending\n");
	usleep(200*1000);
	file2chanclose(f);
	rr.data = "late";
	rr.count = 4;
	rr.err = nil;
	logf("gone late reply %d\n", send(r.rc, &rr));
}

static void
ronly(void *arg)
{
	FileIO *f;
	Filewrite w;

	f = arg;
	chanclose(f->read);
	while(recv(f->write, &w) > 0)
		if(w.wc != nil)
			wreply(w.wc, w.count, nil);
}

void
threadmain(int argc, char **argv)
{
	if(argc < 2)
		sysfatal("usage: f2c_more dir");
	dir = argv[1];
	threadcreate(reader, mk("two"), 32768);
	threadcreate(reader, mk("long"), 32768);
	threadcreate(writer, mk("short"), 32768);
	threadcreate(writer, mk("over"), 32768);
	threadcreate(notes, mk("notes"), 32768);
	threadcreate(gone, mk("gone"), 32768);
	threadcreate(ronly, mk("ronly"), 32768);
	logf("ready\n");
	threadexits(nil);
}
