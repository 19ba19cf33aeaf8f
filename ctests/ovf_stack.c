/*
 * Stack overflow by a few bytes (1 requested), by a page, or by 1 MiB (alloca, so
 * -fstack-clash-protection probes every page on the way down), in a thread of the
 * main proc or of a second proc. Must print
 *	thread9: stack overflow in thread N "deep" (stack 65536 bytes)
 * and die, in guarded and in canary mode (ovf_stack.sh runs every combination).
 * Usage: ovf_stack byte|page|mib [thread|proc|crowd|main] [info]
 * main: threadmain itself overflows its 8 MiB stack (thread 1).
 * crowd: 40 blocked threads are created first, so in canary mode the overflow runs
 * over their stacks (mapped memory: no fault) and the canary check must catch it.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>
#include <alloca.h>

enum { Page = 4096 };
long stack = 65536;	/* 8 KiB requested: the 64 KiB floor */

char *how;
int info;
Channel *done;

void
deep(void *arg)
{
	char here, *buf;
	uintptr sp, top, lo;
	ulong n;

	USED(arg);
	threadsetname("deep");
	sp = (uintptr)&here;
	/*
	 * The stack is [lo, lo+Stack), page aligned, and this frame is in its top
	 * page, so rounding up finds the top (a lower guess only overflows more).
	 */
	top = (sp + Page - 1) & ~(uintptr)(Page - 1);
	lo = top - stack;
	if(strcmp(how, "byte") == 0)
		n = sp - lo + 1;
	else if(strcmp(how, "page") == 0)
		n = sp - lo + Page;
	else
		n = sp - lo + (1<<20);
	if(info)
		fprint(2, "sp %#lx top %#lx: alloca %lud\n", (ulong)sp, (ulong)top, n);
	buf = alloca(n);
	memset(buf, 0x5a, n);
	/* keep the stores: the compiler must assume buf is read */
	asm volatile("" : : "r"(buf) : "memory");
	/* canary mode notices at the next switch */
	yield();
	print("not reached: overflow went unnoticed\n");
	sendul(done, 1);
}

void
sleeper(void *arg)
{
	recvul(arg);
}

void
threadmain(int argc, char *argv[])
{
	Channel *never;
	int i;

	how = argc > 1 ? argv[1] : "byte";
	info = argc > 3;
	done = chancreate(sizeof(ulong), 1);
	if(argc > 2 && strcmp(argv[2], "main") == 0){
		stack = 8<<20;	/* threadmain's floor */
		deep(nil);
	}else if(argc > 2 && strcmp(argv[2], "proc") == 0)
		proccreate(deep, nil, 8192);
	else{
		if(argc > 2 && strcmp(argv[2], "crowd") == 0){
			never = chancreate(sizeof(ulong), 0);
			for(i = 0; i < 40; i++)
				threadcreate(sleeper, never, 8192);
			yield();
		}
		threadcreate(deep, nil, 8192);
	}
	recvul(done);
	threadexitsall("overflow not detected");
}
