/*
 * file2chantimeout: a server that never answers a read does not leave its client
 * waiting for ever in the kernel (unkillable, even by SIGKILL): after the timeout
 * the read fails with ETIMEDOUT, and the late reply's send returns -1.
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
		sysfatal("usage: f2c_timeout dir");
	setvbuf(stdout, nil, _IOLBF, 0);
	f = file2chan(argv[1], "slow");
	if(f == nil)
		sysfatal("file2chan: %s", strerror(errno));
	print("bad %d %d\n", file2chantimeout(nil, 10), file2chantimeout(f, -1));
	if(file2chantimeout(f, 300) < 0)
		sysfatal("file2chantimeout: %r");
	print("ready\n");
	for(;;){
		recv(f->read, &r);
		if(r.rc == nil)
			continue;
		print("holding a read\n");
		threadsleep(1000);	/* the proc goes on serving */
		rr.data = "late\n"; rr.count = 5; rr.err = nil;
		print("late reply %d\n", send(r.rc, &rr));
	}
}
