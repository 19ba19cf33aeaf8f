/*
 * notefs: a file served with file2chan that ordinary programs use.
 * DIR/note holds one note: `echo text > DIR/note` replaces it (a write at
 * offset 0 starts a new note), `cat DIR/note` reads it back. Each request
 * arrives as a message on a channel; this one thread answers them all.
 *	notefs DIR	(DIR: an empty directory; mounted through FUSE until killed)
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <file2chan.h>

enum { Max = 8192 };

char note[Max];
long nnote;

void
threadmain(int argc, char *argv[])
{
	FileIO *f;
	Fileread r;
	Filewrite w;
	Readreply rr;
	Writereply wr;
	Alt a[3];

	if(argc != 2)
		sysfatal("usage: notefs dir");
	if((f = file2chan(argv[1], "note")) == nil)
		sysfatal("file2chan %s: %r", argv[1]);
	print("ready %s\n", f->path);
	a[0].c = f->read; a[0].v = &r; a[0].op = CHANRCV;
	a[1].c = f->write; a[1].v = &w; a[1].op = CHANRCV;
	a[2].c = nil; a[2].v = nil; a[2].op = CHANEND;
	for(;;){
		switch(alt(a)){
		case 0:
			if(r.rc == nil)	/* a client closed the file */
				break;
			rr.err = nil;
			rr.data = note + (r.offset < nnote ? r.offset : nnote);
			rr.count = r.offset < nnote ? nnote - r.offset : 0;
			if(rr.count > r.count)
				rr.count = r.count;
			send(r.rc, &rr);
			break;
		case 1:
			if(w.wc == nil)
				break;
			if(w.offset == 0)
				nnote = 0;
			if(w.offset + w.count > Max){
				wr.count = 0;
				wr.err = "note too long";
			}else{
				memmove(note + w.offset, w.data, w.count);
				if(w.offset + w.count > nnote)
					nnote = w.offset + w.count;
				wr.count = w.count;
				wr.err = nil;
			}
			send(w.wc, &wr);
			break;
		}
	}
}
