/*
 * ioread: an ioproc does the blocking reads of a file while another thread
 * of the same proc keeps running: it counts the lines and bytes of each
 * chunk the reader passes on. Without an ioproc, each read would block the
 * whole proc, counter included.
 *	ioread [file]	(default: a 1000-line file it writes first)
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { Chunk = 512 };

typedef struct Buf Buf;
struct Buf
{
	long n;
	char data[Chunk];
};

Channel *chunks;	/* Buf*; nil = end of file */
Channel *totals;

void
reader(void *arg)
{
	Ioproc *io;
	Buf *b;
	int fd;

	io = ioproc();
	fd = ioopen(io, arg, OREAD);
	if(fd < 0)
		sysfatal("open %s: %r", (char*)arg);
	for(;;){
		b = malloc(sizeof *b);
		if(b == nil)
			sysfatal("malloc: %r");
		b->n = ioread(io, fd, b->data, sizeof b->data);
		if(b->n <= 0){
			if(b->n < 0)
				sysfatal("read %s: %r", (char*)arg);
			free(b);
			break;
		}
		sendp(chunks, b);
	}
	ioclose(io, fd);
	closeioproc(io);
	sendp(chunks, nil);
}

void
counter(void *arg)
{
	Buf *b;
	long i, lines, bytes;

	USED(arg);
	lines = 0;
	bytes = 0;
	while((b = recvp(chunks)) != nil){
		for(i = 0; i < b->n; i++)
			if(b->data[i] == '\n')
				lines++;
		bytes += b->n;
		free(b);
	}
	sendul(totals, lines);
	sendul(totals, bytes);
}

char*
mkfile(void)
{
	static char name[64];
	int fd, i;

	snprint(name, sizeof name, "/tmp/ioread.%d", getpid());
	fd = create(name, OWRITE, 0600);
	if(fd < 0)
		sysfatal("create %s: %r", name);
	for(i = 0; i < 1000; i++)
		fprint(fd, "line %d\n", i);
	close(fd);
	return name;
}

void
threadmain(int argc, char *argv[])
{
	char *file;
	ulong lines, bytes;

	file = argc > 1 ? argv[1] : mkfile();
	chunks = chancreate(sizeof(Buf*), 0);
	totals = chancreate(sizeof(ulong), 0);
	threadcreate(reader, file, 64*1024);
	threadcreate(counter, nil, 64*1024);
	lines = recvul(totals);
	bytes = recvul(totals);
	print("%ld lines, %ld bytes\n", (long)lines, (long)bytes);
	if(argc <= 1)
		remove(file);
	threadexitsall(nil);
}
