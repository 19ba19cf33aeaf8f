/*
 * No false deadlock reports: a thread waiting for an ioproc blocked in read (fed later
 * by a child process), and a thread waiting on threadwaitchan while a child runs,
 * with everything else asleep.
 */
#include <unistd.h>
#include <fcntl.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	Ioproc *io;
	int p[2], fd[3];
	char buf[16];
	long n;
	Waitmsg *w;
	Channel *wc;

	wc = threadwaitchan();
	io = ioproc();
	pipe(p);
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = p[1];
	fd[2] = open("/dev/null", O_WRONLY);
	if(threadspawn(fd, "sh", (char*[]){"sh", "-c", "sleep 0.6; echo hi", nil}) < 0)
		sysfatal("spawn");
	n = ioread(io, p[0], buf, sizeof buf-1);
	buf[n > 0 ? n : 0] = 0;
	print("read %s", buf);
	w = recvp(wc);
	print("first msg '%s'\n", w->msg);
	free(w);

	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = fd[1];
	threadspawn(fd, "sleep", (char*[]){"sleep", "0.6", nil});
	w = recvp(wc);
	print("second msg '%s'\n", w->msg);
	free(w);
	threadexitsall(nil);
}
