/* An Alt array without CHANEND (garbage op after the last entry): abort with a message. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	Alt a[3];
	Channel *c;
	int x;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(int), 1);
	memset(a, 0, sizeof a);
	a[0].c = c; a[0].v = &x; a[0].op = CHANRCV;
	a[1].c = c; a[1].v = &x; a[1].op = CHANRCV;
	a[2].op = 12345;	/* the forgotten terminator */
	alt(a);
	print("not reached\n");
}
