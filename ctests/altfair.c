/* alt picks uniformly among ready cases: each of 4 always-ready buffered channels
 * must be chosen 20-30% of 100,000 times. Also CHANNOBLK and NOP entries. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	Channel *c[4];
	Alt a[6];
	int i, n, r, v, count[4];

	USED(argc);
	USED(argv);
	for(i = 0; i < 4; i++){
		c[i] = chancreate(sizeof(int), 1);
		v = i;
		send(c[i], &v);
		a[i].c = c[i];
		a[i].v = &v;
		a[i].op = CHANRCV;
		count[i] = 0;
	}
	a[4].c = nil;
	a[4].v = nil;
	a[4].op = CHANNOP;
	a[5].op = CHANEND;
	for(n = 0; n < 100000; n++){
		r = alt(a);
		if(r < 0 || r > 3 || v != r)
			sysfatal("alt returned %d (v %d)", r, v);
		count[r]++;
		send(c[r], &v);
	}
	for(i = 0; i < 4; i++)
		if(count[i] < 20000 || count[i] > 30000)
			sysfatal("case %d chosen %d times", i, count[i]);
	print("fair\n");

	/* nothing ready + CHANNOBLK → -1 */
	for(i = 0; i < 4; i++)
		recv(c[i], &v);
	a[4].op = CHANNOBLK;
	r = alt(a);
	if(r != -1)
		sysfatal("CHANNOBLK alt returned %d", r);
	/* a send case completes into the buffer */
	a[0].op = CHANSND;
	v = 42;
	r = alt(a);
	if(r != 0)
		sysfatal("send alt returned %d", r);
	recv(c[0], &v);
	if(v != 42)
		sysfatal("got %d", v);
	print("noblock ok\n");
	threadexitsall(nil);
}
