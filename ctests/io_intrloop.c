/*
 * 1,000 interrupts landing at different moments of an ioread on an empty pipe (before
 * the ioproc takes the request, just before read() is entered, inside it): every
 * interrupted call fails with "interrupted", none is lost or hits the next call,
 * and the ioproc keeps working.
 */
#include <unistd.h>
#include <sched.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Ioproc *io;
int p[2];
Channel *done;

static void
reader(void *v)
{
	char buf[8], err[128];
	long r;

	USED(v);
	r = ioread(io, p[0], buf, sizeof buf);
	err[0] = 0;
	if(r < 0)
		rerrstr(err, sizeof err);
	if(r >= 0 || strcmp(err, "interrupted") != 0)
		fprint(2, "reader: got %ld %s\n", r, err);
	sendul(done, r < 0);
}

void
threadmain(int argc, char **argv)
{
	int i, j, bad;
	char buf[8];
	long r;

	io = ioproc();
	done = chancreate(sizeof(ulong), 0);
	if(pipe(p) < 0)
		sysfatal("pipe");
	bad = 0;
	for(i = 0; i < 1000; i++){
		threadcreate(reader, nil, 65536);
		yield();	/* the reader posts its call and parks */
		switch(i%4){
		case 0:
			break;
		case 1:
			sched_yield();
			break;
		case 2:
			for(j = 0; j < (i*7)%500; j++)
				__asm__ volatile("" ::: "memory");
			break;
		case 3:
			usleep(i%200);
			break;
		}
		iointerrupt(io);
		if(recvul(done) != 1)
			bad++;
		if(i%10 == 0){
			write(p[1], "k", 1);
			r = ioread(io, p[0], buf, sizeof buf);
			if(r != 1){
				fprint(2, "iteration %d: read after interrupt: %ld\n", i, r);
				bad++;
			}
		}
	}
	print("bad %d\n", bad);
	closeioproc(io);
	threadexits(nil);
}
