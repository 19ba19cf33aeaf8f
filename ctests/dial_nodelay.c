/* dial and iodial of tcp! addresses turn Nagle's algorithm off (TCP_NODELAY), as
 * plan9port's dial does: libventi writes each packet in several writes, and with
 * Nagle on every request waits for the server's delayed ACK (venti clients ran
 * 100x slower). */
#include <u.h>
#include <libc.h>
#include <thread.h>
#undef listen	/* this test uses the Unix socket calls, not lib9's */
#undef accept
#include <netinet/in.h>
#include <netinet/tcp.h>

static int
nodelay(int fd)
{
	int v;
	socklen_t n;

	v = -1;
	n = sizeof v;
	if(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, &n) < 0)
		return -1;
	return v != 0;
}

void
threadmain(int argc, char **argv)
{
	int l, fd;
	char addr[64];
	struct sockaddr_in sa;
	socklen_t n;
	Ioproc *io;

	USED(argc);
	USED(argv);
	l = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	n = sizeof sa;
	if(bind(l, (struct sockaddr*)&sa, sizeof sa) < 0 || listen(l, 4) < 0
	|| getsockname(l, (struct sockaddr*)&sa, &n) < 0)
		sysfatal("bind/listen: %r");
	snprint(addr, sizeof addr, "tcp!127.0.0.1!%d", ntohs(sa.sin_port));

	fd = dial(addr, nil, nil, nil);
	if(fd < 0)
		sysfatal("dial %s: %r", addr);
	print("dial nodelay %d\n", nodelay(fd));
	close(fd);

	snprint(addr, sizeof addr, "net!127.0.0.1!%d", ntohs(sa.sin_port));
	io = ioproc();
	fd = iodial(io, addr, nil, nil, nil);
	if(fd < 0)
		sysfatal("iodial %s: %r", addr);
	print("iodial nodelay %d\n", nodelay(fd));
	close(fd);
	closeioproc(io);
	threadexitsall(nil);
}
