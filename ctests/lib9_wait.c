/*
 * Waitmsg: one malloc block with its text; msg "" for exit 0, "3" for exit 3,
 * "signal: kill" for SIGTERM; await's text form; waitnohang with nothing to reap.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

int
child(int how)
{
	int pid;

	pid = fork();
	if(pid < 0)
		sysfatal("fork failed");
	if(pid == 0){
		if(how < 0){
			/* Die of the signal (start-up's handler would exit 1, as plan9port). */
			signal(-how, SIG_DFL);
			kill(getpid(), -how);
			for(;;)
				pause();
		}
		_exit(how);
	}
	return pid;
}

void
show(Waitmsg *w, int pid)
{
	if(w == nil){
		print("nil waitmsg\n");
		return;
	}
	print("pid ok %d msg '%s' one block %d times ok %d\n", w->pid == pid, w->msg,
		w->msg == (char*)(w+1), w->time[2] == w->time[0]+w->time[1]);
	free(w);
}

void
threadmain(int argc, char **argv)
{
	char buf[128], *f[8];
	int pid, n;
	Waitmsg *w;

	USED(argc);
	USED(argv);
	pid = child(3);
	show(waitfor(pid), pid);
	pid = child(0);
	show(wait(), pid);
	pid = child(-SIGTERM);
	show(waitfor(pid), pid);
	pid = child(-SIGINT);
	n = awaitfor(pid, buf, sizeof buf);
	print("await len ok %d\n", n == strlen(buf));
	n = tokenize(buf, f, nelem(f));
	print("await fields %d pid ok %d msg '%s'\n", n, atoi(f[0]) == pid, f[4]);
	pid = child(7);
	print("waitpid ok %d\n", waitpid() == pid);
	w = waitnohang();
	print("waitnohang: %s\n", w == nil ? "nil" : "a message");
	w = wait();
	print("wait without children: %s\n", w == nil ? "nil" : "a message");
}
