/*
 * Exhaustion makes calls fail, never abort (issue 16): with the address space
 * capped (RLIMIT_AS) EXTRA bytes above what the program uses, proccreate,
 * threadcreate and chancreate are called until each fails; every failure must be
 * -1 or nil with the error string set, never Rust's "memory allocation of N bytes
 * failed" abort, wherever the limit happens to strike (limit_abort.sh varies
 * EXTRA). Then, uncapped, everything works again, and chancreate of buffers of
 * 64 GiB to 1 TiB returns a channel or nil, never aborts.
 *   limit_abort EXTRA
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>

Channel *gate, *done;

static long
vmsize(void)
{
	FILE *f;
	long size;

	f = fopen("/proc/self/statm", "r");
	if(f == nil || fscanf(f, "%ld", &size) != 1)
		size = 0;
	if(f)
		fclose(f);
	return size * 4096;
}

static void
cap(long extra)
{
	struct rlimit rl;

	if(getrlimit(RLIMIT_AS, &rl) < 0)
		sysfatal("getrlimit");
	rl.rlim_cur = extra ? vmsize() + extra : rl.rlim_max;
	if(setrlimit(RLIMIT_AS, &rl) < 0)
		sysfatal("setrlimit");
}

static void
blocker(void *v)
{
	USED(v);
	recvul(gate);
}

static void
procblocker(void *v)
{
	USED(v);
	recvul(gate);
	sendul(done, 1);
}

/* the error string of a failure, checked once uncapped */
static char err[3][ERRMAX];

void
threadmain(int argc, char **argv)
{
	int i, np, nt, nc, bad;
	Channel *c[4000], *big;
	vlong sz;

	if(argc < 2)
		sysfatal("usage: limit_abort EXTRA");
	gate = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	threadcreate(blocker, nil, 0);
	yield();
	cap(atol(argv[1]));
	for(np = 0; np < 2000; np++)
		if(proccreate(procblocker, nil, 0) < 0){
			rerrstr(err[0], ERRMAX);
			break;
		}
	for(nt = 0; nt < 200000; nt++)
		if(threadcreate(blocker, nil, 0) < 0){
			rerrstr(err[1], ERRMAX);
			break;
		}
	for(nc = 0; nc < 4000; nc++)
		if((c[nc] = chancreate(1, 1<<20)) == nil){
			rerrstr(err[2], ERRMAX);
			break;
		}
	cap(0);
	bad = 0;
	if(np == 2000 || strstr(err[0], "proccreate: ") != err[0])
		bad++, fprint(2, "proccreate: %d, '%s'\n", np, err[0]);
	if(nt == 200000 || strstr(err[1], "threadcreate: ") != err[1])
		bad++, fprint(2, "threadcreate: %d, '%s'\n", nt, err[1]);
	if(nc == 4000 || strcmp(err[2], "chancreate: out of memory") != 0)
		bad++, fprint(2, "chancreate: %d, '%s'\n", nc, err[2]);
	for(i = 0; i < nc; i++)
		chanfree(c[i]);
	chanclose(gate);
	for(i = 0; i < np; i++)
		recvul(done);
	yield();
	if(threadcreate(blocker, nil, 0) < 0 || proccreate(procblocker, nil, 0) < 0)
		bad++, fprint(2, "no recovery: %r\n");
	for(sz = 64LL<<30; sz <= 1LL<<40; sz *= 2){
		big = chancreate(1<<20, sz >> 20);
		if(big != nil)
			chanfree(big);
	}
	print("%d\n", bad);
	threadexitsall(nil);
}
