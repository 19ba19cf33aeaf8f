//! Writing into a Fmt's buffer: room-making through the flush function, runes vs UTF-8
//! output, padding, and the width/precision-aware copies every verb ends in.
//! All functions return false once the output has stopped (buffer full, flush failed).

use super::{Fmt, FMT_LEFT, FMT_PREC, FMT_WIDTH};
use crate::base::utf;

fn avail(f: &Fmt) -> usize {
    (f.stop as usize).saturating_sub(f.to as usize)
}

/// Makes room for `need` bytes at `f.to`, flushing if there is a flush function.
/// On failure `stop` is pulled back to `to`, as Plan 9 does, so the output stays stopped.
///
/// # Safety
/// `f` is a valid Fmt.
pub unsafe fn room(f: *mut Fmt, need: usize) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if avail(&*f) >= need {
            return true;
        }
        if let Some(flush) = (*f).flush {
            if flush(f) != 0 && avail(&*f) >= need {
                return true;
            }
        }
        (*f).stop = (*f).to;
        false
    }
}

/// Copies bytes that are known to fit.
///
/// # Safety
/// `f` is a valid Fmt with at least `s.len()` writable bytes at `to` (room() said so).
unsafe fn put_fitting(f: *mut Fmt, s: &[u8]) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        core::ptr::copy_nonoverlapping(s.as_ptr(), (*f).to as *mut u8, s.len());
        (*f).to = ((*f).to as *mut u8).add(s.len()) as *mut _;
        (*f).nfmt = (*f).nfmt.wrapping_add(s.len() as i32);
    }
}

/// One rune: UTF-8 in a byte buffer (values above Runemax become Runeerror), as is in
/// a rune buffer.
///
/// # Safety
/// `f` is a valid Fmt.
pub unsafe fn rune(f: *mut Fmt, r: u32) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*f).runes != 0 {
            if !room(f, 4) {
                return false;
            }
            // SAFETY: room() guaranteed 4 bytes; a Rune buffer may be unaligned if a
            // program built it from a char array, so write unaligned.
            ((*f).to as *mut u32).write_unaligned(r);
            (*f).to = ((*f).to as *mut u32).add(1) as *mut _;
            (*f).nfmt = (*f).nfmt.wrapping_add(1);
            return true;
        }
        let a = avail(&*f);
        if r < 0x80 && a >= 1 {
            // ASCII: one store (this runs per rune of every %S and %C).
            *((*f).to as *mut u8) = r as u8;
            (*f).to = ((*f).to as *mut u8).add(1) as *mut _;
            (*f).nfmt = (*f).nfmt.wrapping_add(1);
            return true;
        }
        if a >= utf::UTFMAX {
            // Room for any rune: encode in place, no staging copy.
            // SAFETY: avail() says UTFMAX bytes at `to` are ours to write.
            let n = utf::encode(r, &mut *((*f).to as *mut [u8; utf::UTFMAX]));
            (*f).to = ((*f).to as *mut u8).add(n) as *mut _;
            (*f).nfmt = (*f).nfmt.wrapping_add(n as i32);
            return true;
        }
        let mut b = [0u8; utf::UTFMAX];
        let n = utf::encode(r, &mut b);
        if !room(f, n) {
            return false;
        }
        put_fitting(f, &b[..n]);
        true
    }
}

/// One raw byte (%c): unchanged in a byte buffer, as a rune of that value in a rune buffer.
///
/// # Safety
/// `f` is a valid Fmt.
pub unsafe fn byte(f: *mut Fmt, c: u8) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*f).runes != 0 {
            return rune(f, c as u32);
        }
        if !room(f, 1) {
            return false;
        }
        put_fitting(f, &[c]);
        true
    }
}

/// Literal format text: bytes are copied unchanged (even malformed UTF-8) but a
/// multi-byte sequence is never split at a truncation point.
///
/// # Safety
/// `f` is a valid Fmt.
pub unsafe fn literal(f: *mut Fmt, mut s: &[u8]) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if (*f).runes != 0 {
            while !s.is_empty() {
                let (r, n) = utf::decode(s);
                if !rune(f, r) {
                    return false;
                }
                s = &s[n..];
            }
            return true;
        }
        while !s.is_empty() {
            let a = avail(&*f);
            let n = if a >= s.len() { s.len() } else { utf::trunc(s, a) };
            put_fitting(f, &s[..n]);
            s = &s[n..];
            if s.is_empty() {
                break;
            }
            if !room(f, utf::decode(s).1) {
                return false;
            }
        }
        true
    }
}

/// `n` spaces (nothing when n ≤ 0).
///
/// # Safety
/// `f` is a valid Fmt.
pub unsafe fn pad(f: *mut Fmt, n: i64) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        const SP: &[u8; 16] = b"                ";
        let mut n = n;
        if (*f).runes != 0 {
            while n > 0 {
                if !rune(f, b' ' as u32) {
                    return false;
                }
                n -= 1;
            }
            return true;
        }
        while n > 0 {
            let k = (n as usize).min(SP.len());
            if !literal(f, &SP[..k]) {
                return false;
            }
            n -= k as i64;
        }
        true
    }
}

/// Up to `nrunes` runes of the UTF-8 text `s`, decoded and re-encoded, so a malformed
/// byte comes out as Runeerror, as in Plan 9. (plan9port also stops at a malformed
/// byte among the last three of a string, dropping the rest: we do not.)
///
/// # Safety
/// `f` is a valid Fmt.
unsafe fn runes_of(f: *mut Fmt, s: &[u8], nrunes: usize) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut i = 0;
        let mut left = nrunes;
        while left > 0 && i < s.len() {
            if s[i] < 0x80 {
                let run = s[i..].iter().take(left).take_while(|&&b| b < 0x80).count();
                if !literal(f, &s[i..i + run]) {
                    return false;
                }
                i += run;
                left -= run;
                continue;
            }
            let (r, n) = utf::decode(&s[i..]);
            if !rune(f, r) {
                return false;
            }
            i += n;
            left -= 1;
        }
        true
    }
}

/// Width and precision of the current directive: (width or 0, precision if set).
fn wp(f: &Fmt) -> (i64, Option<i64>) {
    let w = if f.flags & FMT_WIDTH != 0 { f.width as i64 } else { 0 };
    let p = if f.flags & FMT_PREC != 0 { Some((f.prec as i64).max(0)) } else { None };
    (w, p)
}

/// `nrunes` runes of the UTF-8 text `s`, cut to the precision (in runes) and padded with
/// spaces to the width (left-justified with `-`).
///
/// # Safety
/// `f` is a valid Fmt.
pub unsafe fn utf_field(f: *mut Fmt, s: &[u8], nrunes: usize) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let (w, p) = wp(&*f);
        let left = (*f).flags & FMT_LEFT != 0;
        // nrunes may be "all of it" (usize::MAX) when no width needs the real count.
        let mut n = nrunes.min(i64::MAX as usize) as i64;
        if let Some(p) = p {
            n = n.min(p);
        }
        (left || pad(f, w - n)) && runes_of(f, s, n as usize) && (!left || pad(f, w - n))
    }
}

/// Runes, cut to the precision and padded to the width.
///
/// # Safety
/// `f` is a valid Fmt.
pub unsafe fn rune_field(f: *mut Fmt, rs: &[u32]) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let (w, p) = wp(&*f);
        let left = (*f).flags & FMT_LEFT != 0;
        let n = match p {
            Some(p) => (rs.len() as i64).min(p),
            None => rs.len() as i64,
        };
        if !left && !pad(f, w - n) {
            return false;
        }
        let rs = &rs[..n as usize];
        if (*f).runes != 0 {
            for &r in rs {
                if !rune(f, r) {
                    return false;
                }
            }
        } else {
            // UTF-8 output: encode straight into the buffer while it has room for any
            // rune (one bounds check per rune, no call), and through rune() (which
            // flushes or stops) for the rest.
            let mut i = 0;
            while i < rs.len() {
                let stop = (*f).stop as usize;
                let start = (*f).to as *mut u8;
                let mut to = start;
                while i < rs.len() && stop.saturating_sub(to as usize) >= utf::UTFMAX {
                    let r = rs[i];
                    if r < 0x80 {
                        *to = r as u8;
                        to = to.add(1);
                    } else {
                        to = to.add(utf::encode(r, &mut *(to as *mut [u8; utf::UTFMAX])));
                    }
                    i += 1;
                }
                (*f).to = to as *mut _;
                (*f).nfmt = (*f).nfmt.wrapping_add((to as usize - start as usize) as i32);
                if i < rs.len() {
                    if !rune(f, rs[i]) {
                        return false;
                    }
                    i += 1;
                }
            }
        }
        !left || pad(f, w - n)
    }
}
