/*
 * The child sees only fds 0, 1 and 2 (no leaks of the parent's other fds, with or
 * without close-on-exec), even when fd[] permutes them.
 * Run with no argument: the parent; with "child": list /proc/self/fd and exit.
 */
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

static void
child(void)
{
	DIR *d;
	struct dirent *e;
	char buf[256], *s;

	d = opendir("/proc/self/fd");
	s = buf;
	buf[0] = 0;
	while((e = readdir(d)) != nil){
		if(e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
			continue;
		s += snprintf(s, buf+sizeof buf-s, " %s", e->d_name);
	}
	print("child fds:%s\n", buf);
	fprint(2, "child stderr\n");
	threadexitsall(nil);
}

void
threadmain(int argc, char **argv)
{
	int p[2], q[2], fd[3], i, n, tot;
	char buf[512];
	Waitmsg *w;
	Channel *wc;

	if(argc > 1 && strcmp(argv[1], "child") == 0)
		child();
	wc = threadwaitchan();
	for(i = 0; i < 20; i++)
		open("/dev/null", i%2 ? O_RDONLY : O_RDONLY|O_CLOEXEC);
	pipe(p);
	pipe(q);
	/* stdout and stderr swapped through pipes: fd[1] = q, fd[2] = p */
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = q[1];
	fd[2] = p[1];
	if(threadspawn(fd, "/proc/self/exe", (char*[]){"exec_fds", "child", nil}) < 0)
		sysfatal("spawn: %r");
	tot = 0;
	while((n = read(q[0], buf+tot, sizeof buf-1-tot)) > 0)
		tot += n;
	buf[tot] = 0;
	print("stdout: %s", buf);
	tot = 0;
	while((n = read(p[0], buf+tot, sizeof buf-1-tot)) > 0)
		tot += n;
	buf[tot] = 0;
	print("stderr: %s", buf);
	w = recvp(wc);
	print("msg '%s'\n", w->msg);
	threadexitsall(nil);
}
