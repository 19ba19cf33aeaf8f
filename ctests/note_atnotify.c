/*
 * atnotify and threadnotify: handlers are offered each note in turn; the first
 * returning non-zero handles it (the program goes on). Registration results, and a
 * note nobody handles (SIGALRM in a child) taking its default action.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

volatile sig_atomic_t seen1, seen2;

int
first(void *v, char *msg)
{
	USED(v);
	seen1++;
	return strcmp(msg, "sys: usr1") == 0;
}

int
second(void *v, char *msg)
{
	USED(v);
	seen2++;
	return strcmp(msg, "hangup") == 0 || strcmp(msg, "sys: usr1") == 0;
}

void
waitfor2(volatile sig_atomic_t *p, int n)
{
	int i;

	for(i = 0; i < 5000 && *p < n; i++)
		sleep(1);
	if(*p < n)
		sysfatal("note never arrived");
}

void
threadmain(int argc, char **argv)
{
	Waitmsg *w;
	int pid;

	USED(argc);
	USED(argv);
	print("atnotify in: %d\n", atnotify(first, 1));
	print("threadnotify in: %d\n", threadnotify(second, 1));

	kill(getpid(), SIGUSR1);	/* handled by first */
	waitfor2(&seen1, 1);
	kill(getpid(), SIGHUP);	/* first declines, second handles */
	waitfor2(&seen2, 1);
	print("after notes: first %d second %d\n", seen1, seen2);

	pid = fork();
	if(pid == 0){
		kill(getpid(), SIGALRM);	/* both decline: default action */
		for(;;)
			pause();
	}
	w = waitfor(pid);
	print("child: %s\n", w ? w->msg : "no waitmsg");
	free(w);

	print("atnotify out: %d\n", atnotify(first, 0));
	print("atnotify out again: %d\n", atnotify(first, 0));
	print("threadnotify out: %d\n", threadnotify(second, 0));
	print("still here\n");
}
