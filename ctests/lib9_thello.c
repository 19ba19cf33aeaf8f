/* plan9port's thello: threadmain prints one line and returns. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	print("hello, world\n");
}
