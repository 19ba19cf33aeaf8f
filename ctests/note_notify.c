/*
 * notify: SIGINT arrives as the note "interrupt"; noted(NCONT) lets the program go
 * on. Then a note the handler passes on (noted(NDFLT)) kills a child process with
 * its signal, which its Waitmsg reports.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

volatile sig_atomic_t got;
char last[64];

void
handler(void *v, char *msg)
{
	USED(v);
	strecpy(last, last+sizeof last, msg);
	got++;
	if(strcmp(msg, "interrupt") == 0 || strcmp(msg, "hangup") == 0)
		noted(NCONT);
	noted(NDFLT);
}

void
waitnote(int n)
{
	int i;

	for(i = 0; i < 5000 && got < n; i++)
		sleep(1);
	if(got < n){
		fprint(2, "note %d never arrived\n", n);
		threadexitsall("timeout");
	}
}

void
threadmain(int argc, char **argv)
{
	Waitmsg *w;
	int pid;

	USED(argc);
	USED(argv);
	if(notify(handler) != 0)
		sysfatal("notify failed");
	kill(getpid(), SIGINT);
	waitnote(1);
	print("caught %s\n", last);
	kill(getpid(), SIGHUP);
	waitnote(2);
	print("caught %s\n", last);

	/* A child (no threads: it only waits) dies of the note the handler declines. */
	pid = fork();
	if(pid == 0){
		kill(getpid(), SIGTERM);
		for(;;)
			pause();
	}
	w = waitfor(pid);
	if(w == nil)
		sysfatal("waitfor failed");
	print("child: %s\n", w->msg);
	free(w);
	/* noted outside a handler is refused with a message, not a crash. */
	print("noted outside: %d\n", noted(NCONT));
	print("still here\n");
}
