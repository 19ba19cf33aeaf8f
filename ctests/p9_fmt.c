/*
 * One verb table per process (issue 14). When a plan9port program links lib9's fmt
 * objects (fmt.o, dofmt.o: pulled out of lib9.a by a library's fmtinstall), the
 * program's fmtinstall, dofmt and errstr calls are lib9's while print, snprint,
 * smprint, fmtprint … are thread9's. ctests/p9_fmt.sh links this program with a
 * stand-in for those objects (p9_fakefmt.c.txt); linked with -lthread alone it runs
 * on thread9's own. Either way a verb installed through the program's fmtinstall or
 * through thread9's own (another shared library's call) must be honoured by both
 * engines, and %r, errstr and rerrstr must agree, in every proc.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <dlfcn.h>

extern int fakefmtcalls __attribute__((weak));

/* Set in threadmain: non-PIE code makes it the canonical (PLT) address of ours. */
static int (*progdofmt)(Fmt*, char*);
static int (*ownfmtinstall)(int, int (*)(Fmt*));
static void (*ownwerrstr)(char*, ...);
static void (*ownrerrstr)(char*, uint);
static Channel *done;

static int
tfmt(Fmt *f)
{
	return fmtprint(f, "<%d>", va_arg(f->args, int));
}

static int
vfmt(Fmt *f)
{
	return fmtprint(f, "[%x]", va_arg(f->args, int));
}

/* What the program's own dofmt (lib9's, when linked) makes of fmt, as libbio's Bprint. */
static char*
dofmtstr(char *fmt, ...)
{
	Fmt f;
	char *s;

	if(fmtstrinit(&f) < 0)
		sysfatal("fmtstrinit");
	va_start(f.args, fmt);
	if((*progdofmt)(&f, fmt) < 0)
		print("dofmt failed\n");
	va_end(f.args);
	s = fmtstrflush(&f);
	return s ? s : "nil";
}

/* thread9's own definition of name, whatever the program defines (static: the one). */
static void*
own(char *name, void *linked)
{
	void *h, *p;

	h = dlopen("libthread.so.0", RTLD_LAZY|RTLD_NOLOAD);
	if(h == nil)
		return linked;
	p = dlsym(h, name);
	if(p == nil)
		sysfatal("dlsym %s: %s", name, dlerror());
	return p;
}

static void
errors(char *who)
{
	char a[ERRMAX], b[ERRMAX];

	rerrstr(a, sizeof a);
	(*ownrerrstr)(b, sizeof b);
	print("%s: print %r, dofmt %s, rerrstr %s, own rerrstr %s\n", who, dofmtstr("%r"), a, b);
}

static void
other(void *v)
{
	char *s;

	USED(v);
	werrstr("proc's own");
	s = smprint("%T %V %q", 8, 9, "e f");
	print("proc: %s | %s\n", s, dofmtstr("%T %V %q", 8, 9, "e f"));
	errors("proc");
	sendul(done, 1);
}

void
threadmain(int argc, char **argv)
{
	char buf[64];

	USED(argc);
	USED(argv);
	progdofmt = dofmt;
	ownfmtinstall = own("fmtinstall", fmtinstall);
	ownwerrstr = own("werrstr", werrstr);
	ownrerrstr = own("rerrstr", rerrstr);

	/* Installed through the program's fmtinstall (lib9's when linked). */
	fmtinstall('T', tfmt);
	print("print %T|%-6T|%d\n", 1, 2, 3);
	fprint(1, "fprint %T\n", 4);
	snprint(buf, sizeof buf, "%T|%5d", 5, 6);
	print("snprint %s\n", buf);
	print("smprint %s\n", smprint("%T", 7));
	print("dofmt %s\n", dofmtstr("%T|%5d", 8, 9));

	/* Installed through thread9's own, as another shared library's call would be. */
	(*ownfmtinstall)('V', vfmt);
	print("print %V\n", 255);
	print("dofmt %s\n", dofmtstr("%V", 254));
	quotefmtinstall();
	print("print %q\n", "a b");
	print("dofmt %s\n", dofmtstr("%q", "c d"));

	/* One error string: set on either side, read on either side. */
	werrstr("program's %d", 1);
	errors("program's werrstr");
	(*ownwerrstr)("thread9's %d", 2);
	errors("thread9's werrstr");

	done = chancreate(sizeof(ulong), 0);
	proccreate(other, nil, 65536);
	recvul(done);
	errors("after proc");

	if(&fakefmtcalls != nil)
		print("through stand-in fmt: %s\n", fakefmtcalls > 0 ? "yes" : "no");
	threadexitsall(nil);
}
