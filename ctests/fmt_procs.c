/*
 * fmt_procs: print from many threads of many procs while verbs are being installed.
 * Each print is one write(2), so lines never interleave (checked by fmt_procs.sh);
 * on a SOCK_SEQPACKET socket, where every write is one message, a 5000-byte fprint
 * arrives as one message and a 200000-byte one arrives whole, in order.
 */
#include <u.h>
#include <sys/socket.h>	/* before thread.h, which defines send and recv */
#include <libc.h>
#include <thread.h>

enum { Nproc = 4, Nthread = 2, Nline = 200 };

static Channel *done;

static int
Vfmt(Fmt *f)
{
	int a;

	a = va_arg(f->args, int);
	return fmtprint(f, "<%d>", a);
}

static int
Yfmt(Fmt *f)
{
	return fmtstrcpy(f, va_arg(f->args, char*));
}

static void
printer(void *v)
{
	int i, id;

	id = (int)(uintptr)v;
	for(i = 0; i < Nline; i++){
		print("line %d %d %V %s %g %q end\n", id, i, i, "some text to make the line longer", 1.5, "q q");
		if(i%16 == 0)
			yield();
	}
	sendul(done, 1);
}

static void
proc(void *v)
{
	int i, id;

	id = (int)(uintptr)v;
	for(i = 1; i < Nthread; i++)
		threadcreate(printer, (void*)(uintptr)(id*10+i), 32768);
	printer((void*)(uintptr)(id*10));
}

static void
seqpacket(void)
{
	int sv[2], n, total;
	char *big, *buf;

	if(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) < 0)
		sysfatal("socketpair: %r");
	big = malloc(200001);
	buf = malloc(200001);
	memset(big, 'a', 200000);
	big[5000] = 0;
	n = fprint(sv[0], "%s", big);
	if(n != 5000)
		sysfatal("fprint returned %d", n);
	n = read(sv[1], buf, 200000);
	if(n != 5000)
		sysfatal("5000-byte fprint arrived as a %d-byte message", n);

	/* Beyond print's buffer limit the output goes in pieces, all of it, in order. */
	big[5000] = 'a';
	big[200000] = 0;
	big[199999] = 'z';
	if(fork() == 0){
		close(sv[1]);
		n = fprint(sv[0], "%s", big);
		_exit(n == 200000 ? 0 : 1);
	}
	close(sv[0]);
	total = 0;
	while(total < 200000 && (n = read(sv[1], buf+total, 200000-total)) > 0)
		total += n;
	if(total != 200000 || buf[199999] != 'z' || buf[0] != 'a')
		sysfatal("200000-byte fprint: got %d bytes", total);
	close(sv[1]);
	free(big);
	free(buf);
}

void
threadmain(int argc, char *argv[])
{
	int i, c;

	USED(argc);
	USED(argv);
	seqpacket();
	quotefmtinstall();
	fmtinstall('V', Vfmt);
	done = chancreate(sizeof(ulong), 0);
	for(i = 0; i < Nproc; i++)
		proccreate(proc, (void*)(uintptr)(i+1), 32768);
	/* Keep installing verbs while the others format. */
	for(i = 0; i < 2000; i++){
		c = 0x4E00 + i%100;
		fmtinstall(c, Yfmt);
		fmtinstall('V', Vfmt);
		if(i%50 == 0)
			yield();
	}
	for(i = 0; i < Nproc*Nthread; i++)
		recvul(done);
	threadexitsall(nil);
}
