/*
 * A crash in a thread is reported with the thread's name, the faulting address and
 * its backtrace; the program then dies of the same signal. crash_thread.sh runs each
 * mode: segv, fpe, abort, and "handler" (the program's own SIGSEGV handler,
 * installed before thread9 starts, keeps the fault).
 */
#include <unistd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

static char *mode;
static volatile int zero;

static void
onsegv(int sig)
{
	static char m[] = "user handler\n";

	USED(sig);
	write(2, m, sizeof m - 1);
	_exit(3);
}

__attribute__((constructor)) static void
early(void)
{
	char *m = getenv("CRASH_MODE");

	if(m != nil && strcmp(m, "handler") == 0)
		signal(SIGSEGV, onsegv);
}

static void __attribute__((noinline))
fault(volatile int *p)
{
	if(strcmp(mode, "fpe") == 0)
		zero = 1000 / zero;	/* MARK:fpe */
	else if(strcmp(mode, "abort") == 0)
		abort();	/* MARK:abort */
	else
		*p = 42;	/* MARK:segv */
}

static void
crasher(void *v)
{
	threadsetname("crasher");
	fault(v);	/* MARK:call */
}

void
threadmain(int argc, char **argv)
{
	mode = getenv("CRASH_MODE");
	if(mode == nil)
		mode = "segv";
	threadcreate(crasher, nil, 65536);
	yield();
	print("not reached\n");
	threadexitsall(nil);
}
