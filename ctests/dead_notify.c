/*
 * Every thread is asleep but a note handler is installed: it may still end the
 * program (here, on an alarm after 1 s), so the census only warns and the program
 * waits on (it was killed as deadlocked after 0.2 s, exit 1).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
handler(void *v, char *note)
{
	USED(v);
	if(strcmp(note, "alarm") == 0){
		print("alarm\n");
		threadexitsall(nil);
	}
	noted(NDFLT);
}

void
threadmain(int argc, char **argv)
{
	Channel *c;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 0);
	chansetname(c, "idle");
	notify(handler);
	alarm(1000);
	recvul(c);
	print("not reached\n");
}
