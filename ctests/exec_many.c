/*
 * 200 children exiting with 0..199, spawned at once and reaped through threadwaitchan
 * with the exact Waitmsg text ("" for 0, the decimal status otherwise); a child killed
 * by a signal; no fd leaks in the parent; no zombies left.
 */
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <u.h>
#include <libc.h>
#include <thread.h>
/* The Unix call on purpose: libc.h renames waitpid to plan9port's p9waitpid. */
#undef waitpid

enum { N = 200 };

static int
nfds(void)
{
	DIR *d;
	int n;

	d = opendir("/proc/self/fd");
	if(d == nil)
		return -1;
	n = 0;
	while(readdir(d) != nil)
		n++;
	closedir(d);
	return n;
}

void
threadmain(int argc, char **argv)
{
	Channel *wc;
	Waitmsg *w;
	int pids[N], i, j, fd[3], bad, before, after;
	char cmd[32], want[16];

	wc = threadwaitchan();
	before = nfds();
	for(i = 0; i < N; i++){
		fd[0] = open("/dev/null", O_RDONLY);
		fd[1] = open("/dev/null", O_WRONLY);
		fd[2] = fd[1];
		snprintf(cmd, sizeof cmd, "exit %d", i);
		pids[i] = threadspawn(fd, "sh", (char*[]){"sh", "-c", cmd, nil});
		if(pids[i] < 0)
			sysfatal("spawn %d failed", i);
	}
	bad = 0;
	for(i = 0; i < N; i++){
		w = recvp(wc);
		for(j = 0; j < N; j++)
			if(pids[j] == w->pid)
				break;
		if(j == N){
			fprint(2, "unknown pid %d\n", w->pid);
			bad++;
		}else{
			if(j == 0)
				want[0] = 0;
			else
				snprintf(want, sizeof want, "%d", j);
			if(strcmp(w->msg, want) != 0){
				fprint(2, "child %d: msg '%s'\n", j, w->msg);
				bad++;
			}
			pids[j] = -2;
		}
		free(w);
	}
	print("reaped %d bad %d\n", N, bad);

	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = fd[1];
	threadspawn(fd, "sh", (char*[]){"sh", "-c", "kill -TERM $$", nil});
	w = recvp(wc);
	print("signal msg '%s'\n", w->msg);
	free(w);

	after = nfds();
	print("fds %s\n", before == after ? "same" : "leaked");
	if(before != after)
		fprint(2, "fds before %d after %d\n", before, after);
	print("zombies %s\n", waitpid(-1, nil, WNOHANG) < 0 ? "none" : "some");
	threadexitsall(nil);
}
