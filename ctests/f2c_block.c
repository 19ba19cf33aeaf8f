/*
 * 50 clients open "tag" read-write, write their pid, then read. The server
 * holds all 50 reads, then answers them in random order with the pid the
 * same fid wrote: each client must read its own pid.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <file2chan.h>

enum { N = 50, MAXFID = 4096 };

static int pidof[MAXFID];
static int done[MAXFID];

void
threadmain(int argc, char **argv)
{
	FileIO *f;
	Fileread r, held[N], t;
	Filewrite w;
	Readreply rr;
	Writereply wr;
	Alt a[3];
	int nheld, i, j;
	char b[N][32];

	if(argc < 2)
		sysfatal("usage: f2c_block dir");
	setvbuf(stdout, nil, _IOLBF, 0);
	f = file2chan(argv[1], "tag");
	if(f == nil)
		sysfatal("file2chan: %s", strerror(errno));
	a[0].c = f->read; a[0].v = &r; a[0].op = CHANRCV;
	a[1].c = f->write; a[1].v = &w; a[1].op = CHANRCV;
	a[2].op = CHANEND;
	print("ready\n");
	nheld = 0;
	srand(getpid());
	for(;;){
		switch(alt(a)){
		case 0:
			if(r.rc == nil || r.fid >= MAXFID)
				break;
			if(done[r.fid]){
				rr.data = nil; rr.count = 0; rr.err = nil;
				send(r.rc, &rr);
				break;
			}
			held[nheld++] = r;
			if(nheld < N)
				break;
			print("all held\n");
			for(i = N-1; i > 0; i--){
				j = rand() % (i+1);
				t = held[i]; held[i] = held[j]; held[j] = t;
			}
			for(i = 0; i < N; i++){
				snprintf(b[i], sizeof b[i], "pid=%d\n", pidof[held[i].fid]);
				done[held[i].fid] = 1;
				rr.data = b[i]; rr.count = strlen(b[i]); rr.err = nil;
				send(held[i].rc, &rr);
			}
			nheld = 0;
			break;
		case 1:
			if(w.wc == nil || w.fid >= MAXFID)
				break;
			pidof[w.fid] = atoi((char*)w.data);
			wr.count = w.count; wr.err = nil;
			send(w.wc, &wr);
			break;
		}
	}
}
