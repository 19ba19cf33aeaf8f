/*
 * errstr_hook: a program that links plan9port's lib9.a defines _syserrstr (lib9's
 * errstr.c); thread9 must fill it so lib9's error functions get each thread's own
 * buffer. This program stands in for lib9: it defines the variable and uses it the
 * way lib9's errstr does (copy into the buffer, then errno = EPLAN9).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

char *(*_syserrstr)(void);

enum { EPLAN9 = 0x19283745 };

static int nfail, ncase;
static Channel *done;

#define CHECK(c) do{ ncase++; if(!(c)){ nfail++; fprint(2, "errstr_hook.c:%d: %s\n", __LINE__, #c); } }while(0)

/* What lib9's werrstr does with the hook. */
static void
lib9werrstr(char *s)
{
	char *b;

	b = _syserrstr();
	utfecpy(b, b+ERRMAX, s);
	errno = EPLAN9;
}

static void
other(void *v)
{
	char b[ERRMAX];

	USED(v);
	CHECK(_syserrstr() != nil && _syserrstr()[0] == 0);
	werrstr("other thread");
	CHECK(strcmp(_syserrstr(), "other thread") == 0);
	lib9werrstr("set through the hook");
	snprint(b, sizeof b, "%r");
	CHECK(strcmp(b, "set through the hook") == 0);
	sendul(done, 1);
}

void
threadmain(int argc, char *argv[])
{
	char b[ERRMAX];

	USED(argc);
	USED(argv);
	CHECK(_syserrstr != nil);
	if(_syserrstr == nil){
		print("hook not installed\n");
		threadexitsall("fail");
	}
	done = chancreate(sizeof(ulong), 0);
	werrstr("main thread");
	CHECK(strcmp(_syserrstr(), "main thread") == 0);
	proccreate(other, nil, 32768);
	recvul(done);
	threadcreate(other, nil, 32768);
	recvul(done);
	CHECK(strcmp(_syserrstr(), "main thread") == 0);
	rerrstr(b, sizeof b);
	CHECK(strcmp(b, "main thread") == 0);
	print("%d checks, %d failed\n", ncase, nfail);
	threadexitsall(nfail ? "failed" : nil);
}
