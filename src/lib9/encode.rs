//! Binary to text and back: enc64/dec64 (base64), enc32/dec32 (Plan 9's base32
//! alphabet), enc16/dec16 (upper-case hex). The %[, %< and %H verbs (encodefmt) are
//! in src/c/lib9.c, since a formatter reads its argument with va_arg.
//!
//! Return values follow plan9port: the encoders return the length written (output
//! truncated, still NUL-terminated, when `lim` is too small; enc32 refuses with -1),
//! the decoders the bytes produced, skipping characters outside the alphabet.
//! Nil pointers or a negative limit (an encoder's 0, with no room for the NUL) return
//! -1 with errstr set. enc32 writes every bit of a partial last group (plan9port's
//! drops the last character's, making output its own dec32 refuses).

use core::ffi::{c_char, c_int};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32: &[u8; 32] = b"23456789abcdefghijkmnpqrstuvwxyz";
const B16: &[u8; 16] = b"0123456789ABCDEF";

fn b64val(c: u8) -> Option<u32> {
    B64.iter().position(|&x| x == c).map(|i| i as u32)
}

/// Checks a C buffer pair; sets errstr and returns false when unusable. A decoder
/// may have no room at all (lim 0: it decodes nothing, as plan9port's); an encoder
/// needs room for the NUL.
fn ok(out: *const u8, lim: c_int, inp: *const u8, n: c_int, what: &[u8]) -> bool {
    let dec = what.starts_with(b"dec");
    let min = if dec { 0 } else { 1 };
    if (out.is_null() && lim > 0) || lim < min || (inp.is_null() && n > 0) || n < 0 {
        crate::runtime::errstr::set(&[what, b": bad buffer"].concat());
        return false;
    }
    true
}

/// The input as a slice (empty for n = 0).
///
/// # Safety
/// `p` points at `n` readable bytes when n > 0.
unsafe fn input<'a>(p: *const u8, n: c_int) -> &'a [u8] {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if n <= 0 {
            &[]
        } else {
            core::slice::from_raw_parts(p, n as usize)
        }
    }
}

/// The output as a slice of `lim` bytes (empty for lim = 0).
///
/// # Safety
/// `p` points at `lim` writable bytes when lim > 0.
unsafe fn output<'a>(p: *mut u8, lim: c_int) -> &'a mut [u8] {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if lim <= 0 {
            &mut []
        } else {
            core::slice::from_raw_parts_mut(p, lim as usize)
        }
    }
}

fn enc64s(out: &mut [u8], inp: &[u8]) -> usize {
    let mut o = 0;
    for g in inp.chunks(3) {
        // A group needs four bytes and room for the NUL.
        if o + 4 >= out.len() {
            break;
        }
        let b = (g[0] as u32) << 16 | (*g.get(1).unwrap_or(&0) as u32) << 8 | *g.get(2).unwrap_or(&0) as u32;
        let q = [
            B64[(b >> 18) as usize],
            B64[(b >> 12 & 63) as usize],
            B64[(b >> 6 & 63) as usize],
            B64[(b & 63) as usize],
        ];
        out[o..o + 4].copy_from_slice(&q);
        if g.len() < 3 {
            out[o + 3] = b'=';
        }
        if g.len() < 2 {
            out[o + 2] = b'=';
        }
        o += 4;
    }
    out[o] = 0;
    o
}

fn dec64s(out: &mut [u8], inp: &[u8]) -> usize {
    let (mut o, mut b, mut i) = (0usize, 0u32, 0);
    for &c in inp {
        let Some(v) = b64val(c) else { continue };
        b = b << 6 | v;
        i += 1;
        if i == 4 {
            if o + 3 > out.len() {
                return o;
            }
            out[o..o + 3].copy_from_slice(&[(b >> 16) as u8, (b >> 8) as u8, b as u8]);
            o += 3;
            i = 0;
            b = 0;
        }
    }
    // Two leftover characters make one byte, three make two.
    let extra = match i {
        2 => vec![(b >> 4) as u8],
        3 => vec![(b >> 10) as u8, (b >> 2) as u8],
        _ => vec![],
    };
    if o + extra.len() > out.len() {
        return o;
    }
    out[o..o + extra.len()].copy_from_slice(&extra);
    o + extra.len()
}

fn enc16s(out: &mut [u8], inp: &[u8]) -> usize {
    let mut o = 0;
    for &c in inp {
        if o + 2 >= out.len() {
            break;
        }
        out[o] = B16[(c >> 4) as usize];
        out[o + 1] = B16[(c & 15) as usize];
        o += 2;
    }
    out[o] = 0;
    o
}

fn dec16s(out: &mut [u8], inp: &[u8]) -> usize {
    let (mut o, mut w, mut i) = (0usize, 0u32, 0);
    for &c in inp {
        // Any letter counts (as plan9port: 'g' is 16), other characters are skipped.
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'z' => c - b'a' + 10,
            b'A'..=b'Z' => c - b'A' + 10,
            _ => continue,
        };
        w = (w << 4) + v as u32;
        i += 1;
        if i == 2 {
            if o + 1 > out.len() {
                break;
            }
            out[o] = w as u8;
            o += 1;
            w = 0;
            i = 0;
        }
    }
    o
}

/// enc32 on slices; None when `out` cannot hold the result and its NUL.
fn enc32s(out: &mut [u8], inp: &[u8]) -> Option<usize> {
    if out.len() <= (8 * inp.len()).div_ceil(5) {
        return None;
    }
    let mut o = 0;
    let mut bits = 0u64;
    let mut nb = 0;
    for &c in inp {
        bits = bits << 8 | c as u64;
        nb += 8;
        while nb >= 5 {
            nb -= 5;
            out[o] = B32[(bits >> nb & 31) as usize];
            o += 1;
        }
    }
    if nb > 0 {
        out[o] = B32[(bits << (5 - nb) & 31) as usize];
        o += 1;
    }
    out[o] = 0;
    Some(o)
}

/// dec32 on slices; None for a bad length or too small an `out`. Characters outside
/// the alphabet count as 0, as in plan9port.
fn dec32s(out: &mut [u8], inp: &[u8]) -> Option<usize> {
    if out.len() + 1 < (5 * inp.len()).div_ceil(8) || matches!(inp.len() % 8, 1 | 3 | 6) {
        return None;
    }
    let mut o = 0;
    let mut bits = 0u64;
    let mut nb = 0;
    for &c in inp {
        let v = B32.iter().position(|&x| x == c).unwrap_or(0) as u64;
        bits = bits << 5 | v;
        nb += 5;
        if nb >= 8 {
            nb -= 8;
            if o >= out.len() {
                return None;
            }
            out[o] = (bits >> nb) as u8;
            o += 1;
        }
    }
    Some(o)
}

/// # Safety
/// `out` has `lim` writable bytes and `inp` `n` readable ones (nil with a positive size,
/// a negative size or `lim` 0 is refused: -1 with errstr set).
pub unsafe extern "C" fn enc64(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !ok(out as *const u8, lim, inp, n, b"enc64") {
            return -1;
        }
        enc64s(output(out as *mut u8, lim), input(inp, n)) as c_int
    }
}

/// # Safety
/// `out` has `lim` writable bytes and `inp` `n` readable ones, not necessarily NUL-terminated
/// (nil with a positive size or a negative size is refused: -1 with errstr set).
pub unsafe extern "C" fn dec64(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !ok(out, lim, inp as *const u8, n, b"dec64") {
            return -1;
        }
        dec64s(output(out, lim), input(inp as *const u8, n)) as c_int
    }
}

/// # Safety
/// `out` has `lim` writable bytes and `inp` `n` readable ones (nil with a positive size,
/// a negative size or `lim` 0 is refused: -1 with errstr set).
pub unsafe extern "C" fn enc16(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !ok(out as *const u8, lim, inp, n, b"enc16") {
            return -1;
        }
        enc16s(output(out as *mut u8, lim), input(inp, n)) as c_int
    }
}

/// # Safety
/// `out` has `lim` writable bytes and `inp` `n` readable ones, not necessarily NUL-terminated
/// (nil with a positive size or a negative size is refused: -1 with errstr set).
pub unsafe extern "C" fn dec16(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !ok(out, lim, inp as *const u8, n, b"dec16") {
            return -1;
        }
        dec16s(output(out, lim), input(inp as *const u8, n)) as c_int
    }
}

/// # Safety
/// `out` has `lim` writable bytes and `inp` `n` readable ones (nil with a positive size,
/// a negative size or `lim` 0 is refused: -1 with errstr set).
pub unsafe extern "C" fn enc32(out: *mut c_char, lim: c_int, inp: *const u8, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !ok(out as *const u8, lim, inp, n, b"enc32") {
            return -1;
        }
        enc32s(output(out as *mut u8, lim), input(inp, n)).map_or_else(
            || {
                crate::runtime::errstr::set(b"enc32: buffer too small");
                -1
            },
            |n| n as c_int,
        )
    }
}

/// # Safety
/// `out` has `lim` writable bytes and `inp` `n` readable ones, not necessarily NUL-terminated
/// (nil with a positive size or a negative size is refused: -1 with errstr set).
pub unsafe extern "C" fn dec32(out: *mut u8, lim: c_int, inp: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if !ok(out, lim, inp as *const u8, n, b"dec32") {
            return -1;
        }
        dec32s(output(out, lim), input(inp as *const u8, n)).map_or_else(
            || {
                crate::runtime::errstr::set(b"dec32: bad input length or buffer too small");
                -1
            },
            |n| n as c_int,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e64(s: &[u8]) -> String {
        let mut o = vec![0u8; 64];
        let n = enc64s(&mut o, s);
        String::from_utf8(o[..n].to_vec()).unwrap()
    }

    #[test]
    fn base64() {
        for (a, b) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(e64(a.as_bytes()), b);
            let mut o = vec![0u8; 16];
            let n = dec64s(&mut o, b.as_bytes());
            assert_eq!(&o[..n], a.as_bytes());
        }
    }

    #[test]
    fn base32_round_trip() {
        for len in 0..12 {
            let src: Vec<u8> = (0..len).map(|i| (i * 37 + 5) as u8).collect();
            let mut e = vec![0u8; 32];
            let n = enc32s(&mut e, &src).unwrap();
            let mut d = vec![0u8; 16];
            let m = dec32s(&mut d, &e[..n]).unwrap();
            assert_eq!(&d[..m], &src[..], "len {len}");
        }
    }
}
