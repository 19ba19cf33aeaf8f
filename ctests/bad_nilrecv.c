/* recv on a nil channel: a message naming the call, -1 / nil / 0, and the program goes on. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	int x;

	USED(argc);
	USED(argv);
	print("recv %d\n", recv(nil, &x));
	print("nbrecv %d\n", nbrecv(nil, &x));
	print("recvp %d\n", recvp(nil) == nil);
	print("recvul %d\n", (int)recvul(nil));
	print("nbrecvp %d\n", nbrecvp(nil) == nil);
	print("done\n");
}
