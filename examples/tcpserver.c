/*
 * tcpserver: a thread per connection. One thread announces and listens
 * (threadannounce/threadlisten/threadaccept park only that thread); each
 * connection gets a thread that echoes lines back in upper case with
 * threadread/threadwrite, and waits for its client in an alt on an fdchan
 * and a timerchan, so a client that says nothing for Idle ms is told
 * "timeout" and dropped while the others go on.
 *	tcpserver tcp!*!5640	serve until killed (try: nc localhost 5640)
 *	tcpserver		demo: serve on 127.0.0.1 and run two clients
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>	/* IOPAUSE_READ for fdchan */

enum { Idle = 500, Stack = 64*1024 };

int demo;
char addr[64];
Channel *ready;	/* ulong: the server is listening */

/* Waits up to ms for fd to become readable: 1 readable, 0 timed out. */
int
waitread(int fd, long ms)
{
	Alt a[3];
	Channel *rd, *tm;
	int revents, i;
	uvlong when;

	rd = fdchan(fd, IOPAUSE_READ);
	tm = timerchan(ms);
	a[0].c = rd; a[0].v = &revents; a[0].op = CHANRCV;
	a[1].c = tm; a[1].v = &when; a[1].op = CHANRCV;
	a[2].c = nil; a[2].v = nil; a[2].op = CHANEND;
	i = alt(a);
	chanfree(rd);	/* cancels whichever did not fire */
	chanfree(tm);
	return i == 0;
}

void
client(void *arg)
{
	int fd;

	fd = (int)(uintptr)arg;
	threadsetname("client fd %d", fd);
	for(;;){
		char buf[512];
		long n, i;

		if(!waitread(fd, Idle)){
			threadwrite(fd, "timeout\n", 8);
			break;
		}
		if((n = threadread(fd, buf, sizeof buf)) <= 0)
			break;
		for(i = 0; i < n; i++)
			if(buf[i] >= 'a' && buf[i] <= 'z')
				buf[i] += 'A' - 'a';
		if(threadwrite(fd, buf, n) != n)
			break;
	}
	close(fd);
}

void
listener(void *arg)
{
	char adir[NETPATHLEN], ldir[NETPATHLEN];
	int afd, lfd, dfd, port;

	USED(arg);
	threadsetname("listener");
	if(demo){
		/* a free port near 17800 */
		for(port = 17800; ; port++){
			snprint(addr, sizeof addr, "tcp!127.0.0.1!%d", port);
			if((afd = threadannounce(addr, adir)) >= 0)
				break;
			if(port > 17900)
				sysfatal("announce: %r");
		}
		sendul(ready, 1);
	}else if((afd = threadannounce(addr, adir)) < 0)
		sysfatal("announce %s: %r", addr);
	else
		print("listening on %s\n", addr);
	for(;;){
		if((lfd = threadlisten(adir, ldir)) < 0)
			sysfatal("listen: %r");
		/* accept gives a second fd of the connection: the client thread owns it */
		dfd = threadaccept(lfd, ldir);
		close(lfd);
		if(dfd < 0){
			fprint(2, "accept: %r\n");
			continue;
		}
		threadcreate(client, (void*)(uintptr)dfd, Stack);
	}
}

/* The demo's clients live in their own proc: dial and read block a proc. */
void
democlients(void *arg)
{
	char buf[64];
	int fd, n;

	USED(arg);
	recvul(ready);
	if((fd = dial(addr, nil, nil, nil)) < 0)
		sysfatal("dial %s: %r", addr);
	fprint(fd, "hello, world\n");
	n = readn(fd, buf, 13);
	print("client 1 got: %.*s", n > 0 ? n : 0, buf);
	close(fd);

	if((fd = dial(addr, nil, nil, nil)) < 0)
		sysfatal("dial %s: %r", addr);
	n = readn(fd, buf, 8);	/* says nothing: the server times it out */
	print("client 2 got: %.*s", n > 0 ? n : 0, buf);
	close(fd);
	threadexitsall(nil);
}

void
threadmain(int argc, char *argv[])
{
	if(argc > 1)
		snprint(addr, sizeof addr, "%s", argv[1]);
	else
		demo = 1;
	ready = chancreate(sizeof(ulong), 1);
	if(demo)
		proccreate(democlients, nil, Stack);
	threadcreate(listener, nil, Stack);
	threadexits(nil);
}
