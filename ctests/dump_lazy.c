/*
 * The SIGQUIT dump's OS thread is started lazily: a one-proc program starts with one
 * OS thread (short-lived programs never pay for a second); once the program has run
 * a while (20 ms) the dump thread exists, and SIGQUIT prints the dump.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <dirent.h>

static int
ntask(void)
{
	DIR *d;
	struct dirent *e;
	int n;

	n = 0;
	d = opendir("/proc/self/task");
	if(d == nil)
		sysfatal("opendir /proc/self/task: %r");
	while((e = readdir(d)) != nil)
		if(e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

void
threadmain(int argc, char **argv)
{
	USED(argc);
	USED(argv);
	print("at start: %d OS thread(s)\n", ntask());
	threadsleep(100);
	print("after 100 ms: %d OS thread(s)\n", ntask());
	threadsetname("lazydump");
	kill(getpid(), SIGQUIT);
	threadsleep(300);
	print("done\n");
}
