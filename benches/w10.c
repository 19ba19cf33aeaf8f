/*
 * W10: TCP echo on 127.0.0.1. C clients (threads of the main proc) each hold one
 * connection to a server proc, which runs one thread per connection; every round trip
 * is a 64-byte request and a 64-byte reply. op = one round trip (over all
 * connections). Client c sends the values i ≡ c (mod C) below N in the request's
 * first 8 bytes; the server replies with value+1. Checksum: the sum of the replies,
 * N(N+1)/2.
 * Default: threadread/threadwrite (threadreadn for the 64 bytes). Built with
 * -DIOPROCS: every connection's thread, client and server, does its reads and writes
 * through an ioproc of its own (ioreadn/iowrite).
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include "bench.h"

#undef listen	/* lib9 names plan9port's listen(dir, newdir) so; this is the socket call */

enum
{
	C = 100,	/* connections */
	MSG = 64	/* request and reply bytes */
};

static int lfd;
static struct sockaddr_in addr;
static int n;
static Channel *ready, *go, *done, *srvready;

#ifdef IOPROCS
#define RDN(io, fd, b, k)	ioreadn(io, fd, b, k)
#define WR(io, fd, b, k)	iowrite(io, fd, b, k)
#define IONEW()	ioproc()
#define IOCLOSE(io)	closeioproc(io)
#else
#define RDN(io, fd, b, k)	threadreadn(fd, b, k)
#define WR(io, fd, b, k)	threadwrite(fd, b, k)
#define IONEW()	nil
#define IOCLOSE(io)	USED(io)
#endif

static void
fatal(char *what)
{
	fprint(2, "w10: %s: %r\n", what);
	threadexitsall(what);
}

static void
nodelay(int fd)
{
	int one;

	one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void
serveconn(void *arg)
{
	int fd;
	uchar buf[MSG];
	uvlong v;
	Ioproc *io;

	fd = (int)(uintptr)arg;
	io = IONEW();
	for(;;){
		if(RDN(io, fd, buf, MSG) != MSG)
			break;
		memmove(&v, buf, 8);
		v++;
		memmove(buf, &v, 8);
		if(WR(io, fd, buf, MSG) != MSG)
			break;
	}
	IOCLOSE(io);
	close(fd);
}

static void
server(void *arg)
{
	int i, fd;

	USED(arg);
	sendul(srvready, 1);
	for(i = 0; i < C; i++){
		fd = threadsockaccept(lfd, nil, nil);
		if(fd < 0)
			fatal("accept");
		nodelay(fd);
		threadcreate(serveconn, (void*)(uintptr)fd, STK);
	}
	close(lfd);
}

static void
client(void *arg)
{
	int c, fd, i;
	uchar buf[MSG];
	uvlong v, sum;
	Ioproc *io;

	c = (int)(uintptr)arg;
	fd = socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0);
	if(fd < 0 || threadconnect(fd, (struct sockaddr*)&addr, sizeof addr) < 0)
		fatal("connect");
	nodelay(fd);
	io = IONEW();
	memset(buf, c, sizeof buf);
	sendul(ready, 1);
	recvul(go);
	sum = 0;
	for(i = c; i < n; i += C){
		v = i;
		memmove(buf, &v, 8);
		if(WR(io, fd, buf, MSG) != MSG)
			fatal("client write");
		if(RDN(io, fd, buf, MSG) != MSG)
			fatal("client read");
		memmove(&v, buf, 8);
		sum += v;
	}
	IOCLOSE(io);
	close(fd);
	send(done, &sum);
}

void
threadmain(int argc, char *argv[])
{
	int i;
	socklen_t len;
	vlong t0;
	uvlong sum, s;

	n = argn(argc, argv, 200000);
	ready = chancreate(sizeof(ulong), C);
	go = chancreate(sizeof(ulong), C);
	done = chancreate(sizeof(uvlong), C);
	srvready = chancreate(sizeof(ulong), 0);
	lfd = socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	len = sizeof addr;
	if(lfd < 0 || bind(lfd, (struct sockaddr*)&addr, sizeof addr) < 0 || listen(lfd, 2*C) < 0 ||
	   getsockname(lfd, (struct sockaddr*)&addr, &len) < 0)
		fatal("listen");
	proccreate(server, nil, STK);
	recvul(srvready);
	for(i = 0; i < C; i++)
		threadcreate(client, (void*)(uintptr)i, STK);
	for(i = 0; i < C; i++)
		recvul(ready);
	t0 = nowns();
	for(i = 0; i < C; i++)
		sendul(go, 1);
	sum = 0;
	for(i = 0; i < C; i++){
		recv(done, &s);
		sum += s;
	}
	report(n, nowns()-t0);
	print("%llud\n", sum);
	threadexitsall(nil);
}
