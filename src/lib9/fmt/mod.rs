//! Plan 9's formatted print engine (lib9 fmt), working directly on the C `Fmt` struct so
//! programs' own formatters (fmtinstall) and buffers (fmtfdinit, fmtstrinit, libbio-style
//! flush functions) interoperate exactly as with plan9port.
//!
//! The argument list is the real C `va_list` in `Fmt.args`; Rust reads it only through
//! the tiny C accessors in src/c/fmt.c, so C formatters that `va_arg(f->args, T)` and the
//! built-in verbs consume the same list.
//!
//! Output: `f.to` advances through the buffer `[start, stop)`; when a write does not fit,
//! `f.flush` is called (it must make room and return nonzero); without one, or when it
//! fails, `stop` is pulled back to `to` and formatting ends with -1 (truncation for
//! snprint). In "runes" mode (runesprint…) the buffer holds `Rune`s instead of UTF-8.
//! `nfmt` counts units written (bytes, or runes in runes mode).

pub mod capi;
pub mod interpose;
mod num;
pub mod out;
pub mod quote;
pub mod sinks;
pub mod table;
pub mod verbs;

use core::ffi::{c_char, c_int, c_ulong, c_void};

/// plan9port's `Fmt` (docs/API.md, binary layouts). `args` is opaque here: only C touches it.
#[repr(C)]
pub struct Fmt {
    pub runes: u8,
    pub start: *mut c_void,
    pub to: *mut c_void,
    pub stop: *mut c_void,
    pub flush: Option<Fmts>,
    pub farg: *mut c_void,
    pub nfmt: c_int,
    pub args: VaListStorage,
    pub r: u32,
    pub width: c_int,
    pub prec: c_int,
    pub flags: c_ulong,
    pub decimal: *mut c_char,
    pub thousands: *mut c_char,
    pub grouping: *mut c_char,
}

/// The bytes of a C `va_list` (x86-64: one 24-byte `__va_list_tag`; AArch64: 32 bytes).
#[cfg(target_arch = "aarch64")]
#[repr(C)]
pub struct VaListStorage([u64; 4]);
#[cfg(not(target_arch = "aarch64"))]
#[repr(C)]
pub struct VaListStorage([u64; 3]);

/// A formatter: returns <0 on error, 0 when the verb is done, >0 when it was a flag and
/// parsing of the same directive goes on (Plan 9's protocol).
pub type Fmts = unsafe extern "C" fn(*mut Fmt) -> c_int;

pub const FMT_WIDTH: c_ulong = 1;
pub const FMT_LEFT: c_ulong = 2;
pub const FMT_PREC: c_ulong = 4;
pub const FMT_SHARP: c_ulong = 8;
pub const FMT_SPACE: c_ulong = 16;
pub const FMT_SIGN: c_ulong = 32;
pub const FMT_APOST: c_ulong = 64;
pub const FMT_ZERO: c_ulong = 128;
pub const FMT_UNSIGNED: c_ulong = 256;
pub const FMT_SHORT: c_ulong = 512;
pub const FMT_LONG: c_ulong = 1024;
pub const FMT_VLONG: c_ulong = 2048;
pub const FMT_COMMA: c_ulong = 4096;
pub const FMT_BYTE: c_ulong = 8192;

extern "C" {
    fn thread9_c_va_int(f: *mut Fmt) -> c_int;
    fn thread9_c_va_uint(f: *mut Fmt) -> u32;
    fn thread9_c_va_long(f: *mut Fmt) -> i64;
    fn thread9_c_va_ulong(f: *mut Fmt) -> u64;
    fn thread9_c_va_vlong(f: *mut Fmt) -> i64;
    fn thread9_c_va_uvlong(f: *mut Fmt) -> u64;
    fn thread9_c_va_double(f: *mut Fmt) -> f64;
    fn thread9_c_va_ptr(f: *mut Fmt) -> *mut c_void;
    fn thread9_c_fmtdoquote() -> Option<unsafe extern "C" fn(c_int) -> c_int>;
    #[cfg(test)]
    fn thread9_c_fmt_layout(i: c_int) -> core::ffi::c_long;
}

// The argument readers: va_arg of one C type, done by src/c/fmt.c.
/// # Safety
/// `f` is a live Fmt whose `args` was set up by va_start/va_copy in a C entry point, and
/// its next argument is an `int` (a mismatch is the caller's, as with C's printf).
pub(crate) unsafe fn arg_int(f: *mut Fmt) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { thread9_c_va_int(f) }
}
/// # Safety
/// As arg_int, the next argument being an `unsigned int`.
pub(crate) unsafe fn arg_uint(f: *mut Fmt) -> u32 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { thread9_c_va_uint(f) }
}
/// # Safety
/// As arg_int, the next argument being a `long`.
pub(crate) unsafe fn arg_long(f: *mut Fmt) -> i64 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { thread9_c_va_long(f) }
}
/// # Safety
/// As arg_int, the next argument being an `unsigned long`.
pub(crate) unsafe fn arg_ulong(f: *mut Fmt) -> u64 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { thread9_c_va_ulong(f) }
}
/// # Safety
/// As arg_int, the next argument being a `long long`.
pub(crate) unsafe fn arg_vlong(f: *mut Fmt) -> i64 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { thread9_c_va_vlong(f) }
}
/// # Safety
/// As arg_int, the next argument being an `unsigned long long`.
pub(crate) unsafe fn arg_uvlong(f: *mut Fmt) -> u64 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { thread9_c_va_uvlong(f) }
}
/// # Safety
/// As arg_int, the next argument being a `double`.
pub(crate) unsafe fn arg_double(f: *mut Fmt) -> f64 {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { thread9_c_va_double(f) }
}
/// # Safety
/// As arg_int, the next argument being a pointer.
pub(crate) unsafe fn arg_ptr(f: *mut Fmt) -> *mut c_void {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe { thread9_c_va_ptr(f) }
}
pub(crate) fn doquote() -> Option<unsafe extern "C" fn(c_int) -> c_int> {
    // SAFETY: reads a plain C pointer variable.
    unsafe { thread9_c_fmtdoquote() }
}

/// Sets the locale fields to the given strings, nil meaning Plan 9's defaults
/// ("." decimal point, "," every three digits).
///
/// # Safety
/// Each non-nil string is NUL-terminated and stays alive as long as `f` is used.
pub unsafe fn localeinit(f: &mut Fmt, decimal: *mut c_char, thousands: *mut c_char, grouping: *mut c_char) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let empty = decimal.is_null() || *decimal == 0;
        f.decimal = if empty { c".".as_ptr() as *mut c_char } else { decimal };
        f.thousands = if thousands.is_null() { c",".as_ptr() as *mut c_char } else { thousands };
        f.grouping = if grouping.is_null() { c"\x03".as_ptr() as *mut c_char } else { grouping };
    }
}

/// What parsing one directive produced.
enum Step {
    /// Verb done; the format continues here.
    Next(*const u8),
    /// The format ended inside the directive (a trailing `%`).
    End,
    /// A formatter failed or the output stopped.
    Fail,
}

/// The rune at `p` (a NUL-terminated string) and its length, never reading past the NUL.
///
/// # Safety
/// `p` points into a NUL-terminated string, at or before its NUL.
unsafe fn rune_at(p: *const u8) -> (u32, usize) {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        let c = *p;
        if c < 0x80 {
            return (c as u32, 1);
        }
        let mut b = [c, 0, 0, 0];
        let mut n = 1;
        // Only continuation bytes are taken, so the NUL (or any other byte) ends the copy.
        while n < 4 && *p.add(n) & 0xC0 == 0x80 {
            b[n] = *p.add(n);
            n += 1;
        }
        let (r, len) = crate::base::utf::decode(&b[..n]);
        (r, len.max(1))
    }
}

/// Formats the NUL-terminated `fmt` into `f`; returns the units produced, or -1.
///
/// # Safety
/// `f` is a valid Fmt with its args set up; `fmt` is a NUL-terminated string.
pub unsafe fn dofmt(f: *mut Fmt, fmt: *const u8) -> c_int {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        if let Some(theirs) = interpose::dofmt() {
            // plan9port's lib9 fmt is linked in: its engine and verb table serve everyone.
            return theirs(f, fmt as *mut c_char);
        }
        let start = (*f).nfmt;
        let mut p = fmt;
        loop {
            let lit = p;
            while *p != 0 && *p != b'%' {
                p = p.add(1);
            }
            if p > lit {
                let s = core::slice::from_raw_parts(lit, p.offset_from(lit) as usize);
                if !out::literal(f, s) {
                    return -1;
                }
            }
            if *p == 0 {
                return (*f).nfmt.wrapping_sub(start);
            }
            match dispatch(f, p.add(1)) {
                Step::Next(q) => p = q,
                Step::End => return (*f).nfmt.wrapping_sub(start),
                Step::Fail => return -1,
            }
        }
    }
}

/// Parses one directive starting just after its `%`: flags, width, precision (all of
/// which may themselves be installed formatters returning >0), then the verb.
///
/// # Safety
/// As dofmt: `f` is a valid Fmt with its args set up, and `p` points into the
/// NUL-terminated format, just after a `%`.
unsafe fn dispatch(f: *mut Fmt, mut p: *const u8) -> Step {
    // SAFETY: the caller upholds this function's contract (its # Safety section).
    unsafe {
        (*f).flags = 0;
        (*f).width = 0;
        (*f).prec = 0;
        loop {
            let (r, n) = rune_at(p);
            p = p.add(n);
            (*f).r = r;
            let num: c_int;
            match r {
            0 => return Step::End,
            0x2E /* . */ => {
                (*f).flags |= FMT_WIDTH | FMT_PREC;
                continue;
            }
            0x30 /* 0 */ if (*f).flags & FMT_WIDTH == 0 => {
                (*f).flags |= FMT_ZERO;
                continue;
            }
            0x30..=0x39 => {
                let mut i: c_int = (r - 0x30) as c_int;
                while (*p).is_ascii_digit() {
                    i = i.saturating_mul(10).saturating_add((*p - b'0') as c_int);
                    p = p.add(1);
                }
                num = i;
            }
            0x2A /* * */ => {
                let mut i = arg_int(f);
                if i < 0 {
                    // A negative precision means none; a negative width means left-justify.
                    if (*f).flags & FMT_PREC != 0 {
                        (*f).flags &= !FMT_PREC;
                        (*f).prec = 0;
                        continue;
                    }
                    i = i.checked_neg().unwrap_or(c_int::MAX);
                    (*f).flags |= FMT_LEFT;
                }
                num = i;
            }
            _ => {
                let n = match table::lookup(r) {
                    Some(func) => func(f),
                    None => verbs::builtin(f, r, p),
                };
                if n < 0 {
                    return Step::Fail;
                }
                if n == 0 {
                    return Step::Next(p);
                }
                continue;
            }
        }
            if (*f).flags & FMT_WIDTH != 0 {
                (*f).flags |= FMT_PREC;
                (*f).prec = num;
            } else {
                (*f).flags |= FMT_WIDTH;
                (*f).width = num;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_matches_c() {
        // SAFETY: the C side only reports sizeof/offsetof.
        unsafe {
            assert_eq!(thread9_c_fmt_layout(0) as usize, core::mem::size_of::<Fmt>());
            assert_eq!(thread9_c_fmt_layout(1) as usize, core::mem::offset_of!(Fmt, args));
            assert_eq!(thread9_c_fmt_layout(2) as usize, core::mem::offset_of!(Fmt, r));
            assert_eq!(thread9_c_fmt_layout(3) as usize, core::mem::offset_of!(Fmt, flags));
            assert_eq!(thread9_c_fmt_layout(4) as usize, core::mem::offset_of!(Fmt, grouping));
            assert_eq!(thread9_c_fmt_layout(5) as usize, core::mem::offset_of!(Fmt, nfmt));
        }
        #[cfg(target_arch = "x86_64")]
        assert_eq!(core::mem::size_of::<Fmt>(), 128);
    }

    extern "C" {
        fn snprint(buf: *mut c_char, len: c_int, fmt: *const c_char, ...) -> c_int;
    }

    /// The whole path (C variadic entry, va_list accessors, engine) from Rust.
    fn sn(out: &mut [u8; 128], n: c_int) -> &str {
        assert!(n >= 0);
        core::str::from_utf8(&out[..n as usize]).unwrap()
    }

    #[test]
    fn through_the_c_entry_point() {
        let mut b = [0u8; 128];
        // SAFETY: each format matches the arguments passed.
        unsafe {
            let p = b.as_mut_ptr() as *mut c_char;
            let n =
                snprint(p, 128, c"%d|%5s|%-4x|%ud".as_ptr(), -42 as c_int, c"ab".as_ptr(), 255 as c_int, -1 as c_int);
            assert_eq!(sn(&mut b, n), "-42|   ab|ff  |4294967295");
            let n = snprint(p, 128, c"%.3f %g %e".as_ptr(), 2.0f64 / 3.0, 1e-5f64, 0.0f64);
            assert_eq!(sn(&mut b, n), "0.667 1e-05 0.000000e+00");
            let n = snprint(p, 128, c"%C%.1s%lld%%".as_ptr(), 0x263A as c_int, c"éx".as_ptr(), i64::MIN);
            assert_eq!(sn(&mut b, n), "☺é-9223372036854775808%");
            let n = snprint(p, 6, c"abcdefgh".as_ptr());
            assert_eq!(sn(&mut b, n), "abcde");
        }
    }

    #[test]
    fn rune_at_stops_at_nul() {
        // SAFETY: NUL-terminated literals.
        unsafe {
            assert_eq!(rune_at(c"é".as_ptr() as *const u8), (0xE9, 2));
            assert_eq!(rune_at(c"\xE2\x82".as_ptr() as *const u8), (crate::base::utf::RUNEERROR, 1));
            assert_eq!(rune_at(c"".as_ptr() as *const u8), (0, 1));
        }
    }
}
