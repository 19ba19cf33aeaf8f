/*
 * The rest of lib9 Tier 2: getuser, sysname, get9root, unsharp, searchpath,
 * opentemp, getwd, truerand, alarm, dialparse, exec/execl.
 */
#include <u.h>
#include <netinet/in.h>
#include <sys/un.h>
#include <libc.h>
#include <thread.h>

void
dparse(char *s)
{
	char buf[128], *net, *unixa;
	struct sockaddr_storage ss;
	int port, r;

	strcpy(buf, s);
	net = unixa = nil;
	port = -1;
	r = p9dialparse(buf, &net, &unixa, &ss, &port);
	if(r < 0){
		print("dialparse %s: %d %r\n", s, r);
		return;
	}
	print("dialparse %s: net %s unix %s family %s port %d", s, net, unixa ? unixa : "nil",
		ss.ss_family == AF_INET ? "inet" : ss.ss_family == AF_INET6 ? "inet6" :
		ss.ss_family == AF_UNIX ? "unix" : "?", port);
	if(ss.ss_family == AF_INET)
		print(" sin_port %d", ntohs(((struct sockaddr_in*)&ss)->sin_port));
	if(ss.ss_family == AF_UNIX)
		print(" path %s", ((struct sockaddr_un*)&ss)->sun_path);
	print("\n");
}

void
threadmain(int argc, char **argv)
{
	char buf[512], tmpl[64], *p, *q;
	long left;
	int fd, pid, i, n;
	ulong a, b;
	Waitmsg *w;
	Dir *d;

	p = getuser();
	print("getuser nonempty %d\n", p != nil && p[0] != 0);
	p = sysname();
	print("sysname nonempty, no dot %d\n", p != nil && p[0] != 0 && strchr(p, '.') == nil);
	print("sysname cached %d\n", sysname() == p);
	p = get9root();
	print("get9root %s\n", p);
	q = unsharp("#9/lib/x");
	print("unsharp #9/lib/x = %s\n", q);
	print("unsharp #d/0 = %s\n", unsharp("#d/0"));
	print("unsharp #9 = %s\n", unsharp("#9"));
	print("unsharp #9x same %d\n", strcmp(unsharp("#9x"), "#9x") == 0);
	print("unsharp /etc same %d\n", strcmp(unsharp("/etc"), "/etc") == 0);

	p = searchpath("sh");
	print("searchpath sh ends /sh %d\n", p != nil && strcmp(p+strlen(p)-3, "/sh") == 0);
	free(p);
	p = searchpath("/bin/sh");
	print("searchpath /bin/sh = %s\n", p);
	free(p);
	print("searchpath missing nil %d\n", searchpath("thread9-no-such-program") == nil);
	print("searchpath ./missing nil %d\n", searchpath("./thread9-no-such-program") == nil);

	strcpy(tmpl, "/tmp/lib9tempXXXXXX");
	fd = opentemp(tmpl, ORDWR|ORCLOSE);
	print("opentemp fd ok %d template replaced %d gone %d\n", fd >= 0,
		strstr(tmpl, "XXXXXX") == nil, access(tmpl, 0) < 0);
	print("opentemp write %ld\n", write(fd, "abc", 3));
	d = dirfstat(fd);
	print("opentemp length %lld\n", d ? d->length : -1LL);
	free(d);
	close(fd);
	strcpy(tmpl, "/tmp/lib9tempXXXXXX");
	fd = opentemp(tmpl, OREAD);
	print("opentemp OREAD ok %d exists %d\n", fd >= 0, access(tmpl, 0) == 0);
	close(fd);
	remove(tmpl);
	strcpy(tmpl, "/tmp/bad");
	print("opentemp bad template %d: %r\n", opentemp(tmpl, OREAD));
	print("opentemp nil %d: %r\n", opentemp(nil, OREAD));

	chdir("/tmp");
	p = getwd(buf, sizeof buf);
	print("getwd %s\n", p);
	print("getwd short nil %d: %r\n", getwd(buf, 2) == nil);

	a = truerand();
	b = truerand();
	print("truerand differs %d\n", a != b);
	n = 0;
	for(i = 0; i < 1000; i++)
		if(ntruerand(10) >= 10)
			n++;
	print("ntruerand out of range %d ntruerand(0) %lud\n", n, ntruerand(0));

	print("alarm first %ld\n", alarm(5000));
	left = alarm(0);
	print("alarm left ok %d\n", left > 4000 && left <= 5000);
	print("alarm none %ld\n", alarm(0));

	dparse("tcp!127.0.0.1!564");
	dparse("net!127.0.0.1!9fs");
	dparse("udp!127.0.0.1!dns");
	dparse("tcp!*!0x10");
	dparse("unix!/tmp/sock");
	dparse("net!/tmp/sock");
	dparse("tcp!127.0.0.1!thread9-no-such-service");
	dparse("net!127.0.0.1!thread9-no-such-service");
	dparse("tcp!127.0.0.1!");
	dparse("tcp!!564");
	dparse("bogus");
	dparse("tcp!host");
	dparse("ip!127.0.0.1!1");

	pid = fork();
	if(pid == 0){
		execl("/bin/sh", "sh", "-c", "echo execl $0 $1", "zero", "one", nil);
		_exit(99);
	}
	w = waitfor(pid);
	print("execl child status [%s]\n", w ? w->msg : "none");
	free(w);
	pid = fork();
	if(pid == 0){
		char *args[] = { "echo", "exec", "searched", nil };
		exec("echo", args);
		_exit(99);
	}
	w = waitfor(pid);
	print("exec child status [%s]\n", w ? w->msg : "none");
	free(w);
	print("execl missing %d: %r\n", execl("/thread9/no/such/file", "x", nil));
	print("exec nil %d: %r\n", exec(nil, nil));
	threadexits(nil);
}
