/* sendfd/recvfd over p9pipe, read9pmsg, and dial of unix!path and bad addresses. */
#include <u.h>
#include <libc.h>
#include <thread.h>
#undef listen	/* this test uses the Unix socket calls, not lib9's */
#undef accept
#include <sys/un.h>

void
threadmain(int argc, char **argv)
{
	int p[2], q[2], fd, l;
	uchar msg[64], buf[64];
	char path[64], addr[80];
	struct sockaddr_un sa;

	USED(argc);
	USED(argv);
	if(pipe(p) < 0 || pipe(q) < 0)
		sysfatal("pipe: %r");
	print("sendfd %d\n", sendfd(p[0], q[1]));
	fd = recvfd(p[1]);
	print("recvfd ok %d\n", fd >= 0 && fd != q[1]);
	write(fd, "via passed fd", 13);
	memset(buf, 0, sizeof buf);
	read(q[0], buf, 13);
	print("read %s\n", (char*)buf);
	close(fd);

	/* A 9P message: size[4] = 11, then 7 bytes; then a bad size. */
	msg[0] = 11; msg[1] = 0; msg[2] = 0; msg[3] = 0;
	memmove(msg+4, "Tstuff!", 7);
	write(q[1], msg, 11);
	print("read9pmsg %d\n", read9pmsg(q[0], buf, sizeof buf));
	msg[0] = 200;
	write(q[1], msg, 4);
	print("read9pmsg bad size %d: %r\n", read9pmsg(q[0], buf, sizeof buf));
	close(q[1]);
	print("read9pmsg eof %d\n", read9pmsg(q[0], buf, sizeof buf));

	snprint(path, sizeof path, "/tmp/thread9-dial-%d", getpid());
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, path);
	if(bind(l, (struct sockaddr*)&sa, sizeof sa) < 0 || listen(l, 1) < 0)
		sysfatal("bind/listen failed");
	snprint(addr, sizeof addr, "unix!%s", path);
	fd = dial(addr, nil, nil, nil);
	print("dial unix %d\n", fd >= 0);
	close(fd);
	close(l);
	unlink(path);
	print("dial missing %d\n", dial(addr, nil, nil, nil));
	print("dial bad %d\n", dial("nonsense", nil, nil, nil));
}
