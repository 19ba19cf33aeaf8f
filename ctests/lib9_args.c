/* ARGBEGIN/ARGEND: grouped flags, ARGF/EARGF from the same or the next word, UTF-8
 * flags, "--" and a lone "-". */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
usage(void)
{
	fprint(2, "usage\n");
	threadexitsall("usage");
}

void
threadmain(int argc, char **argv)
{
	char *o, *x;
	int a, b;
	Rune r;

	a = b = 0;
	o = x = nil;
	r = 0;
	ARGBEGIN{
	case 'a':
		a++;
		break;
	case 'b':
		b++;
		break;
	case 'o':
		o = EARGF(usage());
		break;
	case 'x':
		x = ARGF();
		break;
	default:
		r = ARGC();
		break;
	}ARGEND
	print("argv0 set %d\n", argv0 != nil);
	print("a=%d b=%d o=%s x=%s rune=%x\n", a, b, o ? o : "nil", x ? x : "nil", r);
	print("argc=%d\n", argc);
	for(; *argv; argv++)
		print("arg %s\n", *argv);
}
