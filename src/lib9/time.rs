//! Calendar time: Tm, p9gmtime, p9localtime, p9asctime, p9ctime, p9tm2sec; and CPU
//! time: p9times, p9cputime.
//!
//! Results live in per-OS-thread buffers (plan9port has one static Tm and one static
//! string for the whole program), overwritten by the next call of the same proc.
//! The local zone is the C library's (TZ, /etc/localtime; plan9port reads $timezone
//! or /etc/localtime and ignores TZ); UTC is called GMT, as plan9port calls it.

use core::cell::UnsafeCell;
use core::ffi::{c_char, c_int, c_long};
use core::ptr::null_mut;

/// plan9port's Tm (40 bytes, align 4). year is years since 1900, mon 0-11, wday 0-6
/// from Sunday, yday 0-365; zone is a 3-letter name, tzoff seconds east of GMT.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Tm {
    pub sec: c_int,
    pub min: c_int,
    pub hour: c_int,
    pub mday: c_int,
    pub mon: c_int,
    pub year: c_int,
    pub wday: c_int,
    pub yday: c_int,
    pub zone: [c_char; 4],
    pub tzoff: c_int,
}

const _: () = assert!(core::mem::size_of::<Tm>() == 40 && core::mem::align_of::<Tm>() == 4);

const ZERO: Tm = Tm { sec: 0, min: 0, hour: 0, mday: 0, mon: 0, year: 0, wday: 0, yday: 0, zone: [0; 4], tzoff: 0 };

extern "C" {
    fn tzset();
}

thread_local! {
    static TM: UnsafeCell<Tm> = const { UnsafeCell::new(ZERO) };
    static ASC: UnsafeCell<[u8; 32]> = const { UnsafeCell::new([0; 32]) };
}

fn leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

const MDAYS: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

fn mdays(y: i64, m: usize) -> i64 {
    if m == 1 && leap(y) {
        29
    } else {
        MDAYS[m]
    }
}

/// Days since 1970-01-01 of January 1st of year `y`.
fn yearday0(y: i64) -> i64 {
    let f = |y: i64| y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400);
    365 * (y - 1970) + f(y - 1) - f(1969)
}

/// Broken-down GMT for `t` seconds since the epoch, zone "GMT".
fn gm(t: i64) -> Tm {
    let day = t.div_euclid(86400);
    let hms = t.rem_euclid(86400);
    // An estimate of the year, then corrected.
    let mut y = 1970 + day.div_euclid(365);
    while yearday0(y) > day {
        y -= 1;
    }
    while yearday0(y + 1) <= day {
        y += 1;
    }
    let yday = day - yearday0(y);
    let (mut mon, mut d) = (0usize, yday);
    while d >= mdays(y, mon) {
        d -= mdays(y, mon);
        mon += 1;
    }
    Tm {
        sec: (hms % 60) as c_int,
        min: (hms / 60 % 60) as c_int,
        hour: (hms / 3600) as c_int,
        mday: d as c_int + 1,
        mon: mon as c_int,
        year: (y - 1900) as c_int,
        wday: (day + 4).rem_euclid(7) as c_int, // 1970-01-01 was a Thursday
        yday: yday as c_int,
        zone: [b'G' as c_char, b'M' as c_char, b'T' as c_char, 0],
        tzoff: 0,
    }
}

fn out(tm: Tm) -> *mut Tm {
    TM.with(|c| {
        let p = c.get();
        // SAFETY: the buffer belongs to this OS thread.
        unsafe { *p = tm };
        p
    })
}

/// p9gmtime: `t` as GMT.
pub extern "C" fn p9gmtime(t: c_long) -> *mut Tm {
    out(gm(t))
}

/// The local zone at `t`: seconds east of GMT and the zone's name.
fn zone(t: i64) -> (i64, [c_char; 4]) {
    // SAFETY: tzset rereads TZ; tm is ours for localtime_r.
    unsafe {
        tzset();
        let mut tm: libc::tm = core::mem::zeroed();
        let tt = t as libc::time_t;
        if libc::localtime_r(&tt, &mut tm).is_null() {
            return (0, [b'G' as c_char, b'M' as c_char, b'T' as c_char, 0]);
        }
        let mut z = [0 as c_char; 4];
        let mut name = super::cbytes(tm.tm_zone);
        // plan9port calls a zone without transitions (the usual UTC set-up) GMT, which
        // is also the name tm2sec and programs test for.
        if tm.tm_gmtoff == 0 && name == b"UTC" {
            name = b"GMT";
        }
        for (i, &c) in name.iter().take(3).enumerate() {
            z[i] = c as c_char;
        }
        (tm.tm_gmtoff, z)
    }
}

/// p9localtime: `t` in the local time zone.
pub extern "C" fn p9localtime(t: c_long) -> *mut Tm {
    let (off, z) = zone(t);
    let mut tm = gm(t.saturating_add(off));
    tm.zone = z;
    tm.tzoff = off as c_int;
    out(tm)
}

/// Two digits of n at s (a space for a leading zero when `pad` is a space).
fn num(s: &mut [u8], n: c_int, pad: u8) {
    s[0] = if n >= 10 { b'0' + (n / 10 % 10) as u8 } else { pad };
    s[1] = b'0' + (n % 10) as u8;
}

/// p9asctime: "Thu Jan  1 00:00:00 GMT 1970\n" (day of month space-padded).
///
/// # Safety
/// `t` is nil (errstr set, nil returned) or points to a readable Tm.
pub unsafe extern "C" fn p9asctime(t: *const Tm) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if t.is_null() {
            crate::runtime::errstr::set(b"asctime: nil Tm");
            return null_mut();
        }
        let t = &*t;
        let mut b = *b"Thu Jan 01 00:00:00 GMT 1970\n\0\0\0";
        const DAYS: &[u8] = b"SunMonTueWedThuFriSat";
        const MONS: &[u8] = b"JanFebMarAprMayJunJulAugSepOctNovDec";
        let w = t.wday.rem_euclid(7) as usize * 3;
        let m = t.mon.rem_euclid(12) as usize * 3;
        b[0..3].copy_from_slice(&DAYS[w..w + 3]);
        b[4..7].copy_from_slice(&MONS[m..m + 3]);
        num(&mut b[8..], t.mday, b' ');
        num(&mut b[11..], t.hour.rem_euclid(100) + 100, b'0');
        num(&mut b[14..], t.min.rem_euclid(100) + 100, b'0');
        num(&mut b[17..], t.sec.rem_euclid(100) + 100, b'0');
        // The zone as three bytes (a shorter name ends the string early, as in plan9port).
        for i in 0..3 {
            b[20 + i] = t.zone[i] as u8;
        }
        // plan9port prints "19" or "20" and two digits (2100 → "2000"); four digits are
        // the same for 1900-2099 and right after.
        let y = (t.year as i64 + 1900).rem_euclid(10000) as c_int;
        num(&mut b[24..], y / 100 + 100, b'0');
        num(&mut b[26..], y % 100 + 100, b'0');
        ASC.with(|c| {
            let p = c.get();
            *p = b;
            p as *mut c_char
        })
    }
}

/// p9ctime: p9asctime(p9localtime(t)).
pub extern "C" fn p9ctime(t: c_long) -> *mut c_char {
    // SAFETY: p9localtime returns this OS thread's valid Tm.
    unsafe { p9asctime(p9localtime(t)) }
}

/// p9tm2sec: seconds since the epoch for `tm` (mon and mday, or yday when mday is 0).
/// A zone other than "GMT" means local time. Times before 1970 give 0 (plan9port
/// clamps a negative result to 0 but miscounts years before 1970, giving a time in
/// 1970 instead).
///
/// # Safety
/// `tm` is nil (errstr set, 0 returned) or points to a readable Tm.
pub unsafe extern "C" fn p9tm2sec(tm: *const Tm) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if tm.is_null() {
            crate::runtime::errstr::set(b"tm2sec: nil Tm");
            return 0;
        }
        let tm = &*tm;
        let year = tm.year as i64 + 1900;
        let mut secs = yearday0(year) * 86400;
        let yday = if tm.mday != 0 {
            (0..tm.mon.clamp(0, 12) as usize).map(|m| mdays(year, m)).sum::<i64>() + tm.mday as i64 - 1
        } else {
            tm.yday as i64
        };
        secs += yday * 86400 + tm.hour as i64 * 3600 + tm.min as i64 * 60 + tm.sec as i64;
        let z = &tm.zone;
        if !(z[0] as u8 == b'G' && z[1] as u8 == b'M' && z[2] as u8 == b'T' && z[3] == 0) {
            // The offset in force at the local time meant: guess, then check the guess.
            let (off, _) = zone(secs);
            let (off2, _) = zone(secs - off);
            secs -= off2;
        }
        secs.max(0) as c_long
    }
}

fn ms(tv: libc::timeval) -> c_long {
    tv.tv_sec as c_long * 1000 + tv.tv_usec as c_long / 1000
}

/// p9times: CPU milliseconds of this process (user, system) and of its waited-for
/// children (user, system) into t[0..4] when `t` is not nil; returns their sum (what
/// plan9port returns, rather than Plan 9's elapsed real time), -1 on error.
///
/// # Safety
/// `t` is nil or has room for 4 writable `long`s.
pub unsafe extern "C" fn p9times(t: *mut c_long) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut ru: libc::rusage = core::mem::zeroed();
        let mut cru: libc::rusage = core::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut ru) < 0 || libc::getrusage(libc::RUSAGE_CHILDREN, &mut cru) < 0 {
            super::syserr();
            return -1;
        }
        let v = [ms(ru.ru_utime), ms(ru.ru_stime), ms(cru.ru_utime), ms(cru.ru_stime)];
        if !t.is_null() {
            core::ptr::copy_nonoverlapping(v.as_ptr(), t, 4);
        }
        v.iter().sum()
    }
}

/// p9cputime: p9times' sum in seconds.
pub extern "C" fn p9cputime() -> f64 {
    // SAFETY: a nil t is allowed.
    let n = unsafe { p9times(null_mut()) };
    if n < 0 {
        -1.0
    } else {
        n as f64 / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmt_against_libc() {
        for t in [0i64, 1, 86399, 86400, 951782400, 951868800, 1700000000, 4102444800, -1, -86401, -2208988800] {
            let g = gm(t);
            // SAFETY: tm is ours.
            let mut tm: libc::tm = unsafe { core::mem::zeroed() };
            // SAFETY: t and tm are this test's; gmtime_r reads one and writes the other.
            unsafe { libc::gmtime_r(&t, &mut tm) };
            assert_eq!(
                (g.sec, g.min, g.hour, g.mday, g.mon, g.year, g.wday, g.yday),
                (tm.tm_sec, tm.tm_min, tm.tm_hour, tm.tm_mday, tm.tm_mon, tm.tm_year, tm.tm_wday, tm.tm_yday),
                "{t}"
            );
        }
    }
}
