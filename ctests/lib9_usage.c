/* ARGBEGIN with an unknown flag: the program's usage() reports and exits 1. */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
usage(void)
{
	fprint(2, "usage: lib9_usage [-v] [-o file]\n");
	threadexitsall("usage");
}

void
threadmain(int argc, char **argv)
{
	ARGBEGIN{
	case 'v':
		break;
	case 'o':
		EARGF(usage());
		break;
	default:
		usage();
	}ARGEND
	USED(argc);
	print("no usage error\n");
}
