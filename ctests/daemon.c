/* threadmaybackground: the shell gets status 0 as soon as threadmain exits while a
 * proc runs on; the proc finishes in the background. */
#include <u.h>
#include <libc.h>
#include <thread.h>
/* The Unix call on purpose: libc.h renames open to plan9port's p9open. */
#undef open

int
threadmaybackground(void)
{
	return 1;
}

void
late(void *arg)
{
	int fd;

	sleep(300);
	fd = open(arg, O_WRONLY|O_CREAT|O_TRUNC, 0666);
	write(fd, "background\n", 11);
	close(fd);
}

void
threadmain(int argc, char *argv[])
{
	if(argc < 2)
		sysfatal("usage: daemon file");
	proccreate(late, argv[1], 0);
	print("foreground\n");
}
