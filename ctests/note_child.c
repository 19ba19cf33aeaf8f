/* A child's exit is no note: plan9port's threadspawn turns "sys: child" off, so a
 * program's note handler (acme's prints every note it does not know) never sees it. */
#include <u.h>
#include <libc.h>
#include <thread.h>

int seen;

static int
onnote(void *v, char *msg)
{
	USED(v);
	print("note: %s\n", msg);
	seen++;
	return 0;
}

void
threadmain(int argc, char **argv)
{
	int fd[3], i;
	Waitmsg *w;
	Channel *c;

	USED(argc);
	USED(argv);
	threadnotify(onnote, 1);
	c = threadwaitchan();
	for(i = 0; i < 3; i++){
		fd[0] = fd[1] = fd[2] = -1;	/* inherited */
		if(threadspawnl(fd, "true", "true", nil) < 0)
			sysfatal("threadspawnl: %r");
		w = recvp(c);
		print("exited %s\n", w->msg[0] ? w->msg : "ok");
		free(w);
	}
	sleep(100);
	print("notes %d\n", seen);
	threadexitsall(nil);
}
