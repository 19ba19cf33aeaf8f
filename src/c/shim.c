/*
 * Program-overridable symbols and the variadic entry points of thread.h.
 * Overridables are defined and read here, in C, because a Rust cdylib binds its own
 * definitions locally (docs/ARCHITECTURE.md, the C shim); a program's definition interposes.
 * Each variadic collects its va_list and hands it to one Rust function.
 */
#include <stdlib.h>
#include <string.h>
#include "shim.h"

typedef struct Channel Channel;
typedef struct Ioproc Ioproc;

/*
 * Weak, so that in a static link (libthread.a) the program's own definition wins
 * instead of clashing; in the shared library the program's copy interposes anyway.
 */
__attribute__((weak)) int mainstacksize;
__attribute__((weak)) char *argv0;
/*
 * plan9port's libthread defines this debug mask and programs assign it (acme -D,
 * vbackup's disknfs, 9pserve), so it must exist for them to link. thread9 has no
 * debug prints keyed to it: its trace is LIBTHREAD=trace (thread(3), DIFFERENCES).
 */
__attribute__((weak)) int _threaddebuglevel;

__attribute__((weak)) int
threadmaybackground(void)
{
	return 0;
}

HIDDEN int thread9_c_mainstacksize(void) { return mainstacksize; }
HIDDEN int thread9_c_maybackground(void) { return threadmaybackground(); }
HIDDEN void thread9_c_setargv0(char *a) { if(argv0 == NULL) argv0 = a; }
HIDDEN char *thread9_c_argv0(void) { return argv0; }

void
threadsetname(char *fmt, ...)
{
	char buf[256];
	va_list arg;

	va_start(arg, fmt);
	vsnprint(buf, sizeof buf, fmt, arg);
	va_end(arg);
	thread9_rt_setname(buf);
}

void
threadsetstate(char *fmt, ...)
{
	char buf[256];
	va_list arg;

	va_start(arg, fmt);
	vsnprint(buf, sizeof buf, fmt, arg);
	va_end(arg);
	thread9_rt_setstate(buf);
}

void
chansetname(Channel *c, char *fmt, ...)
{
	va_list arg;
	char *s;

	va_start(arg, fmt);
	s = fmt ? vsmprint(fmt, arg) : NULL;
	va_end(arg);
	thread9_rt_chansetname(c, s);
}

/* The va_list lives in this frame, which stays alive until op has returned. */
long
iocall(Ioproc *io, long (*op)(va_list*), ...)
{
	va_list arg;
	long r;

	va_start(arg, op);
	r = thread9_rt_iocall(io, op, &arg);
	va_end(arg);
	return r;
}

int chansendp(Channel*, void*);
int threadyield(void);
void sysfatal(char*, ...);

/* 9front: format a string, send it as a pointer, then yield; the receiver frees it. */
int
chanprint(Channel *c, char *fmt, ...)
{
	va_list arg;
	char *s;
	int r;

	va_start(arg, fmt);
	s = vsmprint(fmt, arg);
	va_end(arg);
	if(s == NULL)
		sysfatal("chanprint: out of memory");
	r = chansendp(c, s);
	if(r < 0)
		free(s);
	threadyield();
	return r;
}
