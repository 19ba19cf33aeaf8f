#define _GNU_SOURCE
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
