/* send on a nil channel: a message naming the call, -1, and the program goes on. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	int x;

	USED(argc);
	USED(argv);
	x = 1;
	print("send %d\n", send(nil, &x));
	print("nbsend %d\n", nbsend(nil, &x));
	print("sendp %d\n", sendp(nil, &x));
	print("sendul %d\n", sendul(nil, 7));
	print("chanclose %d\n", chanclose(nil));
	print("chanclosing %d\n", chanclosing(nil));
	chanfree(nil);	/* a no-op, as in plan9port */
	print("done\n");
}
