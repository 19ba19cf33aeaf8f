/*
 * threadsleep parks only the caller: other threads of the proc run meanwhile; it never
 * returns early; 0 yields. lib9's sleep (blocking the proc) is not involved.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

static volatile long counter;

static void
spinner(void *v)
{
	USED(v);
	for(;;){
		counter++;
		yield();
	}
}

void
threadmain(int argc, char *argv[])
{
	uvlong t0, el;
	long c0;

	USED(argc);
	USED(argv);
	threadcreate(spinner, nil, 32768);
	c0 = counter;
	t0 = nsecmono();
	threadsleep(40);
	el = nsecmono() - t0;
	if(el < 40000000ULL || el > 5000000000ULL)
		threadexitsall("threadsleep: wrong duration");
	if(counter < c0 + 10)
		threadexitsall("threadsleep: blocked the proc");
	c0 = counter;
	threadsleep(0);
	if(counter == c0)
		threadexitsall("threadsleep(0) did not yield");
	print("threadsleep ok\n");
	threadexitsall(nil);
}
