/*
 * A program may define the library's overridable symbols (mainstacksize,
 * threadmaybackground, argv0): its definitions must win, and must not clash
 * with the library's defaults when linked statically with libthread.a
 * (make test runs every ctest against both libraries).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

int mainstacksize = 12*1024*1024;
char *argv0;
int called;

int
threadmaybackground(void)
{
	called++;
	return 0;
}

void
threadmain(int argc, char *argv[])
{
	char big[10*1024*1024];	/* fits only if our mainstacksize was used */

	USED(argc);
	memset(big, 1, sizeof big);
	if(argv0 == nil || strcmp(argv0, argv[0]) != 0)
		sysfatal("argv0 not set");
	print("mainstacksize %d, threadmaybackground called %s, %d\n", mainstacksize, called > 0 ? "yes" : "no", big[sizeof big - 1]);
}
