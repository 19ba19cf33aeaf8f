//! Numbers: %d %i %u %o %x %X %b %p and %e %f %g %E %G, with Plan 9's rules
//! (`u` flag, `,` every three digits, `'` by the Fmt's locale, `#` prefixes; floats from
//! the shortest round-trip digits, rounded half-up, `NaN`/`+Inf`/`-Inf`).

use super::*;
use core::ffi::CStr;
use core::mem::MaybeUninit;

/// Digits collected right to left.
struct Rev {
    // Uninitialised: zeroing 512 bytes per number showed up in profiles.
    buf: [MaybeUninit<u8>; 512],
    p: usize,
}

impl Rev {
    fn push(&mut self, b: u8) {
        if self.p > 0 {
            self.p -= 1;
            self.buf[self.p] = MaybeUninit::new(b);
        }
    }
    /// The digits collected so far.
    fn done(&self) -> &[u8] {
        let s = &self.buf[self.p..];
        // SAFETY: every byte from p to the end was written by push.
        unsafe { core::slice::from_raw_parts(s.as_ptr() as *const u8, s.len()) }
    }
    fn push_str(&mut self, s: &[u8]) {
        for &b in s.iter().rev() {
            self.push(b);
        }
    }
    /// Room left for more zero fill, keeping some for a separator, prefix and sign.
    fn roomy(&self) -> bool {
        self.p > 16
    }
    fn first(&self) -> u8 {
        self.done().first().copied().unwrap_or(0)
    }
}

/// Digits of `v` in base B, no separators; returns how many.
fn plain<const B: u64>(b: &mut Rev, mut v: u64, conv: &[u8; 16]) -> i64 {
    let mut n = 0;
    while v != 0 {
        b.push(conv[(v % B) as usize]);
        v /= B;
        n += 1;
    }
    n
}

/// Whether a separator goes before the next digit: counts digits against the grouping
/// descriptor (each byte a group size; 0, 0x7F, 0xFF = no more grouping; the last size
/// repeats).
fn needsep(ndig: &mut i32, g: &mut &[u8]) -> bool {
    *ndig += 1;
    let group = g.first().copied().unwrap_or(0);
    if group == 0 || group == 0x7F || group == 0xFF {
        return false;
    }
    if *ndig > group as i32 {
        if g.len() > 1 {
            *g = &g[1..];
        }
        *ndig = 1;
        return true;
    }
    false
}

/// # Safety
/// `p` is nil or NUL-terminated, and outlives the returned slice.
unsafe fn cstr(p: *const c_char, dflt: &[u8]) -> &[u8] {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if p.is_null() {
            dflt
        } else {
            CStr::from_ptr(p).to_bytes()
        }
    }
}

/// The integer verbs.
///
/// # Safety
/// `f` is a valid Fmt with its args set up, `f.r` the verb.
pub unsafe fn ifmt(f: *mut Fmt) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut fl = (*f).flags;
        let mut verb = (*f).r;
        let unsigned = fl & FMT_UNSIGNED != 0;
        // Read the argument at the size the flags say, as a magnitude and a sign.
        let (mut v, neg): (u64, bool) = if verb == 'p' as u32 {
            verb = 'x' as u32;
            (*f).r = verb;
            fl |= FMT_UNSIGNED;
            (arg_ptr(f) as usize as u64, false)
        } else {
            let x: i64 = if fl & FMT_VLONG != 0 {
                if unsigned {
                    arg_uvlong(f) as i64
                } else {
                    arg_vlong(f)
                }
            } else if fl & FMT_LONG != 0 {
                if unsigned {
                    arg_ulong(f) as i64
                } else {
                    arg_long(f)
                }
            } else if fl & FMT_BYTE != 0 {
                let i = arg_int(f);
                if unsigned {
                    i as u8 as i64
                } else {
                    i as i8 as i64
                }
            } else if fl & FMT_SHORT != 0 {
                let i = arg_int(f);
                if unsigned {
                    i as u16 as i64
                } else {
                    i as i16 as i64
                }
            } else if unsigned {
                arg_uint(f) as i64
            } else {
                arg_int(f) as i64
            };
            if !unsigned && x < 0 {
                (x.unsigned_abs(), true)
            } else {
                (x as u64, false)
            }
        };
        let lower = b"0123456789abcdef";
        let upper = b"0123456789ABCDEF";
        let mut conv = lower;
        // Hex, binary and octal group by fours; decimal by the locale.
        let mut grouping: &[u8] = b"\x04";
        let apost = fl & FMT_APOST != 0;
        // The locale strings matter only for %'d; do not even measure them otherwise.
        let mut thousands: &[u8] = if apost { cstr((*f).thousands, b",") } else { b"," };
        let base: u64 = match char::from_u32(verb).unwrap_or('\0') {
            'd' | 'i' | 'u' => {
                if apost {
                    grouping = cstr((*f).grouping, b"\x03");
                }
                10
            }
            'X' => {
                conv = upper;
                thousands = b":";
                16
            }
            'x' => {
                thousands = b":";
                16
            }
            'b' => {
                thousands = b":";
                2
            }
            'o' => 8,
            _ => return false,
        };
        // A separator is at most one rune: it has to fit in the digit buffer.
        let thousands = &thousands[..crate::base::utf::trunc(thousands, crate::base::utf::UTFMAX)];
        let seprunes = crate::base::utf::count(thousands) as i64;

        let mut b = Rev { buf: [MaybeUninit::uninit(); 512], p: 512 };
        // Runes so far (a separator may be several bytes); the width is counted in runes.
        let mut n: i64 = 0;
        let mut ndig = 0;
        let mut g = grouping;
        if fl & (FMT_COMMA | FMT_APOST) == 0 {
            // The common case, with constant divisors (a runtime 64-bit divide is slow).
            n = match base {
                10 => plain::<10>(&mut b, v, conv),
                16 => plain::<16>(&mut b, v, conv),
                8 => plain::<8>(&mut b, v, conv),
                _ => plain::<2>(&mut b, v, conv),
            };
            v = 0;
        }
        while v != 0 {
            let d = (v % base) as usize;
            v /= base;
            if fl & FMT_COMMA != 0 && n % 4 == 3 {
                b.push(b',');
                n += 1;
            }
            if apost && needsep(&mut ndig, &mut g) {
                b.push_str(thousands);
                n += seprunes;
            }
            b.push(conv[d]);
            n += 1;
        }
        if n == 0 {
            // Zero with precision 0 prints nothing, except that %#o still shows its 0.
            if fl & FMT_PREC == 0 || (*f).prec != 0 || (verb == 'o' as u32 && fl & FMT_SHARP != 0) {
                b.push(b'0');
                n = 1;
                if apost {
                    needsep(&mut ndig, &mut g);
                }
            }
            // Zero gets no 0x.
            if verb == 'x' as u32 || verb == 'X' as u32 {
                fl &= !FMT_SHARP;
            }
        }
        let prec = if fl & FMT_PREC != 0 { (*f).prec as i64 } else { 0 };
        while n < prec && b.roomy() {
            if apost && needsep(&mut ndig, &mut g) {
                b.push_str(thousands);
                n += seprunes;
            }
            b.push(b'0');
            n += 1;
        }
        if neg || fl & (FMT_SIGN | FMT_SPACE) != 0 {
            n += 1;
        }
        if fl & FMT_SHARP != 0 {
            if base == 16 {
                n += 2;
            } else if base == 8 {
                if b.first() == b'0' {
                    fl &= !FMT_SHARP;
                } else {
                    n += 1;
                }
            }
        }
        if fl & FMT_ZERO != 0 && fl & (FMT_LEFT | FMT_PREC) == 0 {
            let w = if fl & FMT_WIDTH != 0 { (*f).width as i64 } else { 0 };
            while n < w && b.roomy() {
                if apost && needsep(&mut ndig, &mut g) {
                    b.push_str(thousands);
                    n += seprunes;
                }
                b.push(b'0');
                n += 1;
            }
            (*f).flags &= !FMT_WIDTH;
        }
        if fl & FMT_SHARP != 0 {
            if base == 16 {
                b.push(verb as u8);
            }
            if base == 16 || base == 8 {
                b.push(b'0');
            }
        }
        if neg {
            b.push(b'-');
        } else if fl & FMT_SIGN != 0 {
            b.push(b'+');
        } else if fl & FMT_SPACE != 0 {
            b.push(b' ');
        }
        (*f).flags &= !FMT_PREC;
        out::utf_field(f, b.done(), n.max(0) as usize)
    }
}

/// A decimal value d[0].d[1..n] × 10^e (d = "0", e = 0 for zero).
struct Dec {
    d: [u8; 32],
    n: usize,
    e: i32,
}

impl Dec {
    /// The shortest digits that read back as `x` (x finite, ≥ 0).
    fn new(x: f64) -> Dec {
        struct W {
            b: [u8; 40],
            n: usize,
        }
        impl core::fmt::Write for W {
            fn write_str(&mut self, s: &str) -> core::fmt::Result {
                let s = s.as_bytes();
                let k = s.len().min(self.b.len() - self.n);
                self.b[self.n..self.n + k].copy_from_slice(&s[..k]);
                self.n += k;
                Ok(())
            }
        }
        let mut w = W { b: [0; 40], n: 0 };
        // Rust's `{:e}` gives the shortest round-trip form, e.g. "1.2345e-5".
        let _ = core::fmt::write(&mut w, format_args!("{:e}", x));
        let s = &w.b[..w.n];
        let mut dec = Dec { d: [b'0'; 32], n: 0, e: 0 };
        let mut i = 0;
        while i < s.len() && s[i] != b'e' {
            if s[i].is_ascii_digit() && dec.n < dec.d.len() {
                dec.d[dec.n] = s[i];
                dec.n += 1;
            }
            i += 1;
        }
        let mut neg = false;
        let mut e: i32 = 0;
        for &c in s.get(i + 1..).unwrap_or(&[]) {
            if c == b'-' {
                neg = true;
            } else if c.is_ascii_digit() {
                e = e * 10 + (c - b'0') as i32;
            }
        }
        dec.e = if neg { -e } else { e };
        if dec.n == 0 {
            dec.n = 1;
        }
        dec.trim();
        dec
    }

    fn trim(&mut self) {
        while self.n > 1 && self.d[self.n - 1] == b'0' {
            self.n -= 1;
        }
        if self.n == 1 && self.d[0] == b'0' {
            self.e = 0;
        }
    }

    /// Keeps `k` significant digits, rounding half up (Plan 9 rounds the decimal digits).
    fn round(&mut self, k: i64) {
        if k >= self.n as i64 {
            return;
        }
        if k < 0 {
            *self = Dec { d: [b'0'; 32], n: 1, e: 0 };
            return;
        }
        let k = k as usize;
        let up = self.d[k] >= b'5';
        self.n = k;
        if up {
            let mut i = k;
            loop {
                if i == 0 {
                    // Carried out of the first digit: 999 → 1000.
                    self.d[0] = b'1';
                    self.n = 1;
                    self.e += 1;
                    break;
                }
                i -= 1;
                if self.d[i] == b'9' {
                    self.d[i] = b'0';
                } else {
                    self.d[i] += 1;
                    break;
                }
            }
        }
        if self.n == 0 {
            *self = Dec { d: [b'0'; 32], n: 1, e: 0 };
        }
        self.trim();
    }

    /// The digit for 10^k.
    fn at(&self, k: i64) -> u8 {
        let i = self.e as i64 - k;
        if i >= 0 && (i as usize) < self.n {
            self.d[i as usize]
        } else {
            b'0'
        }
    }
}

/// Output in small chunks through `out::literal`.
struct Em {
    f: *mut Fmt,
    b: [u8; 64],
    n: usize,
    ok: bool,
}

impl Em {
    /// # Safety
    /// `self.f` is a valid Fmt (efgfmt's, which made this Em).
    unsafe fn push(&mut self, c: u8) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            if self.n == self.b.len() {
                self.flush();
            }
            self.b[self.n] = c;
            self.n += 1;
        }
    }
    /// # Safety
    /// `self.f` is a valid Fmt (efgfmt's, which made this Em).
    unsafe fn flush(&mut self) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            if self.ok && self.n > 0 {
                self.ok = out::literal(self.f, &self.b[..self.n]);
            }
            self.n = 0;
        }
    }
    /// # Safety
    /// `self.f` is a valid Fmt (efgfmt's, which made this Em).
    unsafe fn zeros(&mut self, mut k: i64) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            while k > 0 && self.ok {
                self.push(b'0');
                k -= 1;
            }
        }
    }
    /// # Safety
    /// `self.f` is a valid Fmt (efgfmt's, which made this Em).
    unsafe fn str(&mut self, s: &[u8]) {
        // SAFETY: the caller upholds this function's contract (its # Safety section).
        unsafe {
            self.flush();
            if self.ok {
                self.ok = out::literal(self.f, s);
            }
        }
    }
}

/// The floating-point verbs.
///
/// # Safety
/// `f` is a valid Fmt with its args set up, `f.r` the verb.
pub unsafe fn efgfmt(f: *mut Fmt) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let x = arg_double(f);
        let fl = (*f).flags;
        (*f).flags = 0;
        let mut prec: i64 = if fl & FMT_PREC != 0 { (*f).prec.max(0) as i64 } else { 6 };
        let verb = (*f).r;
        let ucase = verb == 'E' as u32 || verb == 'G' as u32;
        let chr = char::from_u32(verb).unwrap_or('e').to_ascii_lowercase();

        if x.is_nan() || x.is_infinite() {
            let s: &[u8] = if x.is_nan() {
                b"NaN"
            } else if x > 0.0 {
                b"+Inf"
            } else {
                b"-Inf"
            };
            (*f).flags = fl & (FMT_WIDTH | FMT_LEFT);
            return out::utf_field(f, s, s.len());
        }
        let neg = x < 0.0;
        let mut d = Dec::new(x.abs());

        // Decide the layout: e-style or f-style, and digits after the point.
        let mut estyle = chr == 'e';
        let mut frac: i64;
        match chr {
            'f' => {
                d.round(d.e as i64 + 1 + prec);
                frac = prec;
            }
            'g' => {
                if prec == 0 {
                    prec = 1;
                }
                d.round(prec);
                let x = d.e as i64;
                if -4 <= x && x < prec {
                    frac = prec - 1 - x;
                } else {
                    estyle = true;
                    frac = prec - 1;
                }
                if fl & FMT_SHARP == 0 {
                    // %g drops trailing zeros after the point.
                    let sig = if estyle { d.n as i64 - 1 } else { d.n as i64 - 1 - x };
                    frac = frac.min(sig.max(0));
                }
            }
            _ => {
                estyle = true;
                d.round(prec + 1);
                frac = prec;
            }
        }

        let dot = cstr((*f).decimal, b".");
        let dot: &[u8] = if dot.is_empty() { b"." } else { dot };
        let showdot = frac > 0 || fl & FMT_SHARP != 0;
        let mut suf = [0u8; 8];
        let mut sufn = 0;
        let intdigits: i64 = if estyle { 1 } else { (d.e as i64).max(0) + 1 };
        if estyle {
            suf[0] = if ucase { b'E' } else { b'e' };
            let e = d.e;
            suf[1] = if e < 0 { b'-' } else { b'+' };
            let mut ea = e.unsigned_abs();
            let mut tmp = [0u8; 5];
            let mut k = 0;
            while ea > 0 || k < 2 {
                tmp[k] = b'0' + (ea % 10) as u8;
                ea /= 10;
                k += 1;
            }
            sufn = 2;
            while k > 0 {
                k -= 1;
                suf[sufn] = tmp[k];
                sufn += 1;
            }
        }
        let sign = if neg {
            Some(b'-')
        } else if fl & FMT_SIGN != 0 {
            Some(b'+')
        } else if fl & FMT_SPACE != 0 {
            Some(b' ')
        } else {
            None
        };
        let mut wid = intdigits + frac + sufn as i64 + sign.is_some() as i64;
        if showdot {
            wid += crate::base::utf::count(dot) as i64;
        }
        let mut pad = 0;
        if fl & FMT_WIDTH != 0 && (*f).width as i64 > wid {
            pad = (*f).width as i64 - wid;
        }
        let mut z = 0;
        if pad > 0 && fl & FMT_LEFT == 0 && fl & FMT_ZERO != 0 {
            z = pad;
            pad = 0;
        }
        if pad > 0 && fl & FMT_LEFT == 0 && !out::pad(f, pad) {
            return false;
        }
        let mut em = Em { f, b: [0; 64], n: 0, ok: true };
        if let Some(s) = sign {
            em.push(s);
        }
        em.zeros(z);
        if estyle {
            em.push(d.d[0]);
            if showdot {
                em.str(dot);
            }
            for i in 1..=frac {
                if !em.ok {
                    break;
                }
                em.push(if (i as usize) < d.n { d.d[i as usize] } else { b'0' });
            }
            em.str(&suf[..sufn]);
        } else {
            let mut k = intdigits - 1;
            while k >= 0 && em.ok {
                em.push(d.at(k));
                k -= 1;
            }
            if showdot {
                em.str(dot);
            }
            let mut k = -1;
            while k >= -frac && em.ok {
                em.push(d.at(k));
                k -= 1;
            }
        }
        em.flush();
        if !em.ok {
            return false;
        }
        pad <= 0 || fl & FMT_LEFT == 0 || out::pad(f, pad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_digits() {
        let d = Dec::new(0.1);
        assert_eq!((&d.d[..d.n], d.e), (&b"1"[..], -1));
        let d = Dec::new(1234.5);
        assert_eq!((&d.d[..d.n], d.e), (&b"12345"[..], 3));
        let d = Dec::new(0.0);
        assert_eq!((&d.d[..d.n], d.e), (&b"0"[..], 0));
    }

    #[test]
    fn rounding() {
        let mut d = Dec::new(2.675);
        d.round(3);
        assert_eq!((&d.d[..d.n], d.e), (&b"268"[..], 0));
        let mut d = Dec::new(9.99);
        d.round(2);
        assert_eq!((&d.d[..d.n], d.e), (&b"1"[..], 1));
        let mut d = Dec::new(0.04);
        d.round(-1);
        assert_eq!((&d.d[..d.n], d.e), (&b"0"[..], 0));
        let mut d = Dec::new(0.6);
        d.round(0);
        assert_eq!((&d.d[..d.n], d.e), (&b"1"[..], 0));
    }

    #[test]
    fn grouping() {
        let mut nd = 0;
        let mut g: &[u8] = b"\x03";
        let seps: Vec<bool> = (0..7).map(|_| needsep(&mut nd, &mut g)).collect();
        assert_eq!(seps, [false, false, false, true, false, false, true]);
    }
}
