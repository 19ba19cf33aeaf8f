/*
 * Randomized channel stress test with a model check.
 *
 * Senders, receivers and mixers (alts that both send and receive) run in several
 * procs and drive send/recv/nbsend/nbrecv/alt (blocking and CHANNOBLK, with nil
 * and NOP entries) over channels of random buffer sizes, while a closer thread
 * closes some channels and a meddler threadint()s everyone and threadkill()s
 * senders; senders sometimes threadexits from deep inside their stacks.
 * Every value is (sender, seq) plus a checksum. At the end every channel is
 * closed and drained, and the program checks:
 *	- every value was received at most once, uncorrupted;
 *	- a send that reported success was received exactly once, a send that
 *	  failed (closed, would block, interrupted) never; the one in flight when
 *	  its sender was killed at most once;
 *	- one receiver sees each sender's values on one channel in sending order;
 *	- every thread either finished or was killed, and none is left behind;
 *	- nothing deadlocked (a watchdog dumps the threads and fails).
 * The script of every thread comes from the seed: -s seed (or $STRESS_SEED,
 * else the time), printed on failure for replay. Scheduling is not replayed.
 * With -d the model predicts a deadlock instead: once the senders are done nothing
 * is closed, the receivers block, threadmain blocks too, and the library must
 * report "thread9: deadlock" and exit 1 rather than hang.
 * Usage: stress_chan [-s seed] [-p procs] [-c chans] [-n ops] [-S senders]
 *	[-R receivers] [-M mixers] [-v] [-d]
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
	Sender,
	Receiver,
	Universal,	/* a receiver whose alts cover every channel: progress guaranteed */
	Mixer,
	Closer,
	Meddler,

	Unsent = 0,
	Ok,
	Failed,
	Inflight,

	Maxchan = 64,
	Maxwork = 256,
	Magic = 0x5bd1e995,
};

typedef struct Val Val;
struct Val
{
	uvlong v;	/* sender<<32 | seq */
	uvlong chk;
};

typedef struct Work Work;
struct Work
{
	int kind;
	int idx;	/* sender number (senders and mixers) */
	int id;	/* thread id, set by its spawner */
	int done;	/* finished normally (threadexits or return) */
	int kicked;	/* threadkill was called on it */
	uvlong rng;
	uvlong ops;
	uchar *status;	/* per seq, for senders and mixers */
	int *last;	/* [chan][sender]: last seq seen, for receivers and mixers */
};

uvlong seed;
int nproc = 4, nchan = 8, nops = 2000, nsend = 16, nrecv = 8, nmix = 4, verbose, deadlock;
int nwork, nsenders;
Work work[Maxwork];
Channel *chans[Maxchan];
int chanclosed[Maxchan];
uchar *recvd;	/* [sender*nops + seq]: times received */
int senddone, closedall, failures;
uvlong totalops;

void
fail(char *fmt, ...)
{
	va_list arg;
	char buf[256];

	va_start(arg, fmt);
	vsnprintf(buf, sizeof buf, fmt, arg);
	va_end(arg);
	if(__atomic_fetch_add(&failures, 1, __ATOMIC_SEQ_CST) < 20)
		fprintf(stderr, "stress: FAIL (seed %llu): %s\n", seed, buf);
}

uvlong
rnd(Work *w)
{
	uvlong x;

	x = w->rng;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	w->rng = x;
	return x;
}

int
pick(Work *w, int n)
{
	return (rnd(w) >> 11) % n;
}

Val
mkval(int s, int seq)
{
	Val v;

	v.v = (uvlong)s<<32 | (uint)seq;
	v.chk = ~v.v * 0x9e3779b97f4a7c15ULL ^ Magic;
	return v;
}

/* A value arrived on channel ci for receiver w. */
void
got(Work *w, int ci, Val *v)
{
	int s, seq, *l;

	if(v->chk != (~v->v * 0x9e3779b97f4a7c15ULL ^ Magic)){
		fail("corrupt value %#llx/%#llx on channel %d", v->v, v->chk, ci);
		return;
	}
	s = v->v >> 32;
	seq = (int)(uint)v->v;
	if(s < 0 || s >= nsenders || seq < 0 || seq >= nops){
		fail("impossible value %#llx", v->v);
		return;
	}
	if(__atomic_add_fetch(&recvd[s*nops + seq], 1, __ATOMIC_SEQ_CST) > 1)
		fail("value %d/%d received twice", s, seq);
	l = &w->last[ci*nsenders + s];
	if(seq <= *l)
		fail("channel %d: sender %d's %d arrived after its %d", ci, s, seq, *l);
	*l = seq;
}

int
chanidx(Channel *c)
{
	int i;

	for(i = 0; i < nchan; i++)
		if(chans[i] == c)
			return i;
	return -1;
}

char *kindname[] = { "sender", "receiver", "universal", "mixer", "closer", "meddler" };

/* For the thread dump of a stuck run: what the thread is waiting for. */
void
altstate(char *what, Alt *a)
{
	char buf[200], *p, *e;
	int i;

	if(!verbose)
		return;
	p = buf;
	e = buf + sizeof buf;
	for(i = 0; a[i].op != CHANEND && a[i].op != CHANNOBLK && p < e - 12; i++)
		p += snprintf(p, e - p, " %s%d", a[i].op == CHANSND ? "s" : a[i].op == CHANRCV ? "r" : "n", chanidx(a[i].c));
	threadsetstate("%s%s%s", what, buf, a[i].op == CHANNOBLK ? " noblk" : "");
}

/* threadexits from a random depth, with live frames left on the stack. */
void
deepexit(Work *w, int depth)
{
	volatile char pad[200];

	pad[0] = depth;
	if(depth > 0){
		deepexit(w, depth - 1);
		return;
	}
	USED(pad[0]);
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	threadexits(nil);
}

/* One send-like operation of sender/mixer w with value number seq. */
void
sendop(Work *w, int seq)
{
	Alt a[8];
	Val v, in[8];
	int i, n, r, ci, mixed, noblk;

	v = mkval(w->idx, seq);
	w->status[seq] = Inflight;
	w->ops++;
	r = pick(w, 100);
	if(w->kind == Sender && r < 35){
		r = send(chans[pick(w, nchan)], &v);
	}else if(w->kind == Sender && r < 55){
		r = nbsend(chans[pick(w, nchan)], &v);
	}else{
		/* alt: 1-4 sends of this value, maybe receives (mixers), NOPs, nil channels */
		mixed = w->kind == Mixer;
		noblk = pick(w, 4) == 0;
		n = 1 + pick(w, 6);
		for(i = 0; i < n; i++){
			a[i].err = nil;
			a[i].c = chans[pick(w, nchan)];
			if(i == 0 || !mixed || pick(w, 2)){
				a[i].op = CHANSND;
				a[i].v = &v;
			}else{
				a[i].op = CHANRCV;
				a[i].v = &in[i];
			}
			/* entry 0 stays real: an alt of NOPs and nil channels never ends */
			switch(i ? pick(w, 10) : 9){
			case 0:
				a[i].op = CHANNOP;
				break;
			case 1:
				a[i].c = nil;
				break;
			}
		}
		a[n].op = noblk ? CHANNOBLK : CHANEND;
		altstate("alt", a);
		r = alt(a);
		if(r >= 0 && r < n && a[r].err == nil && a[r].op == CHANRCV){
			/* received instead of sending: this seq is unused */
			ci = chanidx(a[r].c);
			got(w, ci, &in[r]);
			w->status[seq] = Failed;
			return;
		}
		r = r >= 0 && r < n && a[r].err == nil && a[r].op == CHANSND ? 1 : -1;
	}
	w->status[seq] = r == 1 ? Ok : Failed;
}

void
sender(Work *w)
{
	int seq;

	for(seq = 0; seq < nops; seq++){
		if(pick(w, 8) == 0)
			yield();
		if(w->kind == Sender && pick(w, 4*nops) == 0)
			deepexit(w, pick(w, 30));
		sendop(w, seq);
	}
}

void
receiver(Work *w)
{
	Alt a[Maxchan+1], all[Maxchan+1];
	Val in[Maxchan];
	int i, n, r, ci, open;

	for(i = 0; i < nchan; i++){
		all[i].c = chans[i];
		all[i].v = &in[i];
		all[i].op = CHANRCV;
		all[i].err = nil;
	}
	all[nchan].op = CHANEND;
	for(;;){
		w->ops++;
		if(__atomic_load_n(&closedall, __ATOMIC_SEQ_CST))
			break;
		if(deadlock && __atomic_load_n(&senddone, __ATOMIC_SEQ_CST) && w->kind != Universal){
			/* drain, then block for good on a channel nobody will use again */
			ci = pick(w, nchan);
			if(recv(chans[ci], &in[0]) == 1)
				got(w, ci, &in[0]);
			continue;
		}
		if(w->kind == Universal){
			/* err persists across calls: -1 once every channel is closed and reported */
			altstate("all", all);
			r = alt(all);
			if(r >= 0 && all[r].err == nil)
				got(w, r, &in[r]);
			else if(r < 0)
				yield();
			continue;
		}
		r = pick(w, 10);
		if(r < 3){
			ci = pick(w, nchan);
			if(recv(chans[ci], &in[0]) == 1)
				got(w, ci, &in[0]);
		}else if(r < 6){
			ci = pick(w, nchan);
			if(nbrecv(chans[ci], &in[0]) == 1)
				got(w, ci, &in[0]);
			else
				yield();
		}else{
			n = 1 + pick(w, nchan);
			for(i = 0; i < n; i++){
				a[i].c = chans[pick(w, nchan)];
				a[i].v = &in[i];
				a[i].op = i == 0 || pick(w, 12) ? CHANRCV : CHANNOP;
				a[i].err = nil;
			}
			a[n].op = pick(w, 3) ? CHANEND : CHANNOBLK;
			altstate("alt", a);
			r = alt(a);
			if(r >= 0 && r < n && a[r].err == nil)
				got(w, chanidx(a[r].c), &in[r]);
			else
				yield();
		}
	}
	/* every channel is closed: take what the buffers still hold */
	do{
		open = 0;
		for(i = 0; i < nchan; i++)
			while(nbrecv(chans[i], &in[0]) == 1){
				got(w, i, &in[0]);
				open = 1;
			}
	}while(open);
}

void
closer(Work *w)
{
	int i, ci;

	/* close up to a quarter of the channels while the others are busy */
	for(i = 0; i < nchan/4; i++){
		while(pick(w, 50) != 0 && !__atomic_load_n(&senddone, __ATOMIC_SEQ_CST))
			yield();
		ci = pick(w, nchan);
		w->ops++;
		if(chanclose(chans[ci]) == 0)
			chanclosed[ci] = 1;
		else if(!chanclosed[ci] && !__atomic_load_n(&senddone, __ATOMIC_SEQ_CST))
			/* (once senddone is set threadmain closes every channel itself) */
			fail("chanclose of open channel %d failed", ci);
	}
}

void
meddler(Work *w)
{
	Work *x;
	int id;

	while(!__atomic_load_n(&senddone, __ATOMIC_SEQ_CST)){
		x = &work[pick(w, nwork)];
		w->ops++;
		id = __atomic_load_n(&x->id, __ATOMIC_SEQ_CST);
		if(id <= 0 || x == w)
			;
		else if(x->kind == Sender && pick(w, 3) == 0){
			__atomic_store_n(&x->kicked, 1, __ATOMIC_SEQ_CST);
			threadkill(id);
		}else
			threadint(id);
		if(pick(w, 2))
			yield();
		else
			usleep(50);
	}
}

void
worker(void *arg)
{
	Work *w;

	w = arg;
	threadsetname("%s %d", kindname[w->kind], (int)(w - work));
	switch(w->kind){
	case Sender:
	case Mixer:
		sender(w);
		break;
	case Receiver:
	case Universal:
		receiver(w);
		break;
	case Closer:
		closer(w);
		break;
	case Meddler:
		meddler(w);
		break;
	}
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
}

/* Starts the workers assigned to its proc, then leaves. */
void
spawner(void *arg)
{
	int p, i;

	p = (int)(uintptr)arg;
	for(i = 0; i < nwork; i++)
		if(i % nproc == p)
			__atomic_store_n(&work[i].id, threadcreate(worker, &work[i], 16384), __ATOMIC_SEQ_CST);
}

double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Waits until no worker of the given kinds is still alive; 0 if stuck. */
int
waitdone(int (*which)(Work*), double limit)
{
	int i, busy;
	double t0;

	t0 = now();
	for(;;){
		busy = 0;
		for(i = 0; i < nwork; i++)
			if(which(&work[i]) && !__atomic_load_n(&work[i].done, __ATOMIC_SEQ_CST)
			&& !(__atomic_load_n(&work[i].kicked, __ATOMIC_SEQ_CST)
			  && threadpid(__atomic_load_n(&work[i].id, __ATOMIC_SEQ_CST)) < 0))
				busy++;
		if(busy == 0)
			return 1;
		if(now() - t0 > limit)
			return 0;
		usleep(1000);
	}
}

int issender(Work *w) { return w->kind == Sender || w->kind == Mixer; }
int isany(Work *w) { USED(w); return 1; }

void
add(int kind, int n)
{
	int i;

	for(i = 0; i < n && nwork < Maxwork; i++){
		work[nwork].kind = kind;
		work[nwork].idx = kind == Sender || kind == Mixer ? nsenders++ : -1;
		nwork++;
	}
}

void
usage(void)
{
	fprintf(stderr, "usage: stress_chan [-s seed] [-p procs] [-c chans] [-n ops] [-S senders] [-R receivers] [-M mixers] [-v] [-d]\n");
	threadexitsall("usage");
}

void
threadmain(int argc, char *argv[])
{
	int i, j, s, n, okays, fails, lost;
	char *e;
	double t0, dt;
	Work *w;

	seed = 0;
	if((e = getenv("STRESS_SEED")) != nil)
		seed = strtoull(e, 0, 0);
	for(i = 1; i < argc; i++){
		if(strcmp(argv[i], "-v") == 0){
			verbose = 1;
			continue;
		}
		if(strcmp(argv[i], "-d") == 0){
			deadlock = 1;
			continue;
		}
		if(argv[i][0] != '-' || strlen(argv[i]) != 2 || i+1 >= argc)
			usage();
		e = argv[++i];
		switch(argv[i-1][1]){
		case 's': seed = strtoull(e, 0, 0); break;
		case 'p': nproc = strtol(e, 0, 0); break;
		case 'c': nchan = strtol(e, 0, 0); break;
		case 'n': nops = strtol(e, 0, 0); break;
		case 'S': nsend = strtol(e, 0, 0); break;
		case 'R': nrecv = strtol(e, 0, 0); break;
		case 'M': nmix = strtol(e, 0, 0); break;
		default: usage();
		}
	}
	if(seed == 0)
		seed = (uvlong)time(0) ^ (uvlong)getpid() << 20;
	if(nproc < 1 || nchan < 1 || nchan > Maxchan || nops < 1 || nrecv < 0 || nsend + nmix < 1)
		usage();
	if(verbose)
		fprintf(stderr, "stress: seed %llu\n", seed);

	add(Universal, 1);
	add(Sender, nsend);
	add(Receiver, nrecv);
	add(Mixer, nmix);
	add(Closer, 1);
	add(Meddler, 1);
	recvd = calloc(nsenders * nops, 1);
	for(i = 0; i < nwork; i++){
		w = &work[i];
		w->rng = seed * 0x2545f4914f6cdd1dULL + (i+1) * 0x9e3779b97f4a7c15ULL;
		if(w->rng == 0)
			w->rng = 1;
		for(j = 0; j < 4; j++)
			rnd(w);
		w->status = calloc(nops, 1);
		w->last = malloc(Maxchan * nsenders * sizeof(int));
		for(j = 0; j < Maxchan * nsenders; j++)
			w->last[j] = -1;
	}
	w = &work[0];
	for(i = 0; i < nchan; i++){
		chans[i] = chancreate(sizeof(Val), pick(w, 3) ? pick(w, 5) : 0);
		chansetname(chans[i], "c%d", i);
	}

	t0 = now();
	for(i = 0; i < nproc; i++)
		if(proccreate(spawner, (void*)(uintptr)i, 65536) < 0)
			sysfatal("proccreate failed");
	if(!waitdone(issender, 10)){
		fail("senders stuck");
		threadprintall();
		threadexitsall("stuck");
	}
	__atomic_store_n(&senddone, 1, __ATOMIC_SEQ_CST);
	if(deadlock){
		fprintf(stderr, "stress: senders done, expecting a deadlock report\n");
		recvul(chancreate(sizeof(ulong), 0));
		fail("recv on a channel nobody else knows returned");
		threadexitsall("no deadlock");
	}
	for(i = 0; i < nchan; i++)
		chanclose(chans[i]);
	__atomic_store_n(&closedall, 1, __ATOMIC_SEQ_CST);
	if(!waitdone(isany, 10)){
		fail("receivers stuck after close");
		threadprintall();
		threadexitsall("stuck");
	}
	dt = now() - t0;

	/* the model check */
	okays = fails = lost = 0;
	for(i = 0; i < nwork; i++){
		w = &work[i];
		totalops += w->ops;
		if(w->id <= 0)
			fail("worker %d never started", i);
		else if(threadpid(w->id) >= 0)
			fail("thread %d (worker %d) still exists", w->id, i);
		if(!w->done && !w->kicked)
			fail("worker %d (thread %d) vanished without being killed", i, w->id);
		if(w->idx < 0)
			continue;
		s = w->idx;
		for(j = 0; j < nops; j++){
			n = recvd[s*nops + j];
			switch(w->status[j]){
			case Ok:
				okays++;
				if(n != 1)
					fail("value %d/%d sent but received %d times", s, j, n);
				break;
			case Failed:
				fails++;
				if(n != 0)
					fail("value %d/%d failed to send but received %d times", s, j, n);
				break;
			case Inflight:
				lost++;
				if(!w->kicked)
					fail("value %d/%d still in flight, sender not killed", s, j);
				if(n > 1)
					fail("value %d/%d received %d times", s, j, n);
				break;
			case Unsent:
				if(n != 0)
					fail("value %d/%d never sent but received", s, j);
				break;
			}
		}
	}
	for(i = 0; i < nchan; i++)
		chanfree(chans[i]);
	if(failures){
		fprintf(stderr, "stress: %d failures; replay with -s %llu\n", failures, seed);
		threadexitsall("failed");
	}
	fprintf(stderr, "stress: seed %llu: %d procs, %d threads, %d channels: %llu operations in %.2fs = %.0f ops/s; %d values delivered, %d sends failed, %d lost to threadkill\n",
		seed, nproc, nwork, nchan, totalops, dt, totalops / dt, okays, fails, lost);
	print("stress: ok\n");
	threadexitsall(nil);
}
