/*
 * A threadread parked on a descriptor that another thread closes fails promptly
 * with EBADF (issue 16: it stayed parked forever, the closed fd having silently
 * left the proc's epoll set); a descriptor number reused meanwhile is waited on
 * as the new file it now names; an fdchan fires. Each case must end within 3 s; the poller's
 * revalidation (poll.rs) promises 100 ms with few parked fds.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/socket.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

typedef struct Case Case;
struct Case {
	int fd;
	long r;
	int err;
	char buf[16];
	Channel *done;
};

static void
reader(void *v)
{
	Case *c;

	c = v;
	memset(c->buf, 0, sizeof c->buf);
	errno = 0;
	c->r = threadread(c->fd, c->buf, sizeof c->buf - 1);
	c->err = errno;
	sendul(c->done, 1);
}

/* starts a reader on fd (in its own proc if newproc), lets it park, runs how(fd) */
static void
run(char *name, int fd, int newproc, void (*how)(int), int wantdata)
{
	Case c;
	Alt a[2];
	ulong x;
	int r;

	c.fd = fd;
	c.done = chancreate(sizeof(ulong), 1);
	if(newproc)
		proccreate(reader, &c, 65536);
	else
		threadcreate(reader, &c, 65536);
	threadsleep(100);
	how(fd);
	a[0].c = c.done; a[0].v = &x; a[0].op = CHANRCV;
	a[1].op = CHANEND;
	r = alttimeout(a, 3000);
	if(r != 0){
		print("%s: still parked after 3 s\n", name);
		threadexitsall("parked");
	}
	if(wantdata)
		print("%s: %ld %s\n", name, c.r, c.buf);
	else
		print("%s: %ld %s\n", name, c.r, c.err == EBADF ? "EBADF" : strerror(c.err));
}

static void
justclose(int fd)
{
	close(fd);
}

static int kept;

static void
closekept(int fd)
{
	/* the file stays open through another descriptor */
	kept = dup(fd, -1);
	close(fd);
}

static void
reuse(int fd)
{
	int p[2];

	/* the number now names another pipe, which gets data */
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	dup2(p[0], fd);
	close(p[0]);
	write(p[1], "new", 3);
}

static int
pipefd(void)
{
	int p[2];

	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	return p[0];	/* the write end stays open: no EOF */
}

static int
sockfd(void)
{
	int s[2];

	if(socketpair(AF_UNIX, SOCK_STREAM, 0, s) < 0)
		sysfatal("socketpair: %r");
	return s[0];
}

/* an fdchan on a descriptor closed before it fires: fires with POLLNVAL */
static void
fdchancase(void)
{
	Channel *c;
	Alt a[2];
	int fd, v;

	fd = pipefd();
	c = fdchan(fd, POLLIN);
	threadsleep(50);
	close(fd);
	a[0].c = c; a[0].v = &v; a[0].op = CHANRCV;
	a[1].op = CHANEND;
	if(alttimeout(a, 3000) != 0)
		print("fdchan: not fired after 3 s\n");
	else
		print("fdchan: POLLNVAL %d\n", (v & POLLNVAL) != 0);
	chanfree(c);
}

void
threadmain(int argc, char **argv)
{
	run("pipe, same proc", pipefd(), 0, justclose, 0);
	run("pipe, other proc", pipefd(), 1, justclose, 0);
	run("socket, same proc", sockfd(), 0, justclose, 0);
	run("socket, other proc", sockfd(), 1, justclose, 0);
	run("pipe, file kept open", pipefd(), 0, closekept, 0);
	close(kept);
	run("pipe, number reused", pipefd(), 0, reuse, 1);
	fdchancase();
	threadexitsall(nil);
}
