/*
 * Many threads alive at once, each with an 8 KiB requested stack (the 64 KiB
 * floor applies), all blocked on one channel; chanclose releases them and they exit.
 * Usage: limit_threads [n [rss]]; n defaults to 100000 (make test); tests/stress.sh
 * runs 1000000 with rss, which prints RSS per thread and the mapping count.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <stdio.h>
#include <stdlib.h>

Channel *gate, *done;
int n, started, left;

void
waiter(void *arg)
{
	USED(arg);
	started++;
	if(recvul(gate) != 0 || chanclosing(gate) < 0)
		print("waiter: recv on a closed channel did not fail\n");
	if(--left == 0)
		sendul(done, 1);
}

long
statm(void)
{
	FILE *f;
	long size, rss;

	f = fopen("/proc/self/statm", "r");
	if(f == nil || fscanf(f, "%ld %ld", &size, &rss) != 2)
		rss = 0;
	if(f)
		fclose(f);
	return rss * 4096;
}

int
nmaps(void)
{
	FILE *f;
	int c, k;

	k = 0;
	f = fopen("/proc/self/maps", "r");
	if(f == nil)
		return -1;
	while((c = getc(f)) != EOF)
		k += c == '\n';
	fclose(f);
	return k;
}

void
threadmain(int argc, char *argv[])
{
	int i, rss;
	long before, after;

	n = argc > 1 ? strtol(argv[1], 0, 0) : 100000;
	rss = argc > 2;
	gate = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	left = n;
	before = statm();
	for(i = 0; i < n; i++)
		if(threadcreate(waiter, nil, 8192) < 0){
			print("threadcreate %d failed\n", i);
			threadexitsall("threadcreate");
		}
	/* let every thread run up to its recv */
	while(started < n)
		yield();
	after = statm();
	if(rss)
		fprint(2, "%d threads alive: RSS %ld bytes per thread (%ld MiB total), %d mappings\n",
			n, (after - before) / n, after >> 20, nmaps());
	print("%d threads blocked\n", started);
	chanclose(gate);
	recvul(done);
	print("all exited\n");
}
