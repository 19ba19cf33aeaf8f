/*
 * W11's file and its reader, shared by w11.c (thread9's file2chan and resmgr servers)
 * and w11fuse.c (the same file from libfuse3). Plain C: no thread9 header needed.
 *
 * The file holds FSIZE bytes; byte o is (o >> 12) & 0xff, the number of its 4 KiB
 * block mod 256. The reader is a child process that opens the served file and does
 * N reads, each checked byte for byte:
 *	4 KiB mode (default): read i is 4 KiB at block i mod 256;
 *	SEQ mode (-DSEQ): read i is 1 MiB at MiB i mod 16 (a sequential sweep).
 * op = one read. Checksum: the sum of the first byte of every 4 KiB block read
 * (4 KiB: sum of i mod 256; SEQ: 32640 per read).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum
{
	FSIZE = 16 << 20,
	BLK = 4096,
	MIB = 1 << 20
};

#ifdef SEQ
#define RDSIZE	MIB
#else
#define RDSIZE	BLK
#endif

static char *w11data;

static void
w11fill(void)
{
	long o;

	w11data = malloc(FSIZE);
	if(w11data == NULL){
		fprintf(stderr, "w11: no memory\n");
		exit(1);
	}
	for(o = 0; o < FSIZE; o++)
		w11data[o] = (o >> 12) & 0xff;
}

static long long
w11now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec*1000000000LL + ts.tv_nsec;
}

/* 77 (skipped) with a reason where FUSE cannot work here. */
static void
w11needfuse(void)
{
	if(access("/dev/fuse", R_OK|W_OK) != 0){
		fprintf(stderr, "w11: skipped: no usable /dev/fuse\n");
		exit(77);
	}
}

/* The reader (a child process): n reads of file; returns its exit status. */
static int
w11read(char *file, int n)
{
	int fd, i, k;
	long long off, t0, sum;
	unsigned char *b, want;

	b = malloc(RDSIZE);
	fd = open(file, O_RDONLY);
	if(b == NULL || fd < 0){
		fprintf(stderr, "w11: open %s: %s\n", file, strerror(errno));
		return 1;
	}
	/* Warm up: the first requests of a mount are slower. */
	for(i = 0; i < 16; i++)
		pread(fd, b, RDSIZE, 0);
	sum = 0;
	t0 = w11now();
	for(i = 0; i < n; i++){
#ifdef SEQ
		off = (long long)(i % 16) * MIB;
#else
		off = (long long)(i % 256) * BLK;
#endif
		if(pread(fd, b, RDSIZE, off) != RDSIZE){
			fprintf(stderr, "w11: short read at %lld: %s\n", off, strerror(errno));
			return 1;
		}
		for(k = 0; k < RDSIZE; k += BLK){
			want = ((off + k) >> 12) & 0xff;
			if(b[k] != want || b[k+BLK-1] != want || memchr(b+k, want^1, BLK) != NULL){
				fprintf(stderr, "w11: wrong data at %lld\n", off + k);
				return 1;
			}
			sum += want;
		}
	}
	fprintf(stderr, "bench: ops=%d ns=%lld\n", n, w11now()-t0);
	printf("%lld\n", sum);
	fflush(stdout);
	close(fd);
	return 0;
}

/* Runs the reader on file in a child process; its exit status. */
static int
w11child(char *file, int n)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if(pid < 0)
		return 1;
	if(pid == 0)
		_exit(w11read(file, n));
	if(waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return 1;
	return WEXITSTATUS(st);
}

/* A copy of the served bytes at off: the server's whole read handler. */
static long
w11serve(char *buf, long long off, long count)
{
	if(off >= FSIZE || off < 0)
		return 0;
	if(count > FSIZE - off)
		count = FSIZE - off;
	memmove(buf, w11data + off, count);
	return count;
}
