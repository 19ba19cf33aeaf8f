/*
 * threadspawn with fd[i] == -1 leaves the child descriptor i as inherited, as
 * plan9port's child does (it ignores the failed dup2): vbackup spawns its helpers
 * with fd[0] = fd[2] = -1. Run with no argument: the parent; with "child": report
 * what fds 0 and 2 are, on stdout (the pipe), and write to the inherited stderr.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <sys/stat.h>

static void
child(void)
{
	struct stat a, b;

	/* the parent's stdin and stderr, inherited: the same files as the parent's */
	print("child fd0 open %d\n", fstat(0, &a) == 0);
	print("child fd2 open %d\n", fstat(2, &b) == 0);
	print("child fd0 ino %s\n", getenv("FD0INO") && a.st_ino == strtoull(getenv("FD0INO"), nil, 10) ? "same" : "different");
	print("child fd2 ino %s\n", getenv("FD2INO") && b.st_ino == strtoull(getenv("FD2INO"), nil, 10) ? "same" : "different");
	fprint(2, "child wrote to the inherited stderr\n");
	threadexitsall(nil);
}

void
threadmain(int argc, char **argv)
{
	int p[2], fd[3], n, tot, pid;
	char buf[512];
	struct stat st;
	Waitmsg *w;
	Channel *wc;

	if(argc > 1 && strcmp(argv[1], "child") == 0)
		child();
	fstat(0, &st);
	snprint(buf, sizeof buf, "%llud", (uvlong)st.st_ino);
	putenv("FD0INO", buf);
	fstat(2, &st);
	snprint(buf, sizeof buf, "%llud", (uvlong)st.st_ino);
	putenv("FD2INO", buf);
	wc = threadwaitchan();
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	fd[0] = -1;
	fd[1] = p[1];
	fd[2] = -1;
	pid = threadspawn(fd, "/proc/self/exe", (char*[]){"exec_negfd", "child", nil});
	if(pid < 0)
		sysfatal("threadspawn with fd[0] = fd[2] = -1: %r");
	tot = 0;
	while((n = read(p[0], buf+tot, sizeof buf-1-tot)) > 0)
		tot += n;
	buf[tot] = 0;
	print("%s", buf);
	w = recvp(wc);
	print("waitmsg pid ok %d msg '%s'\n", w->pid == pid, w->msg);
	free(w);
	threadexitsall(nil);
}
