/*
 * plan9port's tdaemon: threadmain returns while another proc sleeps, then prints.
 * thread9 runs on until the last proc ends (docs/API.md, exit): the line appears and the
 * status is 0.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
sleeper(void *v)
{
	USED(v);
	sleep(2000);
	print("still running\n");
}

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	proccreate(sleeper, nil, 32768);
}
