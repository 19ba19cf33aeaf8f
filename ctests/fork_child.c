/*
 * fork() in a threaded program: in the child only the forking proc lives on. It
 * works (its threads run and talk), a send that wakes a thread of a proc left in the
 * parent is reported naming fork, and one that waits for such a thread is reported
 * as a deadlock that says why (issue 16, item 8: the child hung silently).
 */
#include <u.h>
#include <sys/wait.h>
#include <libc.h>
#include <thread.h>
#undef waitpid

Channel *c, *d, *own, *ready;

static void
other(void *v)
{
	USED(v);
	sendul(ready, 1);
	recvul(c);
}

static void
helper(void *v)
{
	USED(v);
	sendul(own, 7);
}

static int
child(int how)
{
	int pid, st;

	pid = fork();
	if(pid == 0){
		own = chancreate(sizeof(ulong), 0);
		threadcreate(helper, nil, 65536);
		print("child %d: own proc got %lud\n", how, recvul(own));
		if(how == 0)
			sendul(c, 1);	/* wakes a thread of a lost proc */
		else
			sendul(d, 1);	/* waits for a thread that never runs */
		print("not reached\n");
		_exit(0);
	}
	if(waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

void
threadmain(int argc, char **argv)
{
	int st;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	d = chancreate(sizeof(ulong), 0);
	chansetname(d, "d");
	ready = chancreate(sizeof(ulong), 0);
	proccreate(other, nil, 65536);
	recvul(ready);
	sleep(50);	/* other parks on c */
	st = child(0);
	print("lost wake-up: %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT ? "abort" : "other");
	st = child(1);
	print("lost partner: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	sendul(c, 1);
	threadexitsall(nil);
}
