/* Using a large (mmap-sized) channel after chanfree: a message naming the call
   and -1, as for a small one, not a SIGSEGV. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	Channel *c;
	ulong x;
	Alt a[2];

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 1<<20);	/* 8 MiB of buffer */
	sendul(c, 1);
	chanfree(c);
	x = 1;
	print("send %d\n", send(c, &x));
	print("nbrecv %d\n", nbrecv(c, &x));
	a[0].c = c; a[0].v = &x; a[0].op = CHANRCV;
	a[1].op = CHANNOBLK;
	print("alt %d\n", alt(a));
	print("done\n");
}
