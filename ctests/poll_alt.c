/*
 * P11-P13: alttimeout/altdeadline and the one-shot channels.
 *  alttimeout 50 with nothing ready returns the CHANEND index after >= 50 ms; with
 *  one case ready that index at once; 0 polls; -1 blocks like alt. fdchan fires in an
 *  alt when its pipe is written (value has READ); timerchan/deadlinechan deliver the
 *  firing time, never early; chanfree cancels unfired timers (same proc and another).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>

static int failed;

static void
check(int ok, char *what)
{
	if(!ok){
		fprint(2, "FAIL: %s\n", what);
		failed = 1;
	}
}

static void
sendlater(void *v)
{
	threadsleep(30);
	sendul(v, 42);
}

static void
writelater(void *v)
{
	threadsleep(30);
	write((int)(uintptr)v, "x", 1);
}

static Channel *tofree;

static void
freer(void *v)
{
	Channel *c;

	USED(v);
	while((c = recvp(tofree)) != nil)
		chanfree(c);
}

void
threadmain(int argc, char *argv[])
{
	Channel *a, *b, *c, *t[100];
	Alt alts[4];
	ulong u;
	uvlong t0, when, due;
	int r, i, p[2], q[2], rev;

	USED(argc);
	USED(argv);
	a = chancreate(sizeof(ulong), 0);
	b = chancreate(sizeof(ulong), 1);
	alts[0].c = a; alts[0].v = &u; alts[0].op = CHANRCV;
	alts[1].c = b; alts[1].v = &u; alts[1].op = CHANRCV;
	alts[2].op = CHANEND;

	/* P11 */
	t0 = nsecmono();
	r = alttimeout(alts, 50);
	check(r == 2 && nsecmono() - t0 >= 50000000 && nsecmono() - t0 < 2000000000ULL, "alttimeout none ready");
	sendul(b, 7);
	t0 = nsecmono();
	r = alttimeout(alts, 50);
	check(r == 1 && u == 7 && nsecmono() - t0 < 40000000, "alttimeout one ready");
	r = alttimeout(alts, 0);
	check(r == 2, "alttimeout 0 polls");
	threadcreate(sendlater, a, 32768);
	r = alttimeout(alts, -1);
	check(r == 0 && u == 42, "alttimeout -1 blocks");
	due = nsecmono() + 40000000;
	r = altdeadline(alts, due);
	check(r == 2 && nsecmono() >= due, "altdeadline");
	print("P11 ok\n");

	/* P12: fdchan in an alt */
	if(pipe(p) < 0)
		sysfatal("pipe");
	c = fdchan(p[0], IOPAUSE_READ);
	check(c != nil, "fdchan");
	alts[1].c = c; alts[1].v = &rev;
	rev = 0;
	threadcreate(writelater, (void*)(uintptr)p[1], 32768);
	r = alt(alts);
	check(r == 1 && (rev & IOPAUSE_READ), "fdchan fires in alt");
	chanfree(c);
	c = fdchan(p[0], IOPAUSE_READ);	/* already readable: fires at once */
	rev = 0;
	check(recv(c, &rev) == 1 && (rev & IOPAUSE_READ), "fdchan ready at creation");
	chanfree(c);
	check(fdchan(-1, IOPAUSE_READ) == nil && fdchan(p[0], 0) == nil, "fdchan bad input");
	print("P12 ok\n");

	/* timerchan / deadlinechan deliver nsecmono() at firing, never early */
	t0 = nsecmono();
	c = timerchan(30);
	when = 0;
	recv(c, &when);
	check(when >= t0 + 30000000 && nsecmono() >= when, "timerchan");
	chanfree(c);
	due = nsecmono() + 20000000;
	c = deadlinechan(due);
	recv(c, &when);
	check(when >= due, "deadlinechan");
	chanfree(c);
	check(timerchan(-1) == nil, "timerchan bad input");
	c = timerchan(0);
	recv(c, &when);
	chanfree(c);
	print("timers ok\n");

	/* P13: chanfree cancels unfired timers, here and from another proc */
	for(i = 0; i < 10000; i++)
		chanfree(timerchan(20 + i%20));
	tofree = chancreate(sizeof(void*), 0);
	proccreate(freer, nil, 65536);
	for(i = 0; i < 100; i++)
		t[i] = timerchan(30 + i%20);
	for(i = 0; i < 100; i++)
		sendp(tofree, t[i]);
	c = timerchan(0);
	if(pipe(q) < 0)
		sysfatal("pipe");
	for(i = 0; i < 100; i++)
		chanfree(fdchan(q[0], IOPAUSE_READ));	/* unfired fd sources */
	write(q[1], "y", 1);
	threadsleep(100);	/* past every cancelled deadline: nothing may fire */
	recv(c, &when);
	chanfree(c);
	print("P13 ok\n");

	if(failed)
		threadexitsall("failed");
	threadexitsall(nil);
}
