/*
 * file2chan: the server answers through alt, not send: each reply goes out as the
 * send case of an alt that also waits on a channel nobody sends on (a "quit"
 * channel, as a server that can be told to stop would have). The reply channel is
 * always ready for a send, so the alt completes at once with that case. (Before
 * channel kinds, alt queued a waiter on the reply channel and never completed.)
 * Receiving from a reply channel in an alt is refused with a message.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <file2chan.h>

void
threadmain(int argc, char **argv)
{
	FileIO *f;
	Fileread r;
	Filewrite w;
	Readreply rr, junk;
	Writereply wr;
	Channel *quit;
	char line[64];
	int n, i;
	Alt a[3], b[3];

	if(argc < 2)
		sysfatal("usage: f2c_altreply dir");
	f = file2chan(argv[1], "hello");
	if(f == nil)
		sysfatal("file2chan: %r");
	quit = chancreate(sizeof(int), 0);
	print("ready %s\n", f->path);
	for(n = 0;; n++){
		a[0].c = f->read; a[0].v = &r; a[0].op = CHANRCV;
		a[1].c = f->write; a[1].v = &w; a[1].op = CHANRCV;
		a[2].op = CHANEND;
		switch(alt(a)){
		case 0:
			if(r.rc == nil)
				break;
			if(n == 0){
				/* an alt receive on a reply channel: refused, not ready */
				b[0].c = r.rc; b[0].v = &junk; b[0].op = CHANRCV;
				b[1].op = CHANNOBLK;
				print("alt recv on reply: %d\n", alt(b));
			}
			snprint(line, sizeof line, "hello %d\n", n);
			rr.data = line;
			rr.count = r.offset == 0 ? strlen(line) : 0;
			rr.err = nil;
			b[0].c = quit; b[0].v = &i; b[0].op = CHANRCV;
			b[1].c = r.rc; b[1].v = &rr; b[1].op = CHANSND;
			b[2].op = CHANEND;
			i = alt(b);
			if(i != 1)
				sysfatal("alt with a reply send returned %d", i);
			print("replied by alt %d\n", n);
			break;
		case 1:
			if(w.wc == nil)
				break;
			wr.count = w.count;
			wr.err = nil;
			b[0].c = quit; b[0].v = &i; b[0].op = CHANRCV;
			b[1].c = w.wc; b[1].v = &wr; b[1].op = CHANSND;
			b[2].op = CHANEND;
			if(alt(b) != 1)
				sysfatal("alt with a write reply");
			print("write replied by alt\n");
			break;
		}
	}
}
