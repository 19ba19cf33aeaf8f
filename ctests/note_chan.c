/*
 * notifychan: notes arrive as messages on a channel (the note's name), which a note
 * handler could not do (channel operations abort there). A program whose only thread
 * waits for a note on such a channel is not deadlocked (issue 16, item 7: it was
 * reported so after 0.2 s, exit 1). Bad requests fail with -1 and a message.
 */
#include <u.h>
#include <signal.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	Channel *c, *ci;

	USED(argc);
	USED(argv);
	c = chancreate(sizeof(char*), 4);
	if(notifychan(c, "interrupt", 1) < 0 || notifychan(c, "sys: usr1", 1) < 0 || notifychan(c, "alarm", 1) < 0)
		sysfatal("notifychan: %r");
	postnote(PNPROC, getpid(), "interrupt");
	print("got %s\n", (char*)recvp(c));
	kill(getpid(), SIGUSR1);
	print("got %s\n", (char*)recvp(c));
	/* The only thread blocks until the alarm: no deadlock. */
	alarm(1000);
	print("got %s\n", (char*)recvp(c));

	ci = chancreate(sizeof(int), 1);
	print("int channel %d\n", notifychan(ci, "interrupt", 1));
	print("fault %d\n", notifychan(c, "sys: segmentation violation", 1));
	print("nil note %d\n", notifychan(c, nil, 1));
	print("nil channel %d\n", notifychan(nil, "interrupt", 1));

	/* Removed: the note has its default handling again (ignored here: SIG_IGN first). */
	signal(SIGUSR2, SIG_IGN);
	notifychan(c, "sys: usr2", 1);
	print("off %d\n", notifychan(c, nil, 0));
	kill(getpid(), SIGUSR2);
	sleep(100);
	print("nothing queued %d\n", nbrecvp(c) == nil);
	threadexitsall(nil);
}
