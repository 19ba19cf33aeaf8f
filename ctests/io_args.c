/* iocall hands the ioproc a va_list it can va_arg: int, long, pointer, double. Plus the io* calls. */
#include <unistd.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <u.h>
#include <libc.h>
#include <thread.h>
#undef listen	/* this test uses the Unix socket calls, not lib9's */
#undef accept

static long
sumop(va_list *arg)
{
	int i;
	long l;
	double d;
	long *out;

	i = va_arg(*arg, int);
	l = va_arg(*arg, long);
	out = va_arg(*arg, long*);
	d = va_arg(*arg, double);
	*out = i + l + (long)(d*10);
	return i + l;
}

static long
errnoop(va_list *arg)
{
	int fd;

	fd = va_arg(*arg, int);
	return read(fd, &fd, 1);
}

void
threadmain(int argc, char **argv)
{
	Ioproc *io;
	long r, out;
	int p[2], s[2], fd;
	char buf[64], err[128];
	uchar msg[16];

	io = ioproc();
	out = 0;
	r = iocall(io, sumop, 3, 1000000000000L, &out, 2.5);
	print("sum %ld out %ld\n", r, out);
	r = iocall(io, errnoop, -1);
	rerrstr(err, sizeof err);
	print("errno %ld %s\n", r, err);

	if(pipe(p) < 0)
		sysfatal("pipe");
	print("write %ld\n", iowrite(io, p[1], "hello", 5));
	print("read %ld\n", ioread(io, p[0], buf, 2));
	print("readn %ld\n", ioreadn(io, p[0], buf+2, 3));
	buf[5] = 0;
	print("got %s\n", buf);

	/* 9P message: size[4] little-endian includes itself */
	msg[0] = 9; msg[1] = 0; msg[2] = 0; msg[3] = 0;
	memmove(msg+4, "abcde", 5);
	iowrite(io, p[1], msg, 9);
	print("9p %d\n", ioread9pmsg(io, p[0], buf, sizeof buf));
	msg[0] = 200;
	iowrite(io, p[1], msg, 4);
	r = ioread9pmsg(io, p[0], buf, sizeof buf);
	rerrstr(err, sizeof err);
	print("9p bad %ld %s\n", r, err);
	close(p[1]);
	print("9p eof %d\n", ioread9pmsg(io, p[0], buf, sizeof buf));
	print("close %d\n", ioclose(io, p[0]));

	if(socketpair(AF_UNIX, SOCK_STREAM, 0, s) < 0)
		sysfatal("socketpair");
	fd = open("/dev/null", O_RDONLY);
	print("sendfd %d\n", iosendfd(io, s[0], fd));
	r = iorecvfd(io, s[1]);
	print("recvfd %s\n", r >= 0 && r != fd ? "ok" : "bad");
	print("sleep %d\n", iosleep(io, 10));
	print("flush %d\n", ioflush(io));
	fd = ioopen(io, "/nonexistent/file", 0);
	rerrstr(err, sizeof err);
	print("open %d %s\n", fd, err);
	fd = ioopen(io, "/dev/null", 0);
	print("open ok %d\n", fd >= 0);
	print("dial %d\n", iodial(io, "unix!/nonexistent/sock", nil, nil, nil));
	{
		struct sockaddr_in sa;
		socklen_t len;
		int l, c, a;
		char addr[64];

		l = socket(AF_INET, SOCK_STREAM, 0);
		memset(&sa, 0, sizeof sa);
		sa.sin_family = AF_INET;
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof sa;
		if(bind(l, (struct sockaddr*)&sa, sizeof sa) < 0 || listen(l, 1) < 0 || getsockname(l, (struct sockaddr*)&sa, &len) < 0)
			sysfatal("listen");
		snprintf(addr, sizeof addr, "tcp!127.0.0.1!%d", ntohs(sa.sin_port));
		c = iodial(io, addr, nil, nil, nil);
		a = accept(l, nil, nil);
		print("tcp dial %s\n", c >= 0 && a >= 0 && write(c, "t", 1) == 1 && read(a, buf, 1) == 1 && buf[0] == 't' ? "ok" : "failed");
		print("bad dial %d\n", iodial(io, "tcp!127.0.0.1", nil, nil, nil) < 0);
	}
	closeioproc(io);
	threadexits(nil);
}
