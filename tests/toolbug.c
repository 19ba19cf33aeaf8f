/*
 * A program with a known bug, inside a thread9 thread of a second proc: check-tool.sh
 * runs it first and insists the tool reports it, so "clean" means the tool was
 * really watching the coroutine stacks.
 *	toolbug heap: writes past a malloc'd block (ASan, valgrind)
 *	toolbug race: two procs write one variable without synchronisation (TSan)
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <stdlib.h>
#include <string.h>

Channel *done;
int shared;

void
heap(void *arg)
{
	char *p;

	USED(arg);
	p = malloc(16);
	memset(p, 0, 16);
	((volatile char*)p)[16] = 1;	/* one past the end */
	free(p);
	sendul(done, 1);
}

void
race(void *arg)
{
	USED(arg);
	shared++;	/* unsynchronised with threadmain's write */
	sendul(done, 1);
}

void
threadmain(int argc, char *argv[])
{
	int israce;

	israce = argc > 1 && strcmp(argv[1], "race") == 0;
	done = chancreate(sizeof(ulong), 0);
	proccreate(israce ? race : heap, nil, 0);
	if(israce)
		shared++;
	recvul(done);
	threadexitsall(nil);
}
