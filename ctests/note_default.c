/*
 * Without notify: SIGPIPE and SIGTSTP are ignored, SIGQUIT prints the thread dump
 * and the program goes on, SIGINT ends it with exit status 1 (plan9port's start-up note
 * handlers: a note nobody takes is _exit(1)).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	int p[2];
	long n;

	USED(argc);
	USED(argv);
	if(pipe(p) < 0)
		sysfatal("pipe failed");
	close(p[0]);
	n = write(p[1], "x", 1);
	print("write on closed pipe: %ld\n", n);
	kill(getpid(), SIGTSTP);
	sleep(50);
	print("after tstp\n");
	threadsetname("dumped");
	kill(getpid(), SIGQUIT);
	sleep(300);
	print("after quit\n");
	kill(getpid(), SIGINT);
	sleep(2000);
	print("not reached\n");
}
