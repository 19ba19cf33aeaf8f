/* procwait picks each child's Waitmsg out of threadwaitchan, whatever order they end in. */
#include <stdio.h>
#include <unistd.h>
#include <fcntl.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *res;
int pids[3];

static void
waiter(void *v)
{
	int i;
	Waitmsg *w;

	i = (int)(uintptr)v;
	w = procwait(pids[i]);
	sendp(res, w);
}

void
threadmain(int argc, char **argv)
{
	int fd[3], i, j;
	char *msgs[3] = {nil, nil, nil};
	char cmd[64];
	Waitmsg *w;

	res = chancreate(sizeof(void*), 0);
	for(i = 0; i < 3; i++){
		fd[0] = open("/dev/null", O_RDONLY);
		fd[1] = open("/dev/null", O_WRONLY);
		fd[2] = fd[1];
		snprintf(cmd, sizeof cmd, "sleep 0.%d; exit %d", 3-i, 10+i);
		pids[i] = threadspawn(fd, "sh", (char*[]){"sh", "-c", cmd, nil});
	}
	/* waits in the reverse of the exit order */
	for(i = 0; i < 3; i++)
		threadcreate(waiter, (void*)(uintptr)i, 65536);
	for(i = 0; i < 3; i++){
		w = recvp(res);
		for(j = 0; j < 3; j++)
			if(w->pid == pids[j])
				msgs[j] = strdup(w->msg);
		free(w);
	}
	for(j = 0; j < 3; j++)
		print("child %d msg %s\n", j, msgs[j] ? msgs[j] : "missing");
	threadexitsall(nil);
}
