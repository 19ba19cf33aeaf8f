/* threadmain returns while another proc still works: the program runs on until the
 * last non-system proc ends (docs/API.md, exit); that proc's exit message sets the status. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
late(void *arg)
{
	USED(arg);
	sleep(200);
	print("still running\n");
	threadexits(nil);
}

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	proccreate(late, nil, 32768);
	print("main done\n");
}
