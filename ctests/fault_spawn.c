/*
 * Faults around other programs: a child that crashes (SIGSEGV) after threadspawn
 * gives a Waitmsg "signal: ..." and disturbs nobody; a write on a broken pipe done
 * by an ioproc returns -1 with the errstr "Broken pipe" instead of killing anyone.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <fcntl.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

void
threadmain(int argc, char *argv[])
{
	int fd[3], p[2], pid;
	char *args[] = { "sh", "-c", "kill -SEGV $$", nil };
	char err[ERRMAX];
	Channel *wc;
	Waitmsg *w;
	Ioproc *io;

	USED(argc);
	USED(argv);
	wc = threadwaitchan();
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = open("/dev/null", O_WRONLY);
	pid = threadspawn(fd, "sh", args);
	print("spawned: %d\n", pid > 0);
	w = recvp(wc);
	print("same pid: %d\n", w->pid == pid);
	print("msg: %s\n", strncmp(w->msg, "signal: ", 8) == 0 ? "signal" : w->msg);
	free(w);

	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	close(p[0]);
	io = ioproc();
	print("iowrite: %ld\n", iowrite(io, p[1], "x", 1));
	rerrstr(err, sizeof err);
	print("errstr: %s\n", err);
	closeioproc(io);
	print("still here\n");
}
