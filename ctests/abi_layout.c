/*
 * The public structs must have plan9port's sizes and field offsets on x86-64
 * (docs/API.md, binary layouts): programs embed Lock/QLock/Ref/..., allocate Alt arrays and
 * Waitmsgs, and fmtinstall'd formatters read Fmt fields themselves. Prints each
 * mismatch by name and exits non-zero.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

int bad;

void
check(char *what, ulong got, ulong want)
{
	if(got != want){
		fprint(2, "abi_layout: %s is %ld, plan9port has %ld\n", what, (long)got, (long)want);
		bad++;
	}
}

#define SIZE(T, n)	check("sizeof(" #T ")", sizeof(T), n)
#define OFF(T, f, n)	check("offsetof(" #T ", " #f ")", offsetof(T, f), n)
#define FSIZE(T, f, n)	check("sizeof(((" #T "*)0)->" #f ")", sizeof(((T*)0)->f), n)

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);

	SIZE(Channel, 64);
	OFF(Channel, bufsize, 0);
	OFF(Channel, elemsize, 4);
	OFF(Channel, buf, 8);
	OFF(Channel, nbuf, 16);
	OFF(Channel, off, 20);
	OFF(Channel, asend, 24);
	OFF(Channel, arecv, 40);
	OFF(Channel, name, 56);

	SIZE(_Altarray, 16);
	OFF(_Altarray, a, 0);
	OFF(_Altarray, n, 8);
	OFF(_Altarray, m, 12);

	SIZE(Alt, 32);
	OFF(Alt, c, 0);
	OFF(Alt, v, 8);
	OFF(Alt, op, 16);
	FSIZE(Alt, op, 4);
	OFF(Alt, thread, 24);
	OFF(Alt, err, 24);	/* 9front's field, at the same offset */
	check("CHANEND CHANSND CHANRCV CHANNOP CHANNOBLK",
		CHANEND | CHANSND<<4 | CHANRCV<<8 | CHANNOP<<12 | CHANNOBLK<<16, 0x43210);

	SIZE(Ref, 64);
	OFF(Ref, lock, 0);
	OFF(Ref, ref, 56);
	FSIZE(Ref, ref, 8);

	SIZE(Lock, 56);
	OFF(Lock, init, 0);
	OFF(Lock, mutex, 8);
	FSIZE(Lock, mutex, 40);
	OFF(Lock, held, 48);

	SIZE(_Threadlist, 16);
	OFF(_Threadlist, head, 0);
	OFF(_Threadlist, tail, 8);

	SIZE(QLock, 80);
	OFF(QLock, l, 0);
	OFF(QLock, owner, 56);
	OFF(QLock, waiting, 64);

	SIZE(Rendez, 24);
	OFF(Rendez, l, 0);
	OFF(Rendez, waiting, 8);

	SIZE(RWLock, 104);
	OFF(RWLock, l, 0);
	OFF(RWLock, readers, 56);
	OFF(RWLock, writer, 64);
	OFF(RWLock, rwaiting, 72);
	OFF(RWLock, wwaiting, 88);

	SIZE(Waitmsg, 40);
	OFF(Waitmsg, pid, 0);
	OFF(Waitmsg, time, 8);
	FSIZE(Waitmsg, time, 24);
	OFF(Waitmsg, msg, 32);

	SIZE(Fmt, 128);
	OFF(Fmt, runes, 0);
	OFF(Fmt, start, 8);
	OFF(Fmt, to, 16);
	OFF(Fmt, stop, 24);
	OFF(Fmt, flush, 32);
	OFF(Fmt, farg, 40);
	OFF(Fmt, nfmt, 48);
	OFF(Fmt, args, 56);
	FSIZE(Fmt, args, 24);
	OFF(Fmt, r, 80);
	OFF(Fmt, width, 84);
	OFF(Fmt, prec, 88);
	OFF(Fmt, flags, 96);
	OFF(Fmt, decimal, 104);
	OFF(Fmt, thousands, 112);
	OFF(Fmt, grouping, 120);
	check("FmtWidth..FmtFlag", FmtWidth | FmtLeft<<1 | FmtPrec<<2 | FmtFlag<<3, 1|4|16|(32768<<3));

	SIZE(Rune, 4);
	check("UTFmax", UTFmax, 4);
	check("ERRMAX", ERRMAX, 128);

	if(bad)
		threadexitsall("layout differs from plan9port");
	print("ok\n");
}
