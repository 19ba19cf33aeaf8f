/*
 * Encodings: enc64/dec64, enc32/dec32, enc16/dec16 on RFC 4648 vectors and round
 * trips, short buffers, bad arguments; the %[ %< %H verbs via fmtinstall; and
 * the string rules of cleanname and netmkaddr.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

char *vec[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };

void
vectors(void)
{
	char e[64];
	uchar d[64];
	int i, n, m;

	for(i = 0; i < nelem(vec); i++){
		n = enc64(e, sizeof e, (uchar*)vec[i], strlen(vec[i]));
		m = dec64(d, sizeof d, e, n);
		d[m] = 0;
		print("64 [%s] -> [%s] %d -> [%s] %d\n", vec[i], e, n, (char*)d, m);
		n = enc16(e, sizeof e, (uchar*)vec[i], strlen(vec[i]));
		m = dec16(d, sizeof d, e, n);
		d[m] = 0;
		print("16 [%s] -> [%s] %d -> [%s] %d\n", vec[i], e, n, (char*)d, m);
		n = enc32(e, sizeof e, (uchar*)vec[i], strlen(vec[i]));
		m = dec32(d, sizeof d, e, n);
		if(m >= 0)
			d[m] = 0;
		print("32 [%s] -> [%s] %d -> [%s] %d\n", vec[i], e, n, m >= 0 ? (char*)d : "", m);
	}
}

void
roundtrips(void)
{
	uchar src[300], d[300];
	char e[600];
	int len, i, bad, n, m;

	for(i = 0; i < sizeof src; i++)
		src[i] = i*7 + (i>>3);
	bad = 0;
	for(len = 0; len <= 256; len++){
		n = enc64(e, sizeof e, src, len);
		m = dec64(d, sizeof d, e, n);
		if(m != len || memcmp(d, src, len) != 0 || n != (len+2)/3*4)
			bad++;
		n = enc16(e, sizeof e, src, len);
		m = dec16(d, sizeof d, e, n);
		if(m != len || memcmp(d, src, len) != 0 || n != 2*len)
			bad++;
		n = enc32(e, sizeof e, src, len);
		m = dec32(d, sizeof d, e, n);
		if(m != len || memcmp(d, src, len) != 0)
			bad++;
	}
	print("round trips 0..256 bad %d\n", bad);
}

void
edges(void)
{
	char e[16];
	uchar d[4];
	int n;

	/* too small: truncated at a whole group, NUL-terminated */
	n = enc64(e, 9, (uchar*)"foobar", 6);
	print("enc64 lim 9: %d [%s]\n", n, e);
	n = enc64(e, 8, (uchar*)"foobar", 6);
	print("enc64 lim 8: %d [%s]\n", n, e);
	n = enc16(e, 4, (uchar*)"ab", 2);
	print("enc16 lim 4: %d [%s]\n", n, e);
	n = dec64(d, 2, "Zm9vYmFy", 8);
	print("dec64 lim 2: %d\n", n);
	n = dec64(d, 4, "Zm9v\nYm Fy!", 11);
	print("dec64 skips junk: %d [%.3s]\n", n, (char*)d);
	n = dec16(d, sizeof d, "4a:4B-zz", 8);
	print("dec16 junk: %d %02x %02x %02x\n", n, d[0], d[1], d[2]);
	print("enc32 small %d: %r\n", enc32(e, 2, (uchar*)"abc", 3));
	print("dec32 bad length %d: %r\n", dec32(d, sizeof d, "abc", 3));
	print("enc64 nil %d: %r\n", enc64(nil, 10, (uchar*)"a", 1));
	print("enc64 lim 0 %d: %r\n", enc64(e, 0, (uchar*)"a", 1));
	print("dec64 nil in %d: %r\n", dec64(d, sizeof d, nil, 4));
	print("enc16 negative n %d: %r\n", enc16(e, sizeof e, (uchar*)"a", -1));
}

void
verbs(void)
{
	uchar b[] = { 0xde, 0xad, 0xbe, 0xef, 0x01 };
	uchar big[100];
	char *s;
	int i;

	fmtinstall('H', encodefmt);
	fmtinstall('[', encodefmt);
	fmtinstall('<', encodefmt);
	print("%%H [%.*H] %%lH [%.*lH] %%[ [%.*[] %%< [%.*<]\n", 5, b, 5, b, 5, b, 5, b);
	print("no precision [%H] nil [%.*H] [%H] zero [%.*H]\n", b, 3, nil, nil, 0, b);
	print("width [%20.*H] left [%-12.*H]|\n", 2, b, 2, b);
	for(i = 0; i < sizeof big; i++)
		big[i] = i;
	s = smprint("%.*[", (int)sizeof big, big);
	print("big %d %.20s...%s\n", (int)strlen(s), s, s+strlen(s)-8);
	free(s);
}

void
clean(void)
{
	static char *t[] = {
		"", "/", "//", ".", "..", "/..", "/../..", "a", "a/", "a//b", "./a", "a/.",
		"a/..", "a/../..", "../a", "../../a/b/..", "/a/b/../../c", "a/b/c/../../..",
		"/./a/./b/.", "x/../../y/./z//", "/usr/local/../lib/", "...", "a/.../b",
	};
	char buf[64];
	int i;

	for(i = 0; i < nelem(t); i++){
		strcpy(buf, t[i]);
		print("cleanname [%s] = [%s]\n", t[i], cleanname(buf));
	}
}

void
mkaddr(void)
{
	static char *t[][3] = {
		{ "host", "tcp", "564" },
		{ "host", nil, nil },
		{ "host", "udp", nil },
		{ "host:80", "tcp", "564" },
		{ "host:http", nil, "564" },
		{ "tcp!host", nil, "9fs" },
		{ "tcp!host", nil, nil },
		{ "tcp!host!1", "udp", "9fs" },
		{ "net!host", "tcp", "echo" },
		{ "unix!/tmp/sock", "tcp", "9fs" },
		{ "/", "tcp", "9fs" },
		{ "*", "tcp", "17034" },
	};
	int i;

	for(i = 0; i < nelem(t); i++)
		print("netmkaddr %s %s %s = %s\n", t[i][0], t[i][1] ? t[i][1] : "nil",
			t[i][2] ? t[i][2] : "nil", netmkaddr(t[i][0], t[i][1], t[i][2]));
	print("netmkaddr nil %d: %r\n", netmkaddr(nil, "tcp", "1") == nil);
}

void
threadmain(int argc, char **argv)
{
	vectors();
	roundtrips();
	edges();
	verbs();
	clean();
	mkaddr();
	threadexits(nil);
}
