/* getfields, tokenize, utfrune and chartorune decode the same bytes the same way:
 * a UTF-8-encoded surrogate (U+D800, ED A0 80) is one rune for all of them, as in
 * plan9port's libutf. (lib9's string calls had a second decoder that rejected
 * surrogates, so getfields split differently from chartorune.) */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char *argv[])
{
	char s[32], *f[8];
	Rune r;
	int n, i;

	USED(argc);
	USED(argv);
	n = chartorune(&r, "\xED\xA0\x80");
	print("chartorune %d %#ux\n", n, r);
	print("utfrune %d\n", utfrune("a\xED\xA0\x80" "b", 0xD800) != nil);
	strcpy(s, "a\xED\xA0\x80" "b\xED\xA0\x80" "c");
	n = getfields(s, f, nelem(f), 0, "\xED\xA0\x80");
	print("getfields %d:", n);
	for(i = 0; i < n; i++)
		print(" [%s]", f[i]);
	print("\n");
	strcpy(s, "x\xED\xA0\x80" "y");
	n = getfields(s, f, nelem(f), 1, "\xED\xA0\x81");	/* U+D801: not in the string */
	print("getfields other surrogate %d\n", n);
	threadexitsall(nil);
}
