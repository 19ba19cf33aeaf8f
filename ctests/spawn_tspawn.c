/*
 * Like plan9port's tspawn (docs/API.md, plan9port's tests): spawn the arguments twice with copies of
 * fds 0, 1, 2, print each child's Waitmsg as "pid time0 time1 time2 msg", then exit
 * threadmain while nothing else runs (status 0). See spawn_tspawn.sh.
 */
#include <unistd.h>
#include <fcntl.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	Waitmsg *w;
	int fd[3], i;
	char err[128];
	Channel *wc;

	if(argc < 2){
		fprint(2, "usage: spawn_tspawn cmd args...\n");
		threadexitsall("usage");
	}
	wc = threadwaitchan();
	for(i = 0; i < 2; i++){
		fd[0] = fcntl(0, F_DUPFD, 3);
		fd[1] = fcntl(1, F_DUPFD, 3);
		fd[2] = fcntl(2, F_DUPFD, 3);
		if(threadspawn(fd, argv[1], argv+1) < 0){
			rerrstr(err, sizeof err);
			fprint(2, "%s: threadspawn: %s\n", argv0, err);
			threadexitsall("threadspawn");
		}
	}
	for(i = 0; i < 2; i++){
		w = recvp(wc);
		print("%d %lu %lu %lu %s\n", w->pid, w->time[0], w->time[1], w->time[2], w->msg);
		free(w);
	}
	threadexits(nil);
}
