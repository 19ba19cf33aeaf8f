#define _GNU_SOURCE
#include <sched.h>
/*
 * TEMPORARY weak stand-ins until the lib9 branch lands (sysfatal, p9atoi).
 * The real (strong) definitions replace these. print and friends are real now (fmt.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <unistd.h>
#include "shim.h"

extern char *argv0;
void threadexitsall(char*);
int fprint(int, char*, ...);

__attribute__((weak)) void
sysfatal(char *fmt, ...)
{
	char buf[256];
	va_list a;
	va_start(a, fmt); vsnprint(buf, sizeof buf, fmt, a); va_end(a);
	fprint(2, "%s: %s\n", argv0 ? argv0 : "thread9", buf);
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
