/* LIBTHREAD=trace=FILE.json (see trace_json.sh): a token passed around a ring of
 * NPROC procs over named channels, by named threads; with argument "deadlock" main
 * then waits for a token nobody sends (the deadlock report ends the program). */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { NPROC = 12, ROUNDS = 20 };
Channel *c[NPROC];

static void
hop(void *v)
{
	int i, r;
	ulong x;

	i = (int)(uintptr)v;
	threadsetname("ring%d", i);
	for(r = 0; r < ROUNDS; r++){
		x = recvul(c[i]);
		sendul(c[(i+1)%NPROC], x+1);
	}
}

void
threadmain(int argc, char **argv)
{
	int i, r;
	ulong x;

	threadsetname("main");
	for(i = 0; i < NPROC; i++){
		c[i] = chancreate(sizeof(ulong), 0);
		chansetname(c[i], "ring%d", i);
	}
	for(i = 1; i < NPROC; i++)
		proccreate(hop, (void*)(uintptr)i, 65536);
	x = 0;
	for(r = 0; r < ROUNDS; r++){
		sendul(c[1], x);
		x = recvul(c[0]);
	}
	print("%lud\n", x);
	if(argc > 1 && strcmp(argv[1], "deadlock") == 0)
		recvul(c[0]);
	threadexitsall(nil);
}
