/*
 * Exec failures come back as errors with the errstr set (not plan9port's "Success"):
 * threadspawn/threadexec of a missing or non-executable file, procexec of a missing
 * binary and from a proc with other threads. On failure the fds stay open.
 */
#include <unistd.h>
#include <fcntl.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *cpid, *hold, *donec;

static void
other(void *v)
{
	USED(v);
	recvul(hold);	/* keeps a second thread in the proc until told */
}

static void
lone(void *v)
{
	char err[128];

	USED(v);
	procexec(cpid, "/nonexistent/binary", (char*[]){"binary", nil});
	rerrstr(err, sizeof err);
	print("procexec returned: %s\n", err);
	sendul(donec, 1);
	threadexits(nil);
}

static void
crowded(void *v)
{
	char err[128];

	USED(v);
	threadcreate(other, nil, 65536);
	procexecl(cpid, "/bin/true", "true", nil);
	rerrstr(err, sizeof err);
	print("crowded procexec returned: %s\n", err);
	sendul(donec, 1);
	threadexits(nil);
}

void
threadmain(int argc, char **argv)
{
	int fd[3], r;
	char err[128];
	ulong pid;

	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = fd[1];
	r = threadspawn(fd, "/nonexistent/binary", (char*[]){"binary", nil});
	rerrstr(err, sizeof err);
	print("spawn %d: %s\n", r, err);
	print("fds still open: %s\n", fcntl(fd[0], F_GETFD) >= 0 && fcntl(fd[1], F_GETFD) >= 0 ? "yes" : "no");
	r = threadspawn(fd, "no-such-command-anywhere", (char*[]){"x", nil});
	rerrstr(err, sizeof err);
	print("path search %d: %s\n", r, err);
	r = threadspawn(fd, "/etc", (char*[]){"etc", nil});
	rerrstr(err, sizeof err);
	print("directory %d: %s\n", r, err);

	cpid = chancreate(sizeof(ulong), 0);
	hold = chancreate(sizeof(ulong), 0);
	donec = chancreate(sizeof(ulong), 0);
	proccreate(lone, nil, 65536);
	pid = recvul(cpid);
	recvul(donec);
	print("lone cpid %s\n", pid == ~0UL ? "~0" : "other");
	proccreate(crowded, nil, 65536);
	pid = recvul(cpid);
	recvul(donec);
	print("crowded cpid %s\n", pid == ~0UL ? "~0" : "other");
	sendul(hold, 0);
	threadexecl(nil, fd, "/nonexistent/x", "x", nil);
	rerrstr(err, sizeof err);
	print("threadexecl returned: %s\n", err);
	threadexitsall(nil);
}
