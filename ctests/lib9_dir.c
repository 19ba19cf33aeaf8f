/*
 * Dir: dirstat/dirfstat of a file and a directory, dirread/dirreadall of a
 * directory with known entries, dirwstat/dirfwstat with nulldir (chmod, truncate,
 * mtime, rename), fd2path, %M, and the error returns for bad arguments.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

char tmp[128];

char*
path(char *name)
{
	static char buf[256];

	snprint(buf, sizeof buf, "%s/%s", tmp, name);
	return buf;
}

void
mkfile(char *name, char *data)
{
	int fd;

	fd = create(path(name), OWRITE, 0644);
	if(fd < 0)
		sysfatal("create %s: %r", name);
	write(fd, data, strlen(data));
	close(fd);
}

void
show(char *what, Dir *d)
{
	if(d == nil){
		print("%s: nil: %r\n", what);
		return;
	}
	print("%s: name %s mode %M (%luo) len %lld qtype %d dir %d uidok %d gidok %d muid '%s' type %c\n",
		what, d->name, d->mode, d->mode&0777, d->length, d->qid.type, (d->mode&DMDIR) != 0,
		d->uid != nil && d->uid[0] != 0, d->gid != nil && d->gid[0] != 0, d->muid, d->type);
}

int
bynamecmp(const void *a, const void *b)
{
	return strcmp(((Dir*)a)->name, ((Dir*)b)->name);
}

void
listing(char *what, Dir *d, long n)
{
	long i;

	qsort(d, n, sizeof d[0], bynamecmp);
	print("%s %ld:", what, n);
	for(i = 0; i < n; i++)
		print(" %s(%M,%lld)", d[i].name, d[i].mode, d[i].length);
	print("\n");
}

void
threadmain(int argc, char **argv)
{
	Dir *d, *dd, nd, *all;
	long n, tot;
	int fd, i;
	char buf[256], *p;
	struct stat st;

	fmtinstall('M', dirmodefmt);
	strcpy(tmp, "/tmp/lib9dirXXXXXX");
	if(mkdtemp(tmp) == nil)
		sysfatal("mkdtemp: %r");

	mkfile("a", "hello");
	mkfile("bb", "0123456789");
	if(mkdir(path("sub"), 0755) < 0)
		sysfatal("mkdir: %r");
	if(symlink("a", path("link")) < 0)
		sysfatal("symlink: %r");
	chmod(path("a"), 0640);

	/* dirstat */
	d = dirstat(path("a"));
	show("stat a", d);
	if(d)
		print("mtime recent %d atime set %d qid.path = ino %d\n",
			d->mtime > time(0)-3600, d->atime != 0,
			stat(path("a"), &st) == 0 && d->qid.path == st.st_ino);
	free(d);
	d = dirstat(path("sub"));
	show("stat sub", d);
	free(d);
	d = dirstat(path("link"));
	show("stat link", d);
	free(d);
	d = dirstat("/");
	show("stat /", d);
	free(d);
	show("stat missing", dirstat(path("nonexistent")));
	show("stat nil", dirstat(nil));

	/* dirfstat */
	fd = open(path("bb"), OREAD);
	d = dirfstat(fd);
	print("fstat name is fd %d\n", d != nil && atoi(d->name) == fd);
	if(d != nil)
		d->name = "(fd)";	/* its number differs under valgrind, which holds fds of its own */
	show("fstat bb", d);
	free(d);

	/* fd2path */
	if(fd2path(fd, buf, sizeof buf) < 0)
		print("fd2path: %r\n");
	else
		print("fd2path ends in /bb %d\n", strlen(buf) > 3 && strcmp(buf+strlen(buf)-3, "/bb") == 0);
	i = fd2path(fd, buf, 4);
	print("fd2path short %d len %d\n", i, (int)strlen(buf));
	close(fd);
	print("fd2path bad fd %d: %r\n", fd2path(fd, buf, sizeof buf));
	print("fd2path nil %d: %r\n", fd2path(0, nil, 10));
	show("fstat bad fd", dirfstat(-1));

	/* dirread in batches, then again from the start with dirreadall */
	fd = open(tmp, OREAD);
	tot = 0;
	all = nil;
	while((n = dirread(fd, &d)) > 0){
		all = realloc(all, (tot+n)*sizeof(Dir));
		memmove(all+tot, d, n*sizeof(Dir));
		tot += n;
		/* the strings live in d's block: keep it */
	}
	print("dirread end %ld\n", n);
	listing("dirread", all, tot);
	seek(fd, 0, 0);
	n = dirreadall(fd, &dd);
	listing("dirreadall", dd, n);
	free(dd);
	n = dirreadall(fd, &dd);
	print("dirreadall at end %ld nil %d\n", n, dd == nil);
	close(fd);
	fd = open(path("a"), OREAD);
	print("dirread file %ld: %r\n", dirread(fd, &d));
	close(fd);
	print("dirread bad fd %ld: %r\n", dirread(-1, &d));
	print("dirread nil %ld: %r\n", dirread(0, nil));

	/* dirwstat with nulldir: only the fields set change */
	nulldir(&nd);
	print("nulldir mode %d name '%s' len %lld\n", nd.mode == ~0UL, nd.name, nd.length);
	nd.mode = 0600;
	print("wstat mode %d\n", dirwstat(path("a"), &nd));
	nulldir(&nd);
	nd.length = 3;
	print("wstat length %d\n", dirwstat(path("bb"), &nd));
	nulldir(&nd);
	nd.mtime = 1000000000;
	print("wstat mtime %d\n", dirwstat(path("bb"), &nd));
	nulldir(&nd);
	nd.name = "renamed";
	print("wstat name %d\n", dirwstat(path("a"), &nd));
	d = dirstat(path("renamed"));
	show("stat renamed", d);
	free(d);
	d = dirstat(path("bb"));
	show("stat bb", d);
	if(d)
		print("bb mtime %lud atime %lud\n", d->mtime, d->atime);
	free(d);
	print("a gone %d\n", access(path("a"), 0) < 0);

	/* dirfwstat */
	fd = open(path("bb"), ORDWR);
	nulldir(&nd);
	nd.length = 1;
	nd.mode = 0444;
	print("fwstat %d\n", dirfwstat(fd, &nd));
	/* dirfwstat ignores the name, as plan9port's (dirfstat's Dir names the fd). */
	nulldir(&nd);
	nd.name = "cc";
	print("fwstat name %d\n", dirfwstat(fd, &nd));
	close(fd);
	d = dirstat(path("bb"));
	show("stat bb", d);
	free(d);
	print("cc exists %d\n", access(path("cc"), 0) == 0);

	/* errors */
	nulldir(&nd);
	nd.mode = 0644;
	print("wstat missing %d: %r\n", dirwstat(path("nonexistent"), &nd));
	print("wstat nil %d: %r\n", dirwstat(path("bb"), nil));
	print("fwstat bad fd %d: %r\n", dirfwstat(-1, &nd));

	/* clean up */
	fd = open(tmp, OREAD);
	n = dirreadall(fd, &d);
	close(fd);
	for(i = 0; i < n; i++){
		p = path(d[i].name);
		if(d[i].mode&DMDIR)
			rmdir(p);
		else
			remove(p);
	}
	free(d);
	print("rmdir %d\n", rmdir(tmp));
	threadexits(nil);
}
