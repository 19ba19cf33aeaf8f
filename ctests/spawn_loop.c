/*
 * Like plan9port's tspawnloop, bounded: a proc threadexecs "echo i" and the Waitmsg is
 * received, 200 times in order; no fd growth.
 */
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *cpid;
int n;

static int
nfds(void)
{
	DIR *d;
	int k;

	d = opendir("/proc/self/fd");
	k = 0;
	while(readdir(d) != nil)
		k++;
	closedir(d);
	return k;
}

static void
execer(void *v)
{
	int fd[3];
	char num[16];

	USED(v);
	fd[0] = fcntl(0, F_DUPFD, 3);
	fd[1] = fcntl(1, F_DUPFD, 3);
	fd[2] = fcntl(2, F_DUPFD, 3);
	snprintf(num, sizeof num, "%d", n);
	threadexecl(cpid, fd, "echo", "echo", num, nil);
	threadexits("exec failed");
}

void
threadmain(int argc, char **argv)
{
	Channel *wc;
	Waitmsg *w;
	int before, pid;

	wc = threadwaitchan();
	cpid = chancreate(sizeof(ulong), 0);
	before = nfds();
	for(n = 0; n < 200; n++){
		proccreate(execer, nil, 65536);
		pid = recvul(cpid);
		w = recvp(wc);
		if(w->pid != pid || w->msg[0] != 0)
			fprint(2, "bad Waitmsg %d %s\n", w->pid, w->msg);
		free(w);
	}
	print("fds %s\n", nfds() == before ? "same" : "grew");
	threadexitsall(nil);
}
