/* Using a channel after chanfree: a message naming the call, -1. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	Channel *c;
	int x;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(int), 1);
	chanfree(c);
	x = 1;
	print("send %d\n", send(c, &x));
	print("nbrecv %d\n", nbrecv(c, &x));
	print("done\n");
}
