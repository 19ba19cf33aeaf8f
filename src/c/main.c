/*
 * The program's entry. Linked into libthread.so (and appended to libthread.a) only:
 * cargo's test binaries never see it. main calls p9main through the PLT so a
 * non-threaded program that defines its own p9main (libc.h renames main) interposes.
 */
#include "shim.h"

extern void threadmain(int, char**) __attribute__((weak));

/* Weak: a non-threaded program's own p9main must also win in a static link. */
__attribute__((weak)) int
p9main(int argc, char **argv)
{
	/* threadmain is weak: nil when the program defines none. */
	return thread9_rt_main(argc, argv, threadmain);
}

int
main(int argc, char **argv)
{
	return p9main(argc, argv);
}
