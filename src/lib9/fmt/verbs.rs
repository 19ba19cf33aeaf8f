//! The built-in verbs and flags (docs/API.md, print verbs). An installed formatter for the same
//! character is looked up first (table.rs), so programs can replace any of these.

use super::*;
use crate::base::utf;
use core::ffi::CStr;

/// Handles verb or flag `r`; `next` points just past it (used to decide what `u` is).
/// Returns as a formatter does: <0 error, 0 done, >0 "that was a flag, go on".
///
/// # Safety
/// `f` is a valid Fmt with its args set up; `next` points into a NUL-terminated format.
pub unsafe fn builtin(f: *mut Fmt, r: u32, next: *const u8) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let fl = &mut (*f).flags;
        let flag = match char::from_u32(r).unwrap_or('\0') {
            ' ' => FMT_SPACE,
            '#' => FMT_SHARP,
            '+' => FMT_SIGN,
            '-' => FMT_LEFT,
            ',' => FMT_COMMA,
            '\'' => FMT_APOST,
            'h' => {
                if *fl & FMT_SHORT != 0 {
                    *fl |= FMT_BYTE;
                }
                FMT_SHORT
            }
            'l' => {
                if *fl & FMT_LONG != 0 {
                    *fl |= FMT_VLONG;
                }
                FMT_LONG
            }
            'u' if u_is_flag(next) => FMT_UNSIGNED,
            'u' => {
                // C's %u: the Plan 9 flag followed by nothing that could use it.
                *fl |= FMT_UNSIGNED;
                return done(num::ifmt(f));
            }
            'd' | 'i' | 'o' | 'x' | 'X' | 'b' | 'p' => return done(num::ifmt(f)),
            'e' | 'f' | 'g' | 'E' | 'G' => return done(num::efgfmt(f)),
            'c' => return done(charfmt(f)),
            'C' => {
                let r = arg_int(f) as u32;
                return done(out::rune_field(f, &[r]));
            }
            's' => {
                let s = arg_ptr(f) as *const c_char;
                return done(strcpy(f, s));
            }
            'S' => {
                let s = arg_ptr(f) as *const u32;
                return done(runestrcpy(f, s));
            }
            'r' => return done(errfmt(f)),
            'n' => return countfmt(f),
            '%' => {
                (*f).flags &= !FMT_PREC;
                return done(out::rune_field(f, &[r]));
            }
            _ => return done(badfmt(f, r)),
        };
        *fl |= flag;
        1
    }
}

fn done(ok: bool) -> c_int {
    if ok {
        0
    } else {
        -1
    }
}

/// `u` is Plan 9's "unsigned" flag when something that can use it follows (`%ud`,
/// `%ulx`…); otherwise (`%u `, `%u\n`, `%u,`) it is C's unsigned-decimal verb, which
/// plan9port would print as a bad verb.
///
/// # Safety
/// `next` points into a NUL-terminated format, at or before its NUL.
unsafe fn u_is_flag(next: *const u8) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let c = *next;
        if b"diouxXbcpnlhu".contains(&c) {
            return true;
        }
        let (r, _) = super::rune_at(next);
        r != 0 && table::lookup(r).is_some()
    }
}

/// # Safety
/// `f` is a valid Fmt whose next argument is an `int`.
unsafe fn charfmt(f: *mut Fmt) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let c = arg_int(f) as u8;
        let w = if (*f).flags & FMT_WIDTH != 0 { (*f).width as i64 } else { 0 };
        let left = (*f).flags & FMT_LEFT != 0;
        (left || out::pad(f, w - 1)) && out::byte(f, c) && (!left || out::pad(f, w - 1))
    }
}

/// %s and fmtstrcpy: nil prints `<nil>`; the precision counts runes and bounds how far
/// the string is read (so `%.*s` of an unterminated array is fine).
///
/// # Safety
/// `f` is a valid Fmt; `s` is nil or a string readable up to its NUL or the precision.
pub unsafe fn strcpy(f: *mut Fmt, s: *const c_char) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            return out::utf_field(f, b"<nil>", 5);
        }
        let p = s as *const u8;
        if (*f).flags & FMT_PREC != 0 {
            let max = (*f).prec.max(0) as usize;
            let mut i = 0;
            let mut j = 0;
            while j < max && *p.add(i) != 0 {
                i += super::rune_at(p.add(i)).1;
                j += 1;
            }
            return out::utf_field(f, core::slice::from_raw_parts(p, i), j);
        }
        let b = CStr::from_ptr(s).to_bytes();
        // The rune count matters only for padding to a width.
        let n = if (*f).flags & FMT_WIDTH != 0 { utf::count(b) } else { usize::MAX };
        out::utf_field(f, b, n)
    }
}

/// %S and fmtrunestrcpy: a NUL-terminated Rune string.
///
/// # Safety
/// `f` is a valid Fmt; `s` is nil or a Rune string readable up to its 0 or the precision.
pub unsafe fn runestrcpy(f: *mut Fmt, s: *const u32) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if s.is_null() {
            return out::utf_field(f, b"<nil>", 5);
        }
        let max = if (*f).flags & FMT_PREC != 0 { (*f).prec.max(0) as usize } else { usize::MAX };
        let mut n = 0;
        while n < max && *s.add(n) != 0 {
            n += 1;
        }
        out::rune_field(f, core::slice::from_raw_parts(s, n))
    }
}

/// %r: the calling thread's error string (takes no argument).
///
/// # Safety
/// `f` is a valid Fmt (no argument is read).
unsafe fn errfmt(f: *mut Fmt) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut buf = [0u8; crate::runtime::errstr::ERRMAX];
        let n = crate::runtime::errstr::text(&mut buf);
        let s = &buf[..n];
        out::utf_field(f, s, utf::count(s))
    }
}

/// %n: stores the count so far through a pointer argument of the flagged size.
///
/// # Safety
/// `f` is a valid Fmt whose next argument is nil or points to a writable integer of the
/// size its flags name (hh, h, none, l, ll).
unsafe fn countfmt(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let p = arg_ptr(f);
        let n = (*f).nfmt;
        let fl = (*f).flags;
        if p.is_null() {
            crate::base::report::complain("print", "%n with a nil pointer");
            return 0;
        }
        // SAFETY: the program passed a pointer to an object of the size its flags name.
        if fl & FMT_VLONG != 0 {
            (p as *mut i64).write_unaligned(n as i64);
        } else if fl & FMT_LONG != 0 {
            (p as *mut core::ffi::c_long).write_unaligned(n as core::ffi::c_long);
        } else if fl & FMT_BYTE != 0 {
            (p as *mut i8).write(n as i8);
        } else if fl & FMT_SHORT != 0 {
            (p as *mut i16).write_unaligned(n as i16);
        } else {
            (p as *mut i32).write_unaligned(n);
        }
        0
    }
}

/// An unknown verb prints as `%verb%` and consumes no argument.
///
/// # Safety
/// `f` is a valid Fmt (no argument is read).
unsafe fn badfmt(f: *mut Fmt, r: u32) -> bool {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let mut x = [0u8; 2 + utf::UTFMAX];
        x[0] = b'%';
        let mut b = [0u8; utf::UTFMAX];
        let n = utf::encode(r, &mut b);
        x[1..1 + n].copy_from_slice(&b[..n]);
        x[1 + n] = b'%';
        (*f).flags &= !FMT_PREC;
        out::utf_field(f, &x[..n + 2], 3)
    }
}
