//! Memory and strings: p9malloc & co., strecpy, tokenize, getfields, gettokens,
//! the case-insensitive comparisons and p9atoi/p9atol/p9atoll.

use super::{cbytes, in_set, rune};
use core::ffi::{c_char, c_int, c_long, c_longlong, c_ulong, c_void};
use core::ptr::null_mut;

/// p9malloc: malloc, but 0 bytes still gives a unique, freeable block (Plan 9).
pub extern "C" fn p9malloc(n: c_ulong) -> *mut c_void {
    // SAFETY: plain malloc.
    let p = unsafe { libc::malloc((n as usize).max(1)) };
    if p.is_null() {
        crate::runtime::errstr::set(b"out of memory");
    }
    p
}

/// mallocz: p9malloc, zeroed when `clr` is non-zero.
pub extern "C" fn mallocz(n: c_ulong, clr: c_int) -> *mut c_void {
    let p = p9malloc(n);
    if !p.is_null() && clr != 0 {
        // SAFETY: p has at least n bytes.
        unsafe { core::ptr::write_bytes(p as *mut u8, 0, n as usize) };
    }
    p
}

/// # Safety
/// `p` is nil or a block from malloc, p9malloc, mallocz, p9realloc or p9calloc not yet freed.
pub unsafe extern "C" fn p9free(p: *mut c_void) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { libc::free(p) }
}

/// p9realloc: realloc, as plan9port's: a size of 0 frees `p` and returns nil (Plan 9's
/// "realloc(p, 0) is free(p)"); nil `p` is malloc.
///
/// # Safety
/// `p` is nil or a live block from the malloc family; it is freed (or moved) here.
pub unsafe extern "C" fn p9realloc(p: *mut c_void, n: c_ulong) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if n == 0 && !p.is_null() {
            libc::free(p);
            return null_mut();
        }
        let q = libc::realloc(p, (n as usize).max(1));
        if q.is_null() {
            crate::runtime::errstr::set(b"out of memory");
        }
        q
    }
}

pub extern "C" fn p9calloc(a: c_ulong, b: c_ulong) -> *mut c_void {
    let (a, b) = if a == 0 || b == 0 { (1, 1) } else { (a as usize, b as usize) };
    // SAFETY: calloc checks the multiplication itself.
    let p = unsafe { libc::calloc(a, b) };
    if p.is_null() {
        crate::runtime::errstr::set(b"out of memory");
    }
    p
}

/// p9strdup: a malloc'd copy; nil in, nil out (with errstr set), never a crash.
///
/// # Safety
/// `s` is nil (nil returned, errstr set) or NUL-terminated.
pub unsafe extern "C" fn p9strdup(s: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            crate::runtime::errstr::set(b"strdup: nil string");
            return null_mut();
        }
        let p = libc::strdup(s);
        if p.is_null() {
            crate::runtime::errstr::set(b"out of memory");
        }
        p
    }
}

/// strecpy: copies `from` into [to, e), always NUL-terminating when there is room,
/// and returns a pointer to the terminating NUL (so calls chain).
///
/// # Safety
/// `to` is nil or [to, e) is writable and within one object (`to` >= `e` writes nothing);
/// `from` is nil ("") or NUL-terminated.
pub unsafe extern "C" fn strecpy(to: *mut c_char, e: *mut c_char, from: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if to.is_null() || to >= e {
            return to;
        }
        let room = e.offset_from(to) as usize;
        let src = cbytes(from);
        let n = src.len().min(room - 1);
        core::ptr::copy(src.as_ptr() as *const c_char, to, n);
        *to.add(n) = 0;
        to.add(n)
    }
}

const WHITE: &[u8] = b" \t\r\n";

/// Reads one token starting at `s[r]` up to an unquoted separator. With `unquote`,
/// quotes are removed ('' inside quotes is one quote) and the token is compacted in
/// place; without, the text is left as it is. Returns (read end, write end).
fn scan_token(s: &mut [u8], mut r: usize, sep: &[u8], unquote: bool) -> (usize, usize) {
    let mut w = r;
    let mut quoting = false;
    while r < s.len() && s[r] != 0 {
        let (c, n) = rune(&s[r..]);
        if !quoting && in_set(sep, c) {
            break;
        }
        if c != '\'' as u32 {
            for k in 0..n {
                s[w + k] = s[r + k];
            }
            r += n;
            w += n;
            continue;
        }
        if !quoting {
            quoting = true;
        } else if r + 1 < s.len() && s[r + 1] == b'\'' {
            // A doubled quote inside quotes stands for one quote.
            if unquote {
                s[w] = b'\'';
                w += 1;
                r += 2;
                continue;
            }
            s[w] = b'\'';
            s[w + 1] = b'\'';
            w += 2;
            r += 2;
            continue;
        } else {
            quoting = false;
        }
        if !unquote {
            s[w] = b'\'';
            w += 1;
        }
        r += 1;
    }
    (r, w)
}

/// The NUL-terminated string at `s` as a mutable slice including its NUL.
///
/// # Safety
/// `s` is non-nil, writable and NUL-terminated, and nothing else uses it while the slice lives.
unsafe fn cslice<'a>(s: *mut c_char) -> &'a mut [u8] {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let n = libc::strlen(s);
        core::slice::from_raw_parts_mut(s as *mut u8, n + 1)
    }
}

/// tokenize: splits `s` in place at white space, honouring rc-style single quotes
/// (removed; '' inside quotes is a quote). At most `max` tokens.
///
/// # Safety
/// `s` is nil or a writable NUL-terminated string and `args` nil or room for `max` pointers
/// (any nil or `max` <= 0 gives 0).
pub unsafe extern "C" fn tokenize(s: *mut c_char, args: *mut *mut c_char, max: c_int) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() || args.is_null() || max <= 0 {
            return 0;
        }
        let b = cslice(s);
        let len = b.len() - 1;
        let mut r = 0;
        let mut n = 0;
        while n < max {
            while r < len && WHITE.contains(&b[r]) {
                r += 1;
            }
            if r >= len {
                break;
            }
            *args.add(n as usize) = s.add(r);
            n += 1;
            let (end, w) = scan_token(b, r, WHITE, true);
            // Terminate the token; step over the separator that ended it.
            let at_end = end >= len;
            b[w] = 0;
            r = if at_end { len } else { end + 1 };
        }
        n
    }
}

/// gettokens: like tokenize with separators `sep`, but quotes stay in the tokens;
/// separators are overwritten with NULs.
///
/// # Safety
/// As tokenize; `sep` is nil (no separators) or NUL-terminated.
pub unsafe extern "C" fn gettokens(s: *mut c_char, args: *mut *mut c_char, max: c_int, sep: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() || args.is_null() || max <= 0 {
            return 0;
        }
        let sep = cbytes(sep);
        let b = cslice(s);
        let len = b.len() - 1;
        let mut r = 0;
        let mut n = 0;
        while n < max {
            while r < len {
                let (c, k) = rune(&b[r..len]);
                if !in_set(sep, c) {
                    break;
                }
                for x in &mut b[r..r + k] {
                    *x = 0;
                }
                r += k;
            }
            if r >= len {
                break;
            }
            *args.add(n as usize) = s.add(r);
            n += 1;
            let (end, _) = scan_token(b, r, sep, false);
            r = end;
        }
        n
    }
}

/// getfields: splits `s` in place at runes of `set`. Without `mflag` every separator
/// ends a field (empty fields count); with it, runs of separators are one and
/// leading/trailing ones make no empty fields. At most `max` fields: the last keeps
/// the rest of the string.
///
/// # Safety
/// As tokenize; `set` is nil (no separators) or NUL-terminated.
pub unsafe extern "C" fn getfields(
    s: *mut c_char,
    args: *mut *mut c_char,
    max: c_int,
    mflag: c_int,
    set: *const c_char,
) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() || args.is_null() || max <= 0 {
            return 0;
        }
        let set = cbytes(set);
        let b = cslice(s);
        let len = b.len() - 1;
        let max = max as usize;
        let mflag = mflag != 0;
        let mut n = 0usize;
        let mut intok = false;
        if !mflag {
            *args = s;
            n = 1;
        }
        let mut i = 0;
        while i < len {
            let (c, k) = rune(&b[i..len]);
            if in_set(set, c) {
                if n >= max {
                    break;
                }
                b[i] = 0;
                intok = false;
                if !mflag {
                    *args.add(n) = s.add(i + k);
                    n += 1;
                }
            } else {
                if !intok && mflag {
                    if n >= max {
                        break;
                    }
                    *args.add(n) = s.add(i);
                    n += 1;
                }
                intok = true;
            }
            i += k;
        }
        n as c_int
    }
}

fn lower(c: u8) -> u8 {
    c.to_ascii_lowercase()
}

/// # Safety
/// `a` and `b` are each nil ("") or NUL-terminated, even when `n` is smaller (each is
/// measured in full).
pub unsafe extern "C" fn cistrncmp(a: *const c_char, b: *const c_char, n: c_int) -> c_int {
    let (a, b) = (cbytes(a), cbytes(b));
    let mut i = 0usize;
    while (i as c_int) < n {
        let x = a.get(i).copied().map(lower).unwrap_or(0);
        let y = b.get(i).copied().map(lower).unwrap_or(0);
        if x != y {
            return x as c_int - y as c_int;
        }
        if x == 0 {
            break;
        }
        i += 1;
    }
    0
}

/// # Safety
/// `a` and `b` are each nil ("") or NUL-terminated.
pub unsafe extern "C" fn cistrcmp(a: *const c_char, b: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { cistrncmp(a, b, c_int::MAX) }
}

/// cistrstr: the first case-insensitive occurrence of `b` in `a`, or nil.
///
/// # Safety
/// `a` and `b` are each nil (nil returned) or NUL-terminated.
pub unsafe extern "C" fn cistrstr(a: *const c_char, b: *const c_char) -> *mut c_char {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if a.is_null() || b.is_null() {
            return null_mut();
        }
        let (x, y) = (cbytes(a), cbytes(b));
        if y.is_empty() {
            return a as *mut c_char;
        }
        for i in 0..x.len().saturating_sub(y.len() - 1) {
            if x[i..i + y.len()].iter().zip(y).all(|(&p, &q)| lower(p) == lower(q)) {
                return a.add(i) as *mut c_char;
            }
        }
        null_mut()
    }
}

/// p9atoi & co.: strtol with base 0 (0x… hex, 0… octal), as plan9port's; nil is 0.
///
/// # Safety
/// `s` is nil (0) or NUL-terminated.
pub unsafe extern "C" fn p9atoll(s: *const c_char) -> c_longlong {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            return 0;
        }
        libc::strtoll(s, null_mut(), 0)
    }
}

/// # Safety
/// `s` is nil (0) or NUL-terminated.
pub unsafe extern "C" fn p9atol(s: *const c_char) -> c_long {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            return 0;
        }
        libc::strtol(s, null_mut(), 0)
    }
}

/// # Safety
/// `s` is nil (0) or NUL-terminated.
pub unsafe extern "C" fn p9atoi(s: *const c_char) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { p9atol(s) as c_int }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CString;

    fn toks(f: impl Fn(*mut c_char, *mut *mut c_char) -> c_int, s: &str) -> Vec<String> {
        let c = CString::new(s).unwrap().into_raw();
        let mut a = [null_mut(); 16];
        let n = f(c, a.as_mut_ptr());
        let v = (0..n as usize)
            // SAFETY: the tokens point into c.
            .map(|i| unsafe { std::ffi::CStr::from_ptr(a[i]).to_string_lossy().into_owned() })
            .collect();
        // SAFETY: c came from into_raw.
        drop(unsafe { CString::from_raw(c) });
        v
    }

    #[test]
    fn tokenize_quotes() {
        // SAFETY: toks passes a fresh NUL-terminated copy and a 16-slot array.
        let t = |s| toks(|s, a| unsafe { tokenize(s, a, 16) }, s);
        assert_eq!(t("  a bc\td  "), ["a", "bc", "d"]);
        assert_eq!(t("'a b' c"), ["a b", "c"]);
        assert_eq!(t("'it''s' x''y"), ["it's", "xy"]);
        assert_eq!(t("''"), [""]);
        assert!(t("   ").is_empty());
        // SAFETY: as above; 2 slots of the 16 are used.
        let two = toks(|s, a| unsafe { tokenize(s, a, 2) }, "a b c d");
        assert_eq!(two, ["a", "b"]);
    }

    #[test]
    fn getfields_modes() {
        let sep = CString::new(":").unwrap();
        // SAFETY: toks passes a fresh NUL-terminated copy and a 16-slot array; sep is a C string.
        let g = |s, m| toks(|s, a| unsafe { getfields(s, a, 16, m, sep.as_ptr()) }, s);
        assert_eq!(g("a::b:", 0), ["a", "", "b", ""]);
        assert_eq!(g("::a::b:", 1), ["a", "b"]);
        assert_eq!(g("", 0), [""]);
        // SAFETY: as above, with 2 of the 16 slots.
        let lim = toks(|s, a| unsafe { getfields(s, a, 2, 0, sep.as_ptr()) }, "a:b:c");
        assert_eq!(lim, ["a", "b:c"]);
    }

    #[test]
    fn gettokens_keeps_quotes() {
        let sep = CString::new(" ").unwrap();
        // SAFETY: toks passes a fresh NUL-terminated copy and a 16-slot array; sep is a C string.
        let g = |s| toks(|s, a| unsafe { gettokens(s, a, 16, sep.as_ptr()) }, s);
        assert_eq!(g("a 'b c'  d"), ["a", "'b c'", "d"]);
    }

    #[test]
    fn strings_misc() {
        let mut buf = [0 as c_char; 4];
        let src = CString::new("hello").unwrap();
        // SAFETY: buf is 4 bytes.
        unsafe {
            let e = buf.as_mut_ptr().add(4);
            let p = strecpy(buf.as_mut_ptr(), e, src.as_ptr());
            assert_eq!(p, buf.as_mut_ptr().add(3));
            assert_eq!(std::ffi::CStr::from_ptr(buf.as_ptr()).to_bytes(), b"hel");
            let a = CString::new("Hello World").unwrap();
            let b = CString::new("WORLD").unwrap();
            assert_eq!(cistrstr(a.as_ptr(), b.as_ptr()), a.as_ptr().add(6) as *mut c_char);
            assert_eq!(cistrcmp(b.as_ptr(), CString::new("world").unwrap().as_ptr()), 0);
            assert!(cistrncmp(a.as_ptr(), b.as_ptr(), 3) < 0);
            assert_eq!(p9atoi(CString::new("0x10").unwrap().as_ptr()), 16);
            assert_eq!(p9atoi(CString::new("010").unwrap().as_ptr()), 8);
            assert_eq!(p9atoll(CString::new("-12345678901").unwrap().as_ptr()), -12345678901);
        }
    }
}
