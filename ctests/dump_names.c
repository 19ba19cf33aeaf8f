/*
 * Each proc's OS thread carries a name: its first thread's function (when exported)
 * or "proc N"; threadsetname in a one-thread proc renames it; ioprocs are "ioproc".
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;

static void
comm(char *what)
{
	char path[64], buf[32];
	FILE *f;

	snprintf(path, sizeof path, "/proc/self/task/%ld/comm", (long)syscall(SYS_gettid));
	f = fopen(path, "r");
	buf[0] = 0;
	if(f){
		fgets(buf, sizeof buf, f);
		fclose(f);
	}
	print("%s: %s", what, buf);
}

void
workerproc(void *v)
{
	USED(v);
	comm("exported");
	threadsetname("renamed");
	comm("after threadsetname");
	sendul(c, 1);
}

static long
op(va_list *a)
{
	USED(a);
	comm("ioproc");
	return 0;
}

void
threadmain(int argc, char **argv)
{
	Ioproc *io;

	c = chancreate(sizeof(ulong), 0);
	proccreate(workerproc, nil, 65536);
	recvul(c);
	io = ioproc();
	iocall(io, op);
	threadexitsall(nil);
}
