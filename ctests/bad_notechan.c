/* A channel operation inside a note handler is refused with a message naming the call. */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *c;

void
handler(void *v, char *note)
{
	int x;

	USED(v);
	USED(note);
	recv(c, &x);	/* must not return */
	noted(NCONT);
}

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	c = chancreate(sizeof(int), 1);
	notify(handler);
	postnote(PNPROC, getpid(), "interrupt");
	sleep(1000);
	print("not reached\n");
	threadexitsall(nil);
}
