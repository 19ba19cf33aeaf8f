/* sendp/recvp/sendul on a channel whose elements are not pointer-sized: a message, -1 / nil. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	Channel *c;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(int), 4);
	chansetname(c, "ints");
	print("sendp %d\n", sendp(c, c));
	print("nbsendul %d\n", nbsendul(c, 1));
	print("recvp %d\n", recvp(c) == nil);
	print("nbrecvul %d\n", (int)nbrecvul(c));
	print("nbrecv %d\n", nbrecv(c, nil));	/* nothing was sent */
}
