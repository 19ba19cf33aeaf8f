/* announce/listen/accept (lib9, blocking the proc) and threadannounce/threadlisten
 * (parking only the thread): a client thread dials in and exchanges a line. */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *ready;
char addr[64];

void
client(void *arg)
{
	char buf[16];
	int fd, n;

	USED(arg);
	recvul(ready);
	if((fd = dial(addr, nil, nil, nil)) < 0)
		sysfatal("dial %s: %r", addr);
	if(write(fd, "ping", 4) != 4)
		sysfatal("write: %r");
	n = read(fd, buf, sizeof buf - 1);
	if(n < 0)
		sysfatal("client read: %r");
	buf[n] = 0;
	print("client got %s\n", buf);
	close(fd);
	sendul(ready, 0);
}

void
threadmain(int argc, char *argv[])
{
	char adir[NETPATHLEN], ldir[NETPATHLEN], buf[16], err[ERRMAX];
	int afd, lfd, dfd, n, port;

	USED(argc);
	USED(argv);
	if(announce("tcp!*!bogus", adir) >= 0)
		sysfatal("announce of a bad port succeeded");
	if(listen("/not/a/dir", ldir) >= 0)
		sysfatal("listen on a bad directory succeeded");
	rerrstr(err, sizeof err);
	print("bad dir: %s\n", err);

	ready = chancreate(sizeof(ulong), 0);
	for(port = 17564; ; port++){
		snprint(addr, sizeof addr, "tcp!*!%d", port);
		if((afd = threadannounce(addr, adir)) >= 0)
			break;
		if(port > 17600)
			sysfatal("announce: %r");
	}
	snprint(addr, sizeof addr, "tcp!127.0.0.1!%d", port);
	proccreate(client, nil, 0);
	sendul(ready, 1);
	/* the client runs in another proc, so threadlisten may park this thread */
	if((lfd = threadlisten(adir, ldir)) < 0)
		sysfatal("listen: %r");
	if(strncmp(ldir, "/dev/fd/", 8) != 0)
		sysfatal("listen dir %s", ldir);
	if((dfd = threadaccept(lfd, ldir)) < 0)
		sysfatal("accept: %r");
	n = threadread(dfd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	print("server got %s\n", buf);
	threadwrite(dfd, "pong", 4);
	close(dfd);
	close(lfd);
	recvul(ready);
	close(afd);
	threadexitsall(nil);
}
