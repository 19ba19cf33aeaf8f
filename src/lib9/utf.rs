//! utf.h: runes and UTF-8 (logic in crate::base::utf). Strings are NUL-terminated C strings
//! or 0-terminated Rune arrays, as in Plan 9; nil pointers are reported, never followed.

use crate::base::report;
use crate::base::utf::{self, Rune};
use core::ffi::{c_char, c_int, c_long, CStr};
use core::ptr::null_mut;

/// # Safety
/// `s` is non-nil and NUL-terminated, and outlives the returned slice.
unsafe fn cbytes<'a>(s: *const c_char) -> &'a [u8] {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { CStr::from_ptr(s).to_bytes() }
}

/// # Safety
/// `s` is non-nil and points to a 0-terminated Rune string.
unsafe fn rlen(s: *const Rune) -> usize {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut n = 0;
        while *s.add(n) != 0 {
            n += 1;
        }
        n
    }
}

fn nil(call: &str) {
    report::complain(call, "nil pointer");
}

/// # Safety
/// `r` is nil or a writable Rune; `s` nil or readable up to its NUL or 4 bytes, whichever
/// comes first (nils are reported, 0 returned).
pub unsafe extern "C" fn chartorune(r: *mut Rune, s: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if r.is_null() || s.is_null() {
            nil("chartorune");
            return 0;
        }
        // Reads at most the bytes that can continue the sequence: never past a NUL.
        let p = s as *const u8;
        let mut b = [*p, 0, 0, 0];
        let mut n = 1;
        if b[0] >= 0x80 {
            while n < 4 && *p.add(n) & 0xC0 == 0x80 {
                b[n] = *p.add(n);
                n += 1;
            }
        }
        let (rune, len) = utf::decode(&b[..n]);
        *r = rune;
        len as c_int
    }
}

/// # Safety
/// `s` is nil or has room for the rune's UTF-8 (UTFMAX bytes suffice); `r` nil or a
/// readable Rune (nils are reported, 0 returned).
pub unsafe extern "C" fn runetochar(s: *mut c_char, r: *const Rune) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if r.is_null() || s.is_null() {
            nil("runetochar");
            return 0;
        }
        let mut b = [0u8; utf::UTFMAX];
        let n = utf::encode(*r, &mut b);
        core::ptr::copy_nonoverlapping(b.as_ptr(), s as *mut u8, n);
        n as c_int
    }
}

pub extern "C" fn runelen(c: c_long) -> c_int {
    utf::runelen(c) as c_int
}

/// # Safety
/// `r` is nil (0) or has `n` readable Runes.
pub unsafe extern "C" fn runenlen(r: *const Rune, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if r.is_null() {
            return 0;
        }
        (0..n.max(0) as usize).fold(0 as c_int, |a, i| a.wrapping_add(utf::runelen(*r.add(i) as i64) as c_int))
    }
}

/// # Safety
/// `s` is nil or has at least one readable byte when `n` > 0 (only the lead byte is read).
pub unsafe extern "C" fn fullrune(s: *const c_char, n: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if n <= 0 || s.is_null() {
            return 0;
        }
        // Only the lead byte decides.
        let k = (n as usize).min(utf::UTFMAX);
        let mut b = [0u8; utf::UTFMAX];
        b[0] = *(s as *const u8);
        utf::fullrune(&b[..k]) as c_int
    }
}

/// # Safety
/// `s` is nil (reported, 0) or NUL-terminated.
pub unsafe extern "C" fn utflen(s: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            nil("utflen");
            return 0;
        }
        utf::count(cbytes(s)) as c_int
    }
}

/// # Safety
/// `s` is nil (0) or readable up to its NUL or `m` bytes, whichever comes first.
pub unsafe extern "C" fn utfnlen(s: *const c_char, m: c_long) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() || m <= 0 {
            return 0;
        }
        // Bounded by m and by the NUL, so the bytes are read one at a time.
        let p = s as *const u8;
        let mut len = 0usize;
        while (len as c_long) < m && *p.add(len) != 0 {
            len += 1;
        }
        utf::count_n(core::slice::from_raw_parts(p, len)) as c_int
    }
}

/// # Safety
/// `s` is nil (reported, nil returned) or NUL-terminated.
pub unsafe extern "C" fn utfrune(s: *const c_char, c: c_long) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            nil("utfrune");
            return null_mut();
        }
        match utf::find(cbytes(s), c as Rune) {
            Some(i) => s.add(i) as *mut c_char,
            None => null_mut(),
        }
    }
}

/// # Safety
/// `s` is nil (reported, nil returned) or NUL-terminated.
pub unsafe extern "C" fn utfrrune(s: *const c_char, c: c_long) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            nil("utfrrune");
            return null_mut();
        }
        match utf::rfind(cbytes(s), c as Rune) {
            Some(i) => s.add(i) as *mut c_char,
            None => null_mut(),
        }
    }
}

/// # Safety
/// `s1` and `s2` are each nil (reported, nil returned) or NUL-terminated.
pub unsafe extern "C" fn utfutf(s1: *const c_char, s2: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s1.is_null() || s2.is_null() {
            nil("utfutf");
            return null_mut();
        }
        match utf::find_str(cbytes(s1), cbytes(s2)) {
            Some(i) => s1.add(i) as *mut c_char,
            None => null_mut(),
        }
    }
}

/// Copies `from` into [to, e), NUL-terminated, never splitting a rune; returns the
/// pointer to the NUL (`to` itself when e ≤ to).
///
/// # Safety
/// `to` is nil or [to, e) is writable (`e` <= `to` writes nothing); `from` is nil
/// (reported; "" written) or readable up to its NUL or e-to+3 bytes, whichever comes first.
pub unsafe extern "C" fn utfecpy(to: *mut c_char, e: *mut c_char, from: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if to.is_null() || (e as usize) <= (to as usize) {
            return to;
        }
        if from.is_null() {
            nil("utfecpy");
            *to = 0;
            return to;
        }
        let room = e as usize - to as usize - 1;
        // Read no further than needed: the NUL or one rune past the room.
        let p = from as *const u8;
        let mut len = 0;
        while len < room + utf::UTFMAX && *p.add(len) != 0 {
            len += 1;
        }
        let s = core::slice::from_raw_parts(p, len);
        let n = utf::trunc(s, room);
        core::ptr::copy(p, to as *mut u8, n);
        *to.add(n) = 0;
        to.add(n)
    }
}

/// # Safety
/// `s` is nil (reported, 0) or a 0-terminated Rune string.
pub unsafe extern "C" fn runestrlen(s: *const Rune) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            nil("runestrlen");
            return 0;
        }
        rlen(s) as c_long
    }
}

/// # Safety
/// `s2` is a 0-terminated Rune string and `s1` has room for all of it with its 0
/// (overlap is allowed); a nil is reported and `s1` returned.
pub unsafe extern "C" fn runestrcpy(s1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s1.is_null() || s2.is_null() {
            nil("runestrcpy");
            return s1;
        }
        core::ptr::copy(s2, s1, rlen(s2) + 1);
        s1
    }
}

/// # Safety
/// `s1` has room for `n` Runes; `s2` is readable up to its 0 or `n` Runes (a nil is
/// reported and `s1` returned).
pub unsafe extern "C" fn runestrncpy(s1: *mut Rune, s2: *const Rune, n: c_long) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s1.is_null() || s2.is_null() {
            nil("runestrncpy");
            return s1;
        }
        // As strncpy: at most n runes, the rest of the n filled with 0.
        let n = n.max(0) as usize;
        let mut i = 0;
        while i < n && *s2.add(i) != 0 {
            *s1.add(i) = *s2.add(i);
            i += 1;
        }
        while i < n {
            *s1.add(i) = 0;
            i += 1;
        }
        s1
    }
}

/// Copies into [s1, es1), 0-terminated, truncating; returns the pointer to the 0.
///
/// # Safety
/// `s1` is nil or [s1, es1) is writable and within one Rune array (`es1` <= `s1` writes
/// nothing); `s2` is nil (reported; empty written) or readable up to its 0 or es1-s1-1 Runes.
pub unsafe extern "C" fn runestrecpy(s1: *mut Rune, es1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s1.is_null() || (es1 as usize) <= (s1 as usize) {
            return s1;
        }
        if s2.is_null() {
            nil("runestrecpy");
            *s1 = 0;
            return s1;
        }
        let room = es1.offset_from(s1) as usize - 1;
        let mut i = 0;
        while i < room && *s2.add(i) != 0 {
            *s1.add(i) = *s2.add(i);
            i += 1;
        }
        *s1.add(i) = 0;
        s1.add(i)
    }
}

/// # Safety
/// `s1` and `s2` are 0-terminated Rune strings and `s1` has room after its own for all of
/// `s2` and its 0 (a nil is reported and `s1` returned).
pub unsafe extern "C" fn runestrcat(s1: *mut Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s1.is_null() || s2.is_null() {
            nil("runestrcat");
            return s1;
        }
        runestrcpy(s1.add(rlen(s1)), s2);
        s1
    }
}

/// Appends at most n runes of s2 and always terminates.
///
/// # Safety
/// `s1` is a 0-terminated Rune string with room after it for min(n, len s2) + 1 Runes;
/// `s2` is readable up to its 0 or `n` Runes (a nil is reported and `s1` returned).
pub unsafe extern "C" fn runestrncat(s1: *mut Rune, s2: *const Rune, n: c_long) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s1.is_null() || s2.is_null() {
            nil("runestrncat");
            return s1;
        }
        let d = s1.add(rlen(s1));
        let n = n.max(0) as usize;
        let mut i = 0;
        while i < n && *s2.add(i) != 0 {
            *d.add(i) = *s2.add(i);
            i += 1;
        }
        *d.add(i) = 0;
        s1
    }
}

/// # Safety
/// `s1` and `s2` are each nil (reported, 0) or 0-terminated Rune strings.
pub unsafe extern "C" fn runestrcmp(s1: *const Rune, s2: *const Rune) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { runestrncmp(s1, s2, c_long::MAX) }
}

/// # Safety
/// `s1` and `s2` are each nil (reported, 0) or readable up to their 0 or `n` Runes.
pub unsafe extern "C" fn runestrncmp(s1: *const Rune, s2: *const Rune, n: c_long) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s1.is_null() || s2.is_null() {
            nil("runestrcmp");
            return 0;
        }
        let mut i = 0usize;
        while (i as c_long) < n {
            let (a, b) = (*s1.add(i), *s2.add(i));
            if a != b {
                return if a > b { 1 } else { -1 };
            }
            if a == 0 {
                break;
            }
            i += 1;
        }
        0
    }
}

/// # Safety
/// `s` is nil (reported, nil returned) or a 0-terminated Rune string.
pub unsafe extern "C" fn runestrchr(s: *const Rune, c: Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            nil("runestrchr");
            return null_mut();
        }
        let mut i = 0;
        loop {
            let r = *s.add(i);
            if r == c {
                return s.add(i) as *mut Rune;
            }
            if r == 0 {
                return null_mut();
            }
            i += 1;
        }
    }
}

/// # Safety
/// `s` is nil (reported, nil returned) or a 0-terminated Rune string.
pub unsafe extern "C" fn runestrrchr(s: *const Rune, c: Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            nil("runestrrchr");
            return null_mut();
        }
        let n = rlen(s);
        if c == 0 {
            return s.add(n) as *mut Rune;
        }
        (0..n).rev().find(|&i| *s.add(i) == c).map_or(null_mut(), |i| s.add(i) as *mut Rune)
    }
}

/// # Safety
/// `s1` and `s2` are each nil (reported, nil returned) or 0-terminated Rune strings.
pub unsafe extern "C" fn runestrstr(s1: *const Rune, s2: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s1.is_null() || s2.is_null() {
            nil("runestrstr");
            return null_mut();
        }
        let a = core::slice::from_raw_parts(s1, rlen(s1));
        let b = core::slice::from_raw_parts(s2, rlen(s2));
        if b.is_empty() {
            return s1 as *mut Rune;
        }
        a.windows(b.len()).position(|w| w == b).map_or(null_mut(), |i| s1.add(i) as *mut Rune)
    }
}

/// # Safety
/// `s` is nil (reported, nil returned) or a 0-terminated Rune string.
pub unsafe extern "C" fn runestrdup(s: *const Rune) -> *mut Rune {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            nil("runestrdup");
            return null_mut();
        }
        let n = rlen(s) + 1;
        let d = libc::malloc(n * core::mem::size_of::<Rune>()) as *mut Rune;
        if !d.is_null() {
            core::ptr::copy_nonoverlapping(s, d, n);
        }
        d
    }
}

fn ch(c: Rune) -> Option<char> {
    char::from_u32(c)
}

pub extern "C" fn isalpharune(c: Rune) -> c_int {
    ch(c).is_some_and(|c| c.is_alphabetic()) as c_int
}

pub extern "C" fn islowerrune(c: Rune) -> c_int {
    ch(c).is_some_and(|c| c.is_lowercase()) as c_int
}

pub extern "C" fn isupperrune(c: Rune) -> c_int {
    ch(c).is_some_and(|c| c.is_uppercase()) as c_int
}

pub extern "C" fn isspacerune(c: Rune) -> c_int {
    ch(c).is_some_and(|c| c.is_whitespace()) as c_int
}

/// A case mapping only when it is one rune to one rune (Plan 9's tables are 1:1).
fn map1(c: Rune, it: impl Iterator<Item = char>) -> Rune {
    let mut it = it;
    match (it.next(), it.next()) {
        (Some(x), None) => x as Rune,
        _ => c,
    }
}

pub extern "C" fn tolowerrune(c: Rune) -> Rune {
    ch(c).map_or(c, |x| map1(c, x.to_lowercase()))
}

pub extern "C" fn toupperrune(c: Rune) -> Rune {
    ch(c).map_or(c, |x| map1(c, x.to_uppercase()))
}
