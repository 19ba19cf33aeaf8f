/*
 * utf_funcs: the UTF-8 and Rune string functions of utf.h, Plan 9 rules:
 * a malformed byte is Runeerror and one byte long, values above Runemax encode as
 * Runeerror, truncating copies never split a rune.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

static int nfail, ncase;

#define CHECK(c) do{ ncase++; if(!(c)){ nfail++; fprint(2, "utf_funcs.c:%d: %s\n", __LINE__, #c); } }while(0)

static void
decode(void)
{
	Rune r;

	CHECK(chartorune(&r, "a") == 1 && r == 'a');
	CHECK(chartorune(&r, "") == 1 && r == 0);
	CHECK(chartorune(&r, "\xc3\xa9") == 2 && r == 0xE9);
	CHECK(chartorune(&r, "\xe2\x82\xac") == 3 && r == 0x20AC);
	CHECK(chartorune(&r, "\xf0\x9f\x98\x80") == 4 && r == 0x1F600);
	CHECK(chartorune(&r, "\xff") == 1 && r == Runeerror);
	CHECK(chartorune(&r, "\x80") == 1 && r == Runeerror);
	CHECK(chartorune(&r, "\xe2\x82") == 1 && r == Runeerror);	/* cut short by the NUL */
	CHECK(chartorune(&r, "\xc0\x80") == 1 && r == Runeerror);	/* overlong */
	CHECK(chartorune(&r, "\xe0\x80\xaf") == 1 && r == Runeerror);	/* overlong */
	CHECK(chartorune(&r, "\xf4\x90\x80\x80") == 1 && r == Runeerror);	/* > Runemax */
	CHECK(chartorune(&r, "\xf8\x88\x80\x80\x80") == 1 && r == Runeerror);
}

static void
encode(void)
{
	char b[8];
	Rune r;
	long i;
	int n, bad;

	r = 0x263A;
	CHECK(runetochar(b, &r) == 3 && memcmp(b, "\xe2\x98\xba", 3) == 0);
	r = 0x110000;
	CHECK(runetochar(b, &r) == 3 && memcmp(b, "\xef\xbf\xbd", 3) == 0);
	r = 0x7F;
	CHECK(runetochar(b, &r) == 1 && b[0] == 0x7F);
	CHECK(runelen(0x7F) == 1 && runelen(0x80) == 2 && runelen(0x7FF) == 2);
	CHECK(runelen(0x800) == 3 && runelen(0xFFFF) == 3 && runelen(0x10000) == 4);
	CHECK(runelen(0x10FFFF) == 4 && runelen(0x110000) == 3 && runelen(-1) == 3);

	/* Every rune survives the round trip. */
	bad = 0;
	for(i = 1; i <= Runemax; i++){
		r = i;
		n = runetochar(b, &r);
		b[n] = 0;
		if(n != runelen(i) || chartorune(&r, b) != n || r != i || !fullrune(b, n) || utflen(b) != 1)
			bad++;
	}
	CHECK(bad == 0);
}

static void
lengths(void)
{
	Rune rs[] = { 'a', 0xE9, 0x20AC, 0x1F600, 0 };

	CHECK(fullrune("a", 1));
	CHECK(!fullrune("a", 0));
	CHECK(!fullrune("\xe2\x82", 2));
	CHECK(fullrune("\xe2\x82\xac", 3));
	CHECK(!fullrune("\xf0\x9f\x98", 3));
	CHECK(fullrune("\xc3", 2));
	CHECK(utflen("h\xc3\xa9llo") == 5);
	CHECK(utflen("") == 0);
	CHECK(utflen("a\xff" "b") == 3);
	CHECK(utfnlen("h\xc3\xa9llo", 2) == 1);
	CHECK(utfnlen("h\xc3\xa9llo", 3) == 2);
	CHECK(utfnlen("h\xc3\xa9llo", 100) == 5);
	CHECK(utfnlen("ab", 0) == 0);
	CHECK(runestrlen(rs) == 4);
	CHECK(runenlen(rs, 4) == 1+2+3+4);
}

static void
search(void)
{
	char *s;

	s = "a\xe2\x82\xac" "b\xe2\x82\xac";
	CHECK(utfrune(s, 0x20AC) == s+1);
	CHECK(utfrrune(s, 0x20AC) == s+5);
	CHECK(utfrune(s, 'b') == s+4);
	CHECK(utfrune(s, 'z') == nil);
	CHECK(utfrune(s, 0) == s+strlen(s));
	CHECK(utfrrune(s, 'a') == s);
	s = "hello w\xc3\xb6rld";
	CHECK(utfutf(s, "w\xc3\xb6") == s+6);
	CHECK(utfutf(s, "") == s);
	CHECK(utfutf(s, "xyz") == nil);
}

static void
copies(void)
{
	char b[8], *p;

	p = utfecpy(b, b+4, "a\xc3\xa9\xe2\x82\xac");
	CHECK(strcmp(b, "a\xc3\xa9") == 0 && p == b+3);
	p = utfecpy(b, b+2, "\xc3\xa9");
	CHECK(b[0] == 0 && p == b);
	p = utfecpy(b, b+sizeof b, "abc");
	CHECK(strcmp(b, "abc") == 0 && p == b+3);
	CHECK(utfecpy(b, b, "x") == b);
	p = utfecpy(b, b+4, "abcdef");
	CHECK(strcmp(b, "abc") == 0 && p == b+3);
}

static void
runestrs(void)
{
	Rune a[16], b[16], *d, *p;
	Rune hi[] = { 'h', 0xE9, 0 };
	Rune ho[] = { 'h', 'o', 0 };
	Rune lo[] = { 0xE9, 0 };

	runestrcpy(a, hi);
	CHECK(runestrcmp(a, hi) == 0);
	CHECK(runestrcmp(hi, ho) > 0 && runestrcmp(ho, hi) < 0);
	CHECK(runestrncmp(hi, ho, 1) == 0);
	runestrcat(a, ho);
	CHECK(runestrlen(a) == 4 && a[2] == 'h' && a[3] == 'o');
	CHECK(runestrchr(a, 'o') == a+3 && runestrchr(a, 'z') == nil && runestrchr(a, 0) == a+4);
	CHECK(runestrrchr(a, 'h') == a+2);
	CHECK(runestrstr(a, ho) == a+2 && runestrstr(a, lo) == a+1);
	p = runestrecpy(b, b+3, a);
	CHECK(p == b+2 && b[2] == 0 && b[1] == 0xE9);
	p = runestrecpy(b, b+nelem(b), hi);
	CHECK(p == b+2 && runestrcmp(b, hi) == 0);
	runestrncpy(b, ho, 5);
	CHECK(b[0] == 'h' && b[1] == 'o' && b[2] == 0 && b[4] == 0);
	runestrncat(b, hi, 1);
	CHECK(runestrlen(b) == 3 && b[2] == 'h');
	d = runestrdup(a);
	CHECK(d != nil && runestrcmp(d, a) == 0);
	free(d);
	CHECK(tolowerrune('A') == 'a' && toupperrune(0xE9) == 0xC9);
	CHECK(isalpharune(0x3B1) && !isalpharune('1') && isspacerune(' ') && isupperrune('Q') && islowerrune(0xE9));
}

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	decode();
	encode();
	lengths();
	search();
	copies();
	runestrs();
	print("%d checks, %d failed\n", ncase, nfail);
	threadexitsall(nfail ? "failed" : nil);
}
