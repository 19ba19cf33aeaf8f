/*
 * Helpers shared by the benchmark programs: a monotonic clock, the resident set
 * size, and the report line that benches/run.sh reads.
 *
 * Every program prints exactly one checksum line on stdout (benches/check.sh compares
 * it) and one line on stderr:
 *	bench: ops=N ns=T [rsskib=K]
 * T covers only the measured loop (no start-up, no tear-down).
 */
#include <time.h>

enum
{
	STK = 16384	/* stack size requested for every thread (W9's figure) */
};

static vlong
nowns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (vlong)ts.tv_sec*1000000000LL + ts.tv_nsec;
}

/* VmRSS of this process in KiB, from /proc/self/status; -1 if unreadable. */
static vlong
rsskib(void)
{
	char buf[4096], *p;
	int fd, n;

	fd = open("/proc/self/status", O_RDONLY);
	if(fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "VmRSS:");
	if(p == nil)
		return -1;
	return strtoll(p+6, nil, 10);
}

static int
argn(int argc, char **argv, int def)
{
	int n;

	if(argc < 2)
		return def;
	n = atoi(argv[1]);
	if(n <= 0){
		fprint(2, "usage: %s [N>0]\n", argv[0]);
		threadexitsall("usage");
	}
	return n;
}

static void
report(vlong ops, vlong ns)
{
	fprint(2, "bench: ops=%lld ns=%lld\n", ops, ns);
}
