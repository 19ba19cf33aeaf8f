/*
 * lib9's network calls behave as plan9port's (docs/lib9-parity.md): which socket
 * options and fd flags dial, announce and listen leave, what `*`, service names,
 * local addresses and unix! paths mean, and the error strings.
 */
#include <u.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <libc.h>
#include <thread.h>

static int
opt(int fd, int level, int name)
{
	int v;
	socklen_t n;

	v = -1;
	n = sizeof v;
	if(getsockopt(fd, level, name, &v, &n) < 0)
		return -1;
	return v != 0;
}

static int
port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t n;

	n = sizeof ss;
	if(getsockname(fd, (struct sockaddr*)&ss, &n) < 0)
		return -1;
	if(ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6*)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in*)&ss)->sin_port);
}

static int
family(int fd)
{
	struct sockaddr_storage ss;
	socklen_t n;

	n = sizeof ss;
	if(getsockname(fd, (struct sockaddr*)&ss, &n) < 0)
		return -1;
	return ss.ss_family;
}

static void
flags(char *what, int fd)
{
	print("%s: cloexec %d nonblock %d\n", what,
		(fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0, (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
}

/* A TCP port nobody uses right now. */
static int
freeport(void)
{
	int s, p;
	struct sockaddr_in sin;

	s = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if(bind(s, (struct sockaddr*)&sin, sizeof sin) < 0)
		sysfatal("bind: %r");
	p = port(s);
	close(s);
	return p;
}

void
threadmain(int argc, char **argv)
{
	char adir[NETPATHLEN], ldir[NETPATHLEN], addr[128], path[128];
	int afd, lfd, dfd, fd, p, lp, u, s[2];

	USED(argc);
	USED(argv);

	/* announce tcp!*!port: dual-stack (IPv6 any), SO_REUSEADDR, not cloexec. */
	p = freeport();
	snprint(addr, sizeof addr, "tcp!*!%d", p);
	afd = announce(addr, adir);
	print("announce tcp!*: ok %d ipv6 %d reuseaddr %d\n", afd >= 0, family(afd) == AF_INET6, opt(afd, SOL_SOCKET, SO_REUSEADDR));
	flags("announce", afd);

	/* dial: SO_BROADCAST set, blocking, inheritable; ::1 reaches the * announcement. */
	snprint(addr, sizeof addr, "tcp!127.0.0.1!%d", p);
	dfd = dial(addr, nil, nil, nil);
	print("dial tcp: ok %d broadcast %d\n", dfd >= 0, opt(dfd, SOL_SOCKET, SO_BROADCAST));
	flags("dial", dfd);
	lfd = listen(adir, ldir);
	print("listen: ok %d nodelay %d\n", lfd >= 0, opt(lfd, IPPROTO_TCP, TCP_NODELAY));
	flags("listen", lfd);
	fd = accept(lfd, ldir);
	print("accept: ok %d same %d\n", fd >= 0, fd != lfd);
	close(fd);
	close(lfd);
	close(dfd);
	snprint(addr, sizeof addr, "tcp!::1!%d", p);
	dfd = dial(addr, nil, nil, nil);
	print("dial ::1 to *: ok %d\n", dfd >= 0);
	if(dfd >= 0){
		lfd = listen(adir, ldir);
		close(lfd);
		close(dfd);
	}

	/* dial with a local address binds it. */
	lp = freeport();
	snprint(path, sizeof path, "tcp!127.0.0.1!%d", lp);
	snprint(addr, sizeof addr, "tcp!127.0.0.1!%d", p);
	dfd = dial(addr, path, nil, nil);
	print("dial local: ok %d port %d\n", dfd >= 0, port(dfd) == lp);
	lfd = listen(adir, ldir);
	close(lfd);
	close(dfd);
	close(afd);

	/* announce on port 0 and UDP announce: no SO_REUSEADDR. */
	afd = announce("tcp!127.0.0.1!0", adir);
	print("announce port 0: ok %d reuseaddr %d\n", afd >= 0, opt(afd, SOL_SOCKET, SO_REUSEADDR));
	close(afd);
	u = announce("udp!127.0.0.1!0", adir);
	print("announce udp: ok %d reuseaddr %d\n", u >= 0, opt(u, SOL_SOCKET, SO_REUSEADDR));
	snprint(addr, sizeof addr, "udp!127.0.0.1!%d", port(u));
	dfd = dial(addr, nil, nil, nil);
	print("dial udp: ok %d broadcast %d ipv4 %d\n", dfd >= 0, opt(dfd, SOL_SOCKET, SO_BROADCAST), family(dfd) == AF_INET);
	close(dfd);
	close(u);
	snprint(addr, sizeof addr, "udp!localhost!%d", freeport());
	dfd = dial(addr, nil, nil, nil);
	print("dial udp localhost: ipv4 %d\n", family(dfd) == AF_INET);
	close(dfd);

	/* Service names plan9port knows without /etc/services; * is not a dial address. */
	print("dial 9fs: %d %r\n", dial("tcp!127.0.0.1!9fs", nil, nil, nil));
	print("dial *: %d %r\n", dial("tcp!*!564", nil, nil, nil));
	print("dial il: %d %r\n", dial("il!127.0.0.1!564", nil, nil, nil));
	print("announce il: %d %r\n", announce("il!*!564", adir));
	print("announce empty host: %d %r\n", announce("tcp!!564", adir));
	print("listen bad dir: %d %r\n", listen("/net/tcp/1", ldir));
	print("accept bad dir: %d %r\n", accept(-1, "nonsense"));

	/* unix!: a stale socket file is replaced; dial opens plain files too. */
	snprint(path, sizeof path, "/tmp/thread9-parity-%d", getpid());
	snprint(addr, sizeof addr, "unix!%s", path);
	afd = announce(addr, adir);
	print("announce unix: ok %d\n", afd >= 0);
	close(afd);
	afd = announce(addr, adir);
	print("announce unix again (stale socket): ok %d\n", afd >= 0);
	flags("announce unix", afd);
	dfd = dial(addr, nil, nil, nil);
	print("dial unix: ok %d\n", dfd >= 0);
	flags("dial unix", dfd);
	close(dfd);
	close(afd);
	remove(path);
	fd = dial(addr, nil, nil, nil);
	rerrstr(ldir, sizeof ldir);
	print("dial unix missing: %d connect-error %d\n", fd, strncmp(ldir, "connect /tmp/", 13) == 0);
	fd = create(path, OWRITE, 0600);
	write(fd, "file", 4);
	close(fd);
	dfd = dial(addr, nil, nil, nil);
	memset(path+100, 0, 8);
	print("dial unix regular file: ok %d read %ld\n", dfd >= 0, read(dfd, path+100, 8));
	close(dfd);
	remove(path);

	/* recvfd at end of file. */
	if(socketpair(AF_UNIX, SOCK_STREAM, 0, s) < 0)
		sysfatal("socketpair: %r");
	close(s[1]);
	print("recvfd eof: %d %r\n", recvfd(s[0]));
	close(s[0]);
	threadexitsall(nil);
}
