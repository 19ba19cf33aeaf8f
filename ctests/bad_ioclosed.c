/*
 * An Ioproc used after closeioproc, and closed twice: messages naming the call, -1.
 * (The second closeioproc says "closed twice" or "used after closeioproc",
 * depending on whether the ioproc has finished exiting.)
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <unistd.h>

void
threadmain(int argc, char *argv[])
{
	Ioproc *io, *io2;
	int p[2];

	USED(argc);
	USED(argv);
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	io = ioproc();
	print("live write: %ld\n", iowrite(io, p[1], "x", 1));
	/*
	 * Made before io is closed: created after, it could get io's freed memory
	 * (same size) and io would then name a live ioproc again.
	 */
	io2 = ioproc();
	closeioproc(io);
	print("closed write: %ld\n", iowrite(io, p[1], "x", 1));
	closeioproc(io);
	print("nil: %ld\n", iowrite(nil, p[1], "x", 1));
	closeioproc(io2);
	print("done\n");
}
