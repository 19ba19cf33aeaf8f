/*
 * threadspawn of /bin/echo with its stdout redirected to a pipe; the parent's copies
 * of the fds are closed; Waitmsgs arrive on threadwaitchan; threadspawnl, threadspawnd
 * and threadexec with a cpid channel.
 */
#include <unistd.h>
#include <fcntl.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *wc;

static void
readall(int fd, char *what)
{
	char buf[256];
	int n, tot;

	tot = 0;
	while((n = read(fd, buf+tot, sizeof buf-1-tot)) > 0)
		tot += n;
	buf[tot] = 0;
	print("%s: %s", what, buf);
	close(fd);
}

static void
waitone(int pid)
{
	Waitmsg *w;

	w = recvp(wc);
	print("wait %s msg '%s' times %s\n", w->pid == pid ? "pid ok" : "pid wrong", w->msg,
		w->time[2] == w->time[0]+w->time[1] ? "ok" : "bad");
	free(w);
}

int xfd[3];
Channel *cpid;

static void
execer(void *v)
{
	USED(v);
	threadexec(cpid, xfd, "echo", (char*[]){"echo", "from", "threadexec", nil});
	print("threadexec returned\n");
}

void
threadmain(int argc, char **argv)
{
	int p[2], fd[3], pid, nul;

	wc = threadwaitchan();
	nul = open("/dev/null", O_RDWR);

	pipe(p);
	fd[0] = nul; fd[1] = p[1]; fd[2] = fcntl(2, F_DUPFD, 3);
	pid = threadspawn(fd, "/bin/echo", (char*[]){"echo", "hello", "world", nil});
	print("spawn %s\n", pid > 0 ? "ok" : "failed");
	print("parent copies closed %s\n", fcntl(p[1], F_GETFD) < 0 && fcntl(nul, F_GETFD) < 0 ? "yes" : "no");
	readall(p[0], "echo");
	waitone(pid);

	pipe(p);
	fd[0] = open("/dev/null", O_RDONLY); fd[1] = p[1]; fd[2] = p[1];
	pid = threadspawnl(fd, "sh", "sh", "-c", "echo out; echo err >&2", nil);
	readall(p[0], "spawnl");
	waitone(pid);

	pipe(p);
	fd[0] = open("/dev/null", O_RDONLY); fd[1] = p[1]; fd[2] = fcntl(2, F_DUPFD, 3);
	pid = threadspawnd(fd, "pwd", (char*[]){"pwd", nil}, "/tmp");
	readall(p[0], "spawnd");
	waitone(pid);

	pipe(p);
	fd[0] = open("/dev/null", O_RDONLY); fd[1] = p[1]; fd[2] = fcntl(2, F_DUPFD, 3);
	pid = threadspawn(fd, "sh", (char*[]){"sh", "-c", "echo status; exit 5", nil});
	readall(p[0], "status");
	waitone(pid);

	pipe(p);
	cpid = chancreate(sizeof(ulong), 1);
	xfd[0] = open("/dev/null", O_RDONLY); xfd[1] = p[1]; xfd[2] = fcntl(2, F_DUPFD, 3);
	proccreate(execer, nil, 65536);
	pid = recvul(cpid);
	print("cpid %s\n", pid > 0 && pid != ~0 ? "ok" : "bad");
	readall(p[0], "exec");
	waitone(pid);
	threadexitsall(nil);
}
