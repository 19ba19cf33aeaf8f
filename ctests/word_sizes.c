/* The word calls (sendul/recvul/sendp/recvp and the nb forms) on channels of every
 * element size up to a word, as plan9port allows: acme makes its exit and timer
 * channels with chancreate(sizeof(int), 0) and uses sendul/recvul on them. The low
 * elemsize bytes are sent; a receive zero-extends. Mixed with send/recv of the
 * element's own type, unbuffered (across threads and procs) and buffered. */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { N = 4 };
static int sizes[N] = { 1, 2, 4, 8 };
static Channel *unbuf[N], *buf[N], *done;

static void
sender(void *v)
{
	int i;

	USED(v);
	for(i = 0; i < N; i++)
		sendul(unbuf[i], 0x1122334455667788ULL);	/* truncated to sizes[i] */
	for(i = 0; i < N; i++){
		/* the element's own type on the other side */
		switch(sizes[i]){
		case 1: { uchar x = 0xA1; send(unbuf[i], &x); break; }
		case 2: { ushort x = 0xA1B2; send(unbuf[i], &x); break; }
		case 4: { uint x = 0xA1B2C3D4; send(unbuf[i], &x); break; }
		case 8: { uvlong x = 0xA1B2C3D4E5F60718ULL; send(unbuf[i], &x); break; }
		}
	}
	sendp(unbuf[3], (void*)0x1234);
	sendul(done, 1);
}

static void
cexitproc(void *v)
{
	Channel *cexit;

	cexit = v;
	sendul(cexit, 0);	/* acme's pattern: an int channel, sendul from another proc */
}

void
threadmain(int argc, char *argv[])
{
	int i, r[3];
	ulong u;
	uchar b1;
	ushort b2;
	uint b4;
	uvlong b8;
	Channel *cexit;

	USED(argc);
	USED(argv);
	done = chancreate(sizeof(int), 0);
	for(i = 0; i < N; i++){
		unbuf[i] = chancreate(sizeof(int) == sizes[i] ? sizeof(int) : sizes[i], 0);
		buf[i] = chancreate(sizes[i], 2);
	}
	threadcreate(sender, nil, 65536);
	for(i = 0; i < N; i++)
		print("recvul %d: %#llux\n", sizes[i], (uvlong)recvul(unbuf[i]));
	for(i = 0; i < N; i++){
		u = recvul(unbuf[i]);
		print("recvul of send %d: %#llux\n", sizes[i], (uvlong)u);
	}
	print("recvp 8: %p\n", recvp(unbuf[3]));
	print("done %lud\n", recvul(done));

	/* buffered: nbsendul fills, recv of the element's type reads it back, and
	 * the other way round */
	for(i = 0; i < N; i++){
		r[0] = nbsendul(buf[i], ~0UL);
		r[1] = nbsendul(buf[i], 0x5A);
		r[2] = nbsendul(buf[i], 1);	/* full */
		print("nbsendul %d: %d %d %d\n", sizes[i], r[0], r[1], r[2]);
		switch(sizes[i]){
		case 1: b1 = 0; recv(buf[i], &b1); print("recv 1: %#ux\n", b1); break;
		case 2: b2 = 0; recv(buf[i], &b2); print("recv 2: %#ux\n", b2); break;
		case 4: b4 = 0; recv(buf[i], &b4); print("recv 4: %#ux\n", b4); break;
		case 8: b8 = 0; recv(buf[i], &b8); print("recv 8: %#llux\n", b8); break;
		}
		print("nbrecvul %d: %#llux\n", sizes[i], (uvlong)nbrecvul(buf[i]));
		print("nbrecvul empty %d: %#llux\n", sizes[i], (uvlong)nbrecvul(buf[i]));
	}

	cexit = chancreate(sizeof(int), 0);
	chansetname(cexit, "cexit");
	proccreate(cexitproc, cexit, 65536);
	print("cexit %lud\n", recvul(cexit));
	threadexitsall(nil);
}
