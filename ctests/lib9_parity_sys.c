/*
 * lib9's file, process and note calls behave as plan9port's (docs/lib9-parity.md):
 * OLOCK, create's permissions and ORCLOSE, error strings, realloc(p, 0), rfork's
 * flags, the signal state exec hands on, notes interrupting readn/wait/listen,
 * postnote to a process group, SIGPIPE as a note, and atexit in a forked child.
 */
#include <u.h>
#include <signal.h>
#include <netinet/in.h>
#include <libc.h>
#include <thread.h>
/* The forked children below are single-threaded processes that end with exits. */
#undef exits
#undef _exits

int gotalarm, gotpipe;

static void
handler(void *v, char *s)
{
	USED(v);
	if(strcmp(s, "alarm") == 0){
		gotalarm++;
		noted(NCONT);
	}
	if(strcmp(s, "sys: write on closed pipe") == 0)
		gotpipe++;
	noted(NDFLT);
}

static void
bye(void)
{
	print("atexit handler ran\n");
}

static void
olock(char *path)
{
	int fd, p[2], pid;
	char c;
	struct flock fl;

	fd = create(path, ORDWR, 0600);
	close(fd);
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	switch(pid = rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		fd = open(path, ORDWR|OLOCK);
		write(p[1], fd >= 0 ? "y" : "n", 1);
		sleep(1500);
		_exits(nil);
	}
	read(p[0], &c, 1);
	print("child locked: %c\n", c);
	fd = open(path, OREAD);
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_RDLCK;
	fl.l_whence = SEEK_SET;
	fcntl(fd, F_GETLK, &fl);
	print("fcntl sees the child's write lock: %d\n", fl.l_type == F_WRLCK && fl.l_pid == pid);
	close(fd);
	/* plan9port's OLOCK does not wait (a lock that waited returns once the child exits). */
	fd = open(path, OREAD|OLOCK);
	print("open OLOCK of a locked file: %d %r\n", fd < 0 ? fd : 1);
	close(fd);
	free(waitfor(pid));
	fd = open(path, OREAD|OLOCK);
	print("open OLOCK once released: ok %d\n", fd >= 0);
	close(fd);
	close(p[0]);
	close(p[1]);
	remove(path);
}

/* The signal state a program started by exec after rfork sees (from /proc). */
static void
execstate(void)
{
	int p[2], n, tot;
	char buf[8192], *s;
	uvlong blk, ign;
	struct sigaction sa;
	int pipeign, tstpign;

	sigaction(SIGPIPE, nil, &sa);
	pipeign = sa.sa_handler == SIG_IGN;
	sigaction(SIGTSTP, nil, &sa);
	tstpign = sa.sa_handler == SIG_IGN;
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	switch(rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		dup(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl("/bin/cat", "cat", "/proc/self/status", nil);
		_exits("exec failed");
	}
	close(p[1]);
	tot = 0;
	while(tot < sizeof buf - 1 && (n = read(p[0], buf+tot, sizeof buf - 1 - tot)) > 0)
		tot += n;
	buf[tot] = 0;
	close(p[0]);
	free(wait());
	blk = ign = ~0ULL;
	if((s = strstr(buf, "SigBlk:")) != nil)
		blk = strtoull(s+7, nil, 16);
	if((s = strstr(buf, "SigIgn:")) != nil)
		ign = strtoull(s+7, nil, 16);
	print("exec'd child: SIGQUIT blocked %d\n", (int)((blk >> (SIGQUIT-1)) & 1));
	print("exec'd child: SIGPIPE ignored as the parent's was %d\n", (int)((ign >> (SIGPIPE-1)) & 1) == pipeign);
	print("exec'd child: SIGTSTP ignored as the parent's was %d\n", (int)((ign >> (SIGTSTP-1)) & 1) == tstpign);
}

static void
rforkflags(void)
{
	int p[2], pid;
	char c;

	print("rfork RFNOWAIT alone: %d %r\n", rfork(RFNOWAIT));
	print("rfork RFMEM: %d %r\n", rfork(RFPROC|RFMEM));
	print("rfork RFCFDG: %d %r\n", rfork(RFPROC|RFFDG|RFCFDG));
	putenv("PARITYVAR", "x");
	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	switch(pid = rfork(RFPROC|RFFDG|RFCENVG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		write(p[1], getenv("PARITYVAR") == nil && getenv("PATH") == nil ? "y" : "n", 1);
		_exits(nil);
	}
	read(p[0], &c, 1);
	print("rfork RFCENVG: child's environment empty %c, parent's kept %d\n", c, getenv("PARITYVAR") != nil);
	free(waitfor(pid));
	close(p[0]);
	close(p[1]);
}

static void
group(void)
{
	int g[2], a, b, n;
	char buf[32];
	Waitmsg *w;

	if(pipe(g) < 0)
		sysfatal("pipe: %r");
	switch(a = rfork(RFPROC|RFFDG|RFNOTEG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		switch(b = rfork(RFPROC|RFFDG)){
		case 0:
			sleep(10000);
			_exits("b lived");
		}
		fprint(g[1], "%d", b);
		sleep(10000);
		_exits("a lived");
	}
	n = read(g[0], buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	b = atoi(buf);
	print("postnote PNGROUP via a member: %d\n", postnote(PNGROUP, b, "kill"));
	w = waitfor(a);
	print("group leader: %s\n", w ? w->msg : "no waitmsg");
	free(w);
	close(g[0]);
	close(g[1]);
	print("postnote bad note: %d %r\n", postnote(PNPROC, getpid(), "no such note"));
	print("postnote bad pid: %d %r\n", postnote(PNPROC, 0, "kill"));
	print("postnote bad who: %d %r\n", postnote(7, getpid(), "kill"));
}

/* errstr as errstr/rerrstr give it (plan9port's %r says "Interrupted system call"). */
static char*
err(void)
{
	static char e[ERRMAX];

	rerrstr(e, sizeof e);
	return e;
}

/*
 * A note (here the alarm) interrupts readn, wait and listen. Children unblock each
 * call a little later, so a version that retried would still finish (with other
 * results).
 */
static void
interrupted(void)
{
	int p[2], pid, afd, fd;
	long n;
	char buf[16], adir[NETPATHLEN], ldir[NETPATHLEN], addr[64];
	Waitmsg *w;
	struct sockaddr_in sin;
	socklen_t len;

	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	write(p[1], "abc", 3);
	switch(pid = rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		sleep(1000);
		write(p[1], "defghij", 7);
		sleep(1000);
		write(p[1], "0123456789", 10);
		_exits(nil);
	}
	alarm(200);
	n = readn(p[0], buf, 10);
	alarm(0);
	print("readn interrupted after 3 bytes: %ld\n", n);
	alarm(200);
	n = readn(p[0], buf, 10);
	alarm(0);
	print("readn interrupted before any: %ld %s\n", n, err());
	free(waitfor(pid));
	close(p[0]);
	close(p[1]);

	switch(pid = rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		sleep(2000);
		_exits("slept");
	}
	alarm(200);
	w = wait();
	alarm(0);
	print("wait interrupted: nil %d %s\n", w == nil, err());
	free(w);
	postnote(PNPROC, pid, "kill");
	w = wait();
	print("then: %s\n", w ? w->msg : "no waitmsg");
	free(w);

	afd = announce("tcp!127.0.0.1!0", adir);
	len = sizeof sin;
	getsockname(afd, (struct sockaddr*)&sin, &len);
	snprint(addr, sizeof addr, "tcp!127.0.0.1!%d", ntohs(sin.sin_port));
	switch(pid = rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		sleep(1000);
		fd = dial(addr, nil, nil, nil);
		sleep(500);
		_exits(fd < 0 ? "dial failed" : nil);
	}
	alarm(200);
	n = listen(adir, ldir);
	alarm(0);
	print("listen interrupted: %ld %s\n", n < 0 ? n : 1, n < 0 ? err() : "");
	if(n >= 0)
		close(n);
	free(waitfor(pid));
	close(afd);

	alarm(100);
	n = sleep(5000);
	alarm(0);
	print("sleep interrupted: %ld\n", n);
	print("alarms: %d\n", gotalarm);

	if(pipe(p) < 0)
		sysfatal("pipe: %r");
	close(p[0]);
	n = write(p[1], "x", 1);
	close(p[1]);
	print("write on closed pipe: %ld, note seen %d\n", n, gotpipe);
}

void
threadmain(int argc, char **argv)
{
	char path[64], dir[64];
	int fd, pid;
	void *v;
	struct stat st;

	USED(argc);
	USED(argv);
	umask(022);
	snprint(path, sizeof path, "/tmp/thread9-parity-sys-%d", getpid());
	snprint(dir, sizeof dir, "/tmp/thread9-parity-dir-%d", getpid());

	olock(path);

	fd = create(path, OWRITE, 04755);
	stat(path, &st);
	print("create 04755: mode %o\n", (int)(st.st_mode & 07777));
	close(fd);
	remove(path);
	fd = create(dir, OREAD|ORCLOSE, DMDIR|0755);
	print("create DMDIR|ORCLOSE: ok %d, gone %d\n", fd >= 0, access(dir, 0) < 0);
	close(fd);
	rmdir(dir);
	print("open bad mode: %d %r\n", open("/dev/null", OREAD|0x800));
	print("create bad mode: %d %r\n", create(path, OWRITE|0x800, 0600));
	print("create dir for writing: %d %r\n", create(dir, OWRITE, DMDIR|0755));

	v = malloc(10);
	print("realloc(p, 0) is nil: %d\n", realloc(v, 0) == nil);

	rforkflags();
	execstate();
	group();

	atexit(bye);
	switch(pid = rfork(RFPROC|RFFDG)){
	case -1:
		sysfatal("rfork: %r");
	case 0:
		exits(nil);
	}
	free(waitfor(pid));
	print("child exited\n");

	notify(handler);
	interrupted();
	threadexitsall(nil);
}
