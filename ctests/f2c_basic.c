/*
 * file2chan: a "clock" file (one line at offset 0, then EOF) and an
 * "echo" file that stores what is written and reads it back.
 * Logs every request on stdout for the checker (f2c_basic.sh).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <file2chan.h>

static char store[8192];
static long nstore;

static void
logf(char *fmt, ...)
{
	va_list arg;

	va_start(arg, fmt);
	vfprintf(stdout, fmt, arg);
	va_end(arg);
	fflush(stdout);
}

void
threadmain(int argc, char **argv)
{
	FileIO *clk, *echo;
	Fileread r;
	Filewrite w;
	Readreply rr;
	Writereply wr;
	char line[64];
	Alt a[5];

	if(argc < 2)
		sysfatal("usage: f2c_basic dir");
	clk = file2chan(argv[1], "clock");
	echo = file2chan(argv[1], "echo");
	if(clk == nil || echo == nil)
		sysfatal("file2chan: %r");
	logf("ready %s\n", echo->path);
	a[0].c = clk->read; a[0].v = &r; a[0].op = CHANRCV;
	a[1].c = clk->write; a[1].v = &w; a[1].op = CHANRCV;
	a[2].c = echo->read; a[2].v = &r; a[2].op = CHANRCV;
	a[3].c = echo->write; a[3].v = &w; a[3].op = CHANRCV;
	a[4].op = CHANEND;
	for(;;){
		switch(alt(a)){
		case 0:
			if(r.rc == nil){
				logf("clock close fid=%d\n", r.fid);
				break;
			}
			snprintf(line, sizeof line, "tick 42\n");
			rr.data = line;
			rr.count = r.offset == 0 ? strlen(line) : 0;
			rr.err = nil;
			send(r.rc, &rr);
			break;
		case 1:
			if(w.wc == nil)
				break;
			wr.count = 0;
			wr.err = "permission denied";
			send(w.wc, &wr);
			break;
		case 2:
			if(r.rc == nil){
				logf("echo rclose fid=%d\n", r.fid);
				break;
			}
			logf("echo read fid=%d off=%lld n=%ld\n", r.fid, r.offset, r.count);
			rr.err = nil;
			rr.data = store + (r.offset < nstore ? r.offset : nstore);
			rr.count = r.offset < nstore ? nstore - r.offset : 0;
			if(rr.count > r.count)
				rr.count = r.count;
			send(r.rc, &rr);
			break;
		case 3:
			if(w.wc == nil){
				logf("echo wclose fid=%d\n", w.fid);
				break;
			}
			logf("echo write fid=%d off=%lld n=%ld data=%.*s", w.fid, w.offset, w.count, (int)w.count, (char*)w.data);
			logf("\n");
			if(w.offset + w.count > sizeof store){
				wr.count = 0;
				wr.err = "no space";
			}else{
				memmove(store + w.offset, w.data, w.count);
				if(w.offset + w.count > nstore || w.offset == 0)
					nstore = w.offset + w.count;
				wr.count = w.count;
				wr.err = nil;
			}
			send(w.wc, &wr);
			break;
		default:
			sysfatal("alt: %r");
		}
	}
}
