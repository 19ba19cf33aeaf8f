/*
 * Calendar time: gmtime of fixed instants, asctime/ctime formats, localtime in
 * two zones given by TZ (POSIX rules, no tz database needed), tm2sec round trips,
 * times/cputime, and nil arguments.
 */
#include <u.h>
#include <libc.h>
#include <thread.h>

void
showtm(char *what, long t, Tm *tm)
{
	print("%s %ld: %d-%02d-%02d %02d:%02d:%02d wday %d yday %d zone %s tzoff %d\n",
		what, t, tm->year+1900, tm->mon+1, tm->mday, tm->hour, tm->min, tm->sec,
		tm->wday, tm->yday, tm->zone, tm->tzoff);
}

void
threadmain(int argc, char **argv)
{
	static long ts[] = { 0, 1, 86399, 86400, 68169600, 951782400, 951868800,
		1000000000, 1700000000, 2147483647, 4102444800L, -1, -86401 };
	Tm *tm, t2;
	long t, bad;
	int i;

	putenv("TZ", "UTC");
	for(i = 0; i < nelem(ts); i++){
		tm = gmtime(ts[i]);
		showtm("gmtime", ts[i], tm);
		print("asctime %s", asctime(tm));
	}

	/* tm2sec(gmtime(t)) == t, every 9999 hours over 60 years */
	bad = 0;
	for(t = 0; t < 60L*365*86400; t += 9999L*3600+7){
		tm = gmtime(t);
		if(tm2sec(tm) != t)
			bad++;
	}
	print("gmtime round trips bad %ld\n", bad);

	/* mday 0: yday counts */
	memset(&t2, 0, sizeof t2);
	t2.year = 100;
	t2.yday = 59;
	t2.hour = 12;
	strcpy(t2.zone, "GMT");
	print("tm2sec yday %ld\n", tm2sec(&t2));
	t2.year = 60;
	t2.yday = 0;
	print("tm2sec before 1970 %ld\n", tm2sec(&t2));

	/* local time */
	tm = localtime(1000000000);
	showtm("localtime UTC", 1000000000, tm);
	print("ctime UTC %s", ctime(0));
	putenv("TZ", "EST5EDT,M3.2.0,M11.1.0");
	showtm("localtime EST", 1700000000, localtime(1700000000));
	showtm("localtime EDT", 1690000000, localtime(1690000000));
	print("ctime EST %s", ctime(0));
	print("ctime EDT %s", ctime(1690000000));
	bad = 0;
	for(t = 1600000000; t < 1800000000; t += 999L*3600+13){
		tm = localtime(t);
		if(tm2sec(tm) != t)
			bad++;
	}
	print("localtime round trips bad %ld\n", bad);
	putenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
	showtm("localtime CEST", 1690000000, localtime(1690000000));
	print("round trip CEST %d\n", tm2sec(localtime(1690000000)) == 1690000000);

	/* CPU time */
	{
		long tt[4], sum;
		double c;

		sum = times(tt);
		c = cputime();
		print("times sum %d cputime ok %d nil ok %d\n", sum == tt[0]+tt[1]+tt[2]+tt[3],
			c >= sum/1000.0 && c < sum/1000.0 + 5, times(nil) >= 0);
	}

	/* nil */
	print("asctime nil %d: %r\n", asctime(nil) == nil);
	print("tm2sec nil %ld: %r\n", tm2sec(nil));
	threadexits(nil);
}
