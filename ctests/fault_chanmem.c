/*
 * chancreate when malloc fails (address space capped with RLIMIT_AS): nil with the
 * error string set and a message naming the call, as for any other channel it
 * cannot make (issue 16: it aborted, although a 1 TiB buffer already returned nil);
 * the program goes on and channels work again once memory is back.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <sys/resource.h>

void
threadmain(int argc, char *argv[])
{
	struct rlimit rl;
	Channel *c;
	ulong v;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 16);
	print("small: %d\n", c != nil);
	getrlimit(RLIMIT_AS, &rl);
	rl.rlim_cur = 1UL<<32;	/* 4 GiB: far below what the channel below needs */
	setrlimit(RLIMIT_AS, &rl);
	c = chancreate(1<<20, 1<<14);	/* 16 GiB of buffer */
	print("16 GiB: %s, %r\n", c == nil ? "nil" : "made");
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_AS, &rl);
	c = chancreate(sizeof(ulong), 1);
	sendul(c, 7);
	v = recvul(c);
	print("small again: %lud\n", v);
	threadexitsall(nil);
}
