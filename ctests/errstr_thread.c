/*
 * errstr_thread: werrstr/errstr/rerrstr/%r per thread.
 * Each thread (in this proc and another) keeps its own error string across switches;
 * a failed system call shows strerror(errno) until the next werrstr; errstr swaps;
 * over-long strings are cut at a rune boundary and never overflow the caller's buffer.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

static int nfail, ncase;
static Channel *done;

#define CHECK(c) do{ ncase++; if(!(c)){ nfail++; fprint(2, "errstr_thread.c:%d: %s\n", __LINE__, #c); } }while(0)

static int
is(char *want)
{
	char b[ERRMAX];

	snprint(b, sizeof b, "%r");
	if(strcmp(b, want) != 0){
		fprint(2, "errstr is \"%s\", want \"%s\"\n", b, want);
		return 0;
	}
	return 1;
}

static void
worker(void *v)
{
	char want[32];
	int i;

	CHECK(is(""));	/* a new thread starts clean */
	snprint(want, sizeof want, "worker %d", (int)(uintptr)v);
	werrstr("worker %d", (int)(uintptr)v);
	for(i = 0; i < 5; i++){
		yield();
		CHECK(is(want));
	}
	sendul(done, 1);
}

static void
longstrings(void)
{
	char big[1000], b[ERRMAX+8], small[8];
	int i;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	werrstr("%s", big);
	memset(b, 'Z', sizeof b);
	rerrstr(b, ERRMAX);
	CHECK(strlen(b) == ERRMAX-1);
	CHECK(b[ERRMAX] == 'Z');

	/* 2-byte runes: cut at 126 bytes, not in the middle of one. */
	for(i = 0; i < 200; i++){
		big[2*i] = 0xC3;
		big[2*i+1] = 0xA9;
	}
	big[400] = 0;
	werrstr("%s", big);
	rerrstr(b, sizeof b);
	CHECK(strlen(b) == 126 && utflen(b) == 63);

	/* A small buffer gets whole runes only, and nothing past its end. */
	memset(small, 'Z', sizeof small);
	rerrstr(small, 6);
	CHECK(strlen(small) == 4 && small[5] == 'Z' && small[6] == 'Z');
	memset(small, 'Z', sizeof small);
	rerrstr(small, 1);
	CHECK(small[0] == 0 && small[1] == 'Z');
	rerrstr(small, 0);
	CHECK(small[0] == 0 && small[1] == 'Z');

	/* errstr with a short caller buffer. */
	strcpy(small, "abc");
	errstr(small, 5);
	CHECK(strcmp(small, "\xc3\xa9\xc3\xa9") == 0);
	CHECK(is("abc"));
}

void
threadmain(int argc, char *argv[])
{
	char b[ERRMAX];
	int fd;

	USED(argc);
	USED(argv);
	done = chancreate(sizeof(ulong), 0);

	werrstr("main %s", "one");
	CHECK(is("main one"));

	/* A failing system call replaces it; the next werrstr wins again. */
	fd = open("/nonexistent/thread9", 0);
	CHECK(fd < 0);
	CHECK(is("No such file or directory"));
	werrstr("after");
	CHECK(is("after"));

	/* A successful print leaves errno (and so %r) alone. */
	fd = open("/dev/null", 1);
	errno = EPIPE;
	CHECK(fprint(fd, "%d %s %g\n", 1, "two", 3.0) == 8);
	CHECK(errno == EPIPE);
	close(fd);
	werrstr("after");

	/* errstr swaps. */
	strcpy(b, "mine");
	CHECK(errstr(b, sizeof b) == 0);
	CHECK(strcmp(b, "after") == 0);
	CHECK(is("mine"));
	rerrstr(b, sizeof b);
	CHECK(strcmp(b, "mine") == 0);

	/* The library's own errors show through %r. */
	CHECK(chancreate(-1, 0) == nil);
	snprint(b, sizeof b, "%r");
	CHECK(strncmp(b, "chancreate", 10) == 0);

	/* Threads of this proc and of another keep their own. */
	werrstr("main again");
	threadcreate(worker, (void*)1, 32768);
	threadcreate(worker, (void*)2, 32768);
	proccreate(worker, (void*)3, 32768);
	recvul(done);
	recvul(done);
	recvul(done);
	CHECK(is("main again"));

	longstrings();

	print("%d checks, %d failed\n", ncase, nfail);
	threadexitsall(nfail ? "failed" : nil);
}
