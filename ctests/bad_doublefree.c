/* chanfree twice: the second call reports it and does nothing. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	Channel *c;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(int), 1);
	chanfree(c);
	chanfree(c);
	print("done\n");
}
