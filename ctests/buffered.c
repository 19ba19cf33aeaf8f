/* Buffered channels keep FIFO order; per-sender order holds with several senders
 * across procs; nbsend/nbrecv return -1 when they would block. */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { NS = 4, PER = 20000 };
Channel *c, *done;

void
sender(void *arg)
{
	ulong id, i;

	id = (ulong)arg;
	for(i = 0; i < PER; i++)
		sendul(c, id<<32 | i);
	sendul(done, id);
}

void
threadmain(int argc, char *argv[])
{
	Channel *b;
	ulong v, last[NS], i, n;
	int k;

	USED(argc);
	USED(argv);
	b = chancreate(sizeof(int), 3);
	for(k = 0; k < 3; k++)
		if(nbsend(b, &k) != 1)
			sysfatal("nbsend %d", k);
	if(nbsend(b, &k) != -1)
		sysfatal("nbsend on full buffer did not return -1");
	for(k = 0; k < 3; k++){
		int x;
		recv(b, &x);
		if(x != k)
			sysfatal("order: got %d want %d", x, k);
	}
	if(nbrecv(b, &k) != -1)
		sysfatal("nbrecv on empty buffer did not return -1");
	print("fifo ok\n");

	c = chancreate(sizeof(ulong), 16);
	done = chancreate(sizeof(ulong), NS);
	for(i = 0; i < NS; i++){
		last[i] = ~0UL;
		if(i & 1)
			proccreate(sender, (void*)i, 32768);
		else
			threadcreate(sender, (void*)i, 32768);
	}
	for(n = 0; n < NS*PER; n++){
		v = recvul(c);
		i = v>>32;
		if(i >= NS || (v & 0xffffffff) != last[i] + 1)
			sysfatal("sender %lud: got %lud after %lud", i, v & 0xffffffff, last[i]);
		last[i] = v & 0xffffffff;
	}
	for(i = 0; i < NS; i++)
		recvul(done);
	if(nbrecvul(c) != 0)
		sysfatal("extra value");
	print("order ok %lud\n", n);
	threadexitsall(nil);
}
