/*
 * P6: 1,000 threads of one proc each wait in iopause on a pipe of their own; another
 * proc writes the pipes in random order. Every thread must wake exactly once, for its
 * own pipe, and never before its pipe was written.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>

enum { N = 1000 };

static int rfd[N], wfd[N];
static int written[N];
static int waiting;
static int bad;
static Channel *done;

static void
waiter(void *v)
{
	int i, r, wakes;
	uchar b;
	iopause_fd x;
	struct taia stamp, deadline, d;

	i = (int)(uintptr)v;
	wakes = 0;
	x.fd = rfd[i];
	x.events = IOPAUSE_READ;
	taia_now(&stamp);
	taia_uint(&d, 60);
	taia_add(&deadline, &stamp, &d);
	__atomic_add_fetch(&waiting, 1, __ATOMIC_SEQ_CST);
	r = iopause(&x, 1, &deadline, &stamp);
	wakes++;
	if(r != 1 || !(x.revents & IOPAUSE_READ)){
		fprint(2, "thread %d: iopause returned %d revents %#x\n", i, r, x.revents);
		bad++;
	}else if(!__atomic_load_n(&written[i], __ATOMIC_SEQ_CST)){
		fprint(2, "thread %d woke before its pipe was written\n", i);
		bad++;
	}else if(read(rfd[i], &b, 1) != 1 || b != (i & 0xff)){
		fprint(2, "thread %d read the wrong byte\n", i);
		bad++;
	}
	sendul(done, wakes);
}

static void
writer(void *v)
{
	int perm[N], i, j, t;
	uvlong s;
	uchar b;

	USED(v);
	for(i = 0; i < N; i++)
		perm[i] = i;
	s = 88172645463325252ULL;
	for(i = N-1; i > 0; i--){
		s ^= s << 13; s ^= s >> 7; s ^= s << 17;
		j = s % (i+1);
		t = perm[i]; perm[i] = perm[j]; perm[j] = t;
	}
	while(__atomic_load_n(&waiting, __ATOMIC_SEQ_CST) < N)
		threadsleep(1);
	threadsleep(20);
	for(i = 0; i < N; i++){
		j = perm[i];
		__atomic_store_n(&written[j], 1, __ATOMIC_SEQ_CST);
		b = j & 0xff;
		if(write(wfd[j], &b, 1) != 1)
			sysfatal("write");
		if(i % 100 == 0)
			threadsleep(1);
	}
}

void
threadmain(int argc, char *argv[])
{
	int i, p[2];
	ulong w;

	USED(argc);
	USED(argv);
	done = chancreate(sizeof(ulong), 0);
	for(i = 0; i < N; i++){
		if(pipe(p) < 0)
			sysfatal("pipe: out of fds?");
		rfd[i] = p[0];
		wfd[i] = p[1];
	}
	for(i = 0; i < N; i++)
		threadcreate(waiter, (void*)(uintptr)i, 32768);
	proccreate(writer, nil, 65536);
	for(i = 0; i < N; i++){
		w = recvul(done);
		if(w != 1)
			bad++;
	}
	if(bad)
		threadexitsall("failed");
	print("1000 threads woke once each, for their own pipe\n");
	threadexitsall(nil);
}
