/*
 * ioprocs and spawn helpers are system procs: a program whose threadmain returns
 * leaving an idle ioproc and a helper waiting for a long-running child ends at
 * once with status 0.
 */
#include <unistd.h>
#include <fcntl.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	int fd[3];

	ioflush(ioproc());
	fd[0] = open("/dev/null", O_RDONLY);
	fd[1] = open("/dev/null", O_WRONLY);
	fd[2] = fd[1];
	threadspawn(fd, "sleep", (char*[]){"sleep", "30", nil});
	print("leaving\n");
	threadexits(nil);
}
