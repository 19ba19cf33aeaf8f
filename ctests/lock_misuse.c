/* Unlocking what is not locked is reported, naming the call, and the program goes on. */
#include <u.h>
#include <libc.h>
#include <thread.h>

QLock q;
Lock l;
RWLock rw;

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	qunlock(&q);
	unlock(&l);
	runlock(&rw);
	wunlock(&rw);
	qlock(&q);
	qunlock(&q);
	print("still here\n");
}
