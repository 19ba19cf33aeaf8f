/*
 * A write on a pipe whose reader has gone: -1 with EPIPE ("Broken pipe"), never
 * death by SIGPIPE, from threadmain's proc and from another proc; the errno of each
 * thread survives switches.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

Channel *c;

int
brokenwrite(void)
{
	int p[2], r;

	if(pipe(p) < 0)
		return -2;
	close(p[0]);
	r = write(p[1], "x", 1);
	close(p[1]);
	return r;
}

void
other(void *arg)
{
	int r;

	USED(arg);
	r = brokenwrite();
	sendul(c, r == -1 && errno == EPIPE);
}

void
threadmain(int argc, char *argv[])
{
	int r, e;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	r = brokenwrite();
	e = errno;
	print("main proc: %d %s\n", r, strerror(e));
	proccreate(other, nil, 0);
	print("other proc: %d\n", (int)recvul(c));
	print("errno kept: %d\n", errno == EPIPE);
}
