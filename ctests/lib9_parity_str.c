/*
 * lib9's pure functions give plan9port's results (docs/lib9-parity.md): the random
 * number generator's sequences, the decoders with no room, and localtime's name for
 * UTC.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
threadmain(int argc, char **argv)
{
	int i;
	uchar u[8];
	Tm *tm;

	USED(argc);
	USED(argv);
	print("rand before srand:");
	for(i=0; i<4; i++)
		print(" %d", rand());
	print("\n");
	srand(1);
	print("rand after srand(1):");
	for(i=0; i<4; i++)
		print(" %d", rand());
	print("\n");
	srand(12345);
	print("lrand:");
	for(i=0; i<4; i++)
		print(" %ld", lrand());
	print("\n");
	srand(-7);
	print("nrand(100):");
	for(i=0; i<4; i++)
		print(" %d", nrand(100));
	print(", nrand(-5) %d\n", nrand(-5));
	print("lnrand(1000000):");
	for(i=0; i<4; i++)
		print(" %ld", lnrand(1000000));
	print(", lnrand(-7) %ld\n", lnrand(-7));
	print("frand:");
	for(i=0; i<3; i++)
		print(" %.9f", frand());
	print("\n");

	print("dec64 with no room: %d\n", dec64(u, 0, "aGVs", 4));
	print("dec16 with no room: %d\n", dec16(u, 0, "0a", 2));
	print("dec32 of nothing with no room: %d\n", dec32(u, 0, "", 0));

	/* The zone plan9port calls GMT: TZ for the C library, $timezone for plan9port. */
	putenv("TZ", "UTC");
	putenv("timezone", "/usr/share/zoneinfo/UTC");
	tm = localtime(86400);
	print("localtime in UTC: %s %d, %s", tm->zone, tm->tzoff, ctime(86400));
	threadexitsall(nil);
}
