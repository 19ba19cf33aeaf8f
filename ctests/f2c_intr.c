/*
 * FUSE interrupts: a client blocked on a request the server holds is ended by a
 * signal, SIGKILL included (it stayed in the kernel's uninterruptible wait until the
 * server answered: issue 16, item 8). The request is answered EINTR, and the
 * server's late reply fails.
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
	Readreply rr;

	if(argc < 2)
		sysfatal("usage: f2c_intr dir");
	setvbuf(stdout, nil, _IOLBF, 0);
	f = file2chan(argv[1], "hold");
	if(f == nil)
		sysfatal("file2chan: %s", strerror(errno));
	print("ready\n");
	for(;;){
		recv(f->read, &r);
		if(r.rc == nil)
			continue;
		print("holding a read\n");
		threadsleep(1500);
		rr.data = "late\n"; rr.count = 5; rr.err = nil;
		print("late reply %d\n", send(r.rc, &rr));
	}
}
