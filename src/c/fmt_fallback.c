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

/* TEMPORARY (lib9 branch): ARGBEGIN decodes flags with chartorune; the utf module's
 * strong definition replaces this weak one. Bad UTF-8 decodes as Runeerror, length 1. */
__attribute__((weak)) int
chartorune(unsigned int *r, char *s)
{
	unsigned char *p = (unsigned char*)s;
	unsigned int c = p[0], v, min;
	int n, i;

	if(c < 0x80){ *r = c; return 1; }
	if(c >= 0xC0 && c < 0xE0){ n = 2; v = c & 0x1F; min = 0x80; }
	else if(c >= 0xE0 && c < 0xF0){ n = 3; v = c & 0x0F; min = 0x800; }
	else if(c >= 0xF0 && c < 0xF8){ n = 4; v = c & 0x07; min = 0x10000; }
	else goto bad;
	for(i = 1; i < n; i++){
		if((p[i] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if(v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*r = v;
	return n;
bad:
	*r = 0xFFFD;
	return 1;
}
