/* _threaddaemonize (plan9port's libthread defines it; 9term declares it): a program
 * that backgrounds itself lets the waiting parent go before threadmain ends. A second
 * call has no parent left to release and says so. */
#include <u.h>
#include <libc.h>
#include <thread.h>
/* The Unix call on purpose: libc.h renames open to plan9port's p9open. */
#undef open

extern void _threaddaemonize(void);

int
threadmaybackground(void)
{
	return 1;
}

void
threadmain(int argc, char *argv[])
{
	int fd;

	if(argc < 2)
		sysfatal("usage: daemon_early file");
	print("foreground\n");
	_threaddaemonize();
	sleep(300);
	_threaddaemonize();
	fd = open(argv[1], O_WRONLY|O_CREAT|O_TRUNC, 0666);
	write(fd, "background\n", 11);
	close(fd);
}
