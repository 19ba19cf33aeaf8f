/*
 * W8: iocall round trips on one ioproc. op = one call; the ioproc runs a trivial
 * op (returns its argument + 1), so this measures the cross-proc hand-off.
 * Checksum: sum of the results = N(N+1)/2.
 *
 * ioproc and closeioproc are weak references: while the library lacks them
 * (the ioproc module is still pending), io is nil, iocall runs op inline in the
 * caller, and a note on stderr says so (run.sh marks the row).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include "bench.h"

#pragma weak ioproc
#pragma weak closeioproc

static long
incr(va_list *arg)
{
	long v;

	v = va_arg(*arg, long);
	return v+1;
}

void
threadmain(int argc, char *argv[])
{
	int i, n;
	vlong t0, sum;
	Ioproc *io;

	n = argn(argc, argv, 100000);
	io = nil;
	if(ioproc != nil)
		io = ioproc();
	else
		fprint(2, "w8: no ioproc in this library: iocall runs inline\n");
	sum = 0;
	t0 = nowns();
	for(i = 0; i < n; i++)
		sum += iocall(io, incr, (long)i);
	report(n, nowns()-t0);
	if(io != nil && closeioproc != nil)
		closeioproc(io);
	print("%lld\n", sum);
	threadexitsall(nil);
}
