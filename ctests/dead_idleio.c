/* An idle ioproc can wake nobody: main blocked on a channel with only it around is a deadlock. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	Ioproc *io;
	Channel *c;

	io = ioproc();
	ioflush(io);
	c = chancreate(sizeof(ulong), 0);
	recvul(c);
	print("not reached\n");
	threadexitsall(nil);
}
