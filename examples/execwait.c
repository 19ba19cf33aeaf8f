/*
 * execwait: run other programs from a threaded program and collect their
 * exit status. threadspawnl starts a command (its stdin/stdout/stderr are the
 * fds given, which it closes in the parent on success); the Waitmsg of every
 * child arrives on threadwaitchan(). Other threads keep running meanwhile.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

/* Copies of 0, 1 and 2 for a child: threadspawn closes the ones it is given. */
int*
stdfds(int fd[3])
{
	int i;

	for(i = 0; i < 3; i++)
		if((fd[i] = dup(i, -1)) < 0)
			sysfatal("dup: %r");
	return fd;
}

void
run(Channel *wc, char *what, char *cmd, char *arg0, char *arg1, char *arg2)
{
	Waitmsg *w;
	int fd[3], pid;

	pid = threadspawnl(stdfds(fd), cmd, arg0, arg1, arg2, nil);
	if(pid < 0)
		sysfatal("threadspawnl %s: %r", cmd);
	w = recvp(wc);
	if(w == nil)
		sysfatal("threadwaitchan: nil Waitmsg");
	print("%s: %s\n", what, w->msg[0] ? w->msg : "exited cleanly");
	if(w->pid != pid)
		print("unexpected pid %d, wanted %d\n", w->pid, pid);
	free(w);	/* a Waitmsg is one allocation */
}

void
threadmain(int argc, char *argv[])
{
	Channel *wc;

	USED(argc);
	USED(argv);
	wc = threadwaitchan();
	run(wc, "echo", "echo", "echo", "hello from a child", nil);
	run(wc, "exit 3", "sh", "sh", "-c", "exit 3");
	threadexitsall(nil);
}
