/*
 * A program without threads: libc.h renames its main to p9main, which must
 * replace the library's p9main both with libthread.so and with libthread.a.
 */
#include <u.h>
#include <libc.h>

int
main(int argc, char *argv[])
{
	USED(argv);
	print("plain main, %d argument(s)\n", argc - 1);
	return 3;
}
