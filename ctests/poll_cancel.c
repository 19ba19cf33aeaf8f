/*
 * P13 race: timerchans and fdchans freed from another proc right around the time they
 * fire. Nothing may fire after chanfree, nothing may be freed twice (run this under
 * valgrind or ASan to see the latter).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <iopause.h>
/* A Unix pipe on purpose: libc.h renames pipe to plan9port's p9pipe (a socketpair,
 * whose buffer fills after a few hundred one-byte writes nobody reads). */
#undef pipe

enum { N = 3000 };

static Channel *tofree, *done;

static void
freer(void *v)
{
	Channel *c;

	USED(v);
	while((c = recvp(tofree)) != nil)
		chanfree(c);
	sendul(done, 0);
}

void
threadmain(int argc, char *argv[])
{
	int i, p[2];
	Channel *c;

	USED(argc);
	USED(argv);
	if(pipe(p) < 0)
		sysfatal("pipe");
	tofree = chancreate(sizeof(void*), 16);
	done = chancreate(sizeof(ulong), 0);
	proccreate(freer, nil, 65536);
	for(i = 0; i < N; i++){
		c = i%3 == 2 ? fdchan(p[0], IOPAUSE_READ) : timerchan(i%4);
		sendp(tofree, c);
		if(i%3 == 2 && i%2)
			write(p[1], "x", 1);	/* fd sources firing (or not) while freed */
		if(i%50 == 0)
			threadsleep(1);
	}
	sendp(tofree, nil);
	recvul(done);
	threadsleep(20);	/* past every deadline: queued disarms run, nothing fires */
	print("cancel race ok\n");
	threadexitsall(nil);
}
