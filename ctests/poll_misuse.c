/* iopause with a nil array and len > 0 is a misuse: a message naming iopause, abort. */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>

void
threadmain(int argc, char *argv[])
{
	struct taia now;

	USED(argc);
	USED(argv);
	taia_now(&now);
	iopause(nil, 1, &now, &now);
	print("not reached\n");
}
