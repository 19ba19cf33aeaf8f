/* %S into buffers of every size: the output is the longest prefix of the runes'
 * UTF-8 that fits (never a split rune), as runetochar builds it; with width and
 * precision; into a rune buffer (runesnprint); and through a flushing Fmt (fprint). */
#include <u.h>
#include <libc.h>
#include <thread.h>

static Rune r[] = { 'a', 0xE9, 'b', 0x263A, 0x10348, 'c', 0xFFFD, 'd', 0x7FF, 0x800, 'e', 0 };

void
threadmain(int argc, char **argv)
{
	char full[128], buf[128], want[128];
	Rune rb[64];
	int i, k, n, bad, len;

	USED(argc);
	USED(argv);
	len = 0;
	for(i = 0; r[i]; i++)
		len += runetochar(full+len, &r[i]);
	full[len] = 0;
	bad = 0;
	for(n = 1; n <= len+2; n++){
		/* the expected prefix: whole runes that fit in n-1 bytes */
		k = 0;
		for(i = 0; r[i]; i++){
			if(k + runelen(r[i]) > n-1)
				break;
			k += runetochar(want+k, &r[i]);
		}
		want[k] = 0;
		memset(buf, 'X', sizeof buf);
		snprint(buf, n, "%S", r);
		if(strcmp(buf, want) != 0){
			print("size %d: got '%s' want '%s'\n", n, buf, want);
			bad++;
		}
	}
	print("sizes 1..%d: %d bad\n", len+2, bad);
	print("[%S]\n", r);
	print("[%.3S] [%12.4S] [%-12.4S]\n", r, r, r);
	runesnprint(rb, nelem(rb), "%S", r);
	print("runes equal %d\n", runestrcmp(rb, r) == 0);
	fprint(1, "fprint %S\n", r);
	threadexitsall(nil);
}
