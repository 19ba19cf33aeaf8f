/*
 * lib9's allocator entry points (lib9.h renames malloc, realloc, calloc and free to
 * these). Written in C and compiled with frame pointers (build.rs), so that ASan's
 * fast frame-pointer unwinder, which records every allocation's and free's stack,
 * walks from its malloc through this frame to the program's: a Rust wrapper without
 * frame pointers hid the caller of malloc from those stacks (docs/ARCHITECTURE.md,
 * the C shim). Semantics as Plan 9's: 0 bytes is still a unique block; realloc(p, 0)
 * frees p; a failure sets errstr "out of memory".
 */
#include <stdlib.h>
#include <string.h>
#include "shim.h"

void *
p9malloc(unsigned long n)
{
	void *p = malloc(n ? n : 1);

	if(p == NULL)
		thread9_rt_nomem();
	return p;
}

void *
mallocz(unsigned long n, int clr)
{
	void *p = malloc(n ? n : 1);

	if(p == NULL)
		thread9_rt_nomem();
	else if(clr)
		memset(p, 0, n);
	return p;
}

void
p9free(void *p)
{
	free(p);
}

void *
p9realloc(void *p, unsigned long n)
{
	void *q;

	if(n == 0 && p != NULL){
		free(p);
		return NULL;
	}
	q = realloc(p, n ? n : 1);
	if(q == NULL)
		thread9_rt_nomem();
	return q;
}

void *
p9calloc(unsigned long a, unsigned long b)
{
	void *p;

	if(a == 0 || b == 0)
		a = b = 1;
	p = calloc(a, b);
	if(p == NULL)
		thread9_rt_nomem();
	return p;
}
