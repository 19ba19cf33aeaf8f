/*
 * A child's Waitmsg is kept even when the child exits before the program first
 * calls threadwaitchan or procwait (issue 16). One run of this program is one such
 * race (the first threadwaitchan/procwait call decides it), so wait_early.sh runs
 * it many times:
 *   wait_early 0   spawn, procwait at once
 *   wait_early 1   spawn, 1 ms of work, procwait
 *   wait_early 2   spawn 10 children, let them end, then receive from threadwaitchan
 * A ticking proc keeps the program from looking deadlocked, so a lost status is
 * a hang (the driver's timeout) rather than a deadlock report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { Burst = 10 };

static void
ticker(void *v)
{
	USED(v);
	for(;;)
		sleep(20);
}

static void
busy(void)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < 1000000);
}

static int
spawn(char *code)
{
	int fd[3], pid;

	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = dup(fd[1], -1);
	pid = threadspawnl(fd, "sh", "sh", "-c", code, nil);
	if(pid < 0)
		sysfatal("threadspawnl: %r");
	return pid;
}

void
threadmain(int argc, char **argv)
{
	int i, j, mode, pid, pids[Burst], got[Burst], bad;
	Channel *c;
	Waitmsg *w;

	mode = argc > 1 ? atoi(argv[1]) : 0;
	proccreate(ticker, nil, 65536);
	bad = 0;
	if(mode < 2){
		pid = spawn("exit 3");
		if(mode == 1)
			busy();
		w = procwait(pid);
		bad = w == nil || w->pid != pid || strcmp(w->msg, "3") != 0;
		free(w);
	}else{
		for(i = 0; i < Burst; i++)
			pids[i] = spawn("exit 5");
		sleep(200);
		c = threadwaitchan();
		memset(got, 0, sizeof got);
		for(i = 0; i < Burst; i++){
			w = recvp(c);
			for(j = 0; j < Burst; j++)
				if(w->pid == pids[j] && strcmp(w->msg, "5") == 0)
					got[j]++;
			free(w);
		}
		for(j = 0; j < Burst; j++)
			bad += got[j] != 1;
	}
	print("%d\n", bad);
	threadexitsall(bad ? "lost" : nil);
}
