/*
 * threadprintall names the channel a thread is blocked on while another proc
 * renames it with chansetname (which frees the old name): the dump must copy the
 * name safely. Names are large so that malloc maps and unmaps them (the
 * threshold is fixed below): a name read after its free would fault.
 */
#include <malloc.h>
#include <u.h>
#include <libc.h>
#include <thread.h>

enum { Rounds = 400, Namelen = 200*1024 };

Channel *c, *done;
char *big[2];
int stop;

void
blocked(void *arg)
{
	USED(arg);
	recvul(c);
	sendul(done, 0);
}

void
renamer(void *arg)
{
	int i;

	USED(arg);
	for(i = 0; i < Rounds; i++)
		chansetname(c, "%s", big[i&1]);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	sendul(done, 0);
}

void
threadmain(int argc, char *argv[])
{
	int i, fd, saved, n;

	USED(argc);
	USED(argv);
	mallopt(M_MMAP_THRESHOLD, 64*1024);
	for(i = 0; i < 2; i++){
		big[i] = malloc(Namelen+1);
		memset(big[i], 'a'+i, Namelen);
		big[i][Namelen] = 0;
	}
	c = chancreate(sizeof(ulong), 0);
	done = chancreate(sizeof(ulong), 0);
	chansetname(c, "%s", big[0]);
	threadcreate(blocked, nil, 65536);
	yield();	/* it blocks on c */
	saved = dup(2, -1);
	fd = open("/dev/null", OWRITE);
	dup(fd, 2);
	proccreate(renamer, nil, 65536);
	for(n = 0; !__atomic_load_n(&stop, __ATOMIC_ACQUIRE); n++)
		threadprintall();
	recvul(done);
	dup(saved, 2);
	sendul(c, 1);
	recvul(done);
	print("done\n");
	threadexitsall(nil);
}
