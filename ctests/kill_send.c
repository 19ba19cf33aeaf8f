/*
 * threadkill of a thread blocked in send: it never returns from send, its stack is
 * reused: memory stays flat over 100,000 kills. Also a kill of a thread in iocall.
 */
#include <stdio.h>
#include <unistd.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;
int nret;
Ioproc *io;
int p[2];

static void
sender(void *v)
{
	USED(v);
	send(c, nil);
	nret++;	/* never reached */
}

static void
reader(void *v)
{
	char buf[8];

	USED(v);
	ioread(io, p[0], buf, sizeof buf);
	nret++;
}

static long
rsskb(void)
{
	FILE *f;
	char line[256];
	long kb;

	kb = -1;
	f = fopen("/proc/self/status", "r");
	while(f && fgets(line, sizeof line, f))
		if(strncmp(line, "VmRSS:", 6) == 0)
			kb = atol(line+6);
	if(f)
		fclose(f);
	return kb;
}

void
threadmain(int argc, char **argv)
{
	int i, id;
	long r0, r1;

	c = chancreate(sizeof(ulong), 0);
	r0 = 0;
	for(i = 0; i < 100000; i++){
		id = threadcreate(sender, nil, 16384);
		yield();	/* it blocks in send */
		threadkill(id);
		yield();	/* it dies */
		if(i == 1000)
			r0 = rsskb();
	}
	r1 = rsskb();
	print("returned %d\n", nret);
	print("memory %s\n", r1 - r0 < 8192 ? "flat" : "grew");
	if(r1 - r0 >= 8192)
		fprint(2, "rss %ld kB after 1000, %ld kB after 100000\n", r0, r1);
	print("channel usable %d\n", nbsend(c, nil));

	io = ioproc();
	pipe(p);
	id = threadcreate(reader, nil, 65536);
	yield();
	usleep(20*1000);
	threadkill(id);
	usleep(20*1000);	/* the ioproc's read is interrupted meanwhile */
	yield();	/* the killed thread collects its call and dies */
	write(p[1], "x", 1);
	print("ioproc after kill %ld\n", ioread(io, p[0], &i, 1));
	print("returned %d\n", nret);
	threadexitsall(nil);
}
