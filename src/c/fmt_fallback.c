#define _GNU_SOURCE
#include <sched.h>
/*
 * TEMPORARY weak stand-ins until the lib9 formatter lands: C printf semantics.
 * The real (strong) definitions replace these.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <unistd.h>
#include "shim.h"

__attribute__((weak)) int
vsnprint(char *buf, int len, char *fmt, va_list args)
{
	return vsnprintf(buf, len, fmt, args);
}

__attribute__((weak)) char*
vsmprint(char *fmt, va_list args)
{
	char *s;
	if(vasprintf(&s, fmt, args) < 0)
		return NULL;
	return s;
}

extern char *argv0;
void threadexitsall(char*);

__attribute__((weak)) int
print(char *fmt, ...)
{
	va_list a; int n;
	va_start(a, fmt); n = vprintf(fmt, a); va_end(a);
	fflush(stdout);
	return n;
}

__attribute__((weak)) int
fprint(int fd, char *fmt, ...)
{
	va_list a; int n;
	va_start(a, fmt); n = vdprintf(fd, fmt, a); va_end(a);
	return n;
}

__attribute__((weak)) void
sysfatal(char *fmt, ...)
{
	char buf[256];
	va_list a;
	va_start(a, fmt); vsnprintf(buf, sizeof buf, fmt, a); va_end(a);
	fprintf(stderr, "%s: %s\n", argv0 ? argv0 : "thread9", buf);
	threadexitsall(buf);
}

__attribute__((weak)) int
p9atoi(char *s)
{
	return (int)strtol(s, 0, 0);
}

__attribute__((weak)) int
p9sleep(long ms)
{
	if(ms <= 0)
		return sched_yield();
	return usleep(ms * 1000);
}
