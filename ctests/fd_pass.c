/*
 * threadsendfd/threadrecvfd over a socketpair (the receiver parks until the fd
 * arrives) and threadread9pmsg (a message split over two writes; a bad length; EOF).
 */
#include <u.h>
#include <sys/socket.h>	/* before thread.h, which defines send and recv */
#include <libc.h>
#include <thread.h>

static int sv[2], msg[2];
static Channel *c;
static int failed;

static void
check(int ok, char *what)
{
	if(!ok){
		fprint(2, "FAIL: %s\n", what);
		failed = 1;
	}
}

static void
receiver(void *v)
{
	int fd;
	char buf[8];

	USED(v);
	fd = threadrecvfd(sv[0]);
	check(fd >= 0, "threadrecvfd");
	check(fd >= 0 && !(fcntl(fd, F_GETFD) & FD_CLOEXEC), "received fd inheritable");
	check(fd >= 0 && threadread(fd, buf, sizeof buf) == 3 && memcmp(buf, "abc", 3) == 0, "read on the passed fd");
	close(fd);
	sendul(c, 0);
}

static void
writer(void *v)
{
	uchar hdr[11] = { 11, 0, 0, 0, 100, 1, 2, 3, 4, 5, 6 };

	USED(v);
	threadsleep(10);
	write(msg[1], hdr, 5);
	threadsleep(10);
	write(msg[1], hdr+5, 6);
	threadsleep(10);
	write(msg[1], "\xff\xff\0\0xx", 6);	/* bad length */
	close(msg[1]);
}

void
threadmain(int argc, char *argv[])
{
	int p[2];
	uchar buf[64];

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	if(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || pipe(p) < 0 || pipe(msg) < 0)
		sysfatal("socketpair/pipe");
	threadcreate(receiver, nil, 65536);
	threadsleep(20);
	check(threadsendfd(sv[1], p[0]) == 0, "threadsendfd");
	close(p[0]);
	write(p[1], "abc", 3);
	recvul(c);
	threadcreate(writer, nil, 65536);
	check(threadread9pmsg(msg[0], buf, sizeof buf) == 11 && buf[4] == 100 && buf[10] == 6, "threadread9pmsg");
	check(threadread9pmsg(msg[0], buf, sizeof buf) == -1, "threadread9pmsg bad length");
	check(threadread9pmsg(msg[0], buf, sizeof buf) == 0, "threadread9pmsg EOF");
	if(failed)
		threadexitsall("failed");
	print("fd passing and 9P messages ok\n");
	threadexitsall(nil);
}
