/* chanclose wakes blocked senders, receivers and alts with failure (9front rules);
 * buffered data stays receivable after close; chanclosing reports it. */
#include <u.h>
#include <libc.h>
#include <thread.h>

Channel *res;

void
blocksend(void *arg)
{
	int v = 1;
	sendul(res, send(arg, &v));
}

void
blockrecv(void *arg)
{
	int v;
	sendul(res, recv(arg, &v));
}

void
blockalt(void *arg)
{
	Channel **c;
	Alt a[3];
	int v, r;

	c = arg;
	a[0].c = c[0]; a[0].v = &v; a[0].op = CHANRCV; a[0].err = nil;
	a[1].c = c[1]; a[1].v = &v; a[1].op = CHANRCV; a[1].err = nil;
	a[2].op = CHANEND;
	r = alt(a);
	/* c[0] closed while we waited: that entry comes back with err set */
	sendul(res, r == 0 && a[0].err != nil ? 100 : 200 + r);
	/* now c[0] closed, c[1] open: blocks on c[1] only; close c[1] too */
	r = alt(a);
	sendul(res, r == 1 && a[1].err != nil ? 101 : 300 + r);
	/* everything closed and reported: -1 */
	r = alt(a);
	sendul(res, r == -1 ? 102 : 400 + r);
}

void
threadmain(int argc, char *argv[])
{
	Channel *u, *b, *ac[2];
	int v, i;

	USED(argc);
	USED(argv);
	res = chancreate(sizeof(ulong), 16);
	u = chancreate(sizeof(int), 0);
	proccreate(blocksend, u, 32768);
	threadcreate(blockrecv, u, 32768);	/* pairs with the sender: both succeed */
	print("%lud %lud\n", recvul(res), recvul(res));

	threadcreate(blocksend, u, 32768);
	proccreate(blocksend, u, 32768);
	threadcreate(blockrecv, chancreate(sizeof(int), 0), 32768);
	yield();
	sleep(50);
	if(chanclosing(u) != -1)
		sysfatal("chanclosing before close");
	if(chanclose(u) != 0 || chanclose(u) != -1)
		sysfatal("chanclose return values");
	print("senders %ld %ld\n", (long)recvul(res), (long)recvul(res));
	if(send(u, &v) != -1 || recv(u, &v) != -1 || nbsend(u, &v) != -1)
		sysfatal("ops on closed channel");

	b = chancreate(sizeof(int), 4);
	for(i = 0; i < 3; i++)
		send(b, &i);
	chanclose(b);
	print("closing %d\n", chanclosing(b));
	for(i = 0; i < 3; i++)
		if(recv(b, &v) != 1 || v != i)
			sysfatal("buffered after close");
	if(recv(b, &v) != -1)
		sysfatal("recv on drained closed channel");

	ac[0] = chancreate(sizeof(int), 0);
	ac[1] = chancreate(sizeof(int), 0);
	proccreate(blockalt, ac, 32768);
	sleep(50);
	chanclose(ac[0]);
	print("alt %lud\n", recvul(res));
	sleep(50);
	chanclose(ac[1]);
	print("alt %lud\n", recvul(res));
	print("alt %lud\n", recvul(res));
	threadexitsall(nil);
}
