/*
 * One cell of the stack-overflow matrix (ovf_matrix.sh runs them all and prints
 * docs/STACKS.md's table): a thread with a 64 KiB stack, above 40 blocked
 * neighbours (and optionally N more threads first, to spend the guard-page budget),
 * overflows it so that its deepest write lands SIZE bytes below the stack's lowest
 * address, in one of three ways:
 *	fill	a frame SIZE bytes past the bottom, written all over (memset), then
 *		returned from before the thread switches
 *	sparse	the same frame, only its deepest byte written (a wild write), returned
 *		from before the thread switches
 *	blocked	sparse, but the thread switches (yield) from inside the deep frame,
 *		as a thread reading into a big local buffer does
 *	exit	sparse, then the thread exits
 * The thread then switches (or exits); if nothing reported the overflow the program
 * prints "not reported". Usage: ovf_matrix fill|sparse|blocked|exit SIZE [NTHREADS]
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <alloca.h>

enum { Page = 4096, Stack = 65536 };

char *how;
ulong size;
Channel *done;

/* The frame: from sp down to SIZE bytes below lo. */
void __attribute__((noinline))
overflow(uintptr lo)
{
	char here, *buf, *deepest;
	ulong n;

	/* a little more than needed: the frame's own layout moves buf a little */
	n = (uintptr)&here - lo + size + 256;
	buf = alloca(n);
	deepest = (char*)(lo - size);
	if(deepest < buf)
		sysfatal("alloca placed the frame too high");
	if(strcmp(how, "fill") == 0)
		memset(deepest, 0x5a, buf + n - deepest);
	else
		*deepest = 1;
	/* keep the stores: the compiler must assume buf is read */
	asm volatile("" : : "r"(buf) : "memory");
	if(strcmp(how, "blocked") == 0)
		yield();
}

void
deep(void *arg)
{
	char here;
	uintptr top;

	USED(arg);
	threadsetname("deep");
	/*
	 * The stack is [lo, lo+Stack), page aligned, and this frame is in its top
	 * page, so rounding up finds the top.
	 */
	top = ((uintptr)&here + Page - 1) & ~(uintptr)(Page - 1);
	overflow(top - Stack);
	if(strcmp(how, "exit") == 0)
		threadexits(nil);
	yield();
	print("not reported\n");
	sendul(done, 1);
}

void
sleeper(void *arg)
{
	recvul(arg);
}

void
threadmain(int argc, char *argv[])
{
	Channel *never;
	int i, n;

	if(argc < 3)
		sysfatal("usage: ovf_matrix fill|sparse|blocked SIZE [NTHREADS]");
	how = argv[1];
	size = strtoul(argv[2], nil, 0);
	n = argc > 3 ? atoi(argv[3]) : 0;
	done = chancreate(sizeof(ulong), 1);
	never = chancreate(sizeof(ulong), 0);
	for(i = 0; i < n+40; i++)
		if(threadcreate(sleeper, never, 8192) < 0)
			sysfatal("threadcreate %d: %r", i);
	yield();
	threadcreate(deep, nil, 8192);
	if(strcmp(how, "exit") == 0){
		/* deep runs and exits during these */
		for(i = 0; i < 10; i++)
			yield();
		print("not reported\n");
		sendul(done, 1);
	}
	recvul(done);
	threadexitsall("overflow not reported");
}
