/*
 * Alts whose locks overlap: a channel named twice in one alt (both entries ready:
 * either may be chosen; a send and a receive on one channel never match each
 * other), and alts in several procs over the same channels listed in opposite
 * orders, with senders in other procs: every value arrives exactly once
 * (checksum) and nothing deadlocks. Also alts longer than the inline bookkeeping
 * (8 cases) and the fast path (32 entries), completed at once and after blocking.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum
{
	Nalter = 4,
	Nsend = 4,
	Nper = 20000,
	Nchan = 3,
};

Channel *c, *cs[Nchan], *done;
vlong sums[Nalter];
long got[Nalter];

void
sender(void *arg)
{
	int k, i;

	k = (int)(uintptr)arg;
	for(i = 0; i < Nper; i++)
		sendul(cs[(k + i) % Nchan], (ulong)(k * Nper + i + 1));
	sendul(done, 0);
}

void
alter(void *arg)
{
	Alt a[Nchan + 2];
	ulong v;
	int k, i, r;

	k = (int)(uintptr)arg;
	/* even alters list the channels forwards, odd ones backwards */
	for(i = 0; i < Nchan; i++){
		a[i].c = cs[k & 1 ? Nchan - 1 - i : i];
		a[i].v = &v;
		a[i].op = CHANRCV;
	}
	a[Nchan].c = cs[k % Nchan];	/* and one of them again */
	a[Nchan].v = &v;
	a[Nchan].op = CHANRCV;
	a[Nchan + 1].op = CHANEND;
	for(;;){
		r = alt(a);
		if(r < 0 || r > Nchan)
			sysfatal("alt returned %d", r);
		if(v == 0)
			break;
		sums[k] += v;
		got[k]++;
	}
	sendul(done, 0);
}

void
dupsender(void *arg)
{
	int i;

	USED(arg);
	for(i = 1; i <= 1000; i++)
		sendul(c, i);
}

void
partner(void *arg)
{
	USED(arg);
	if(recvul(c) != 99)
		sysfatal("partner got the wrong value");
}

enum
{
	Nbig = 40,
};

Channel *big[Nbig];

void
bigsender(void *arg)
{
	int k;

	k = (int)(uintptr)arg;
	sendul(big[k], 1000 + k);
}

/* An alt over the first n of big[]: entry k becomes ready (sent from another proc) */
void
bigalt(int n, int k)
{
	Alt a[Nbig + 1];
	ulong v;
	int i, r;

	for(i = 0; i < n; i++){
		a[i].c = big[i];
		a[i].v = &v;
		a[i].op = CHANRCV;
	}
	a[n].op = CHANEND;
	proccreate(bigsender, (void*)(uintptr)k, 65536);
	r = alt(a);
	if(r != k || v != 1000 + k)
		sysfatal("alt over %d: returned %d, value %lud", n, r, v);
	/* a buffered entry with data: done at once */
	sendul(big[n - 1], 77);
	r = alt(a);
	if(r != n - 1 || v != 77)
		sysfatal("alt over %d, ready: returned %d, value %lud", n, r, v);
}

void
threadmain(int argc, char *argv[])
{
	Alt a[3];
	ulong v, w;
	int i, r, n[2];
	vlong sum, want;
	long total;

	USED(argc);
	USED(argv);

	/* one channel twice: both entries are ready whenever the sender waits first (a
	 * uniform choice); a blocked alt is completed through its first queued waiter */
	c = chancreate(sizeof(ulong), 0);
	threadcreate(dupsender, nil, 32768);
	a[0].c = c; a[0].v = &v; a[0].op = CHANRCV;
	a[1].c = c; a[1].v = &w; a[1].op = CHANRCV;
	a[2].op = CHANEND;
	n[0] = n[1] = 0;
	for(i = 1; i <= 1000; i++){
		r = alt(a);
		if(r != 0 && r != 1 || (r == 0 ? v : w) != i)
			sysfatal("dup alt %d returned %d", i, r);
		n[r]++;
	}
	if(n[0] < 100 || n[1] < 100)
		sysfatal("dup alt chose %d/%d", n[0], n[1]);
	print("dup ok\n");

	/* a send and a receive on one unbuffered channel do not match each other */
	a[0].op = CHANSND;
	v = 99;
	a[1].op = CHANRCV;
	a[2].op = CHANNOBLK;
	if(alt(a) != -1)
		sysfatal("alt matched itself");
	a[2].op = CHANEND;
	threadcreate(partner, nil, 32768);
	if(alt(a) != 0)
		sysfatal("send/recv alt did not send");
	print("self ok\n");

	/* long alts */
	for(i = 0; i < Nbig; i++)
		big[i] = chancreate(sizeof(ulong), i == 9 || i == Nbig - 1);
	bigalt(10, 7);
	bigalt(Nbig, 37);
	print("long ok\n");

	/* overlapping alts across procs */
	done = chancreate(sizeof(ulong), 0);
	for(i = 0; i < Nchan; i++)
		cs[i] = chancreate(sizeof(ulong), i);	/* unbuffered, 1 and 2 slots */
	for(i = 0; i < Nalter; i++)
		proccreate(alter, (void*)(uintptr)i, 65536);
	for(i = 0; i < Nsend; i++)
		proccreate(sender, (void*)(uintptr)i, 65536);
	for(i = 0; i < Nsend; i++)
		recvul(done);
	for(i = 0; i < Nalter; i++)
		sendul(cs[i % Nchan], 0);
	for(i = 0; i < Nalter; i++)
		recvul(done);
	sum = 0;
	total = 0;
	for(i = 0; i < Nalter; i++){
		sum += sums[i];
		total += got[i];
	}
	want = (vlong)Nsend * Nper * (Nsend * Nper + 1) / 2;
	if(total != Nsend * Nper || sum != want)
		sysfatal("got %ld values, sum %lld, want %d, %lld", total, sum, Nsend * Nper, want);
	print("overlap ok\n");
	threadexitsall(nil);
}
