//! djb's TAI64/TAI64NA time labels (`struct tai`, `struct taia`) with djb's layouts,
//! for iopause callers. `taia_now` is wall-clock TAI as in libtai (programs log it);
//! iopause itself only uses the difference `deadline − stamp`.

use core::ffi::c_ulong;

/// TAI64 label of the Unix epoch: 2^62 + 10 (the TAI−UTC offset in 1970).
pub const UNIX_EPOCH: u64 = (1 << 62) + 10;
const BILLION: c_ulong = 1_000_000_000;

#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Tai {
    pub x: u64,
}

#[repr(C)]
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Taia {
    pub sec: Tai,
    pub nano: c_ulong, // 0..999999999
    pub atto: c_ulong, // 0..999999999
}

const _: () = assert!(core::mem::size_of::<Taia>() == 24 && core::mem::size_of::<Tai>() == 8);

pub fn tai_now() -> Tai {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    Tai { x: UNIX_EPOCH.wrapping_add(ts.tv_sec as u64) }
}

pub fn now() -> Taia {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    Taia { sec: Tai { x: UNIX_EPOCH.wrapping_add(ts.tv_sec as u64) }, nano: ts.tv_nsec as c_ulong, atto: 0 }
}

/// t = u + v, carrying attoseconds and nanoseconds.
pub fn add(t: &mut Taia, u: &Taia, v: &Taia) {
    let mut sec = u.sec.x.wrapping_add(v.sec.x);
    let mut nano = u.nano + v.nano;
    let mut atto = u.atto + v.atto;
    if atto >= BILLION {
        atto -= BILLION;
        nano += 1;
    }
    if nano >= BILLION {
        nano -= BILLION;
        sec = sec.wrapping_add(1);
    }
    *t = Taia { sec: Tai { x: sec }, nano, atto };
}

/// t = u − v, borrowing (wraps like djb's when v > u).
pub fn sub(t: &mut Taia, u: &Taia, v: &Taia) {
    let b = BILLION as i64;
    let mut sec = u.sec.x.wrapping_sub(v.sec.x);
    let mut nano = u.nano as i64 - v.nano as i64;
    let mut atto = u.atto as i64 - v.atto as i64;
    if atto < 0 {
        atto += b;
        nano -= 1;
    }
    if nano < 0 {
        nano += b;
        sec = sec.wrapping_sub(1);
    }
    *t = Taia { sec: Tai { x: sec }, nano: nano as c_ulong, atto: atto as c_ulong };
}

/// t = u / 2.
pub fn half(t: &mut Taia, u: &Taia) {
    let mut atto = u.atto / 2;
    let mut nano = u.nano / 2;
    if u.nano & 1 != 0 {
        atto += 500_000_000;
    }
    if u.sec.x & 1 != 0 {
        nano += 500_000_000;
    }
    *t = Taia { sec: Tai { x: u.sec.x >> 1 }, nano, atto };
}

pub fn less(t: &Taia, u: &Taia) -> bool {
    (t.sec.x, t.nano, t.atto) < (u.sec.x, u.nano, u.atto)
}

pub fn frac(t: &Taia) -> f64 {
    (t.atto as f64 * 1e-9 + t.nano as f64) * 1e-9
}

pub fn approx(t: &Taia) -> f64 {
    t.sec.x as f64 + frac(t)
}

pub fn addsec(t: &mut Taia, u: &Taia, secs: i32) {
    *t = *u;
    t.sec.x = t.sec.x.wrapping_add(secs as i64 as u64);
}

pub fn from_uint(s: u32) -> Taia {
    Taia { sec: Tai { x: s as u64 }, nano: 0, atto: 0 }
}

pub fn tai_pack(s: &mut [u8; 8], t: &Tai) {
    *s = t.x.to_be_bytes();
}

pub fn tai_unpack(s: &[u8; 8]) -> Tai {
    Tai { x: u64::from_be_bytes(*s) }
}

/// 16 bytes: the TAI64 label, then nano and atto as big-endian 32-bit numbers.
pub fn pack(s: &mut [u8; 16], t: &Taia) {
    s[..8].copy_from_slice(&t.sec.x.to_be_bytes());
    s[8..12].copy_from_slice(&(t.nano as u32).to_be_bytes());
    s[12..].copy_from_slice(&(t.atto as u32).to_be_bytes());
}

pub fn unpack(s: &[u8; 16]) -> Taia {
    let w = |i: usize| u32::from_be_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]]) as c_ulong;
    Taia { sec: Tai { x: u64::from_be_bytes(s[..8].try_into().unwrap()) }, nano: w(8), atto: w(12) }
}

/// The fraction as 18 decimal digits (nano then atto, zero-padded), no NUL.
pub fn fmtfrac(t: &Taia) -> [u8; 18] {
    let mut out = [b'0'; 18];
    let (mut n, mut a) = (t.nano, t.atto);
    for i in (0..9).rev() {
        out[9 + i] = b'0' + (a % 10) as u8;
        a /= 10;
        out[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ta(s: u64, n: c_ulong, a: c_ulong) -> Taia {
        Taia { sec: Tai { x: s }, nano: n, atto: a }
    }

    #[test]
    fn carries_and_borrows() {
        let mut t = Taia::default();
        add(&mut t, &ta(1, 999_999_999, 999_999_999), &ta(0, 0, 1));
        assert_eq!(t, ta(2, 0, 0));
        sub(&mut t, &ta(2, 0, 0), &ta(0, 0, 1));
        assert_eq!(t, ta(1, 999_999_999, 999_999_999));
        sub(&mut t, &ta(5, 100, 0), &ta(3, 200, 0));
        assert_eq!(t, ta(1, 999_999_900, 0));
        half(&mut t, &ta(3, 1, 0));
        assert_eq!(t, ta(1, 500_000_000, 500_000_000));
        assert!(less(&ta(1, 2, 3), &ta(1, 2, 4)));
        assert!(!less(&ta(1, 2, 3), &ta(1, 2, 3)));
    }

    #[test]
    fn packs() {
        let t = ta(UNIX_EPOCH + 1, 123_456_789, 987_654_321);
        let mut b = [0u8; 16];
        pack(&mut b, &t);
        assert_eq!(&b[..8], &[0x40, 0, 0, 0, 0, 0, 0, 11]);
        assert_eq!(unpack(&b), t);
        assert_eq!(&fmtfrac(&t), b"123456789987654321");
    }
}
