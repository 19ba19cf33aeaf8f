/*
 * Under ASan, the stacks of an allocation and of its free name the program's function
 * that called malloc/free (lib9.h's p9malloc/p9free), not just its caller's caller.
 * asan_frame.sh builds this with -fsanitize=address and reads the report.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

static int nmade, ndropped;

static char* __attribute__((noinline))
makeone(void)
{
	char *p;

	p = malloc(10);	/* MARK:alloc */
	nmade++;	/* (no tail call: makeone keeps its frame) */
	return p;
}

static void __attribute__((noinline))
dropone(char *p)
{
	free(p);	/* MARK:free */
	ndropped++;
}

void
threadmain(int argc, char **argv)
{
	char *p = makeone();
	volatile char *q = p;

	dropone(p);
	if(argc > 1)
		q[3] = 1;	/* use after free */
	threadexitsall(nil);
}
