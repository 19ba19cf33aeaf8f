/*
 * chancreate when malloc fails (address space capped with RLIMIT_AS): the API has
 * no error path for it (plan9port sysfatals), so the program must stop with a
 * message naming the call, not crash on a nil channel later.
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

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(ulong), 16);
	print("small: %d\n", c != nil);
	getrlimit(RLIMIT_AS, &rl);
	rl.rlim_cur = 1UL<<32;	/* 4 GiB: far below what the channel below needs */
	setrlimit(RLIMIT_AS, &rl);
	c = chancreate(1<<20, 1<<14);	/* 16 GiB of buffer */
	print("not reached: %d\n", c != nil);
}
