/* A program for run_skip.sh, which checks how ctests/run.sh reports skipped tests. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	print("ran\n");
	threadexitsall(nil);
}
