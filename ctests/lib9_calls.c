/*
 * The lib9 subset's plain calls: memory, strings, environment, time, files, pipes,
 * dup, seek, rfork, postnote, rand. Each line prints what a Plan 9 program would
 * expect.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
strings(void)
{
	char buf[64], s[64], *f[8], *p;
	int i, n;

	p = strecpy(buf, buf+4, "hello");
	print("strecpy: %s end %d\n", buf, (int)(p-buf));
	p = strecpy(p, buf+sizeof buf, "");
	print("strecpy empty: %d\n", (int)(p-buf));
	strcpy(s, "  one 'two three' 'it''s'  four ");
	n = tokenize(s, f, nelem(f));
	print("tokenize %d:", n);
	for(i = 0; i < n; i++)
		print(" [%s]", f[i]);
	print("\n");
	strcpy(s, "a,b,,c");
	n = getfields(s, f, nelem(f), 0, ",");
	print("getfields %d:", n);
	for(i = 0; i < n; i++)
		print(" [%s]", f[i]);
	print("\n");
	strcpy(s, ",,a,,b,");
	n = getfields(s, f, nelem(f), 1, ",");
	print("getfields multi %d:", n);
	for(i = 0; i < n; i++)
		print(" [%s]", f[i]);
	print("\n");
	strcpy(s, "x 'y z' w");
	n = gettokens(s, f, nelem(f), " ");
	print("gettokens %d:", n);
	for(i = 0; i < n; i++)
		print(" [%s]", f[i]);
	print("\n");
	print("cistrcmp %d %d cistrncmp %d cistrstr %s\n", cistrcmp("HeLLo", "hello"),
		cistrcmp("a", "B") < 0, cistrncmp("ABCx", "abcy", 3), cistrstr("Plan Nine", "NINE"));
	print("atoi %d %d %d atol %ld atoll %lld\n", atoi("42"), atoi("0x1f"), atoi("017"),
		atol("-7"), atoll("12345678901"));
}

void
memory(void)
{
	char *p, *q;
	int i, z;

	p = malloc(0);
	q = malloc(0);
	print("malloc(0) distinct %d\n", p != nil && q != nil && p != q);
	free(p);
	free(q);
	p = mallocz(100, 1);
	z = 1;
	for(i = 0; i < 100; i++)
		if(p[i] != 0)
			z = 0;
	print("mallocz zeroed %d\n", z);
	p = realloc(p, 200);
	free(p);
	p = strdup("copy");
	print("strdup %s\n", p);
	free(p);
	p = calloc(0, 10);
	print("calloc(0) %d\n", p != nil);
	free(p);
}

void
envtime(void)
{
	char *v;
	vlong t0, t1;
	long t;

	print("putenv %d\n", putenv("THREAD9_LIB9_TEST", "value"));
	v = getenv("THREAD9_LIB9_TEST");
	print("getenv %s\n", v);
	free(v);
	print("getenv missing %s\n", getenv("THREAD9_NO_SUCH_VAR") == nil ? "nil" : "set");
	t = time(nil);
	print("time sane %d\n", t > 1500000000);
	t0 = nsec();
	print("nsec agrees %d\n", t0/1000000000 - t <= 2);
	sleep(20);
	t1 = nsec();
	print("sleep(20) slept %d\n", t1 - t0 >= 15*1000000LL);
	print("sleep(0) %d\n", sleep(0));
}

void
files(void)
{
	char name[64], buf[64];
	int fd, fd2, p[2];
	long n;

	snprintf(name, sizeof name, "/tmp/thread9-lib9-%d", getpid());
	fd = create(name, ORDWR, 0600);
	print("create %d\n", fd >= 0);
	print("write %ld\n", write(fd, "hello, world", 12));
	print("seek %lld\n", seek(fd, 7, 0));
	n = readn(fd, buf, sizeof buf);
	buf[n > 0 ? n : 0] = 0;
	print("readn %ld %s\n", n, buf);
	fd2 = dup(fd, -1);
	print("dup new fd %d\n", fd2 > fd);
	print("dup onto %d\n", dup(fd, 20) == 20);
	close(fd);
	close(fd2);
	close(20);
	fd = open(name, OREAD);
	n = read(fd, buf, 5);
	buf[n > 0 ? n : 0] = 0;
	print("open/read %s\n", buf);
	close(fd);
	fd = open(name, OWRITE|OTRUNC);
	close(fd);
	fd = open(name, OREAD|ORCLOSE);
	print("truncated to %ld\n", read(fd, buf, sizeof buf));
	close(fd);
	print("orclose removed %d\n", access(name, 0) < 0);
	print("open missing %d\n", open(name, OREAD));
	print("open bad mode %d\n", open("/dev/null", 0x100000));
	fd = create(name, OREAD, DMDIR|0700);
	print("create dir %d\n", fd >= 0);
	close(fd);
	rmdir(name);
	if(pipe(p) < 0)
		sysfatal("pipe failed");
	write(p[1], "ab", 2);
	write(p[0], "cd", 2);	/* two-way */
	n = read(p[0], buf, 2);
	print("pipe one way %ld %.2s\n", n, buf);
	n = read(p[1], buf, 2);
	print("pipe other way %ld %.2s\n", n, buf);
	close(p[0]);
	close(p[1]);
}

void
procs(void)
{
	int pid;
	Waitmsg *w;

	pid = rfork(RFPROC|RFNOTEG|RFFDG);
	if(pid == 0){
		_exit(getpgrp() == getpid() ? 0 : 5);
	}
	w = waitfor(pid);
	print("rfork child own group: '%s'\n", w ? w->msg : "nil");
	free(w);
	pid = rfork(RFPROC|RFNOTEG);
	if(pid == 0){
		for(;;)
			pause();
	}
	print("postnote %d\n", postnote(PNGROUP, pid, "kill"));
	w = waitfor(pid);
	print("postnote child: '%s'\n", w ? w->msg : "nil");
	free(w);
	print("postnote unknown %d\n", postnote(PNPROC, pid, "no such note"));
	print("rfork RFMEM %d\n", rfork(RFPROC|RFMEM));
}

void
randoms(void)
{
	int i, ok;

	ok = 1;
	for(i = 0; i < 1000; i++){
		if(nrand(10) < 0 || nrand(10) >= 10)
			ok = 0;
		if(frand() < 0 || frand() >= 1)
			ok = 0;
		if(rand() < 0 || rand() >= 32768)
			ok = 0;
	}
	print("rand ranges %d\n", ok);
}

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	strings();
	memory();
	envtime();
	files();
	procs();
	randoms();
}
