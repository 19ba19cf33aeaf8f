/*
 * An Alt array without CHANEND where the memory after it looks like a valid entry
 * (op CHANRCV, a wild channel pointer) before an invalid op: every op is validated
 * before any channel is touched, so this is the misuse message, not a SIGSEGV.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

struct {
	Alt a[2];
	Alt after[2];	/* what the program did not mean to pass */
} s;

void
threadmain(int argc, char *argv[])
{
	Channel *c;
	int x;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(int), 1);
	s.a[0].c = c; s.a[0].v = &x; s.a[0].op = CHANRCV;
	s.a[1].c = c; s.a[1].v = &x; s.a[1].op = CHANRCV;
	/* the forgotten terminator: a plausible entry on an unmapped address... */
	s.after[0].c = (Channel*)(uintptr)0x10000; s.after[0].v = &x; s.after[0].op = CHANRCV;
	/* ...then garbage */
	s.after[1].op = 777;
	alt(s.a);
	print("not reached\n");
}
