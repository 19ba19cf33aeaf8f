/* threadid/threadpid/groups/names/data slots/yield counts/pinning/procrfork/chanprint. */
#include <u.h>
#include <libc.h>
#include <thread.h>

/* plan9port's libc.h values */
#define T_RFNAMEG 1
#define T_RFFDG 4

Channel *c;

void
child(void *arg)
{
	*threaddata() = arg;
	threadsetname("child-%d", 7);
	sendp(c, threadgetname());
	sendp(c, *threaddata());
	sendul(c, threadgetgrp());
	sendul(c, threadpid(0));
}

void
fdproc(void *arg)
{
	/* a private fd table: closing stdout here must not close it for the program */
	USED(arg);
	close(1);
	sendul(c, 1);
}

void
printer(void *arg)
{
	char *s;

	USED(arg);
	s = recvp(c);
	print("%s\n", s);
	free(s);
	sendul(c, 0);
}

void
yielder(void *arg)
{
	USED(arg);
}

void
threadmain(int argc, char *argv[])
{
	int n, id;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(void*), 0);
	if(threadid() != 1)
		sysfatal("threadmain id %d", threadid());
	if(strcmp(threadgetname(), "") != 0)
		sysfatal("initial name");
	threadsetgrp(5);
	*procdata() = (void*)0x1234;
	id = threadcreate(child, (void*)"slot", 0);
	print("name %s\n", (char*)recvp(c));
	print("data %s\n", (char*)recvp(c));
	print("grp %lud\n", recvul(c));
	print("samepid %d\n", recvul(c) == (ulong)threadpid(0));
	if(threadpid(id) != -1 && threadpid(id) != threadpid(0))
		sysfatal("threadpid of child");
	if(threadpid(-1) != -1 || threadpid(99999) != -1)
		sysfatal("threadpid of bad ids");
	proccreate(child, (void*)"proc", 0);
	recvp(c); recvp(c); recvul(c);
	print("otherpid %d\n", recvul(c) != (ulong)threadpid(0));
	print("procdata %p\n", *procdata());

	threadidle();	/* let every other ready thread (the first child) finish first */
	threadcreate(yielder, nil, 0);
	n = yield();
	print("yield %d\n", n);

	threadpin();
	threadunpin();

	if(procrfork(fdproc, nil, 0, T_RFFDG) < 0)
		sysfatal("procrfork: %r");
	recvul(c);
	print("stdout still open\n");
	if(procrfork(fdproc, nil, 0, T_RFNAMEG) != -1)
		sysfatal("procrfork RFNAMEG should fail");
	threadcreate(printer, nil, 0);
	if(chanprint(c, "chanprint %d %s", 42, "ok") != 1)
		sysfatal("chanprint");
	recvul(c);
	threadexitsall(nil);
}
