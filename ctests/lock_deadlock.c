/* The only thread asks for a QLock it holds: a clear message and abort, not a hang. */
#include <u.h>
#include <libc.h>
#include <thread.h>

QLock q;

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	qlock(&q);
	print("locked once\n");
	qlock(&q);
	print("not reached\n");
}
