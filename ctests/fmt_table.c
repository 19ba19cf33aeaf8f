/*
 * fmt_table: the print verbs against the strings Plan 9 semantics give
 * (docs/API.md, print verbs; where Plan 9 and C printf differ, Plan 9 wins).
 * Every case goes through snprint, sprint and smprint, which must agree.
 * Prints one summary line; failures go to fd 2 and make the exit status 1.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

static int ncase, nfail;

static void
check(int line, char *got, char *want)
{
	ncase++;
	if(got == nil || strcmp(got, want) != 0){
		nfail++;
		fprint(2, "fmt_table.c:%d: got \"%s\" want \"%s\"\n", line, got, want);
	}
}

#define T(want, ...) do{\
	char _b[512], _c[512], *_s;\
	int _n;\
	_n = snprint(_b, sizeof _b, __VA_ARGS__);\
	check(__LINE__, _b, want);\
	if(_n != (int)strlen(want)){\
		nfail++;\
		fprint(2, "fmt_table.c:%d: snprint returned %d want %d\n", __LINE__, _n, (int)strlen(want));\
	}\
	sprint(_c, __VA_ARGS__);\
	if(strcmp(_c, _b) != 0){\
		nfail++;\
		fprint(2, "fmt_table.c:%d: sprint \"%s\" != snprint\n", __LINE__, _c);\
	}\
	_s = smprint(__VA_ARGS__);\
	if(_s == nil || strcmp(_s, _b) != 0){\
		nfail++;\
		fprint(2, "fmt_table.c:%d: smprint \"%s\" != snprint\n", __LINE__, _s);\
	}\
	free(_s);\
}while(0)

/* A custom verb that takes two ints from the shared list, then formats with fmtprint. */
static int
Vfmt(Fmt *f)
{
	int a, b;

	a = va_arg(f->args, int);
	b = va_arg(f->args, int);
	if(f->flags & FmtSharp)
		return fmtprint(f, "<%d,%d>#", a, b);
	return fmtprint(f, "<%d,%d>", a, b);
}

/* The later install of the same verb wins. */
static int
V2fmt(Fmt *f)
{
	int a, b;

	a = va_arg(f->args, int);
	b = va_arg(f->args, int);
	return fmtprint(f, "(%d)", a+b);
}

/* fmtstrcpy honours the directive's width and precision. */
static int
Zfmt(Fmt *f)
{
	return fmtstrcpy(f, va_arg(f->args, char*));
}

/* Runes one at a time, and a vlong. */
static int
Wfmt(Fmt *f)
{
	vlong v;

	v = va_arg(f->args, vlong);
	fmtrune(f, 0xE9);
	fmtrune(f, 0x263A);
	return fmtprint(f, "%lld", v);
}

/* A user flag: returns 1 so parsing goes on, the verb J reads it. */
enum { Myflag = FmtFlag };
static int
jflag(Fmt *f)
{
	f->flags |= Myflag;
	return 1;
}

static int
Jfmt(Fmt *f)
{
	char *s;

	s = va_arg(f->args, char*);
	if(f->flags & Myflag)
		return fmtprint(f, "flagged-%s", s);
	return fmtprint(f, "plain-%s", s);
}

/* A verb outside ASCII, and one that nests %V through fmtprint. */
static int
smilefmt(Fmt *f)
{
	return fmtstrcpy(f, ":-)");
}

static int
Nfmt(Fmt *f)
{
	int a;

	a = va_arg(f->args, int);
	return fmtprint(f, "[%V|%d]", a, a*10, a*100);
}

static int
Xfmt(Fmt *f)
{
	va_arg(f->args, int);
	return fmtstrcpy(f, "custom-X");
}

static int
quotex(int c)
{
	return c == 'x';
}

static int
failfmt(Fmt *f)
{
	USED(f);
	return -1;
}

static Rune hes[] = { 'h', 0xE9, 0x263A, 0 };
static Rune ab[] = { 'a', ' ', 'b', 0 };

static void
ints(void)
{
	T("0", "%d", 0);
	T("123", "%d", 123);
	T("-123", "%d", -123);
	T("   42", "%5d", 42);
	T("42   |", "%-5d|", 42);
	T("00042", "%05d", 42);
	T("-0042", "%05d", -42);
	T("+42", "%+d", 42);
	T(" 42", "% d", 42);
	T("007", "%.3d", 7);
	T("", "%.0d", 0);
	T("     |", "%5.0d|", 0);
	T("1,234,567", "%,d", 1234567);
	T("-1,234", "%,d", -1234);
	T("123", "%,d", 123);
	T("1,234,567", "%'d", 1234567);
	T("17", "%i", 17);
	T("4294967295", "%ud", -1);
	T("3000000000", "%u", 3000000000u);
	T("5 items", "%u items", 5);
	T("7\n", "%u\n", 7);
	T("ff", "%x", 255);
	T("FF", "%X", 255);
	T("0xff", "%#x", 255);
	T("0XFF", "%#X", 255);
	T("0", "%#x", 0);
	T("-1", "%x", -1);
	T("ffffffff", "%ux", -1);
	T("ffffffffffffffff", "%lux", -1L);
	T("ffffffffffffffff", "%llux", -1LL);
	T("-9223372036854775808", "%lld", -9223372036854775807LL-1);
	T("18446744073709551615", "%llud", 18446744073709551615ULL);
	T("1099511627776", "%ld", 1L<<40);
	T("4464", "%hd", 70000);
	T("65535", "%hud", -1);
	T("44", "%hhd", 300);
	T("255", "%hhud", -1);
	T("-56", "%hhd", 200);
	T("10", "%o", 8);
	T("010", "%#o", 8);
	T("0", "%#o", 0);
	T("101", "%b", 5);
	T("0", "%b", 0);
	T("101", "%#b", 5);
	T("0", "%p", (void*)0);
	T("1234", "%p", (void*)0x1234);
	T("0x1234", "%#p", (void*)0x1234);
	T("     abc|", "%8p|", (void*)0xabc);
	T("    42", "%*d", 6, 42);
	T("42    |", "%*d|", -6, 42);
	T("0042", "%.*d", 4, 42);
	T("42", "%.*d", -1, 42);
	T("     042", "%08.3d", 42);
	T("42      |", "%-08d|", 42);
	T("1234:5678", "%'x", 0x12345678);
	T("12,345,678", "%,x", 0x12345678);
	T("   -3", "%+5d", -3);
	T("1 2 3", "%d %d %d", 1, 2, 3);
	T("1234567890123", "%lld", 1234567890123LL);
	T("deadbeef", "%ux", 0xdeadbeef);
	T("ABCDEF", "%X", 0xABCDEF);
	T("0x000ff", "%#.5x", 255);
	T("+005", "%+.3d", 5);
	T("-2147483648", "%d", (int)0x80000000);
	T("18446744073709551615", "%lud", -1L);
	T(" 1,234,567|", "%10,d|", 1234567);
	T("1010:1010", "%'b", 0xAA);
	T("12345", "%lud", 12345UL);
	T("3", "%d", (char)3);
	T("1099511627776|", "%lu|", 1UL<<40);
	T("18446744073709551615 x", "%llu x", -1LL);
	T("65535", "%hu", -1);
	T("-1 ffffffff", "%x %ux", -1, -1);
}

static void
chars(void)
{
	char un[3] = { 'x', 'y', 'z' };	/* no NUL: %.3s must not read past */

	T("A", "%c", 'A');
	T("  x|", "%3c|", 'x');
	T("x  |", "%-3c|", 'x');
	T("\xe2\x98\xba", "%C", 0x263A);
	T("z", "%C", 'z');
	T("  \xc3\xa9|", "%3C|", 0xE9);
	T("\xe4\xb8\x96  |", "%-3C|", 0x4E16);
	T("\xf4\x8f\xbf\xbf", "%C", 0x10FFFF);
	T("\xef\xbf\xbd", "%C", 0x110000);
	T("hello", "%s", "hello");
	T("        hi|", "%10s|", "hi");
	T("hi        |", "%-10s|", "hi");
	T("h\xc3\xa9", "%.2s", "h\xc3\xa9llo");
	T("   h\xc3\xa9|", "%5.2s|", "h\xc3\xa9llo");
	T("h\xc3\xa9l  |", "%-5.3s|", "h\xc3\xa9llo");
	T("<nil>", "%s", (char*)nil);
	T("     <nil>|", "%10s|", (char*)nil);
	T("<ni", "%.3s", (char*)nil);
	T("    \xe6\x97\xa5\xe6\x9c\xac|", "%6s|", "\xe6\x97\xa5\xe6\x9c\xac");
	T("\xe6\x97\xa5", "%.1s", "\xe6\x97\xa5\xe6\x9c\xac");
	T("", "%s", "");
	T("   |", "%3s|", "");
	T("a\xef\xbf\xbd" "b", "%s", "a\xff" "b");
	T("|", "%.0s|", "abc");
	T("h\xc3\xa9\xe2\x98\xba", "%S", hes);
	T("  h\xc3\xa9\xe2\x98\xba|", "%5S|", hes);
	T("h\xc3\xa9", "%.2S", hes);
	T("<nil>", "%S", (Rune*)nil);
	T("h\xc3\xa9\xe2\x98\xba  |", "%-5S|", hes);
	T("  ab|", "%*s|", 4, "ab");
	T("ab  |", "%-*s|", 4, "ab");
	T("ab", "%.*s", 2, "abcdef");
	T("xyz", "%.3s", un);
	T("literal \xc3\xa9 text", "literal \xc3\xa9 text");
	T("%", "%%");
	T("100%", "100%%");
	T("  %|", "%3%|");
	T("%k% 5", "%k %d", 5);
	T("%y%", "%y");
	T("%\xe2\x98\xba%", "%\xe2\x98\xba");
	T("abc", "abc%");
	T("x", "x%l");
}

static void
floats(void)
{
	double zero, inf, nan;

	zero = 0.0;
	inf = 1.0/zero;
	nan = zero/zero;
	T("3.141590", "%f", 3.14159);
	T("3.14", "%.2f", 3.14159);
	T("3", "%.0f", 2.5);
	T("2.68", "%.2f", 2.675);
	T("1.234568e+04", "%e", 12345.678);
	T("1.230000E-04", "%E", 0.000123);
	T("0.0001", "%g", 0.0001);
	T("1e-05", "%g", 0.00001);
	T("100000", "%g", 100000.0);
	T("1e+06", "%g", 1000000.0);
	T("3", "%g", 3.0);
	T("3.00000", "%#g", 3.0);
	T("1E-10", "%G", 1e-10);
	T("3.14", "%.3g", 3.14159);
	T("    -3.142|", "%10.3f|", -3.14159);
	T("3.142     |", "%-10.3f|", 3.14159);
	T("-00003.142", "%010.3f", -3.14159);
	T("+1.500000", "%+f", 1.5);
	T(" 1.500000", "% f", 1.5);
	T("0.000000", "%f", 0.0);
	T("0.000000", "%f", -0.0);
	T("0.000000e+00", "%e", 0.0);
	T("0", "%g", 0.0);
	T("+Inf", "%f", inf);
	T("-Inf", "%f", -inf);
	T("NaN", "%f", nan);
	T("   NaN|", "%6f|", nan);
	T("+Inf  |", "%-6e|", inf);
	T("1.000e+01", "%.3e", 9.9996);
	T("0.1", "%.1f", 0.05);
	T("0", "%.0f", 0.4);
	T("3.", "%#.0f", 3.0);
	T("0.10000000000000000000", "%.20f", 0.1);
	T("100000000000000000000.000000", "%f", 1e20);
	T("1.23457e+08", "%g", 123456789.0);
	T("1.000000e-300", "%e", 1e-300);
	T("0.3333333333", "%.10g", 1.0/3);
	T("2.500000", "%lf", 2.5);
	T(" 10.0|", "%5.1f|", 9.96);
	T("1e+100", "%g", 1e100);
	T("    3.14", "%*.*f", 8, 2, 3.14159);
	T("-1.5", "%g", -1.5);
	T("123.456", "%g", 123.456);
	T("1.5 2 x", "%g %d %s", 1.5, 2, "x");
}

static void
errors(void)
{
	char buf[ERRMAX], big[300];
	int i;

	werrstr("bad thing %d", 7);
	T("bad thing 7", "%r");
	werrstr("oops");
	T("      oops|", "%10r|");
	T("oops 5", "%r %d", 5);
	errno = ENOENT;
	T("No such file or directory", "%r");
	errno = EINTR;
	T("interrupted", "%r");
	werrstr("oops");
	werrstr("wrap: %r");
	T("wrap: oops", "%r");
	rerrstr(buf, 4);
	check(__LINE__, buf, "wra");
	strcpy(buf, "new");
	errstr(buf, sizeof buf);
	check(__LINE__, buf, "wrap: oops");
	T("new", "%r");
	for(i = 0; i < 200; i++)
		big[i] = 'x';
	big[i] = 0;
	werrstr("%s", big);
	rerrstr(buf, sizeof buf);
	if(strlen(buf) != ERRMAX-1){
		nfail++;
		fprint(2, "fmt_table.c:%d: long werrstr kept %d bytes\n", __LINE__, (int)strlen(buf));
	}
	ncase++;
}

static void
custom(void)
{
	int n;

	if(fmtinstall('V', Vfmt) < 0 || fmtinstall('Z', Zfmt) < 0 || fmtinstall('W', Wfmt) < 0
	|| fmtinstall('j', jflag) < 0 || fmtinstall('J', Jfmt) < 0 || fmtinstall(0x263A, smilefmt) < 0
	|| fmtinstall('N', Nfmt) < 0 || fmtinstall('F', failfmt) < 0){
		nfail++;
		fprint(2, "fmtinstall failed\n");
	}
	T("<1,2> 3", "%V %d", 1, 2, 3);
	T("<1,2># 3", "%#V %d", 1, 2, 3);
	T("   ab|", "%5Z|", "ab");
	T("ab   |", "%-5Z|", "ab");
	T("a|", "%.1Z|", "abc");
	T("\xc3\xa9\xe2\x98\xba-5 x", "%W %s", -5LL, "x");
	T("flagged-a plain-b", "%jJ %J", "a", "b");
	T(":-) 1", "%\xe2\x98\xba %d", 1);
	T("[<4,40>|400] 9", "%N %d", 4, 9);
	T("x<1,2>y<3,4>z", "x%Vy%Vz", 1, 2, 3, 4);
	T("%q% x", "%q %s", "x");
	T("%Q%", "%Q");

	/* A formatter that fails stops the output: snprint keeps what came before. */
	{
		char b[32];
		n = snprint(b, sizeof b, "ab%Fcd");
		check(__LINE__, b, "ab");
	}

	/* Later installs win; a verb can be reinstalled any number of times. */
	for(n = 0; n < 1000; n++)
		fmtinstall('V', Vfmt);
	fmtinstall('V', V2fmt);
	T("(3) 3", "%V %d", 1, 2, 3);

	/* Reserved and out-of-range verbs are refused. */
	ncase++;
	if(fmtinstall('5', Zfmt) != -1 || fmtinstall('%', Zfmt) != -1 || fmtinstall('l', Zfmt) != -1
	|| fmtinstall('u', Zfmt) != -1 || fmtinstall('.', Zfmt) != -1 || fmtinstall('*', Zfmt) != -1
	|| fmtinstall(0, Zfmt) != -1 || fmtinstall(-1, Zfmt) != -1 || fmtinstall(65536, Zfmt) != -1
	|| fmtinstall('A', nil) != -1){
		nfail++;
		fprint(2, "fmtinstall accepted a reserved verb\n");
	}
	T("42", "%d", 42);

	/* Built-in verbs can be replaced. */
	fmtinstall('X', Xfmt);
	T("custom-X 1", "%X %d", 255, 1);
}

static void
quoting(void)
{
	char b[8];

	quotefmtinstall();
	T("hello", "%q", "hello");
	T("'it''s'", "%q", "it's");
	T("''", "%q", "");
	T("'a b'", "%q", "a b");
	T("'abc'", "%#q", "abc");
	T("<nil>", "%q", (char*)nil);
	T("   'a b'|", "%8q|", "a b");
	T("'a b'   |", "%-8q|", "a b");
	T("'a b'", "%Q", ab);
	T("'tab\there'", "%q", "tab\there");
	T("h\xc3\xa9", "%q", "h\xc3\xa9");
	snprint(b, 6, "%q", "a b c d");
	check(__LINE__, b, "'a b'");
	fmtdoquote = quotex;
	T("'axb'", "%q", "axb");
	T("ayb", "%q", "ayb");
	fmtdoquote = needsrcquote;
	T("'a=b'", "%q", "a=b");
	fmtdoquote = nil;
	T("axb", "%q", "axb");
	{
		char *s;
		Rune *r;

		s = quotestrdup("a b");
		check(__LINE__, s, "'a b'");
		free(s);
		s = quotestrdup("abc");
		check(__LINE__, s, "abc");
		free(s);
		s = quotestrdup("");
		check(__LINE__, s, "''");
		free(s);
		s = unquotestrdup("'it''s' x'y z'");
		check(__LINE__, s, "it's xy z");
		free(s);
		r = quoterunestrdup(ab);
		s = smprint("%S", r);
		check(__LINE__, s, "'a b'");
		free(s);
		free(r);
	}
}

static void
apis(void)
{
	char b[64], *p, *e, *s;
	Rune rb[16], *rs, *rp;
	Fmt f;
	int n, fd[2];
	char big[400];

	/* seprint chains and truncates, returning the end. */
	e = b + sizeof b;
	p = seprint(b, e, "ab");
	p = seprint(p, e, "%d", 12);
	check(__LINE__, b, "ab12");
	ncase++;
	if(p != b+4){ nfail++; fprint(2, "seprint end wrong\n"); }
	p = seprint(b, b+5, "abcdefg");
	check(__LINE__, b, "abcd");
	ncase++;
	if(p != b+4){ nfail++; fprint(2, "seprint truncated end wrong\n"); }
	ncase++;
	if(seprint(b, b, "x") != nil){ nfail++; fprint(2, "seprint e<=buf not nil\n"); }

	/* snprint truncation never splits a rune. */
	n = snprint(b, 4, "a\xc3\xa9\xe2\x82\xac");
	check(__LINE__, b, "a\xc3\xa9");
	ncase++;
	if(n != 3){ nfail++; fprint(2, "snprint truncated count %d\n", n); }
	snprint(b, 3, "a\xe2\x82\xac");
	check(__LINE__, b, "a");
	ncase++;
	if(snprint(b, 0, "x") != -1){ nfail++; fprint(2, "snprint len 0\n"); }

	/* smprint grows past its first buffer. */
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = 0;
	s = smprint("%s%s%d", big, big, 7);
	ncase++;
	if(s == nil || strlen(s) != 2*(sizeof big - 1) + 1 || s[2*(sizeof big - 1)] != '7'){
		nfail++;
		fprint(2, "smprint long\n");
	}
	free(s);

	/* Rune output. */
	n = runesnprint(rb, nelem(rb), "h%C%d", 0x263A, 42);
	ncase++;
	if(n != 4 || rb[0] != 'h' || rb[1] != 0x263A || rb[2] != '4' || rb[3] != '2' || rb[4] != 0){
		nfail++;
		fprint(2, "runesnprint %d\n", n);
	}
	n = runesnprint(rb, 3, "abcdef");
	ncase++;
	if(n != 2 || runestrlen(rb) != 2){ nfail++; fprint(2, "runesnprint trunc %d\n", n); }
	rs = runesmprint("%s-%S", "\xc3\xa9", hes);
	snprint(b, sizeof b, "%S", rs);
	check(__LINE__, b, "\xc3\xa9-h\xc3\xa9\xe2\x98\xba");
	free(rs);
	rp = runeseprint(rb, rb+nelem(rb), "x%dy", 5);
	ncase++;
	if(rp != rb+3 || rb[1] != '5'){ nfail++; fprint(2, "runeseprint\n"); }

	/* fmtstrinit/fmtprint/fmtstrflush. */
	fmtstrinit(&f);
	fmtprint(&f, "a%d", 1);
	fmtprint(&f, "b%s", "2");
	fmtrune(&f, 0xE9);
	fmtstrcpy(&f, "!");
	s = fmtstrflush(&f);
	check(__LINE__, s, "a1b2\xc3\xa9!");
	free(s);

	/* A locale: decimal comma, multi-byte thousands separator, widths in runes. */
	fmtstrinit(&f);
	fmtlocaleinit(&f, ",", "\xe2\x80\x99", nil);
	fmtprint(&f, "%'d|%'12d|%.2f|%'d", 1234567, 1234567, 3.5, -1000);
	s = fmtstrflush(&f);
	check(__LINE__, s, "1\xe2\x80\x99" "234\xe2\x80\x99" "567|   1\xe2\x80\x99" "234\xe2\x80\x99" "567|3,50|-1\xe2\x80\x99" "000");
	free(s);
	fmtstrinit(&f);
	fmtlocaleinit(&f, nil, " ", "\3\2");
	fmtprint(&f, "%'d", 123456789);
	s = fmtstrflush(&f);
	check(__LINE__, s, "12 34 56 789");
	free(s);

	/* fmtfdinit into a pipe, with a buffer small enough to flush on the way. */
	if(pipe(fd) < 0)
		sysfatal("pipe: %r");
	{
		char fb[8];

		fmtfdinit(&f, fd[1], fb, sizeof fb);
		fmtprint(&f, "hello %s %d", "world", 12345);
		n = fmtfdflush(&f);
		close(fd[1]);
		memset(b, 0, sizeof b);
		read(fd[0], b, sizeof b - 1);
		close(fd[0]);
		check(__LINE__, b, "hello world 12345");
		ncase++;
		if(n != 17){ nfail++; fprint(2, "fmtfdflush returned %d\n", n); }
	}

	/* %n stores the count so far. */
	n = -1;
	snprint(b, sizeof b, "abc%n-", &n);
	ncase++;
	if(n != 3){ nfail++; fprint(2, "%%n gave %d\n", n); }

	/* A nil format: nothing, -1, and a message naming the call. */
	ncase++;
	if(print(nil) != -1){ nfail++; fprint(2, "print(nil) != -1\n"); }
	strcpy(b, "junk");
	ncase++;
	if(snprint(b, sizeof b, nil) != -1 || b[0] != 0){ nfail++; fprint(2, "snprint(nil)\n"); }
	ncase++;
	if(smprint(nil) != nil){ nfail++; fprint(2, "smprint(nil)\n"); }
}

/* Formatting on a small thread stack (8 KiB asked for). */
static Channel *donec;

static void
smallstack(void *v)
{
	char b[128];

	USED(v);
	snprint(b, sizeof b, "%g %e %q %V %s %,d", 3.25, 1e-7, "a b", 1, 2, "s", 1234567);
	check(__LINE__, b, "3.25 1.000000e-07 'a b' (3) s 1,234,567");
	sendul(donec, 1);
}

void
threadmain(int argc, char *argv[])
{
	USED(argc);
	USED(argv);
	ints();
	chars();
	floats();
	errors();
	custom();
	quoting();
	apis();
	donec = chancreate(sizeof(ulong), 0);
	threadcreate(smallstack, nil, 8192);
	recvul(donec);
	print("%d cases, %d failed\n", ncase, nfail);
	threadexitsall(nfail ? "failed" : nil);
}
