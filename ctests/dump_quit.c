/*
 * SIGQUIT prints the thread dump and the program goes on. The dump names the channel
 * a thread is blocked on (chansetname), shows a thread in iocall, the ioproc running
 * its op, and a spawn helper waiting for its child.
 */
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;
Ioproc *io;
int p[2];

static void
blocked(void *v)
{
	USED(v);
	threadsetname("blocked-one");
	recvul(c);
}

static void
inio(void *v)
{
	char buf[4];

	USED(v);
	threadsetname("io-caller");
	ioread(io, p[0], buf, sizeof buf);
}

void
threadmain(int argc, char **argv)
{
	int fd[3];

	c = chancreate(sizeof(ulong), 0);
	chansetname(c, "mychan");
	io = ioproc();
	pipe(p);
	threadcreate(blocked, nil, 65536);
	threadcreate(inio, nil, 65536);
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = fd[1];
	threadspawn(fd, "sleep", (char*[]){"sleep", "1", nil});
	yield();
	usleep(100*1000);
	kill(getpid(), SIGQUIT);
	usleep(300*1000);
	print("still running\n");
	threadexitsall(nil);
}
